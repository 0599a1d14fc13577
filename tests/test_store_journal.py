"""The capture journal (voicelog.store.journal): sealed, fsynced audio that survives a crash, read back tolerantly."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from voicelog.errors import JournalError
from voicelog.pcm import SAMPLE_WIDTH
from voicelog.store.journal import JournalWriter, journal_path
from voicelog.store.journal_reader import find_journals, read_journal
from voicelog.store.keys import (
    PlainCodec,
    PrivateKeyOpener,
    PublicKeySealer,
    Sealer,
    create_keys,
    unlock,
)

ROOT = Path(__file__).resolve().parent.parent
FAST = {"opslimit": 1, "memlimit": 8192}
PASS = "journal test phrase"
RATE = 16000
CHUNK = RATE  # bytes in half a second of 16 kHz s16le
WHEN = datetime(2026, 3, 24, 21, 30, 5, tzinfo=UTC)
PATTERN = b"DISTINCTIVE-PCM-PATTERN-0xC0FFEE"


def chunk(i: int, size: int = CHUNK) -> bytes:
    """Deterministic audio-like bytes that differ from chunk to chunk."""
    seed = f"{i:06d}".encode()
    return (seed * (size // len(seed) + 1))[:size]


@pytest.fixture
def keys(tmp_path: Path) -> tuple[Path, PublicKeySealer, PrivateKeyOpener]:
    path = tmp_path / "diary.key"
    sealer = create_keys(path, PASS, **FAST)
    return path, sealer, unlock(path, PASS)


def write_journal(path: Path, sealer: Sealer, pieces: list[bytes], *, close: bool = True) -> None:
    writer = JournalWriter(path, sealer, recorded_at=WHEN, sample_rate=RATE, meta={"source": "mic"})
    for piece in pieces:
        writer.append(piece)
    if close:
        writer.close()
    else:
        writer.abandon()


def test_round_trip(tmp_path: Path, keys) -> None:
    _, sealer, opener = keys
    # Uneven pieces: the writer regroups them into half-second records.
    pieces = [os.urandom(n) for n in (3000, 17000, 1, 9999, 32000, 4)]
    path = tmp_path / "a.vlj"
    write_journal(path, sealer, pieces)
    journal = read_journal(path, opener)
    assert journal.pcm == b"".join(pieces)
    assert journal.complete and not journal.damaged
    assert journal.recorded_at == WHEN
    assert journal.sample_rate == RATE
    assert journal.records == len(b"".join(pieces)) // CHUNK + 1
    assert dict(journal.meta) == {"source": "mic"}
    assert journal.seconds == pytest.approx(len(journal.pcm) / SAMPLE_WIDTH / RATE)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_records_are_written_as_audio_arrives(tmp_path: Path, keys) -> None:
    _, sealer, opener = keys
    path = tmp_path / "live.vlj"
    writer = JournalWriter(path, sealer, recorded_at=WHEN)
    writer.append(chunk(0) + chunk(1)[:100])
    # Without closing, a reader in another process already sees the whole half second.
    journal = read_journal(path, opener)
    assert journal.pcm == chunk(0) and not journal.complete and journal.records == 1
    writer.flush()
    assert read_journal(path, opener).pcm == chunk(0) + chunk(1)[:100]
    writer.close()
    writer.close()  # twice is fine
    assert read_journal(path, opener).complete
    with pytest.raises(JournalError, match="closed"):
        writer.append(b"\0\0")


def test_empty_recording(tmp_path: Path, keys) -> None:
    _, sealer, opener = keys
    write_journal(tmp_path / "e.vlj", sealer, [])
    journal = read_journal(tmp_path / "e.vlj", opener)
    assert journal.pcm == b"" and journal.complete and journal.records == 1


def test_context_manager(tmp_path: Path, keys) -> None:
    _, sealer, opener = keys
    with JournalWriter(tmp_path / "ok.vlj", sealer, recorded_at=WHEN) as writer:
        writer.append(chunk(0))
    assert read_journal(tmp_path / "ok.vlj", opener).complete

    with (
        pytest.raises(KeyboardInterrupt),
        JournalWriter(tmp_path / "int.vlj", sealer, recorded_at=WHEN) as writer,
    ):
        writer.append(chunk(0) + b"\1\1")
        raise KeyboardInterrupt
    journal = read_journal(tmp_path / "int.vlj", opener)
    assert journal.pcm == chunk(0) + b"\1\1"
    assert not journal.complete


def test_refuses_existing_file(tmp_path: Path, keys) -> None:
    _, sealer, _ = keys
    path = tmp_path / "x.vlj"
    path.write_bytes(b"keep me")
    with pytest.raises(JournalError, match="already exists"):
        JournalWriter(path, sealer, recorded_at=WHEN)
    assert path.read_bytes() == b"keep me"


def test_discard_deletes(tmp_path: Path, keys) -> None:
    _, sealer, _ = keys
    writer = JournalWriter(tmp_path / "d.vlj", sealer, recorded_at=WHEN)
    writer.append(chunk(0))
    writer.close()
    writer.discard()
    assert not (tmp_path / "d.vlj").exists()


def test_nothing_in_clear(tmp_path: Path, keys) -> None:
    _, sealer, _ = keys
    pcm = (PATTERN * 2000)[: CHUNK * 3 + 500]
    path = tmp_path / "p.vlj"
    write_journal(path, sealer, [pcm[:7000], pcm[7000:]])
    data = path.read_bytes()
    assert PATTERN not in data
    assert PATTERN[:8] not in data
    assert b"mic" not in data  # meta is sealed too
    assert b"2026-03-24T21:30" not in data and b"20260324" not in data  # the time is sealed too
    assert b"sample_rate" in data  # the only thing in clear


@pytest.mark.slow
def test_sigkill_midway_keeps_what_was_written(tmp_path: Path, keys) -> None:
    key_path, _, opener = keys
    path = tmp_path / "killed.vlj"
    script = textwrap.dedent(
        f"""
        import sys, time
        from datetime import datetime, timezone
        from pathlib import Path
        from voicelog.store.journal import JournalWriter
        from voicelog.store.keys import load_sealer
        def chunk(i, size={CHUNK}):
            seed = f"{{i:06d}}".encode()
            return (seed * (size // len(seed) + 1))[:size]
        sealer = load_sealer(Path({str(key_path)!r}))
        writer = JournalWriter(
            Path({str(path)!r}), sealer, recorded_at=datetime.now(timezone.utc), sample_rate={RATE}
        )
        i = 0
        while True:
            # Pieces of a third of a record, like a microphone's blocks.
            for part in range(3):
                writer.append(chunk(i)[part * {CHUNK // 3}:(part + 1) * {CHUNK // 3}] if part < 2
                              else chunk(i)[2 * {CHUNK // 3}:])
                time.sleep(0.01)
            print(writer.records, flush=True)
            i += 1
        """
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", script], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        written = 0
        deadline = time.monotonic() + 30
        while written < 5 and time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            written = int(line)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait()
        proc.stdout.close()
        stderr = proc.stderr.read()
        proc.stderr.close()
    assert written >= 5, stderr
    assert proc.returncode == -signal.SIGKILL

    journal = read_journal(path, opener)
    assert not journal.complete
    assert not journal.damaged
    assert journal.records >= written
    assert journal.pcm == b"".join(chunk(i) for i in range(journal.records))


def test_truncated_tail_never_raises(tmp_path: Path, keys) -> None:
    _, sealer, opener = keys
    pieces = [chunk(i, 150) for i in range(20)]  # small records, so 200 bytes spans several
    path = tmp_path / "t.vlj"
    writer = JournalWriter(path, sealer, recorded_at=WHEN, record_seconds=150 / 2 / RATE)
    for piece in pieces:
        writer.append(piece)
    writer.close()
    data = path.read_bytes()
    full = b"".join(pieces)
    assert read_journal(path, opener).pcm == full

    cut = tmp_path / "cut.vlj"
    seen = set()
    for size in range(len(data) - 200, len(data)):
        cut.write_bytes(data[:size])
        journal = read_journal(cut, opener)
        assert not journal.complete
        assert not journal.damaged
        assert full.startswith(journal.pcm)
        assert len(journal.pcm) == journal.records * 150
        seen.add(journal.records)
    assert len(seen) > 1  # the cuts really crossed record boundaries


def test_flipped_byte_in_a_middle_record_stops_there(tmp_path: Path, keys) -> None:
    _, sealer, opener = keys
    pieces = [chunk(i) for i in range(6)]
    path = tmp_path / "f.vlj"
    write_journal(path, sealer, pieces)
    data = bytearray(path.read_bytes())
    record_size = 4 + CHUNK + 17
    fourth_record = len(data) - (record_size * 3 + 4 + 17)  # three records and the final one follow
    for offset in (fourth_record + 2, fourth_record + 4 + 100):  # in its length, in its ciphertext
        flipped = bytearray(data)
        flipped[offset] ^= 0x01
        path.write_bytes(flipped)
        journal = read_journal(path, opener)
        assert journal.pcm == b"".join(pieces[:3])
        assert journal.records == 3
        assert journal.damaged and not journal.complete


def test_altered_clear_header_is_detected(tmp_path: Path, keys) -> None:
    _, sealer, opener = keys
    path = tmp_path / "time.vlj"
    write_journal(path, sealer, [chunk(0), chunk(1)])
    assert read_journal(path, opener).recorded_at == WHEN
    path.write_bytes(path.read_bytes().replace(b'"s16le"', b'"s16LE"'))
    with pytest.raises(JournalError):
        read_journal(path, opener)
    path.write_bytes(path.read_bytes().replace(b'"s16LE"', b'"s16le"').replace(b"16000", b"16001"))
    journal = read_journal(path, opener)  # a rate changed in clear: the records no longer authenticate
    assert journal.pcm == b"" and journal.damaged


def test_bad_header(tmp_path: Path, keys) -> None:
    _, sealer, opener = keys
    path = tmp_path / "h.vlj"
    write_journal(path, sealer, [chunk(0)])
    good = path.read_bytes()
    clear_end = 4 + 4 + int.from_bytes(good[4:8], "big")
    cases = {
        b"": "not a voicelog capture journal",
        b"RIFF....WAVE": "not a voicelog capture journal",
        good[:3]: "not a voicelog capture journal",
        good[:6]: "damaged header",
        good[: clear_end - 1]: "damaged header",
        good[:8] + b"x" * (clear_end - 8) + good[clear_end:]: "damaged header",
        good[: clear_end + 30]: "damaged header",
        good[: clear_end + 40] + bytes([good[clear_end + 40] ^ 1]) + good[clear_end + 41 :]: "another diary key",
    }
    for content, message in cases.items():
        path.write_bytes(content)
        with pytest.raises(JournalError, match=message) as info:
            read_journal(path, opener)
        assert str(path) in str(info.value)
    with pytest.raises(JournalError, match="No capture journal"):
        read_journal(tmp_path / "missing.vlj", opener)


def test_journal_for_another_diary(tmp_path: Path, keys) -> None:
    _, sealer, _ = keys
    write_journal(tmp_path / "o.vlj", sealer, [chunk(0)])
    create_keys(tmp_path / "other.key", "other", **FAST)
    with pytest.raises(JournalError, match="another diary key"):
        read_journal(tmp_path / "o.vlj", unlock(tmp_path / "other.key", "other"))


def test_plain_codec_journal(tmp_path: Path) -> None:
    codec = PlainCodec()
    write_journal(tmp_path / "plain.vlj", codec, [chunk(0)])
    assert read_journal(tmp_path / "plain.vlj", codec).pcm == chunk(0)


def test_find_journals_oldest_first(tmp_path: Path, keys) -> None:
    _, sealer, _ = keys
    folder = tmp_path / "journals"
    assert find_journals(folder) == []
    folder.mkdir()
    times = [WHEN + timedelta(minutes=m) for m in (30, 0, 10)]
    paths = []
    for when in times:  # the recording time is sealed: they are ordered by the file's time
        path = journal_path(folder)
        JournalWriter(path, sealer, recorded_at=when).close()
        os.utime(path, (when.timestamp(), when.timestamp()))
        paths.append(path)
    (folder / "notes.txt").write_text("not a journal")
    broken = folder / "broken.vlj"
    broken.write_bytes(b"junk")
    os.utime(broken, (0, 0))  # mtime 1970: oldest
    assert find_journals(folder) == [broken, paths[1], paths[2], paths[0]]


def test_find_journals_with_the_diary_key_orders_by_the_sealed_recording_time(tmp_path: Path, keys) -> None:
    _, sealer, opener = keys
    folder = tmp_path / "fallback"
    folder.mkdir()
    stamp = datetime(2026, 3, 26, 22, 0).timestamp()
    paths = []
    for seconds in (40, 10, 25):  # written in the same second, as a full disk's fallback copies are
        path = journal_path(folder)
        JournalWriter(path, sealer, recorded_at=WHEN + timedelta(seconds=seconds)).close()
        os.utime(path, (stamp, stamp))
        paths.append(path)
    stranger = folder / "other-diary.vlj"
    JournalWriter(stranger, create_keys(tmp_path / "other.key", "another diary", **FAST), recorded_at=WHEN).close()
    earlier = WHEN.timestamp() - 60
    os.utime(stranger, (earlier, earlier))  # cannot be opened: it comes by its file time
    assert find_journals(folder, opener) == [stranger, paths[1], paths[2], paths[0]]
    assert sorted(find_journals(folder)) == sorted(paths + [stranger])  # locked: by file time and name


# -- a full disk ------------------------------------------------------------------------------------------------


def test_a_full_disk_keeps_the_records_in_memory_until_space_returns(disk, keys) -> None:
    _, sealer, opener = keys
    path = disk.path / "full.vlj"
    writer = JournalWriter(path, sealer, recorded_at=WHEN)
    writer.append(chunk(0) + chunk(1))
    disk.fill()
    writer.append(chunk(2) + chunk(3) + chunk(4)[:10])
    assert writer.disk_full and writer.waiting_audio == 2 * CHUNK and not writer.whole
    back = read_journal(path, opener)  # the file still ends after a whole record
    assert back.pcm == chunk(0) + chunk(1) and not back.damaged
    assert not writer.retry()  # still full: nothing lost, nothing written
    assert not writer.finish()
    disk.free()
    assert writer.retry() and writer.whole and writer.problem is None
    writer.close()
    back = read_journal(path, opener)
    assert back.pcm == b"".join(chunk(i) for i in range(4)) + chunk(4)[:10] and back.complete and not back.damaged
    assert writer.records == back.records


def test_a_disk_full_from_the_start_keeps_even_the_header(disk, keys) -> None:
    _, sealer, opener = keys
    disk.fill()
    path = disk.path / "journals" / "late.vlj"
    writer = JournalWriter(path, sealer, recorded_at=WHEN)
    writer.append(chunk(0))
    assert not path.exists() and writer.disk_full and writer.waiting_audio == CHUNK
    disk.free()
    assert writer.retry()
    writer.close()
    assert read_journal(path, opener).pcm == chunk(0)


def test_closing_on_a_full_disk_says_so_and_leaves_a_readable_journal(disk, keys) -> None:
    _, sealer, opener = keys
    path = disk.path / "closing.vlj"
    writer = JournalWriter(path, sealer, recorded_at=WHEN)
    writer.append(chunk(0))
    disk.fill()
    writer.append(chunk(1))
    with pytest.raises(JournalError, match="is full"):
        writer.close()
    back = read_journal(path, opener)
    assert back.pcm == chunk(0) and not back.complete and not back.damaged


def test_write_journal_leaves_nothing_when_the_disk_is_full(disk, keys) -> None:
    from voicelog.store.journal import write_journal

    _, sealer, opener = keys
    written = write_journal(disk.path, sealer, chunk(0) + chunk(1), recorded_at=WHEN, meta={"source": "listen"})
    back = read_journal(written, opener)
    assert back.pcm == chunk(0) + chunk(1) and back.complete and dict(back.meta) == {"source": "listen"}
    disk.fill()
    with pytest.raises(JournalError, match="is full"):
        write_journal(disk.path, sealer, chunk(2) * 4, recorded_at=WHEN)
    assert find_journals(disk.path) == [written]


def test_a_record_cut_short_by_the_disk_is_taken_back_and_written_again(tmp_path: Path, keys,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Without root: ENOSPC injected at os.write after part of a record, as a nearly full disk does it."""
    import errno

    import voicelog.store.journal as journal_module

    _, sealer, opener = keys
    path = tmp_path / "part.vlj"
    writer = JournalWriter(path, sealer, recorded_at=WHEN)
    writer.append(chunk(0))
    real_write = os.write
    room = [5000]  # bytes the disk still takes

    def nearly_full(fd: int, data) -> int:
        if room[0] <= 0:
            raise OSError(errno.ENOSPC, "No space left on device")
        n = real_write(fd, bytes(data[: room[0]]))
        room[0] -= n
        return n

    monkeypatch.setattr(journal_module.os, "write", nearly_full)
    writer.append(chunk(1))
    assert writer.disk_full and writer.waiting_audio == CHUNK
    assert read_journal(path, opener).pcm == chunk(0) and not read_journal(path, opener).damaged
    room[0] = 1 << 30
    assert writer.retry()
    writer.close()
    back = read_journal(path, opener)
    assert back.pcm == chunk(0) + chunk(1) and back.complete and not back.damaged


def test_a_stamped_journal_reads_back_its_seal_and_a_malformed_seal_is_a_damaged_header(
        tmp_path: Path, keys: tuple[Path, PublicKeySealer, PrivateKeyOpener]) -> None:
    from voicelog.store.journal_seal import JournalSeal, stamp_at, tag

    _, sealer, opener = keys
    stamp = stamp_at(7, b"s" * 32)
    with JournalWriter(tmp_path / "s.vlj", sealer, recorded_at=WHEN, meta={"source": "mic"}, stamp=stamp) as w:
        w.append(chunk(0))
    back = read_journal(tmp_path / "s.vlj", opener)
    assert isinstance(back.seal, JournalSeal) and back.seal.row == 7 and back.seal.tag == tag(stamp, back.seal.digest)
    assert dict(back.meta) == {"source": "mic"} and back.recorded_at == WHEN and back.pcm == chunk(0)
    assert read_journal(tmp_path / "s.vlj", opener).seal == back.seal  # the digest is computed the same each time
    with JournalWriter(tmp_path / "n.vlj", sealer, recorded_at=WHEN) as w:
        w.append(chunk(0))
    assert read_journal(tmp_path / "n.vlj", opener).seal is None
    with JournalWriter(tmp_path / "bad.vlj", sealer, recorded_at=WHEN, meta={"seal_tag": "00"}) as w:
        w.append(chunk(0))  # a seal without its row
    with pytest.raises(JournalError, match="damaged header"):
        read_journal(tmp_path / "bad.vlj", opener)
