"""The whole kiosk through a real sound server: open a section and hear it; press a key and
hear silence. The recording is the virtual speaker's output, as a patient would hear it."""

from __future__ import annotations

import asyncio
import time

import pytest

from kiosk.bench.pulse import Capture, PulseServer
from kiosk.speech.factory import make_speaker
from kiosk.speech.process_speaker import ProcessSpeaker
from tests.support.apps import build_app
from tests.support.paths import CONTENT
from tests.support.waiting import until

pytestmark = pytest.mark.audio


async def test_section_is_heard_and_a_key_silences_it(pulse: PulseServer, capture: Capture) -> None:
    speaker = make_speaker()
    assert isinstance(speaker, ProcessSpeaker)
    app, _ = build_app(CONTENT, speaker=speaker, clock=time.monotonic)
    async with app.run_test(size=(80, 24)) as pilot:
        assert await until(lambda: speaker.available)
        await pilot.press("space")  # the orientation starts speaking
        await asyncio.sleep(0.5)
        opened = time.monotonic()
        await pilot.press("8")  # open Risks
        await asyncio.sleep(2.0)
        first = capture.first_loud(opened, opened + 2.0)
        assert first is not None, "nothing was heard after opening a section"
        assert first - opened < 0.5
        # The highlight followed the voice past the title.
        assert app.controller.narration.cursor >= 1
        pressed = time.monotonic()
        await pilot.press("asterisk")  # stop
        await asyncio.sleep(1.0)
        last = capture.last_loud(pressed, pressed + 1.0)
        assert last is None or last - pressed < 0.15, f"still sounding {last - pressed:.3f} s later"
        assert capture.rms(pressed + 0.2, pressed + 1.0) < 50
    speaker.wait_closed(5)
