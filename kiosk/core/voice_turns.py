"""Voice turns: push-to-talk, what the listener heard, listening ending, voice going away.
Pure logic, no Textual and no audio.

A turn: the talk key stops the speech (every command does), the listening tone plays, and
only then does the microphone open (so it does not take the tone for speech); one command
is taken, or the patient is told nothing was heard and how to try again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from kiosk.commands.command import Command, CommandId
from kiosk.commands.keymap import KeyContext
from kiosk.content.wording import Wording
from kiosk.core.input_gate import InputGate
from kiosk.core.key_input import KeyInput
from kiosk.core.narration import Narration
from kiosk.core.session import Phase, SessionTimer
from kiosk.core.voice_events import Decision, Heard


class VoiceDisplay(Protocol):
    def caption(self, text: str) -> None: ...

    def notice(self, text: str) -> None: ...

    def listen(self) -> bool: ...


class VoiceTurns:
    def __init__(
        self,
        narration: Narration,
        display: VoiceDisplay,
        keys: KeyInput,
        session: SessionTimer,
        gate: InputGate,
        *,
        wording: Callable[[], Wording],
        context: Callable[[], KeyContext],
        handle: Callable[[Command], None],
        count: Callable[[str], None],
    ) -> None:
        self.narration = narration
        self.display = display
        self.keys = keys
        self.wording = wording  # the content's, as it is now ([voice])
        self.context = context  # the keys of the screen the patient is on
        self.session = session
        self.gate = gate
        self.handle = handle  # a command heard goes the way every command goes
        self.count = count
        self.available = False
        # Set while voice commands run on the fallback recognizer: said once, at the first
        # push of the talk key, before listening.
        self.note = ""
        self._note_said = False
        self.awaiting = False  # push-to-talk is listening for one command

    def push_to_talk(self) -> None:
        """The speech has been stopped: play the listening tone, then take one command."""
        said = self.wording().voice
        if not self.available:
            self.narration.say(said.unavailable)
            return
        if self.note and not self._note_said:
            self._note_said = True
            self.narration.say(f"{self.note} {said.talk_again.format(talk_key=self._talk_key())}")
            return
        self.display.notice(said.listening)
        self.display.caption(said.listening)
        if self.narration.silent:
            self.start_listening()
            return
        self.narration.play_tone()

    def start_listening(self) -> None:
        """After the tone has played, so the microphone does not take the tone for speech."""
        self.awaiting = True
        if not self.display.listen():
            self.awaiting = False
            self.display.notice("")
            self.narration.say(self.wording().voice.unavailable)

    def on_heard(self, heard: Heard) -> None:
        """What the listener made of some speech: act only on a sure command."""
        requested, self.awaiting = self.awaiting, False
        self.keys.forget_sequence()
        if self.gate.closed:
            return
        self.display.notice("")
        if heard.decision is Decision.ACCEPT and heard.command is not None:
            self.count("voice_commands")
            self.handle(heard.command)
        elif heard.decision is Decision.WAKE:
            self.handle(Command(CommandId.PUSH_TO_TALK))
        elif heard.decision is Decision.UNSURE:
            self.count("voice_rejected")
            said = self.wording().voice
            message = said.not_understood_noisy if heard.noisy else said.not_understood
            self._tell(message.format(help_key=self.keys.help_key(self.context())))
        elif requested:
            self._nothing_heard()

    def on_listening_stopped(self) -> None:
        """Push-to-talk ended; if nothing came of it, say so and how to try again."""
        if self.awaiting:
            self.awaiting = False
            self.display.notice("")
            self._nothing_heard()

    def voice_lost(self, message: str) -> None:
        """The microphone or recognizer stopped working: tell the patient once, mid-session."""
        self.awaiting = False
        self.display.notice("")
        if self.session.phase is Phase.ACTIVE:
            self._tell(message)

    def _tell(self, message: str) -> None:
        self.narration.stop()
        self.narration.say(message)

    def _nothing_heard(self) -> None:
        said = self.wording().voice
        self._tell(said.nothing_heard.format(talk_key=self._talk_key()))

    def _talk_key(self) -> str:
        talk = Command(CommandId.PUSH_TO_TALK)
        keys = self.keys.keypad_keys(talk, self.context())
        return keys or self.wording().voice.talk_key
