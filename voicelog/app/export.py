"""What leaves the sealed diary on the person's request: a report, a recording, a backup."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from voicelog.errors import DiaryError, UsageError, VaultError
from voicelog.store.attachments import Attachment
from voicelog.store.diary import Diary


@dataclass(frozen=True)
class WrittenReport:
    """A report written to a file."""

    path: Path
    """The file (plaintext, ``0o600``)."""
    format: str
    """``html``, ``pdf``, ``csv``, ``json`` or ``md``."""
    incidents: int
    """How many incidents it lists."""
    verified: bool = True
    """Whether the diary passed its tamper check when the report was made (the cover says so either way)."""
    left_out: tuple[str, ...] = ()
    """Rows that could not be read and are not in the report, one sentence each (named on the cover too)."""
    voided: int = 0
    """Voided entries in its timeline (one line each, not counted in :attr:`incidents`)."""


@dataclass(frozen=True)
class ExportedAudio:
    """A recording written out of the diary."""

    path: Path
    """The WAV file (``0o600``, not sealed)."""
    seconds: float
    """Its length."""


def report_format(out: Path, fmt: str | None = None) -> str:
    """The format asked for, else the one ``out``'s extension names, else HTML."""
    return fmt or {".csv": "csv", ".json": "json", ".md": "md", ".pdf": "pdf"}.get(out.suffix.lower(), "html")


def check_report(out: Path, fmt: str | None = None, *, statement: str | None = None, overwrite: bool = False,
                 with_images: bool = False) -> str:
    """The format ``out`` will be written in, once it can be: refuses an existing ``out`` (unless ``overwrite``),
    a statement of truth outside a PDF, images outside HTML and PDF or without Pillow, and a PDF when WeasyPrint
    or Pango is missing (saying what to install)."""
    fmt = report_format(out, fmt)
    refuse_existing(out, overwrite=overwrite)
    if with_images:
        from voicelog.report.thumbnails import load_pillow

        if fmt not in ("html", "pdf"):
            raise UsageError(f"Images are shown only in the HTML and PDF reports, not in {fmt}; add --format html "
                             "or pdf, or leave out --with-images.")
        load_pillow()
    if fmt == "pdf":
        from voicelog.report.pdf import load_weasyprint

        load_weasyprint()
    elif statement is not None:
        raise UsageError("A statement of truth is printed only in the PDF report; add --format pdf.")
    return fmt


def report(diary: Diary, out: Path, *, fmt: str | None = None, people: Sequence[str] = (),
           since: str | None = None, until: str | None = None, categories: Sequence[str] = (),
           title: str = "", name: str = "", statement: str | None = None, overwrite: bool = False,
           with_images: bool = False) -> WrittenReport:
    """Write the report for police or a solicitor (filtered as asked) to ``out``; refuses an existing file.

    The diary is verified first and its result goes on the cover; an entry that
    cannot be read is left out and named there, and every other one is reported.
    A PDF (``fmt="pdf"``) can end with a statement of truth: ``statement``'s
    words, or the default ones when it is "" (:data:`voicelog.report.pdf.DEFAULT_STATEMENT`).
    ``with_images`` embeds a small copy of each image exhibit, made in memory
    (:mod:`voicelog.report.thumbnails`); without it no image content is in the report.
    """
    from voicelog import report as rep
    from voicelog.filters import Registry, apply_filter, make_filter
    from voicelog.report import pdf

    flt = make_filter(people=people, since=since, until=until, categories=categories)
    fmt = check_report(out, fmt, statement=statement, overwrite=overwrite,
                       with_images=with_images)  # before the diary is read
    registry = Registry(diary.people())
    entries = apply_filter(diary.entries(), flt, registry)
    left_out = tuple(diary.left_out())  # what this read could not open: named on the cover, never hidden
    checked = rep.integrity(diary.verify(), left_out)
    built = rep.build_report(entries, registry, head=diary.head(), flt=flt, title=title, name=name, checked=checked)
    built = replace(built, exhibits=_exhibits(diary, {r.number for r in built.rows}))
    if with_images:
        from voicelog.report.thumbnails import thumbnails

        built = replace(built, thumbnails=thumbnails(diary, built.exhibits))
    if fmt == "pdf":
        signed = None if statement is None else pdf.Statement(statement.strip() or pdf.DEFAULT_STATEMENT, name)
        pdf.write_pdf(out, built, entries, statement=signed, overwrite=overwrite)
    else:
        rep.write_report(out, rep.render(built, fmt, entries), overwrite=overwrite)
    return WrittenReport(out, fmt, built.incidents, checked.ok, left_out, built.voided)


def _exhibits(diary: Diary, numbers: set[str]) -> tuple[Attachment, ...]:
    """The files sealed to the reported entries (an unreadable record is left out: verify names it on the cover)."""
    from voicelog.store.attachments import attachments

    return tuple(a for a in attachments(diary, left_out=[]) if str(a.entry) in numbers)


def export_audio(diary: Diary, seq: int, out: Path, *, overwrite: bool = False) -> ExportedAudio:
    """Write the recording kept with entry ``seq`` to the WAV file ``out`` (``0o600``; refuses an existing one)."""
    import io

    import soundfile as sf

    from voicelog.audio import decode_flac
    from voicelog.store.private_file import write_private

    refuse_existing(out, overwrite=overwrite)
    try:
        flac = diary.audio(seq)
    except VaultError as exc:
        raise DiaryError(f"The recording kept with entry {seq} is damaged and cannot be opened ({exc}); the other "
                         "entries and recordings are readable. `voicelog salvage` copies every readable one "
                         "to a new diary.") from exc
    samples, rate = decode_flac(flac)
    wav = io.BytesIO()  # encoded in memory, so a full disk is an OSError that write_private reports and cleans up
    sf.write(wav, samples, rate, format="WAV", subtype="PCM_16")
    write_private(out, wav.getvalue(), overwrite=overwrite)
    return ExportedAudio(out, len(samples) / rate)


def refuse_existing(path: Path, *, overwrite: bool) -> None:
    """Refuse ``path`` when it exists and replacing it was not asked for, before any work is done."""
    if not overwrite and path.exists():
        raise UsageError(f"{path} already exists; choose another name, or add --force to replace it.")
