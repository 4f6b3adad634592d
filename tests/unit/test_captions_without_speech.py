"""Narration without speech (issue #12, defect 3): the captions are paced at the reading rate."""

from __future__ import annotations

from kiosk.core.narration import Narration, Progress, caption_seconds
from kiosk.core.speaker import SentenceStarted
from kiosk.speech.fakes import RecordingSpeaker
from tests.support.clocks import FakeClock
from tests.unit.test_narration import TEXTS, Captions, page


def silent_narration() -> tuple[Narration, RecordingSpeaker, Captions, FakeClock]:
    speaker, captions, clock = RecordingSpeaker(), Captions(), FakeClock()
    story = Narration(speaker, captions, page(), 0.8, 160, clock=clock)
    story.set_silent(True)
    return story, speaker, captions, clock


def test_each_caption_stays_as_long_as_its_sentence_would_take() -> None:
    story, _, captions, clock = silent_narration()
    story.read_from(0)
    assert captions.captions[-1] == TEXTS[0]
    clock.now += caption_seconds(TEXTS[0], 160) - 0.1
    assert story.tick() is Progress.NOTHING
    clock.now += 0.2
    assert story.tick() is Progress.SENTENCE
    assert (story.cursor, captions.highlighted[-1], captions.captions[-1]) == (1, 1, TEXTS[1])
    clock.now += caption_seconds(TEXTS[1], 160)
    assert story.tick() is Progress.SENTENCE
    clock.now += caption_seconds(TEXTS[2], 160)
    assert story.tick() is Progress.READING_DONE
    assert not story.reading and story.cursor == 2


def test_a_repeated_sentence_is_captioned_once_then_reading_ends() -> None:
    story, _, captions, clock = silent_narration()
    story.read_from(2)
    story.stop()
    story.repeat_sentence()
    clock.now += caption_seconds(TEXTS[2], 160)
    assert story.tick() is Progress.READING_DONE
    assert story.cursor == 2 and captions.captions[-1] == TEXTS[2]


def test_speaker_events_do_not_move_silent_captions() -> None:
    story, speaker, _, _ = silent_narration()
    story.read_from(0)
    assert story.on_event(SentenceStarted(speaker.calls[-1][1], 2)) is Progress.NOTHING
    assert story.cursor == 0


def test_with_speech_the_speaker_sets_the_pace() -> None:
    speaker, captions, clock = RecordingSpeaker(), Captions(), FakeClock()
    story = Narration(speaker, captions, page(), 0.8, 160, clock=clock)
    story.read_from(0)
    clock.now += 60
    assert story.tick() is Progress.NOTHING
    assert story.cursor == 0
