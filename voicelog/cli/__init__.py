"""The ``voicelog`` command: click commands grouped by noun, over the application layer.

The CLI only parses options, calls :mod:`voicelog.app` (or the store, for plain
reads), and prints. stdout carries data (entries, JSON, tables asked for);
stderr carries talk (progress, words as they are recognised, status, errors).

Modules: :mod:`.options` (shared option bundles, the passphrase, error
handling), :mod:`.render` (how entries and people look, shared with the review
app), :mod:`.recording` (dictate, listen), :mod:`.recovering` (recover), :mod:`.reading` (list, show,
search, report, review), :mod:`.diary` (init, passwd, verify, upgrade, amend, void, audio,
backup, salvage, reextract), :mod:`.people`, :mod:`.extracting` (extract) and
:mod:`.system` (devices, models, paths), :mod:`.doctor`; :mod:`.review_app` is the Textual app.
"""

from __future__ import annotations

import logging
import sys

import click

from voicelog import __version__
from voicelog.cli import (
    attach,
    diary,
    doctor,
    extracting,
    inbox,
    people,
    reading,
    recording,
    recovering,
    rehear,
    system,
    vocabulary,
    write,
)
from voicelog.cli.naming import program_name, use_display_name
from voicelog.cli.options import CONTEXT


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version")
@click.option("--debug", is_flag=True, help="Log details (and Vosk's own logging) to stderr.")
def cli(debug: bool) -> None:
    """Keep a stalking or harassment diary by speaking.

    Speak an account of what happened; voicelog transcribes it offline, pulls
    out when, where, who and what, and appends a dated entry to your diary.

    \b
    Examples:
      voicelog dictate                      speak now, stop by falling silent
      voicelog dictate --file account.wav   an account recorded on a phone
      voicelog list                         every entry, newest last
      voicelog show 3                       one entry in full
      voicelog people add "Colin Mowbray" --alias "my ex"
    """
    logging.getLogger("voicelog").setLevel(logging.DEBUG if debug else logging.WARNING)
    logging.basicConfig(
        level=logging.DEBUG if debug else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )


for command in (
    recording.dictate, write.write, recording.listen, recovering.recover, inbox.import_,
    reading.list_, reading.show, reading.search, reading.report, reading.review,
    diary.init, diary.passwd, diary.verify, diary.upgrade, diary.amend, diary.void, diary.audio, diary.backup,
    diary.salvage, diary.reextract, rehear.rehear, attach.attach, attach.exhibits, vocabulary.vocabulary,
    people.people, extracting.extract, system.devices, system.models, system.paths, doctor.doctor,
):
    cli.add_command(command)
use_display_name([cli])


def main() -> None:
    """Entry point for the ``voicelog`` script and ``python -m voicelog``."""
    cli(prog_name=program_name())
