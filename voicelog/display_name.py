"""The name voicelog goes by on screen: "voicelog", or a neutral one the person chose (``notes``).

Someone who glances at the screen, the service list or a report's cover should
not read "stalking diary". A person may choose a neutral name at install
(``scripts/install-pi.sh --name notes``) or in the config file
(``display_name = "notes"``); help texts, prompts, the report's cover and the
service's description then say it. Every user-visible text that names the tool
or what the diary is for goes through :func:`neutral`, so one table
(:data:`REVEALING`) decides what a neutral name hides.
"""

from __future__ import annotations

import os
import re

from voicelog.errors import UsageError

DEFAULT = "voicelog"
"""The name when none is chosen."""

ENVIRONMENT = "VOICELOG_DISPLAY_NAME"
"""The environment variable that sets the name (the installed alias sets it), before the config file."""

NAME_PATTERN = re.compile(r"[a-z][a-z0-9-]{0,31}")
"""What a chosen name may be: it is also a command and a service name (lower case, digits, hyphens)."""

REVEALING = (
    re.compile(r"\b(?:stalking|harassment)(?: (?:or|and) (?:stalking|harassment))? (diary)\b", re.I),
    re.compile(r"\bincident (diary)\b", re.I),
)
"""What a neutral name hides: the words that say what the diary is for; the word "diary" (group 1) stays."""

_TOOL = re.compile(r"(?<![\w/.])voicelog(?![\w/])")
"""The tool's name as a word (not inside a path like ``~/.local/share/voicelog/`` or ``VOICELOG_HOME``)."""


def check_name(name: str, where: str = "display_name") -> str:
    """``name`` if it can be a command and a service name; else a UsageError saying what fits."""
    if not NAME_PATTERN.fullmatch(name):
        raise UsageError(f"{where} {name!r} cannot be a command name; use lower-case letters, digits and hyphens, "
                         "starting with a letter (for example notes).")
    return name


def display_name() -> str:
    """The chosen name (VOICELOG_DISPLAY_NAME, else ``display_name`` in the config file), else ``voicelog``.

    A config file that cannot be read, or a name that does not fit, gives the default: help must always show.
    """
    chosen = os.environ.get(ENVIRONMENT)
    if not chosen:
        from voicelog.config import load_config
        from voicelog.errors import VoicelogError

        try:
            chosen = load_config().display_name
        except VoicelogError:
            chosen = None
    if not chosen or not NAME_PATTERN.fullmatch(chosen):
        return DEFAULT
    return chosen


def neutral(text: str, name: str | None = None) -> str:
    """``text`` as the person should see it: the tool called ``name`` and, when it is not ``voicelog``, nothing
    saying what the diary is for ("Keep a stalking or harassment diary" becomes "Keep a diary")."""
    name = name or display_name()
    if name == DEFAULT:
        return text
    for pattern in REVEALING:
        text = pattern.sub(_kept_word, text)
    return _TOOL.sub(name, text)


def _kept_word(found: re.Match[str]) -> str:
    """The word a revealing phrase keeps, capitalised when the phrase was (a sentence's first word stays so)."""
    kept = found.group(1)
    return kept[:1].upper() + kept[1:] if found.group(0)[:1].isupper() else kept


def report_kicker(name: str | None = None) -> str:
    """The line above a report's title: what the document is, in the chosen name's words."""
    return neutral("Stalking and harassment diary · incident log", name)


def service_unit(service: str, name: str | None = None) -> str:
    """The systemd unit ``scripts/install-pi.sh`` installs for ``service``: ``voicelog-listen.service``, or
    ``notes-listen.service`` under the name ``notes``."""
    return f"{name or display_name()}-{service}.service"


def service_description(service: str, name: str | None = None, *, folder: str = "") -> str:
    """The systemd unit's Description for ``service`` (``listen`` or ``import`` from ``folder``), as ``systemctl
    status`` shows it; ``scripts/install-pi.sh`` writes it into the unit."""
    texts = {"listen": "voicelog hands-free diary (waits for a private phrase)",
             "import": f"voicelog phone inbox (stores new recordings from {folder or 'a folder'})"}
    if service not in texts:
        raise UsageError(f"There is no {service!r} service; the services are {', '.join(texts)}.")
    return neutral(texts[service], name)
