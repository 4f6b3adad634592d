"""What the kiosk is saying: one utterance at a time, the reading cursor, pause, volume, speed.

Pure logic, no Textual and no audio. Narration is the only writer of the speech's state,
and keeps the current view (the page it reads); the rest of the kiosk reads them through
properties and changes them through its methods. It tells a `Speaker` what to speak and a
`Captions` display which sentence to highlight and caption. Every utterance gets a new id,
so the events of speech that was stopped, arriving late, are recognised and ignored.

While speech is unavailable (`silent`), nothing reports when a sentence starts, so `tick`
moves the caption and highlight on through what would have been said, at the reading rate:
a deaf or hard-of-hearing patient, or any patient while the speaker is broken, still gets
every sentence captioned (issue #12).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from enum import Enum
from typing import Protocol

from kiosk.core.speaker import SentenceStarted, Speaker, UtteranceFinished
from kiosk.core.views import View


class Captions(Protocol):
    def highlight(self, sentence: int | None) -> None: ...

    def caption(self, text: str) -> None: ...


class Progress(Enum):
    """What a speaker event meant to the kiosk."""

    NOTHING = "nothing"  # stale, or a short message's progress
    SENTENCE = "sentence"  # reading moved on to the next sentence of the page
    READING_DONE = "reading_done"  # the page was read to its end
    TONE_DONE = "tone_done"  # the listening tone has played: the microphone may open


# A caption stays up as long as the sentence would take to say, plus the pause the voice
# leaves between sentences, and never less than a glance.
CAPTION_PAUSE_SECONDS = 0.5
CAPTION_MIN_SECONDS = 1.5


def caption_seconds(text: str, rate: int) -> float:
    """How long `text` would take to say at `rate` words a minute, with the pause after it."""
    spoken = len(text.split()) * 60.0 / rate
    return max(CAPTION_MIN_SECONDS, spoken + CAPTION_PAUSE_SECONDS)


class Narration:
    def __init__(
        self,
        speaker: Speaker,
        captions: Captions,
        view: View,
        volume: float,
        rate: int,
        *,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.speaker = speaker
        self.captions = captions
        self.clock = clock
        # Narration alone writes these; the rest of the kiosk reads them through properties.
        self._view = view  # the page on screen, whose sentences reading speaks
        self._volume = volume
        self._rate = rate
        self._silent = False  # speech unavailable: `tick` paces the captions instead
        self._caption_due = 0.0  # silent: when the captioned sentence would have been said
        self._cursor = 0  # the sentence of `view` that reading is at
        self._reading = False  # the view's sentences are being spoken
        self._paused = False
        self._stopped_while_reading = False  # what the last stop interrupted
        self._utterance = 0
        self._reading_utterance = -1
        self._single_sentence = False  # the reading utterance is a repeat of one sentence
        self._sounding_utterance: int | None = None
        self._tone_utterance = -1
        self._message = ""  # the short message being said, if one is
        self._then: tuple[int, str] | None = None  # (after utterance, what to say then)

    @property
    def view(self) -> View:
        """The page on screen: the one place the kiosk keeps it."""
        return self._view

    @property
    def volume(self) -> float:
        return self._volume

    @property
    def rate(self) -> int:
        return self._rate

    @property
    def silent(self) -> bool:
        return self._silent

    @property
    def cursor(self) -> int:
        """The sentence of `view` that reading is at."""
        return self._cursor

    @property
    def reading(self) -> bool:
        """Whether the view's sentences are being spoken (or, while silent, captioned)."""
        return self._reading

    @property
    def paused(self) -> bool:
        return self._paused

    @property
    def stopped_while_reading(self) -> bool:
        """Whether the last stop interrupted reading."""
        return self._stopped_while_reading

    @property
    def sounding(self) -> bool:
        """Whether an utterance or the tone has been started and has not finished."""
        return self._sounding_utterance is not None

    def show(self, view: View, *, keep_cursor: bool = False) -> None:
        """A new page: reading starts from its top unless the cursor still fits."""
        self._view = view
        if not keep_cursor or self._cursor >= len(view.sentences):
            self._cursor = 0

    def read_from(self, index: int) -> None:
        """Speak the view's sentences from `index` on, highlighting each as it is spoken."""
        if not self._view.sentences:
            return
        self._cursor = max(0, min(index, len(self._view.sentences) - 1))
        self._single_sentence = False
        self._reading_utterance = self._next_utterance()
        self._reading, self._paused = True, False
        self.captions.highlight(self._cursor)
        self.captions.caption(self._view.sentences[self._cursor].text)
        self._pace_from_now()
        self.speaker.speak(self._utterance, self._view.script, self._cursor)

    def repeat_sentence(self) -> None:
        """Say the cursor's sentence again, and only it; the cursor stays put."""
        self._reading_utterance = self._next_utterance()
        self._reading = True
        self.captions.highlight(self._cursor)
        sentence = self._view.sentences[self._cursor].text
        self.captions.caption(sentence)
        self._single_sentence = True  # its events say index 0
        self._pace_from_now()
        self.speaker.speak(self._utterance, [sentence], 0)

    def read_on(self) -> None:
        """Read on from the cursor; from the top once the page was read to its end."""
        at_end = self._cursor >= len(self._view.sentences) - 1
        self.read_from(0 if at_end and not self._paused else self._cursor)

    def point_at(self, sentence: int) -> None:
        """Put the cursor on `sentence`, highlighted, without reading it."""
        self._cursor = sentence
        self.captions.highlight(sentence)

    def pause(self) -> None:
        """Reading was stopped to be continued later, from the cursor."""
        self._paused = True

    def forget_pause(self) -> None:
        self._paused = False

    def say(self, text: str) -> None:
        """Speak a short message that is not part of the page (no highlight moves)."""
        self._next_utterance()
        self._reading = False
        self._message = text
        self.captions.caption(text)
        self.speaker.speak(self._utterance, [text], 0)

    def saying(self, text: str) -> bool:
        """Whether `text` is the short message being said just now."""
        return not self._reading and self.sounding and self._message == text

    def say_next(self, text: str) -> None:
        """Say `text` once the message being said has ended, without cutting it off. It is
        not captioned: it is what the screen already shows (the "more below" marker). While
        silent it is dropped: the screen shows it, and nothing is being said."""
        if self._silent:
            return
        if self._sounding_utterance is None:
            self._speak_uncaptioned(text)
        else:
            self._then = (self._sounding_utterance, text)

    def _speak_uncaptioned(self, text: str) -> None:
        self._next_utterance()
        self._reading = False
        self._message = text
        self.speaker.speak(self._utterance, [text], 0)

    def play_tone(self) -> None:
        self._tone_utterance = self._next_utterance()
        self.speaker.play_tone(self._tone_utterance)

    def stop(self) -> None:
        self._stopped_while_reading = self._reading
        self.speaker.stop()
        self._reading = False
        self._reading_utterance = -1  # late events of the stopped speech are ignored
        self._sounding_utterance = None
        self._tone_utterance = -1
        self._then = None

    def set_volume(self, volume: float) -> None:
        self._volume = volume
        self.speaker.set_volume(volume)

    def set_rate(self, rate: int) -> None:
        self._rate = rate
        self.speaker.set_rate(rate)

    def set_silent(self, silent: bool) -> None:
        """Speech went away (captions are paced from now) or came back (reading goes on
        aloud from the sentence being captioned, so what is shown is what is said)."""
        if silent == self._silent:
            return
        self._silent = silent
        if not self._reading:
            return
        if silent:
            self._pace_from_now()
        elif self._single_sentence:
            self.repeat_sentence()
        else:
            self.read_from(self._cursor)

    def tick(self) -> Progress:
        """While silent: move the caption on when its sentence would have been said."""
        if not (self._silent and self._reading) or self.clock() < self._caption_due:
            return Progress.NOTHING
        if self._single_sentence or self._cursor + 1 >= len(self._view.sentences):
            self._reading = False
            self._sounding_utterance = None
            return Progress.READING_DONE
        self._cursor += 1
        self.captions.highlight(self._cursor)
        self.captions.caption(self._view.sentences[self._cursor].text)
        self._pace_from_now()
        return Progress.SENTENCE

    def _pace_from_now(self) -> None:
        sentence = self._view.sentences[self._cursor].text
        self._caption_due = self.clock() + caption_seconds(sentence, self._rate)

    def on_event(self, event: SentenceStarted | UtteranceFinished) -> Progress:
        if self._silent and event.utterance_id == self._reading_utterance:
            # Nothing is heard while silent: the captions' own pace is what counts, and a
            # late event from before speech went away must not move them.
            finished = isinstance(event, UtteranceFinished)
            if finished and event.utterance_id == self._sounding_utterance:
                self._sounding_utterance = None
            return Progress.NOTHING
        if isinstance(event, SentenceStarted):
            if event.utterance_id != self._reading_utterance:
                return Progress.NOTHING
            if not self._single_sentence:
                self._cursor = event.index
            self.captions.highlight(self._cursor)
            self.captions.caption(self._view.sentences[self._cursor].text)
            return Progress.SENTENCE
        if event.utterance_id == self._sounding_utterance:
            self._sounding_utterance = None
        if event.utterance_id == self._tone_utterance:
            self._tone_utterance = -1
            return Progress.TONE_DONE
        if event.utterance_id == self._reading_utterance:
            self._reading = False
            return Progress.READING_DONE
        if self._then is not None and event.utterance_id == self._then[0]:
            _, text = self._then
            self._then = None
            self._speak_uncaptioned(text)
        return Progress.NOTHING

    def _next_utterance(self) -> int:
        self._then = None  # anything new said replaces what was to follow the last message
        self._utterance += 1
        self._sounding_utterance = self._utterance
        return self._utterance
