"""The patient's controls of the speech: stop, pause and continue, repeat, volume, speed,
and "where am I". Pure logic, no Textual and no audio; `Narration` keeps the state."""

from __future__ import annotations

from typing import Protocol

from kiosk.core.key_input import KeyInput
from kiosk.core.narration import Narration
from kiosk.core.navigation import LIST_PROMPT, Navigation
from kiosk.core.views import ScreenKind
from kiosk.speech.speaker import MAX_RATE_WPM, MIN_RATE_WPM

VOLUME_STEP = 0.1
MIN_VOLUME = 0.1
RATE_STEP = 20

LOUDEST = "This is the loudest."
SOFTEST = "This is the softest."
LOUDER = "Louder. Volume {level} of 10."
SOFTER = "Softer. Volume {level} of 10."
FASTEST = "This is the fastest."
SLOWEST = "This is the slowest."
FASTER = "Faster. Speed {level} of {steps}."
SLOWER = "Slower. Speed {level} of {steps}."
WHERE_ON_ORIENTATION = (
    "{title}. This is the start screen, with {topics} topics.{page} {prompt} "
    "For help, press {help_key}."
)
WHERE_ON_LIST = "{title}. {choice} {prompt}"
WHERE_SENTENCE = "Sentence {number} of {count}."
WHERE_IN_SECTION = "{title}. {position}. {sentence}"
WHERE_ON_PAGE = "{title}. {sentence}"


class Captions(Protocol):
    def caption(self, text: str) -> None: ...


class SpeechControls:
    def __init__(
        self, narration: Narration, captions: Captions, navigation: Navigation, keys: KeyInput
    ) -> None:
        self.narration = narration
        self.captions = captions
        self.navigation = navigation
        self.keys = keys

    # The command has already stopped the speech (every command but louder and softer does).

    def stop_reading(self) -> None:
        """Stop only stops: it says nothing, and leaves nothing paused."""
        self.narration.forget_pause()

    def pause(self) -> None:
        self.narration.pause()

    def resume(self) -> None:
        self.narration.read_from(self.narration.cursor)

    def pause_resume(self) -> None:
        # Whether the speech that was stopped was reading decides.
        if self.narration.stopped_while_reading:
            self.pause()
        else:
            self.resume()

    def repeat(self) -> None:
        """On the topics list, the topic the pointer is on; else the sentence just said."""
        location = self.navigation.location
        if location.on_list and location.kind is not ScreenKind.ORIENTATION:
            self.navigation.point_at(location.selected)
            return
        self.narration.repeat_sentence()

    def change_volume(self, direction: int) -> None:
        current = self.narration.volume
        volume = round(min(1.0, max(MIN_VOLUME, current + direction * VOLUME_STEP)), 2)
        if volume == current:
            self._announce_volume(LOUDEST if direction > 0 else SOFTEST)
            return
        self.narration.set_volume(volume)
        message = LOUDER if direction > 0 else SOFTER
        self._announce_volume(message.format(level=round(volume * 10)))

    def _announce_volume(self, message: str) -> None:
        if not self.narration.reading:
            self.narration.say(message)
        elif self.narration.silent:
            # Reading is not interrupted, and no voice lets the change be heard: caption it.
            self.captions.caption(message)

    def change_rate(self, direction: int) -> None:
        current = self.narration.rate
        rate = min(MAX_RATE_WPM, max(MIN_RATE_WPM, current + direction * RATE_STEP))
        if rate == current:
            self.narration.say(FASTEST if direction > 0 else SLOWEST)
            return
        self.narration.set_rate(rate)
        steps = (MAX_RATE_WPM - MIN_RATE_WPM) // RATE_STEP + 1
        level = (rate - MIN_RATE_WPM) // RATE_STEP + 1
        message = FASTER if direction > 0 else SLOWER
        self.narration.say(message.format(level=level, steps=steps))

    def where_am_i(self) -> str:
        navigation = self.navigation
        location, view = navigation.location, navigation.view
        if location.kind is ScreenKind.ORIENTATION:
            return WHERE_ON_ORIENTATION.format(
                title=view.title,
                topics=len(navigation.content.sections),
                page=f" {view.position}." if view.position else "",
                prompt=LIST_PROMPT,
                help_key=self.keys.help_key(navigation.context),
            )
        if location.on_list and location.kind is ScreenKind.HOME:
            choice = navigation.choice_phrase(location.selected)
            return WHERE_ON_LIST.format(title=view.title, choice=choice, prompt=LIST_PROMPT)
        count = len(view.sentences)
        sentence = WHERE_SENTENCE.format(number=self.narration.cursor + 1, count=count)
        if location.kind is ScreenKind.SECTION:
            return WHERE_IN_SECTION.format(
                title=view.title, position=view.position, sentence=sentence
            )
        return WHERE_ON_PAGE.format(title=view.title, sentence=sentence)
