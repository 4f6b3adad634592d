"""The whole kiosk hearing through PulseAudio's virtual microphone: a spoken command is acted
on, chatter is not, and the kiosk never obeys its own voice (speaker routed into microphone).

Test speech comes from flite's voices, which are built from recorded human speech (eSpeak's
formant voice is a poor stand-in for a person; see docs/voice.md)."""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from kiosk.bench.pulse import PulseServer
from kiosk.content.loader import load_content
from kiosk.core.views import ScreenKind
from kiosk.speech.factory import make_speaker
from kiosk.ui.app import KioskApp
from kiosk.voice.listener import ProcessListener
from tests.support.apps import build_app
from tests.support.paths import CONTENT
from tests.support.waiting import until

pytestmark = [
    pytest.mark.audio,
    pytest.mark.skipif(shutil.which("flite") is None, reason="flite is not installed"),
]


def spoken(text: str, folder: Path, voice: str = "slt") -> Path:
    raw, wav = folder / "raw.wav", folder / f"{text.replace(' ', '_')}.wav"
    subprocess.run(["flite", "-voice", voice, "-t", text, "-o", str(raw)], check=True)
    subprocess.run(["sox", str(raw), "-r", "16000", "-c", "1", "-b", "16", str(wav),
                    "pad", "0.3", "0.6"], check=True)  # fmt: skip
    return wav


def build(**settings: Any) -> tuple[KioskApp, list[str]]:  # Settings fields, as build_app's
    """The real kiosk on the shipped content: real speech, the real listener, real time."""
    counted: list[str] = []
    listener = ProcessListener(CONTENT, load_content(CONTENT).sections)
    app, _ = build_app(
        CONTENT,
        speaker=make_speaker(),
        listener=listener,
        clock=time.monotonic,
        count=counted.append,
        **settings,
    )
    return app, counted


async def push_to_talk_and_say(
    app: KioskApp, pilot: Pilot[None], pulse: PulseServer, wav: Path
) -> None:
    await pilot.press("slash")
    await asyncio.sleep(0.3)  # two quick presses of one key would count as a bounce
    await pilot.press("slash")
    assert await until(lambda: app.controller.awaiting_voice, 10)
    await asyncio.sleep(0.3)  # the microphone stream is open
    await asyncio.to_thread(pulse.play_into_microphone, wav)


async def test_spoken_command_is_acted_on(own_pulse: PulseServer, tmp_path: Path) -> None:
    app, counted = build()
    wav = spoken("about this information", tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        assert await until(lambda: app.voice_available and app.speech_available, 30)
        await pilot.press("space")
        for _attempt in range(3):  # bounded: a real microphone path has real timing
            await push_to_talk_and_say(app, pilot, own_pulse, wav)
            if await until(lambda: app.controller.location.kind is ScreenKind.ABOUT, 8):
                break
        assert app.controller.location.kind is ScreenKind.ABOUT
        assert "voice_commands" in counted


async def test_chatter_does_nothing(own_pulse: PulseServer, tmp_path: Path) -> None:
    app, counted = build()
    chatter = spoken("can you tell me where the toilets are please", tmp_path, voice="rms")
    async with app.run_test(size=(80, 24)) as pilot:
        assert await until(lambda: app.voice_available and app.speech_available, 30)
        await pilot.press("space", "8")
        for _ in range(2):
            await push_to_talk_and_say(app, pilot, own_pulse, chatter)
            assert await until(lambda: not app.controller.awaiting_voice, 10)
        assert app.controller.location.section_id == "risks"
        assert "voice_commands" not in counted


async def test_kiosk_does_not_obey_its_own_voice(own_pulse: PulseServer) -> None:
    # Hands-free: the microphone is open all the time, and hears the speaker.
    app, counted = build(hands_free=True, wake_phrase="hello kiosk")
    async with app.run_test(size=(80, 24)) as pilot:
        assert await until(lambda: app.voice_available and app.speech_available, 30)
        own_pulse.route_speaker_into_microphone()
        try:
            await pilot.press("space")  # the orientation: "go back", "help", "read", numbers
            # Its first 25 s say "press zero for help", "go back", "read": the rest adds only time.
            await until(lambda: not app.controller.speaking, 25)
            await pilot.press("0")  # help: full of command words
            await asyncio.sleep(12)
            await pilot.press("asterisk")
            await asyncio.sleep(3)  # the tail of its own voice, heard after it stops
        finally:
            own_pulse.unroute_speaker()
        assert "voice_commands" not in counted
        assert app.controller.location.kind is ScreenKind.HELP
