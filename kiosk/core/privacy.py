"""The privacy screen (Section 508 405.1): a patient listening can blank the screen; keys
and speech go on as before. Pure logic, no Textual and no audio."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from kiosk.commands.command import Command, CommandId
from kiosk.commands.keymap import KeyContext
from kiosk.content.wording import Wording
from kiosk.core.key_input import KeyInput
from kiosk.core.narration import Narration


class Blanker(Protocol):
    def privacy(self, on: bool) -> None:
        """Blank the whole screen (on) or show it again."""
        ...


class PrivacyScreen:
    def __init__(
        self,
        blanker: Blanker,
        narration: Narration,
        keys: KeyInput,
        *,
        wording: Callable[[], Wording],
        context: Callable[[], KeyContext],
    ) -> None:
        self.blanker = blanker
        self.narration = narration
        self.keys = keys
        self.wording = wording  # the content's, as it is now ([privacy])
        self.context = context  # the keys of the screen the patient is on
        self.on = False  # the display is blank, all else goes on

    def toggle(self) -> None:
        self.set(not self.on)
        said = self.wording().privacy
        if not self.on:
            self.narration.say(said.screen_on)
            return
        keys = self.keys.keypad_keys(Command(CommandId.PRIVACY), self.context())
        again = " " + said.turn_it_on.format(keys=keys) if keys else ""
        self.narration.say(said.screen_off + again)

    def set(self, on: bool) -> None:
        if on != self.on:
            self.on = on
            self.blanker.privacy(on)
