"""The patient's controls of the speech: stop, pause and continue, repeat, volume, speed,
and "where am I". Pure logic, no Textual and no audio; `Narration` keeps the state."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from kiosk.content.wording import Wording
from kiosk.core.key_input import KeyInput
from kiosk.core.narration import Narration
from kiosk.core.navigation import Navigation
from kiosk.core.speaker import MAX_RATE_WPM, MIN_RATE_WPM
from kiosk.core.views import ScreenKind

VOLUME_STEP = 0.1
MIN_VOLUME = 0.1
RATE_STEP = 20


class Captions(Protocol):
    def caption(self, text: str) -> None: ...


class SpeechControls:
    def __init__(
        self,
        narration: Narration,
        captions: Captions,
        navigation: Navigation,
        keys: KeyInput,
        *,
        wording: Callable[[], Wording],
    ) -> None:
        self.narration = narration
        self.captions = captions
        self.navigation = navigation  # where the patient is, for repeat and "where am I"
        self.keys = keys
        self.wording = wording  # the content's, as it is now ([speech_controls], [where])

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
        said = self.wording().speech_controls
        if volume == current:
            self._announce_volume(said.loudest if direction > 0 else said.softest)
            return
        self.narration.set_volume(volume)
        message = said.louder if direction > 0 else said.softer
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
        said = self.wording().speech_controls
        if rate == current:
            self.narration.say(said.fastest if direction > 0 else said.slowest)
            return
        self.narration.set_rate(rate)
        steps = (MAX_RATE_WPM - MIN_RATE_WPM) // RATE_STEP + 1
        level = (rate - MIN_RATE_WPM) // RATE_STEP + 1
        message = said.faster if direction > 0 else said.slower
        self.narration.say(message.format(level=level, steps=steps))

    def where_am_i(self) -> str:
        navigation = self.navigation
        location, view = navigation.location, navigation.view
        wording = self.wording()
        said, prompt = wording.where, wording.lists.choose
        if location.kind is ScreenKind.ORIENTATION:
            text = said.orientation_pages if view.position else said.orientation
            return text.format(
                title=view.title,
                topics=len(navigation.content.sections),
                position=view.position,
                prompt=prompt,
                help_key=self.keys.help_key(navigation.context),
            )
        if location.on_list and location.kind is ScreenKind.HOME:
            choice = navigation.choice_phrase(location.selected)
            return said.list.format(title=view.title, choice=choice, prompt=prompt)
        count = len(view.sentences)
        sentence = said.sentence.format(number=self.narration.cursor + 1, count=count)
        if location.kind is ScreenKind.SECTION:
            return said.section.format(title=view.title, position=view.position, sentence=sentence)
        return said.page.format(title=view.title, sentence=sentence)
