"""`kiosk run`'s command line: its options override the configuration file."""

from __future__ import annotations

from pathlib import Path

from kiosk.__main__ import get_run_args
from kiosk.content.loader import load_content
from kiosk.ui.run import make_listener, settings_for
from tests.support.paths import FIXTURE


def test_no_voice_is_keys_only_by_choice_not_a_fault(tmp_path: Path) -> None:
    """As `voice.enabled = false`: no listener, and so no "voice unavailable" status line
    (which the app shows only when voice is enabled and missing)."""
    config = tmp_path / "kiosk.toml"
    config.write_text("")
    settings = settings_for(get_run_args(["--config", str(config), "--no-voice"]))
    assert not settings.voice_enabled
    assert make_listener(settings, load_content(FIXTURE)) is None
    assert settings_for(get_run_args(["--config", str(config)])).voice_enabled


def test_content_on_the_command_line_wins(tmp_path: Path) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text("")
    args = get_run_args(["--config", str(config), "--content", str(FIXTURE)])
    assert settings_for(args).content_dir == FIXTURE.resolve()
