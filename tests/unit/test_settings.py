"""The configuration file: every key understood, anything else refused by name."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.commands.command import Command, CommandId
from kiosk.commands.keymap import KeyContext
from kiosk.core.settings import Settings, SettingsError, load_settings
from tests.support.paths import REPO


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(text)
    return path


def test_example_file_gives_the_defaults() -> None:
    settings = load_settings(REPO / "kiosk.example.toml")
    defaults = Settings()
    for name in ["voice", "rate", "volume", "hands_free", "wake_phrase", "inactivity_seconds",
                 "warning_seconds", "staff_pin", "staff_sequence"]:  # fmt: skip
        assert getattr(settings, name) == getattr(defaults, name), name


def test_the_settings_defaults_are_the_parts_own() -> None:
    """Each default is written once: the settings take theirs from the parts that use them."""
    from kiosk.core.session import DEFAULT_RULES, NO_QUIET_HOURS
    from kiosk.core.session_flow import DEFAULTS
    from kiosk.core.staff import StaffLock

    settings = Settings()
    assert settings.session_rules == DEFAULT_RULES
    assert settings.quiet_hours == NO_QUIET_HOURS
    assert (settings.volume, settings.rate) == (DEFAULTS.volume, DEFAULTS.rate)
    assert StaffLock.__init__.__kwdefaults__ == {
        "attempts": settings.staff_lockout_attempts,
        "lockout_seconds": settings.staff_lockout_seconds,
    }


def test_values_and_key_overrides(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        'content_dir = "site-content"\n[speech]\nrate = 140\n[staff]\npin = "2468"\n'
        '[keys.global]\nf5 = "home"\n',
    )
    settings = load_settings(path)
    assert settings.content_dir == tmp_path / "site-content"
    assert settings.rate == 140
    assert settings.staff_pin == "2468"
    assert settings.keymap.lookup("f5", KeyContext.READING) == Command(CommandId.HOME)
    assert settings.keymap.lookup("plus", KeyContext.READING) == Command(CommandId.LOUDER)


def test_environment_variable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KIOSK_CONFIG", str(write(tmp_path, "[speech]\nvolume = 0.5\n")))
    assert load_settings(None).volume == 0.5


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[speech]\nspeed = 3\n", "unknown setting 'speech.speed'"),
        ("[speech]\nrate = 'fast'\n", "'speech.rate' has the wrong type"),
        ("[speech]\nrate = 900\n", "'speech.rate' must be from 100 to 260"),
        ("[speech]\nvolume = 0\n", "'speech.volume' must be more than 0"),
        ("[speech]\nvolume = true\n", "'speech.volume' must be a number"),
        ("[staff]\npin = '12'\n", "'staff.pin' must be at least 4 digits"),
        ("[session]\nwarning_seconds = 5\n", "'session.warning_seconds' must be at least 20"),
        ("[voice]\nwake_phrase = 'kiosk'\n", "'voice.wake_phrase' must be at least two words"),
        ("[keys.global]\nf5 = 'jump'\n", "keys.global.f5 = 'jump'"),
        ("this is not toml", "not valid TOML"),
    ],
)
def test_invalid_file_refused_naming_the_key(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(SettingsError) as raised:
        load_settings(path)
    assert message in str(raised.value)
    assert str(path) in str(raised.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="cannot be read"):
        load_settings(tmp_path / "nope.toml")


def test_audio_devices_by_number_or_name(tmp_path: Path) -> None:
    path = write(tmp_path, '[speech]\noutput_device = "USB"\n[voice]\ninput_device = 2\n')
    settings = load_settings(path)
    assert settings.speech_device == "USB"
    assert settings.voice_device == 2
    assert Settings().speech_device is None and Settings().voice_device is None
