"""The `voicelog` command group (voicelog.cli): every command and group answers -h and --help with an example."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from voicelog.cli import cli


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = []
    for name, cmd in group.commands.items():
        found.append(prefix + (name,))
        if isinstance(cmd, click.Group):
            found += _commands(cmd, prefix + (name,))
    return found


def test_the_command_list_is_walked_into_groups() -> None:
    found = _commands(cli)
    assert ("people", "add") in found and ("models", "install") in found and ("dictate",) in found


@pytest.mark.parametrize("flag", ["-h", "--help"])
@pytest.mark.parametrize("path", [(), *_commands(cli)], ids=lambda path: " ".join(path) or "voicelog")
def test_every_command_has_help_with_an_example(path: tuple[str, ...], flag: str) -> None:
    result = CliRunner().invoke(cli, [*path, flag])
    assert result.exit_code == 0, result.output
    assert "Example" in result.output
    command = cli
    for name in path:
        command = command.commands[name]
    if not isinstance(command, click.Group):  # a group's examples show its subcommands
        assert f"voicelog {' '.join(path)}" in result.output
