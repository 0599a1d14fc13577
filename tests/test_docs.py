"""The README's promises: two commands, the second being exactly what CI runs."""

from __future__ import annotations

import re
import shlex

from conftest import EXPECTED_SKIP, ROOT


def _try_it_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Try it", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.*?)\n```", section, flags=re.S)


def test_readme_has_exactly_two_commands() -> None:
    blocks = _try_it_commands()
    assert len(blocks) == 2
    assert all("\n" not in b for b in blocks)


def test_first_command_installs_and_runs_the_bundled_example() -> None:
    first = _try_it_commands()[0]
    assert first.startswith("./scripts/setup && ")
    args = shlex.split(first.split("&&", 1)[1])
    while "=" in args[0]:  # environment settings before the command
        args.pop(0)
    assert args[:2] == [".venv/bin/voicelog", "dictate"]
    wav = args[args.index("--file") + 1]
    assert (ROOT / wav).is_file()


def test_ci_runs_the_readme_test_command() -> None:
    second = _try_it_commands()[1]
    ci = (ROOT / ".ci" / "run").read_text().splitlines()
    assert second in ci
    assert (ROOT / "scripts" / "setup").stat().st_mode & 0o111


def test_the_eval_copy_matches_the_shared_original_where_both_exist() -> None:
    import pytest

    shared = ROOT.parent / "shared" / "eval"
    if not shared.exists():
        pytest.skip(f"no ../shared/eval beside this checkout; the copy is all there is {EXPECTED_SKIP}")
    for name in ("dev.jsonl", "score.py"):
        assert (ROOT / "tests" / "fixtures" / "eval" / name).read_bytes() == (shared / name).read_bytes()
