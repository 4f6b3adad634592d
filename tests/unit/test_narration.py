"""Narration: what is being said, where reading is, and which speaker events still count."""

from __future__ import annotations

from kiosk.content.sentences import Span
from kiosk.content.wording_file import shipped_wording
from kiosk.core.narration import Narration, Progress
from kiosk.core.speaker import SentenceStarted, UtteranceFinished
from kiosk.core.views import ScreenKind, Sentence, View, ViewBlock, ViewBlockKind
from kiosk.speech.fakes import RecordingSpeaker

TEXTS = ("Risks.", "Most people have no problems.", "Some have pain for a few days.")


class Captions:
    def __init__(self) -> None:
        self.highlighted: list[int | None] = []
        self.captions: list[str] = []

    def highlight(self, sentence: int | None) -> None:
        self.highlighted.append(sentence)

    def caption(self, text: str) -> None:
        self.captions.append(text)


def page(texts: tuple[str, ...] = TEXTS) -> View:
    blocks = tuple(ViewBlock(ViewBlockKind.PARAGRAPH, t) for t in texts)
    sentences = tuple(Sentence(t, i, Span(0, len(t))) for i, t in enumerate(texts))
    return View(ScreenKind.SECTION, "Risks", blocks, sentences, wording=shipped_wording())


def narration() -> tuple[Narration, RecordingSpeaker, Captions]:
    speaker, captions = RecordingSpeaker(), Captions()
    return Narration(speaker, captions, page(), 0.8, 160), speaker, captions


def test_reading_follows_the_speakers_sentences_and_ends() -> None:
    story, speaker, captions = narration()
    story.read_from(1)
    utterance = speaker.calls[-1][1]
    assert speaker.calls[-1] == ("speak", utterance, TEXTS, 1)
    assert story.on_event(SentenceStarted(utterance, 2)) is Progress.SENTENCE
    assert story.cursor == 2 and captions.highlighted[-1] == 2 and captions.captions[-1] == TEXTS[2]
    assert story.on_event(UtteranceFinished(utterance)) is Progress.READING_DONE
    assert not story.reading and not story.sounding


def test_events_of_stopped_speech_are_ignored() -> None:
    story, speaker, _ = narration()
    story.read_from(0)
    stopped = speaker.calls[-1][1]
    story.stop()
    assert story.stopped_while_reading
    assert story.on_event(SentenceStarted(stopped, 2)) is Progress.NOTHING
    assert story.cursor == 0
    story.say("Louder.")
    assert story.on_event(UtteranceFinished(stopped)) is Progress.NOTHING
    assert story.sounding  # "Louder." is still being said


def test_repeating_a_sentence_keeps_the_cursor() -> None:
    story, speaker, _ = narration()
    story.read_from(2)
    story.stop()
    story.repeat_sentence()
    utterance = speaker.calls[-1][1]
    assert speaker.calls[-1] == ("speak", utterance, (TEXTS[2],), 0)
    story.on_event(SentenceStarted(utterance, 0))  # its only sentence is index 0
    assert story.cursor == 2


def test_the_tone_finishing_is_the_cue_to_listen() -> None:
    story, speaker, _ = narration()
    story.play_tone()
    assert story.on_event(UtteranceFinished(speaker.calls[-1][1])) is Progress.TONE_DONE


def test_a_new_page_starts_at_its_top_unless_the_cursor_still_fits() -> None:
    story, _, _ = narration()
    story.read_from(2)
    story.show(page(TEXTS[:2]), keep_cursor=True)
    assert story.cursor == 0  # sentence 3 is gone
    story.read_from(1)
    story.show(page(), keep_cursor=True)
    assert story.cursor == 1


def test_what_follows_a_message_waits_for_it_and_is_not_captioned() -> None:
    story, speaker, captions = narration()
    story.say("Press a number to choose a topic.")
    message = speaker.calls[-1][1]
    assert story.saying("Press a number to choose a topic.")
    story.say_next("2 more topics below.")
    assert speaker.calls[-1][1] == message  # the message is not cut off
    story.on_event(UtteranceFinished(message))
    assert speaker.calls[-1][2] == ("2 more topics below.",)
    assert captions.captions[-1] == "Press a number to choose a topic."  # the screen shows it


def test_what_was_to_follow_a_message_is_dropped_by_a_key_or_a_new_message() -> None:
    story, speaker, _ = narration()
    story.say("Press a number to choose a topic.")
    story.say_next("2 more topics below.")
    story.stop()
    story.on_event(UtteranceFinished(speaker.calls[-2][1]))
    story.say("Louder.")
    story.say_next("2 more topics below.")
    story.say("Softer.")
    story.on_event(UtteranceFinished(speaker.calls[-1][1]))
    assert not any("more topics" in " ".join(sentences) for _, sentences, _ in speaker.spoken)
    story.set_silent(True)
    calls = len(speaker.calls)
    story.say_next("2 more topics below.")  # nothing is said while silent: the screen shows it
    assert speaker.calls[calls:] == []
