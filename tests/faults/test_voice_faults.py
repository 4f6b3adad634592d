"""Voice faults while the kiosk runs: the microphone unplugged and plugged back, the
recognizer process crashing. Keys keep working; the problem is shown; voice comes back."""

from __future__ import annotations

import os
import signal
import time

import pytest

from kiosk.bench.pulse import PulseServer
from kiosk.content.loader import load_content
from kiosk.speech.fakes import RecordingSpeaker
from kiosk.ui.app import KioskApp
from kiosk.voice.listener import ProcessListener
from tests.support.apps import build_app
from tests.support.paths import CONTENT
from tests.support.screen import status_line
from tests.support.waiting import until

pytestmark = pytest.mark.audio


def build() -> tuple[KioskApp, ProcessListener]:
    listener = ProcessListener(CONTENT, load_content(CONTENT).sections, retry_s=1.0)
    app, _ = build_app(
        CONTENT, speaker=RecordingSpeaker(auto_finish=True), listener=listener, clock=time.monotonic
    )
    return app, listener


async def test_microphone_unplugged_and_replugged(own_pulse: PulseServer) -> None:
    app, _ = build()
    async with app.run_test(size=(80, 24)) as pilot:
        assert await until(lambda: app.voice_available, 30)
        await pilot.press("space", "8")
        own_pulse.unplug_devices()  # a USB headset pulled out: microphone and speaker go
        assert await until(lambda: not app.voice_available, 30)
        await pilot.pause()
        # (the speaker went too: the speech problem may share the status line)
        assert app.content.wording.voice.unavailable in status_line(app)
        await pilot.press("6")  # keys keep working
        assert app.controller.location.section_id == "summary"
        own_pulse.plug_devices_back()
        assert await until(lambda: app.voice_available, 30)
        await pilot.pause()
        assert app.content.wording.voice.unavailable not in status_line(app)


async def test_recognizer_process_crashes(own_pulse: PulseServer) -> None:
    app, listener = build()
    async with app.run_test(size=(80, 24)) as pilot:
        assert await until(lambda: app.voice_available and listener.pid is not None, 30)
        crashed = listener.pid
        assert crashed is not None
        os.kill(crashed, signal.SIGKILL)
        await pilot.press("space", "3")
        assert app.controller.location.section_id == "vertebroplasty"
        assert await until(
            lambda: app.voice_available and listener.pid not in (None, crashed),
            30,
        )
