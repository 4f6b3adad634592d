"""End to end through a real (virtual) microphone: the listener process hears the sound server.

Starts a private PulseAudio server, the real `ProcessListener` child process, and plays Flite
(or, without flite, eSpeak) speech into the virtual microphone.
"""

from __future__ import annotations

import queue
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.bench import corpus
from kiosk.bench.pulse import PulseServer
from kiosk.commands.command import Command, CommandId
from kiosk.core.voice_events import Decision, Heard, ListenerEvent, VoiceAvailability
from tests.support.paths import CONTENT
from tests.voice.conftest import needs_audio_tools

pytestmark = [
    needs_audio_tools(),
    pytest.mark.audio,
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("pulseaudio") is None, reason="needs pulseaudio"),
]


CLEAR_VOICE = "flite:slt" if corpus.flite_available() else "en-us"


def _wav(directory: Path, text: str, voice: str = CLEAR_VOICE) -> Path:
    speech = corpus.normalise_level(corpus.trim(corpus.synthesize(text, voice, 160)))
    path = directory / f"{voice.replace(':', '_')}-{text.replace(' ', '_')}.wav"
    corpus.write_wav(path, corpus.room_tone(corpus.pad(speech, 0.4, 1.0), 1).tobytes())
    return path


@pytest.fixture(scope="module")
def running() -> Iterator[tuple[PulseServer, queue.Queue[ListenerEvent], Path]]:
    from kiosk.content.loader import load_content
    from kiosk.voice.listener import ProcessListener

    events: queue.Queue[ListenerEvent] = queue.Queue()
    with tempfile.TemporaryDirectory() as directory, PulseServer() as pulse:
        listener = ProcessListener(CONTENT, load_content(CONTENT).sections, retry_s=1.0)
        listener.start(events.put)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            event = events.get(timeout=60)
            if isinstance(event, VoiceAvailability):
                assert event.available, event.reason
                break
        listener.set_hands_free(True, "")
        time.sleep(1.0)
        yield pulse, events, Path(directory)
        listener.close()


def _heard(events: queue.Queue[ListenerEvent], within: float) -> list[Heard]:
    heard = []
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            event = events.get(timeout=max(0.01, deadline - time.monotonic()))
        except queue.Empty:
            break
        if isinstance(event, Heard):
            heard.append(event)
    return heard


def test_spoken_commands_reach_the_ui_and_nothing_wrong_is_done(
    running: tuple[PulseServer, queue.Queue[ListenerEvent], Path],
) -> None:
    pulse, events, directory = running
    heard: list[Heard] = []
    for text in ("say that again", "number four"):
        pulse.play_into_microphone(_wav(directory, text))
        heard += _heard(events, 2.5)
    assert len(heard) >= 2, "the listener did not decide on what the microphone heard"
    accepted = {h.command for h in heard if h.decision is Decision.ACCEPT}
    assert accepted <= {Command(CommandId.REPEAT), Command(CommandId.SELECT, 4)}


def test_the_right_command_event_arrives(
    running: tuple[PulseServer, queue.Queue[ListenerEvent], Path],
) -> None:
    # The sound server's timing varies from run to run, so the clip is played up to three times
    # until something is accepted; whatever is accepted must be exactly the right command.
    pulse, events, directory = running
    wav = _wav(directory, "say that again")
    accepted: list[Heard] = []
    for _attempt in range(3):
        _heard(events, 0.3)  # drop anything left over from earlier tests
        pulse.play_into_microphone(wav)
        accepted = [h for h in _heard(events, 3.0) if h.decision is Decision.ACCEPT]
        if accepted:
            break
    assert [h.command for h in accepted] == [Command(CommandId.REPEAT)]


def test_chatter_is_never_accepted(
    running: tuple[PulseServer, queue.Queue[ListenerEvent], Path],
) -> None:
    pulse, events, directory = running
    for text in ("I want to go home", "can you help me find the toilet"):
        pulse.play_into_microphone(_wav(directory, text, "en+f3"))
    heard = _heard(events, 3.0)
    assert [h for h in heard if h.decision is Decision.ACCEPT] == []
