"""The people registry (voicelog.store.people): sealed on disk, aliases merged, clashes refused."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from store_fixtures import append, chain_ok, new_sealed, reader

from voicelog.errors import LockedError, UsageError
from voicelog.incident import KnownPerson
from voicelog.store.opening import open_diary


@pytest.fixture
def sealed(tmp_path: Path) -> Path:
    return new_sealed(tmp_path)


def test_people_registry_is_sealed_and_merges_aliases(sealed: Path) -> None:
    with reader(sealed) as diary:
        diary.add_person("Colin  Mowbray", ["my ex"])
        diary.add_person("colin mowbray", ["Col", "my ex"])
        diary.add_person("Dave")
        people = diary.people()
    assert [(p.name, p.aliases) for p in people] == [("Colin Mowbray", ("my ex", "Col")), ("Dave", ())]
    on_disk = b"".join(p.read_bytes() for p in sealed.parent.iterdir() if p.is_file())
    assert b"Mowbray" not in on_disk and b"my ex" not in on_disk
    with open_diary(sealed) as locked, pytest.raises(LockedError):
        locked.people()


def test_an_alias_that_names_someone_else_is_refused(sealed: Path) -> None:
    with reader(sealed) as diary:
        diary.add_person("Colin Mowbray", ["my ex"])
        diary.add_person("Ned Haworth")
        with pytest.raises(UsageError, match="already names Colin Mowbray"):
            diary.add_aliases("Ned Haworth", ["my ex"])
        with pytest.raises(UsageError, match="already names Colin Mowbray"):
            diary.add_person("Sam", ["MY EX"])
        with pytest.raises(UsageError, match="No one called 'Nobody'"):
            diary.add_aliases("Nobody", ["x"])
        with pytest.raises(UsageError, match="needs a name"):
            diary.add_person("   ")
        assert diary.add_aliases("my ex", ["Colly"]) == KnownPerson("Colin Mowbray", ("my ex", "Colly"))
        assert diary.find_person("COLLY") == KnownPerson("Colin Mowbray", ("my ex", "Colly"))
        assert diary.find_person("Sam") is None  # the refused add left nothing behind


def test_merge_makes_one_person_and_refuses_to_swallow_an_alias(sealed: Path) -> None:
    with reader(sealed) as diary:
        diary.add_person("Edward Haworth", ["dave"])
        diary.add_person("His Brother", ["the tall one"])
        merged = diary.merge_people("Edward Haworth", "his brother")
        assert merged == KnownPerson("Edward Haworth", ("dave", "His Brother", "the tall one"))
        assert [p.name for p in diary.people()] == ["Edward Haworth"]
        with pytest.raises(UsageError, match="already the same person"):
            diary.merge_people("dave", "the tall one")
        diary.add_person("Hilda", ["the neighbour"])
        with pytest.raises(UsageError, match="is an alias of Hilda, so nothing was merged"):
            diary.merge_people("Edward Haworth", "the neighbour")
        stranger = diary.merge_people("Mark", "the man at the bus stop")
        assert stranger == KnownPerson("Mark", ("the man at the bus stop",))
        assert sorted(p.name for p in diary.people()) == ["Edward Haworth", "Hilda", "Mark"]


def test_a_failed_write_leaves_the_registry_unchanged(sealed: Path) -> None:
    with reader(sealed) as diary:
        with pytest.raises(RuntimeError), diary._write() as conn:
            conn.execute("INSERT INTO people (content) VALUES (x'00')")
            raise RuntimeError("power cut")
        assert diary.people() == []


def test_merge_finds_people_by_alias_and_keeps_the_list_in_the_chain(sealed: Path) -> None:
    append(sealed, "dave was outside my house")
    with reader(sealed) as diary:
        diary.add_person("A Person", ["a"])
        diary.add_person("B Person", ["b"])
        merged = diary.merge_people("a", "B Person")  # found by alias
        assert merged.name == "A Person" and merged.aliases == ("a", "B Person", "b")
        assert [p.name for p in diary.people()] == ["A Person"]
        assert diary.find_person("b") == merged
        with pytest.raises(UsageError):
            diary.add_aliases("nobody", ["x"])
    assert chain_ok(sealed)
    with reader(sealed) as diary:  # each change is one sealed row holding the whole list; the old table is empty
        kinds = [r[0] for r in diary.db.execute("SELECT kind FROM entries ORDER BY seq")]
        assert kinds == ["seal", "entry", "people", "people", "people"]
        assert diary.db.execute("SELECT count(*) FROM people").fetchone()[0] == 0
        assert [e.seq for e in diary.entries()] == [1]


def _add_aliases(path: str, tag: str, n: int) -> None:
    with reader(Path(path)) as diary:
        for i in range(n):
            diary.add_person("Colin Mowbray", [f"{tag} {i}"])


@pytest.mark.slow  # three processes
def test_two_processes_adding_at_once_lose_nothing(sealed: Path) -> None:
    import multiprocessing

    ctx = multiprocessing.get_context("spawn")
    tags = ("phone", "laptop", "listener")
    procs = [ctx.Process(target=_add_aliases, args=(str(sealed), tag, 40)) for tag in tags]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    with reader(sealed) as diary:
        people = diary.people()
    assert [p.name for p in people] == ["Colin Mowbray"]
    assert sorted(people[0].aliases) == sorted(f"{t} {i}" for t in tags for i in range(40))


def test_a_damaged_people_list_falls_back_to_the_one_before_and_reading_goes_on(sealed: Path) -> None:
    append(sealed, "dave was outside my house")
    with reader(sealed) as diary:
        diary.add_person("A Person", ["a"])
        diary.add_person("B Person", ["b"])
    conn = sqlite3.connect(sealed)
    last = conn.execute("SELECT seq, content FROM entries WHERE kind = 'people' ORDER BY seq DESC").fetchone()
    flipped = bytearray(last[1])
    flipped[60] ^= 0x01
    conn.execute("UPDATE entries SET content = ? WHERE seq = ?", (bytes(flipped), last[0]))
    conn.commit()
    conn.close()
    with reader(sealed) as diary:
        assert [p.name for p in diary.people()] == ["A Person"]
        assert [e.seq for e in diary.entries()] == [1]
        assert last[0] in diary.verify().bad_rows
        assert list(diary.set_aside) == [last[0]] and not diary.damaged  # named for the reading commands
        assert diary.left_out() == [diary.set_aside[last[0]]]
