"""Faults injected while the kiosk runs: the sound server restarted mid-speech, the output
device disappearing and coming back. The kiosk keeps serving screen and keys, says plainly what
is not working, and recovers by itself."""

from __future__ import annotations

import asyncio
import time

import pytest
from textual.pilot import Pilot

from kiosk.bench.pulse import PulseServer
from kiosk.speech.factory import make_speaker
from kiosk.speech.process_speaker import ProcessSpeaker
from kiosk.ui.app import KioskApp
from tests.support.apps import build_app
from tests.support.paths import CONTENT
from tests.support.screen import screen_text
from tests.support.waiting import until

pytestmark = pytest.mark.audio


def build() -> tuple[KioskApp, ProcessSpeaker]:
    speaker = make_speaker()
    assert isinstance(speaker, ProcessSpeaker)
    return build_app(CONTENT, speaker=speaker, clock=time.monotonic)


async def heard_after_opening(
    app: KioskApp, pulse: PulseServer, key: str, pilot: Pilot[None]
) -> bool:
    with pulse.record() as capture:
        opened = time.monotonic()
        await pilot.press(key)
        await asyncio.sleep(1.5)
        return capture.first_loud(opened, opened + 1.5) is not None


async def test_sound_server_restarted_mid_speech(own_pulse: PulseServer) -> None:
    app, speaker = build()
    async with app.run_test(size=(80, 24)) as pilot:
        assert await until(lambda: speaker.available)
        await pilot.press("space", "8")  # speaking Risks
        await asyncio.sleep(0.5)
        own_pulse.restart()
        await pilot.press("6")  # keys and screen keep working meanwhile
        assert "Summary" in screen_text(app)
        assert await until(lambda: app.speech_available and speaker.available, 30)
        await pilot.pause()
        assert app.content.wording.status.speech_unavailable not in screen_text(app)
        assert await heard_after_opening(app, own_pulse, "4", pilot)
        assert "Traceback" not in screen_text(app)
    speaker.wait_closed(5)


async def test_output_device_disappears_and_comes_back(own_pulse: PulseServer) -> None:
    app, speaker = build()
    async with app.run_test(size=(80, 24)) as pilot:
        assert await until(lambda: speaker.available)
        await pilot.press("space", "8")
        own_pulse.unplug_devices()  # no output device at all
        assert await until(lambda: not app.speech_available, 30)
        await pilot.pause()
        assert app.content.wording.status.speech_unavailable in screen_text(app)
        await pilot.press("2")  # still serving: next sentence, shown as a caption
        assert app.controller.location.section_id == "risks"
        own_pulse.plug_devices_back()
        assert await until(lambda: app.speech_available, 30)
        await pilot.pause()
        assert app.content.wording.status.speech_unavailable not in screen_text(app)
        assert await heard_after_opening(app, own_pulse, "6", pilot)
    speaker.wait_closed(5)


async def test_speech_worker_killed(own_pulse: PulseServer) -> None:
    import os
    import signal

    app, speaker = build()
    async with app.run_test(size=(80, 24)) as pilot:
        assert await until(lambda: speaker.available)
        await pilot.press("space", "8")
        pid = speaker.worker_pid
        assert pid is not None
        os.kill(pid, signal.SIGKILL)
        await pilot.press("6")
        assert app.controller.location.section_id == "summary"
        assert await until(lambda: speaker.available and speaker.worker_pid != pid, 30)
        assert await heard_after_opening(app, own_pulse, "4", pilot)
    speaker.wait_closed(5)
