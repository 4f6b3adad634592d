"""Voice faults while the kiosk runs: the microphone unplugged and plugged back, the
recognizer process crashing. Keys keep working; the problem is shown; voice comes back."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from kiosk.bench.pulse import PulseServer
from kiosk.content.loader import load_content
from kiosk.core.settings import Settings
from kiosk.speech.fakes import RecordingSpeaker
from kiosk.ui.app import VOICE_UNAVAILABLE, make_app
from kiosk.voice.listener import ProcessListener
from tests.app.helpers import screen_text
from tests.support import until

pytestmark = pytest.mark.audio
CONTENT = Path(__file__).resolve().parents[2] / "content"


def build() -> tuple[object, ProcessListener]:
    content = load_content(CONTENT)
    listener = ProcessListener(CONTENT, content.sections, retry_s=1.0)
    app = make_app(Settings(), content, RecordingSpeaker(auto_finish=True), listener=listener)
    return app, listener


async def test_microphone_unplugged_and_replugged(own_pulse: PulseServer) -> None:
    app, _ = build()
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        assert await until(lambda: app.voice_available, 30)  # type: ignore[attr-defined]
        await pilot.press("space", "8")
        own_pulse.unplug_devices()  # a USB headset pulled out: microphone and speaker go
        assert await until(lambda: not app.voice_available, 30)  # type: ignore[attr-defined]
        await pilot.pause()
        assert VOICE_UNAVAILABLE in screen_text(app)  # type: ignore[arg-type]
        await pilot.press("6")  # keys keep working
        assert app.controller.location.section_id == "summary"  # type: ignore[attr-defined]
        own_pulse.plug_devices_back()
        assert await until(lambda: app.voice_available, 30)  # type: ignore[attr-defined]
        await pilot.pause()
        assert VOICE_UNAVAILABLE not in screen_text(app)  # type: ignore[arg-type]


async def test_recognizer_process_crashes(own_pulse: PulseServer) -> None:
    app, listener = build()
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        assert await until(lambda: app.voice_available and listener.pid is not None, 30)  # type: ignore[attr-defined]
        crashed = listener.pid
        assert crashed is not None
        os.kill(crashed, signal.SIGKILL)
        await pilot.press("space", "3")
        assert app.controller.location.section_id == "vertebroplasty"  # type: ignore[attr-defined]
        assert await until(
            lambda: app.voice_available and listener.pid not in (None, crashed),  # type: ignore[attr-defined]
            30,
        )
