"""Text from a diary made safe to show: control characters and bidi overrides become visible escapes.

A name, place, note or transcript may hold anything a person (or someone with
the device in their hands) typed, pasted or forged: an ESC that starts a
terminal sequence (clearing the screen, rewriting a line), a newline that fakes
another row, or a right-to-left override that makes ``evil.exe`` read as
``exe.live``. Everything a diary holds is passed through :func:`clean` where it
is shown (terminal, review app, report), which writes each such character as a
visible backslash escape (``\\x1b``, ``\\u202e``), so the reader sees that it
was there and what it was. The stored data is never changed.
"""

from __future__ import annotations

import re

_BIDI = (
    *range(0x202A, 0x202F),  # LRE, RLE, PDF, LRO, RLO
    *range(0x2066, 0x206A),  # LRI, RLI, FSI, PDI
    0x200E, 0x200F, 0x061C,  # LRM, RLM, ALM
    0x2028, 0x2029,  # line and paragraph separators: a new line in a one-line field
)
UNSAFE = frozenset((*range(0x20), 0x7F, *range(0x80, 0xA0), *_BIDI))
"""Code points never shown as they are: C0 and C1 controls (every one, newline and tab too), DEL, bidi controls."""

_TABLE = {cp: (f"\\x{cp:02x}" if cp < 0x100 else f"\\u{cp:04x}") for cp in UNSAFE}
_JSON_UNSAFE = re.compile("[" + "".join(chr(cp) for cp in sorted(UNSAFE) if cp >= 0x7F) + "]")


def clean(text: str) -> str:
    """``text`` with every character of :data:`UNSAFE` written as a visible escape, e.g. ``Main St\\x1b[2J``."""
    return text.translate(_TABLE)


def json_safe(serialised: str) -> str:
    """JSON text with DEL, C1 and bidi controls written as ``\\uXXXX`` escapes: the same data, safe to print.

    ``json.dumps`` already escapes C0 controls (ESC is written ``\\u001b``) but,
    with ``ensure_ascii=False``, leaves DEL, C1 controls and bidi overrides raw.
    These can only occur inside JSON strings, where ``\\uXXXX`` parses back to
    the same character, so nothing is lost.
    """
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", serialised)
