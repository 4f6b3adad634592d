"""A configured `staff.sequence` that a patient could press by using the kiosk as documented
is refused at start (issue #12, defect 1), like every other bad setting."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.core.settings import DEFAULT_STAFF_SEQUENCE, Settings, SettingsError, load_settings
from tests.support.paths import README


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(text)
    return path


def test_pause_continue_three_times_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        '[staff]\nsequence = ["slash", "asterisk", "slash", "asterisk", "slash", "asterisk"]\n',
    )
    with pytest.raises(SettingsError) as raised:
        load_settings(path)
    message = str(raised.value)
    assert str(path) in message
    assert "'staff.sequence'" in message
    assert "patient" in message
    assert "slash (options), star (pause or continue reading)" in message  # how a patient does
    assert "slash then a key with no second job (4, 5, 6)" in message


def test_a_key_override_that_gives_the_staff_key_a_job_is_refused(tmp_path: Path) -> None:
    # The default sequence uses "/ 4"; a site giving 4 a second job makes it a patient use.
    path = write(tmp_path, '[keys.options]\n"4" = "home"\n"6" = "home"\n')
    with pytest.raises(SettingsError, match=r"'staff\.sequence'"):
        load_settings(path)


def test_a_sequence_off_the_patient_paths_is_accepted(tmp_path: Path) -> None:
    path = write(tmp_path, '[staff]\nsequence = ["slash", "5", "slash", "5"]\n')
    assert load_settings(path).staff_sequence == ("slash", "5", "slash", "5")


def test_the_default_sequence_is_the_documented_one() -> None:
    assert Settings().staff_sequence == DEFAULT_STAFF_SEQUENCE
    readme = README.read_text()
    assert "`/ 4 / 6 / 4`" in readme
