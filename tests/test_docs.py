"""The README's and docs' promises: two commands (the second what CI runs), install instructions that
install voicelog, a developer section that works from a plain clone, and an architecture page that
names every module."""

from __future__ import annotations

import os
import re
import shlex
import tomllib
from pathlib import Path

import pytest
from conftest import EXPECTED_SKIP, ROOT

from voicelog.store.passphrase import check_new_passphrase

PACKAGE = ROOT / "voicelog"
ARCHITECTURE = ROOT / "docs" / "architecture.md"


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
    env = {}
    while "=" in args[0]:  # environment settings before the command
        name, value = args.pop(0).split("=", 1)
        env[name] = value
    assert args[:2] == [".venv/bin/voicelog", "dictate"]
    # The first dictation sets the diary up, so its passphrase must pass the policy for a new one.
    assert env["VOICELOG_PASSPHRASE"] == "example passphrase only"
    check_new_passphrase(env["VOICELOG_PASSPHRASE"])
    wav = args[args.index("--file") + 1]
    assert (ROOT / wav).is_file()


def test_ci_runs_the_readme_test_command() -> None:
    second = _try_it_commands()[1]
    ci = (ROOT / ".ci" / "run").read_text().splitlines()
    assert second in ci
    assert (ROOT / "scripts" / "setup").stat().st_mode & 0o111


def test_the_eval_copy_matches_the_shared_original_where_both_exist() -> None:
    shared = ROOT.parent / "shared" / "eval"
    if not shared.exists():
        pytest.skip(f"no ../shared/eval beside this checkout; the copy is all there is {EXPECTED_SKIP}")
    both = [name for name in ("dev.jsonl", "make_inputs.py", "score.py") if (shared / name).is_file()]
    if not both:
        pytest.skip(f"../shared/eval holds none of the evaluation files {EXPECTED_SKIP}")
    for name in both:
        assert (ROOT / "eval" / name).read_bytes() == (shared / name).read_bytes(), name


# Where the repository's own text lives; generated, installed and ignored folders are left out.
SKIP_DIRS = {".git", ".venv", "venv", "build", "dist", "demo", "models", "node_modules", "__pycache__",
             ".pytest_cache", ".mypy_cache", ".ruff_cache"}
TEXT_SUFFIXES = {".py", ".md", ".sh", ".toml", ".txt", ".cfg", ".ini", ".service", ".yml", ".yaml", ".html"}

# `pip install voicelog`, `pip install -q 'voicelog[pi]'`, `pipx install voicelog` ...: the unrelated PyPI project.
BARE_INSTALL = re.compile(r"""\b(?:pipx?|uv pip|uv tool) install\s+(?:-\S+\s+)*['"]?voicelog(?:\\?\[|['"`\s]|$)""",
                          re.M)
# `voicelog[whisper]`, as an extra of the bare name (also escaped in a regex, `voicelog\[whisper\]`).
BARE_EXTRA = re.compile(r"(?<![\w./-])voicelog\\?\[[\w,$ {}-]+\\?\]")


def _repository_text_files() -> list[Path]:
    found = []
    for folder, dirs, files in os.walk(ROOT):
        dirs[:] = [d for d in dirs if d not in SKIP_DIRS and not d.endswith(".egg-info")]
        here = Path(folder)
        for name in files:
            path = here / name
            # Extension-less files are the shell scripts (scripts/setup, .ci/run).
            if path.suffix in TEXT_SUFFIXES or (path.suffix == "" and here.name in ("scripts", ".ci")):
                found.append(path)
    return found


def test_the_install_patterns_catch_the_bare_name_and_spare_voicelog_diary() -> None:
    for bad in ("pip install voicelog", "pip install 'voicelog[whisper]'", 'python -m pip install -q "voicelog"',
                "pipx install voicelog\n", "(voicelog[pi])", r"pip install 'voicelog\[whisper\]'"):
        assert BARE_INSTALL.search(bad) or BARE_EXTRA.search(bad), bad
    for good in ("pip install 'voicelog-diary[whisper]'", "pip install voicelog-diary", "pip install '.[whisper]'",
                 'pip install -q "${here}[pi,spacy-model]"', "pip install vosk", "voicelog-diary[pi]",
                 "pip installs voicelog and its dependencies", "/opt/voicelog/venv/bin/voicelog listen"):
        assert not BARE_INSTALL.search(good) and not BARE_EXTRA.search(good), good


def test_no_install_instruction_names_the_unrelated_voicelog_on_pypi() -> None:
    files = _repository_text_files()
    assert ROOT / "README.md" in files and ROOT / "scripts" / "setup" in files and ROOT / ".ci" / "run" in files
    offenders = []
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        for pattern in (BARE_INSTALL, BARE_EXTRA):
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                offenders.append(f"{path.relative_to(ROOT)}:{line}: {match.group(0).strip()}")
    # This file spells the bad forms out on purpose, in the test of the patterns above.
    offenders = [o for o in offenders if not o.startswith("tests/test_docs.py:")]
    assert offenders == [], "install voicelog-diary (or the checkout), never the bare name voicelog"


def test_the_distribution_is_voicelog_diary_and_the_command_voicelog() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["name"] == "voicelog-diary"
    assert list(project["scripts"]) == ["voicelog"]


def test_the_readme_and_docs_work_from_a_plain_clone() -> None:
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    for page in pages:
        assert "../shared" not in page.read_text(), f"{page.relative_to(ROOT)} points outside the repository"
    readme = (ROOT / "README.md").read_text()
    named = set(re.findall(r"\beval/[\w.-]+", readme))
    assert {"eval/dev.jsonl", "eval/make_inputs.py", "eval/score.py", "eval/README.md"} <= named
    for path in named:
        assert (ROOT / path).is_file(), path
    assert "(docs/architecture.md)" in readme.split("## For developers", 1)[1]


def _module_files() -> set[str]:
    return {path.relative_to(ROOT).as_posix() for path in PACKAGE.rglob("*.py")
            if path.name not in ("__init__.py", "__main__.py") and "__pycache__" not in path.parts}


def test_the_architecture_page_names_every_module() -> None:
    named = ARCHITECTURE.read_text()
    missing = sorted(module for module in _module_files() if f"`{module}`" not in named)
    assert missing == [], "docs/architecture.md needs a line for each of these modules"


def test_the_architecture_page_names_no_module_that_is_gone() -> None:
    named = set(re.findall(r"`(voicelog/[\w/]+\.py)`", ARCHITECTURE.read_text()))
    gone = sorted(module for module in named if not (ROOT / module).is_file())
    assert gone == [], "docs/architecture.md describes modules that no longer exist"


def test_the_threat_model_names_tests_that_exist() -> None:
    """docs/threat-model.md says which test shows each claim: those files and tests must be there."""
    text = (ROOT / "docs" / "threat-model.md").read_text()
    files = set(re.findall(r"`(tests/test_[a-z_]+\.py)`", text))
    assert len(files) >= 10
    missing = sorted(f for f in files if not (ROOT / f).is_file())
    assert missing == []
    tests_text = "".join(p.read_text() for p in (ROOT / "tests").glob("test_*.py"))
    for name in re.findall(r"`(test_[a-z_]+)(?:…|_…)?`", text):
        assert f"def {name}" in tests_text, f"docs/threat-model.md names {name}, which no test defines"
