"""Evidence sealed to an entry: a screenshot, photo, voicemail, video or document kept as a row of the chain.

An attachment is a row of kind ``attachment`` in the one hash-chained table, like
an amendment: its record (the entry it belongs to, the file's name, type, size,
SHA-256 and when it was attached) is the row's sealed content, and the file's
bytes go where an entry keeps its audio, padded and sealed with the diary's
public key the same way. So attaching needs no passphrase, reading back needs
it, and ``voicelog verify`` covers the record and the file (the chain hashes
both sealed values; the row carries its forward-secure seal). No table changes:
diaries written before attachments existed simply have no such rows.

Exhibits are numbered 1, 2, 3 ... in the order they were attached, over the
whole diary, as a report lists them.
"""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass
from typing import Any

from voicelog.errors import DiaryError, UsageError, VaultError
from voicelog.store import chain, entries, schema
from voicelog.store.diary import Diary
from voicelog.store.numbering import read_numbering

KIND = "attachment"
"""The ``kind`` of an attachment's row."""

MAX_BYTES = 50 * 1024 * 1024
"""The largest file taken (50 MiB). The whole file is held in memory while it is sealed (twice, briefly) and
lives inside the one diary file, which every backup copies: a long video would make both slow and large."""


@dataclass(frozen=True)
class Attachment:
    """One attached file as the diary records it (no content)."""

    exhibit: int
    """Its exhibit number: 1, 2, 3 ... in the order files were attached to the diary."""
    entry: int
    """The number of the entry it is attached to, as ``voicelog list`` shows it."""
    name: str
    """The file's name when it was attached (no folder)."""
    type: str
    """Its media type, e.g. ``image/png`` (``application/octet-stream`` when unknown)."""
    size: int
    """Its size in bytes."""
    sha256: str
    """The SHA-256 of its bytes, hex: what a copy handed over can be checked against."""
    attached_at: str
    """When it was attached (UTC, ISO 8601)."""
    row: int
    """Its row in the chain (for ``verify``'s sentences)."""
    hash: str
    """Its row's chain hash."""

    def to_dict(self) -> dict[str, Any]:
        """The JSON ``voicelog exhibits --json`` prints."""
        return {"exhibit": self.exhibit, "entry": self.entry, "name": self.name, "type": self.type,
                "size": self.size, "sha256": self.sha256, "attached_at": self.attached_at, "row": self.row,
                "hash": self.hash}


def too_big(name: str, size: int) -> UsageError:
    """The error for a file over :data:`MAX_BYTES`."""
    return UsageError(f"{name} is {size / 1024 / 1024:.1f} MB; voicelog seals files of up to "
                      f"{MAX_BYTES // 1024 // 1024} MB, since each is held in memory while it is sealed and stays "
                      "in the diary file every backup copies. Nothing was attached; keep a shorter clip or a "
                      "smaller copy.")


def attach(diary: Diary, number: int, *, name: str, media_type: str, data: bytes) -> Attachment:
    """Seal ``data`` to entry ``number`` as a new row of the chain; needs the public key only.

    A missing entry is a :class:`UsageError`; a file over :data:`MAX_BYTES` too.
    """
    if len(data) > MAX_BYTES:
        raise too_big(name, len(data))
    key = diary._entry_row(number)[0]  # raises UsageError for a number that is not there
    record = {"entry": key, "name": name, "type": media_type, "size": len(data),
              "sha256": hashlib.sha256(data).hexdigest()}
    seq, _, written, _, digest = diary._append_row(kind=KIND, content=record, audio=data)
    return Attachment(_exhibit_of(diary, seq), number, name, media_type, len(data), record["sha256"], written,
                      seq, digest)


def stored_whole(diary: Diary, attachment: Attachment) -> bool:
    """Whether the row just written is on disk as chained: read back from the file, its hash recomputed.

    Needs no passphrase (the sealed bytes are hashed, not opened): enough to
    know the sealed copy is kept before an original is deleted.
    """
    row = diary.db.conn.execute(f"SELECT {chain.CHAIN_COLUMNS} FROM entries WHERE seq = ? AND kind = ?",
                                (attachment.row, KIND)).fetchone()
    return (row is not None and row[6] == attachment.hash and chain.row_hash(row) == attachment.hash
            and row[4] is not None and len(row[4]) > attachment.size)


def attachments(diary: Diary, entry: int | None = None, *, left_out: list[str] | None = None) -> list[Attachment]:
    """Every attachment (or entry ``entry``'s), by exhibit number; needs the passphrase in a sealed diary.

    A record that cannot be opened is a :class:`DiaryError` naming its row,
    or, given ``left_out``, a sentence added there (a report lists the rest).
    """
    if entry is not None:
        diary._entry_row(entry)  # a missing entry is a UsageError
    conn = diary.db.conn
    try:
        rows = conn.execute("SELECT seq, content, hash FROM entries WHERE kind = ? ORDER BY seq", (KIND,)).fetchall()
        numbers = read_numbering(conn)
    except sqlite3.DatabaseError as exc:
        raise schema.open_error(diary.path, exc) from exc
    found = []
    for exhibit, (seq, content, digest) in enumerate(rows, start=1):
        try:
            record = entries.decode(diary._open(content))
            shown = numbers.show(int(record["entry"]))
            item = Attachment(exhibit, shown, str(record["name"]), str(record["type"]), int(record["size"]),
                              str(record["sha256"]), str(record["written_at"]), seq, digest)
        except (VaultError, ValueError, KeyError, TypeError) as exc:
            problem = DiaryError(f"The attachment record in row {seq} of {diary.path} cannot be read "
                                 f"({type(exc).__name__}); run `voicelog verify`.")
            if left_out is None:
                raise problem from exc
            left_out.append(str(problem))
            continue
        if entry is None or item.entry == entry:
            found.append(item)
    return found


def content(diary: Diary, attachment: Attachment) -> bytes:
    """The attached file's bytes, opened and checked against its recorded SHA-256 (needs the passphrase)."""
    row = diary.db.conn.execute("SELECT audio FROM entries WHERE seq = ? AND kind = ?",
                                (attachment.row, KIND)).fetchone()
    if row is None or row[0] is None:
        raise DiaryError(f"Exhibit {attachment.exhibit} ({attachment.name}) has no stored file in row "
                         f"{attachment.row} of {diary.path}; run `voicelog verify`.")
    data = diary._open(row[0])
    if hashlib.sha256(data).hexdigest() != attachment.sha256:
        raise DiaryError(f"Exhibit {attachment.exhibit} ({attachment.name}) does not match its recorded SHA-256; "
                         "it was not written out. Run `voicelog verify`.")
    return data


def _exhibit_of(diary: Diary, seq: int) -> int:
    return int(diary.db.conn.execute("SELECT count(*) FROM entries WHERE kind = ? AND seq <= ?",
                                     (KIND, seq)).fetchone()[0])
