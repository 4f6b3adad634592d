"""`kiosk run`'s command line: its options override the configuration file."""

from __future__ import annotations

from pathlib import Path

import pytest

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


def test_a_state_folder_that_cannot_be_made_is_said_again_when_the_kiosk_stops(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The kiosk's screen covers whatever was written before it started: the one line staff
    need is written again after it closes."""
    from kiosk.ui import run

    class StubApp:
        exit_reason = "test"

        def run(self) -> None:
            capsys.readouterr()  # what was written before the screen: covered by it

    blocker = tmp_path / "a-file"
    blocker.write_text("")
    config = tmp_path / "kiosk.toml"
    config.write_text(f'state_dir = "{blocker / "state"}"\ncontent_dir = "{FIXTURE}"\n')
    monkeypatch.setattr(run, "KioskApp", lambda *args, **kwargs: StubApp())
    args = get_run_args(["--config", str(config), "--no-voice", "--no-speech"])
    assert run.run_kiosk(args) == 0
    assert capsys.readouterr().err == f"kiosk: cannot create {blocker / 'state'}: Not a directory\n"
