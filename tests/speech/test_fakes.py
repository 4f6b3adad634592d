from __future__ import annotations

import time

from kiosk.core.speaker import (
    SentenceStarted,
    Speaker,
    SpeechAvailability,
    SpeechEvent,
    UtteranceFinished,
)
from kiosk.speech.factory import make_speaker
from kiosk.speech.fakes import NullSpeaker, RecordingSpeaker
from kiosk.speech.lexicon import Lexicon
from kiosk.speech.process_speaker import ProcessSpeaker


def test_null_speaker_reports_unavailable() -> None:
    seen: list[SpeechEvent] = []
    speaker: Speaker = NullSpeaker()
    speaker.start(seen.append)
    speaker.speak(1, ["Hello."])
    speaker.set_volume(0.5)
    speaker.stop()
    speaker.close()
    assert len(seen) == 1
    assert isinstance(seen[0], SpeechAvailability) and not seen[0].available


def test_recording_speaker_records_calls() -> None:
    speaker = RecordingSpeaker()
    seen: list[SpeechEvent] = []
    speaker.start(seen.append)
    speaker.speak(3, ["A.", "B."], 1)
    speaker.set_volume(0.5)
    speaker.set_rate(180)
    speaker.stop()
    speaker.close()
    assert speaker.calls == [
        ("start",),
        ("speak", 3, ("A.", "B."), 1),
        ("volume", 0.5),
        ("rate", 180),
        ("stop",),
        ("close",),
    ]
    assert seen == [SpeechAvailability(True, "")]


def test_recording_speaker_auto_finish() -> None:
    speaker = RecordingSpeaker(auto_finish=True)
    seen: list[SpeechEvent] = []
    speaker.start(seen.append)
    speaker.speak(7, ["A.", "B.", "C."], 1)
    assert seen[1:] == [SentenceStarted(7, 1), SentenceStarted(7, 2), UtteranceFinished(7)]


def test_recording_speaker_on_demand() -> None:
    speaker = RecordingSpeaker()
    seen: list[SpeechEvent] = []
    speaker.start(seen.append)
    speaker.speak(1, ["A.", "B."])
    assert speaker.advance()
    assert seen[-1] == SentenceStarted(1, 0)
    speaker.stop()
    assert not speaker.advance()
    speaker.set_available(False, "unplugged")
    assert seen[-1:] == [SpeechAvailability(False, "unplugged")]
    assert speaker.spoken == [(1, ("A.", "B."), 0)]


def test_factory() -> None:
    assert isinstance(make_speaker(enabled=False), NullSpeaker)
    speaker = make_speaker(voice="en-us", rate=999, volume=2.0, log_path=None, lexicon_path=None)
    assert isinstance(speaker, ProcessSpeaker)


def test_public_methods_return_at_once() -> None:
    """Before and without a worker the calls only queue a message."""
    speaker = ProcessSpeaker(lexicon=Lexicon())
    long_text = ["A sentence of several words for the timing test."] * 500
    timings = []
    for _ in range(50):
        started = time.perf_counter()
        speaker.speak(1, long_text)
        speaker.stop()
        speaker.set_volume(0.5)
        speaker.set_rate(170)
        timings.append(time.perf_counter() - started)
    assert sorted(timings)[len(timings) // 2] < 0.002
