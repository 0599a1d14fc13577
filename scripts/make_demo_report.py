#!/usr/bin/env python3
"""Build the invented demo diary, write its report, and screenshot the report's first page.

    python scripts/make_demo_report.py                   # docs/report-first-page.png
    python scripts/make_demo_report.py --keep demo-out   # also keep the diary, report and PDF there

Every account in the demo is made up (voicelog/demo.py). Needs Debian's
``chromium`` for the screenshot. Nothing is left in temporary folders: the
work folder is removed at the end unless --keep names one.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PASSPHRASE = "example passphrase only"
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars")


def chromium() -> str | None:
    """The Chromium executable, if installed."""
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def run_chromium(args: list[str], profile: Path, *, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run headless Chromium with a throwaway profile and no background networking."""
    exe = chromium()
    if exe is None:
        raise SystemExit("chromium is not installed (Debian: apt-get install -y chromium).")
    cmd = [exe, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=True)


def screenshot(html: Path, png: Path, profile: Path) -> None:
    """The first A4 page as it shows on screen, at 1.5x (about 1190 x 1685 pixels)."""
    run_chromium(["--window-size=794,1123", "--force-device-scale-factor=1.5", f"--screenshot={png}",
                  html.resolve().as_uri()], profile)


def print_pdf(html: Path, pdf: Path, profile: Path) -> None:
    """Print the report to PDF as a browser would."""
    run_chromium(["--no-pdf-header-footer", f"--print-to-pdf={pdf}", html.resolve().as_uri()], profile)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "report-first-page.png", help="PNG to write.")
    ap.add_argument("--keep", type=Path, help="Keep the demo diary, report and PDF in this folder.")
    args = ap.parse_args()

    from voicelog import report
    from voicelog.demo import build_demo_diary
    from voicelog.filters import Registry
    from voicelog.store import opening

    work = Path(tempfile.mkdtemp(prefix="voicelog-demo-"))
    try:
        demo = build_demo_diary(work / "demo.db", PASSPHRASE)
        html = work / "report.html"
        with opening.open_for_reading(demo.path, passphrase=PASSPHRASE) as book:
            entries = book.entries()
            built = report.build_report(entries, Registry(book.people()), head=book.head(),
                                        title="Incident diary", name="Alex Example")
            report.write_report(html, report.render_html(built, entries))
        profile = work / "chromium-profile"
        profile.mkdir()
        args.out.parent.mkdir(parents=True, exist_ok=True)
        screenshot(html, args.out, profile)
        print_pdf(html, work / "report.pdf", profile)
        print(f"{args.out} ({demo.entries} entries; counts {demo.counts})", file=sys.stderr)
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            for name in ("demo.db", "demo.db.key", "report.html", "report.pdf"):
                shutil.copy2(work / name, args.keep / name)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
