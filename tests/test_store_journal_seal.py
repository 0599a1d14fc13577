"""``voicelog.store.journal_seal``: a journal's seal holds for the row it was stamped at, and for nothing else."""

from __future__ import annotations

from voicelog.store import sealing
from voicelog.store.journal_seal import JournalSeal, current_stamp, details, digest, problem, sign, stamp_at

ORIGIN = bytes(range(16))
STREAM_KEY = b"k" * 32
META = {"recorded_at": "2026-03-26T22:05:00", "source": "listen", "seal_row": 4}


def _read_back(tag: str, meta: dict[str, object] = META, stream_key: bytes = STREAM_KEY) -> JournalSeal:
    return JournalSeal(int(str(meta["seal_row"])), tag, digest(stream_key, details(meta)))


def test_a_stamp_taken_from_the_state_checks_against_the_origin_after_the_diary_moved_on() -> None:
    state = sealing.State(4, sealing.key_at(ORIGIN, 4))
    stamp = current_stamp(state)
    assert stamp is not None and stamp.row == 4 and stamp.key != state.key  # derived, never the row key itself
    tag = sign(stamp, STREAM_KEY, META)
    later = sealing.State(9, sealing.key_at(ORIGIN, 9))
    assert problem(_read_back(tag), origin=ORIGIN, state=later) is None
    assert problem(_read_back(tag), origin=ORIGIN, state=state) is None


def test_any_change_to_the_details_the_key_or_the_row_breaks_the_seal() -> None:
    state = sealing.State(9, sealing.key_at(ORIGIN, 9))
    tag = sign(stamp_at(4, sealing.key_at(ORIGIN, 4)), STREAM_KEY, META)
    assert "does not match" in (problem(_read_back(tag, {**META, "recorded_at": "2026-03-01T09:00:00"}),
                                        origin=ORIGIN, state=state) or "")
    assert "does not match" in (problem(_read_back(tag, stream_key=b"x" * 32), origin=ORIGIN, state=state) or "")
    assert "does not match" in (problem(_read_back(tag, {**META, "seal_row": 3}), origin=ORIGIN, state=state) or "")
    assert "does not match" in (problem(_read_back(tag), origin=bytes(16), state=state) or "")  # another diary


def test_a_row_the_diary_has_not_reached_no_seal_and_a_diary_that_does_not_seal() -> None:
    state = sealing.State(3, sealing.key_at(ORIGIN, 3))
    tag = sign(stamp_at(4, sealing.key_at(ORIGIN, 4)), STREAM_KEY, META)
    assert "has not reached" in (problem(_read_back(tag), origin=ORIGIN, state=state) or "")
    assert "no seal" in (problem(None, origin=ORIGIN, state=state) or "")
    assert current_stamp(None) is None
    assert problem(None, origin=None, state=None) is None  # a diary made before seals checks nothing, as before
