"""The real worker speaker, heard through a private PulseAudio server's virtual speaker."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.bench.pulse import Capture, PulseServer
from kiosk.core.speaker import SentenceStarted, SpeechAvailability, UtteranceFinished
from kiosk.speech.lexicon import Lexicon
from kiosk.speech.process_speaker import ProcessSpeaker
from tests.support.speech import EventLog

pytestmark = pytest.mark.audio

LONG = (
    "This sentence is long on purpose, so that the speech goes on for several seconds while "
    "the test changes the volume, stops it, or checks that the level really changed."
)


@pytest.fixture
def speaker(capture: Capture, events: EventLog) -> Iterator[ProcessSpeaker]:
    speaker = ProcessSpeaker(volume=1.0, lexicon=Lexicon({"kyphoplasty": "kypho-plasty"}))
    speaker.start(events)
    assert events.wait_for(lambda: events.of(SpeechAvailability), 15)
    assert events.of(SpeechAvailability)[0] == SpeechAvailability(True, "")
    yield speaker
    speaker.close()
    assert speaker.wait_closed(5)


def _wait_heard(capture: Capture, since: float, timeout: float = 3.0) -> float:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        heard = capture.first_loud(since, time.monotonic())
        if heard is not None:
            return heard
        time.sleep(0.01)
    raise AssertionError("no speech was heard")


def test_speech_is_heard_with_sentence_events_in_order(
    speaker: ProcessSpeaker, capture: Capture, events: EventLog
) -> None:
    sentences = ["Welcome.", "Kyphoplasty is one treatment.", "Press any key."]
    started = time.monotonic()
    speaker.speak(5, sentences)
    heard = _wait_heard(capture, started)
    assert heard - started < 0.3  # the benchmark reports the real figure
    assert events.wait_for(lambda: events.of(UtteranceFinished), 15)
    progress = [e for _, e in events.events if isinstance(e, SentenceStarted | UtteranceFinished)]
    assert progress == [
        SentenceStarted(5, 0),
        SentenceStarted(5, 1),
        SentenceStarted(5, 2),
        UtteranceFinished(5),
    ]


def test_speak_from_a_later_sentence(
    speaker: ProcessSpeaker, capture: Capture, events: EventLog
) -> None:
    speaker.speak(6, ["One.", "Two.", "Three."], first=2)
    assert events.wait_for(lambda: events.of(UtteranceFinished), 10)
    assert events.of(SentenceStarted) == [SentenceStarted(6, 2)]


def test_stop_silences_quickly_and_reports_nothing(
    speaker: ProcessSpeaker, capture: Capture, events: EventLog
) -> None:
    started = time.monotonic()
    speaker.speak(7, [LONG])
    heard = _wait_heard(capture, started)
    time.sleep(max(0.0, heard + 0.8 - time.monotonic()))
    stopped = time.monotonic()
    speaker.stop()
    time.sleep(0.6)
    last = capture.last_loud(stopped - 0.5, time.monotonic())
    assert last is not None, "speech was playing before the stop"
    assert last - stopped < 0.15
    assert capture.last_loud(stopped + 0.15, time.monotonic()) is None
    assert events.of(UtteranceFinished) == []


def test_volume_changes_the_level_without_a_gap(speaker: ProcessSpeaker, capture: Capture) -> None:
    started = time.monotonic()
    speaker.speak(8, [LONG])
    heard = _wait_heard(capture, started)
    time.sleep(max(0.0, heard + 1.5 - time.monotonic()))
    changed = time.monotonic()
    speaker.set_volume(0.25)
    time.sleep(1.6)
    speaker.stop()
    before = capture.rms(changed - 1.2, changed - 0.05)
    after = capture.rms(changed + 0.2, changed + 1.35)
    assert before > 0 and after / before < 0.5
    # Still speaking right after the change (not cut off and restarted).
    assert capture.first_loud(changed, changed + 0.3) is not None


def test_rate_applies_from_the_next_sentence(
    speaker: ProcessSpeaker, capture: Capture, events: EventLog
) -> None:
    sentence = "A hollow needle goes into the bone."
    speaker.set_rate(260)
    speaker.speak(9, [sentence])
    assert events.wait_for(lambda: events.of(UtteranceFinished), 10)
    fast = events.events[-1][0] - events.events[-2][0]
    speaker.set_rate(100)
    speaker.speak(10, [sentence])
    assert events.wait_for(lambda: len(events.of(UtteranceFinished)) == 2, 15)
    slow = events.events[-1][0] - events.events[-2][0]
    assert slow > fast * 1.8


def test_no_files_left_and_nothing_on_the_terminal(
    capture: Capture,
    events: EventLog,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
) -> None:
    """The pyttsx3 file fallback, the one path that writes files, with TMPDIR watched."""
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    speaker = ProcessSpeaker(engine="pyttsx3", log_path=None)
    speaker.start(events)
    assert events.wait_for(lambda: events.of(SpeechAvailability), 15)
    assert events.of(SpeechAvailability)[0].available
    started = time.monotonic()
    speaker.speak(11, ["Hello from the fallback.", "Second sentence."])
    _wait_heard(capture, started)
    assert events.wait_for(lambda: events.of(UtteranceFinished), 15)
    speaker.close()
    assert speaker.wait_closed(5)
    assert list(tmp_path.iterdir()) == []
    out, err = capfd.readouterr()
    assert out == "" and err == ""


def test_worker_output_goes_to_the_log(
    capture: Capture, events: EventLog, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "speech.log"
    speaker = ProcessSpeaker(log_path=log)
    speaker.start(events)
    assert events.wait_for(lambda: events.of(SpeechAvailability), 15)
    speaker.speak(12, ["Short."])
    assert events.wait_for(lambda: events.of(UtteranceFinished), 10)
    speaker.close()
    assert speaker.wait_closed(5)
    assert "audio ready" in log.read_text()
    assert capfd.readouterr() == ("", "")


def test_recovers_after_the_worker_dies(
    speaker: ProcessSpeaker, capture: Capture, events: EventLog
) -> None:
    pid = speaker.worker_pid
    assert pid is not None
    os.kill(pid, signal.SIGKILL)
    assert events.wait_for(lambda: len(events.of(SpeechAvailability)) >= 3, 15)
    assert [e.available for e in events.of(SpeechAvailability)] == [True, False, True]
    started = time.monotonic()
    speaker.speak(13, ["Back again."])
    _wait_heard(capture, started)


def test_no_sound_server_then_one_appears(
    pulse: PulseServer,
    capture: Capture,
    events: EventLog,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PULSE_SERVER", f"unix:{tmp_path / 'nothing' / 'native'}")
    speaker = ProcessSpeaker(retry_delays=(0.3,))
    try:
        speaker.start(events)
        assert events.wait_for(lambda: events.of(SpeechAvailability), 15)
        first = events.of(SpeechAvailability)[0]
        assert first == SpeechAvailability(False, first.reason)
        assert first.reason
        started = time.perf_counter()
        speaker.speak(14, ["Nobody hears this."])
        speaker.set_volume(0.5)
        assert time.perf_counter() - started < 0.01
        with PulseServer():  # a sound server appears (it sets PULSE_SERVER to itself)
            assert events.wait_for(
                lambda: any(e.available for e in events.of(SpeechAvailability)),
                15,
            )
    finally:
        speaker.close()
        assert speaker.wait_closed(5)


def test_listening_tone_is_heard_and_reported(
    speaker: ProcessSpeaker, capture: Capture, events: EventLog
) -> None:
    started = time.monotonic()
    speaker.play_tone(4242)
    assert events.wait_for(lambda: UtteranceFinished(4242) in events.of(UtteranceFinished))
    time.sleep(0.1)
    assert capture.first_loud(started, time.monotonic()) is not None
