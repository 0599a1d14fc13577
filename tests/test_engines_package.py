"""The voicelog.engines package as a whole: engines are plugins, and importing them is cheap.

Nothing outside ``voicelog/engines/`` may compare an engine's name: that is what
lets a new engine be one module and one row of the registry.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from voicelog.engines import ENGINE_CHOICES, ENGINE_NAMES

PACKAGE = Path(__file__).resolve().parent.parent / "voicelog"
ENGINES_DIR = PACKAGE / "engines"


def _names_an_engine(node: ast.AST) -> bool:
    """True when ``node`` is an engine's name as a string, or a tuple/list/set holding one."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value.strip().lower() in ENGINE_NAMES
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return any(_names_an_engine(e) for e in node.elts)
    return False


def engine_name_checks(source: str) -> list[int]:
    """Lines of ``source`` that branch on an engine's name: comparisons, ``match`` cases, dispatch tables."""
    def branches(node: ast.AST) -> bool:
        if isinstance(node, ast.Compare):
            return any(_names_an_engine(o) for o in (node.left, *node.comparators))
        if isinstance(node, ast.MatchValue):
            return _names_an_engine(node.value)
        if isinstance(node, ast.Dict):
            return any(k is not None and _names_an_engine(k) for k in node.keys)
        return False

    return sorted(node.lineno for node in ast.walk(ast.parse(source)) if branches(node))


def test_the_check_finds_every_way_of_branching_on_an_engine_name() -> None:
    source = (
        'if transcript.engine == "whisper":\n    pass\n'
        'if name in ("vosk", "other"):\n    pass\n'
        'match engine:\n    case "vosk":\n        pass\n'
        'make = {"whisper": object}[name]\n'
        'if "Vosk" != name:\n    pass\n'
        'stored = Transcript(engine="vosk")\n'  # storing an engine's name as data is fine
    )
    assert engine_name_checks(source) == [1, 3, 6, 8, 9]


def test_no_module_outside_the_engines_compares_an_engine_name() -> None:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if ENGINES_DIR in path.parents:
            continue
        found += [f"{path.relative_to(PACKAGE.parent)}:{line}" for line in engine_name_checks(path.read_text())]
    assert found == [], "ask the engine (voicelog.engines) instead of comparing its name"


def test_the_command_line_offers_the_registrys_engines() -> None:
    import click

    from voicelog.cli import cli

    assert isinstance(cli, click.Group)
    for name in ("dictate", "listen", "recover"):
        (option,) = [p for p in cli.commands[name].params if p.name == "engine"]
        assert isinstance(option.type, click.Choice) and tuple(option.type.choices) == ENGINE_CHOICES


@pytest.mark.slow
def test_importing_the_engines_loads_no_recogniser() -> None:
    code = (
        "import sys, voicelog.engines, voicelog.engines.vosk, voicelog.engines.whisper; "
        "from voicelog.engines import resolve_engine; from voicelog.settings import EngineSettings; "
        "resolve_engine(EngineSettings(engine='whisper')); "
        "print('vosk' in sys.modules, 'faster_whisper' in sys.modules, 'rapidfuzz' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False", "False"]
