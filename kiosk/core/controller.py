"""The kiosk's behaviour: every key and voice command arrives here as a `Command`.

Pure logic: no Textual, no audio. The controller wires the parts, each with one job: `KeyInput`
(which job a key does, the staff sequence, held keys), `Navigation` (where the patient is, where
"back" goes), `Moves` (moving on a screen), `SpeechControls`, `VoiceTurns` (push-to-talk),
`SessionFlow` (a session's course) and `PrivacyScreen`. It tells a `Display` (the Textual UI, or
a recorder in tests) and, through `Narration` (what is being said, where reading is, the view),
a `Speaker` (real or fake). Every input takes one way: the `InputGate` (cleaning mode, the
inactivity warning, the welcome screen), then the speech stops (except for louder and softer),
then its command's one handler runs. The stop command only stops; it says nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import time as clock_time
from typing import Protocol

from kiosk.commands.command import KEEPS_SPEECH, Command, CommandId
from kiosk.commands.keymap import KeyMap
from kiosk.content.model import Content
from kiosk.content.wording import Wording
from kiosk.core.input_gate import Admission, InputGate
from kiosk.core.key_input import KeyInput
from kiosk.core.moves import Moves
from kiosk.core.narration import Narration, Progress
from kiosk.core.navigation import Location, Navigation
from kiosk.core.privacy import PrivacyScreen
from kiosk.core.session import (
    DEFAULT_RULES,
    NO_QUIET_HOURS,
    QuietHours,
    SessionRules,
    SessionTimer,
)
from kiosk.core.session_flow import DEFAULTS, Defaults, SessionFlow, wall_clock_now
from kiosk.core.speaker import SentenceStarted, Speaker, UtteranceFinished
from kiosk.core.speech_controls import SpeechControls
from kiosk.core.views import ScreenKind, View, welcome_view
from kiosk.core.voice_events import Heard
from kiosk.core.voice_turns import VoiceTurns


class Display(Protocol):
    """What the controller needs from a screen."""

    def show(self, view: View, selected: int | None) -> None: ...

    def highlight(self, sentence: int | None) -> None: ...

    def scroll(self, pages: int) -> bool:
        """Scroll the page `pages` screens down (up when negative); False when it was already
        at that end, so a list can show its next (or previous) nine instead."""
        ...

    def caption(self, text: str) -> None: ...

    def open_staff_prompt(self) -> None: ...

    def notice(self, text: str) -> None:
        """Show (or with "" hide) an urgent notice: the inactivity warning, cleaning mode."""
        ...

    def listen(self) -> bool:
        """Start push-to-talk listening; False when voice input is unavailable."""
        ...

    def privacy(self, on: bool) -> None:
        """Blank the whole screen (on) or show it again; keys and speech are not affected."""
        ...


class Controller:
    def __init__(
        self,
        content: Content,
        keymap: KeyMap,
        speaker: Speaker,
        display: Display,
        *,
        defaults: Defaults = DEFAULTS,
        clock: Callable[[], float],
        staff_sequence: tuple[str, ...] = (),
        rules: SessionRules = DEFAULT_RULES,
        quiet_hours: QuietHours = NO_QUIET_HOURS,
        wall_clock: Callable[[], clock_time] = wall_clock_now,
        count: Callable[[str], None] = lambda event: None,
        wake_phrase: str = "",
    ) -> None:
        self.display = display
        self.clock = clock
        self.count = count  # anonymous usage counts: events, never what was said
        self.session = SessionTimer(rules, clock())
        welcome = welcome_view(content, wake_phrase)
        # What is being said, where reading is, at what volume and speed, and the view.
        self.narration = narration = Narration(
            speaker, display, welcome, defaults.volume, defaults.rate, clock=clock
        )
        self.navigation = nav = Navigation(
            content, keymap, narration, display, wake_phrase=wake_phrase, count=count
        )
        # What the parts say is `wording()`; the keys they name are those of the screen.
        wording, context = self.wording, lambda: nav.context
        self.keys = keys = KeyInput(keymap, staff_sequence, wording=wording)
        self.gate = InputGate(self.session, lambda: self.location.kind is ScreenKind.WELCOME)
        self.moves = Moves(nav, narration, display)
        self.controls = SpeechControls(narration, display, nav, keys, wording=wording)
        self.privacy = PrivacyScreen(display, narration, keys, wording=wording, context=context)
        self.voice = VoiceTurns(
            narration, display, keys, self.session, self.gate,
            wording=wording, context=context, handle=self.handle, count=count,
        )  # fmt: skip
        self.sessions = SessionFlow(
            self.session, nav, narration, display, keys, self.privacy, wording=wording,
            defaults=defaults, quiet_hours=quiet_hours, wall_clock=wall_clock, clock=clock,
            count=count,
        )  # fmt: skip
        self._handlers = self._dispatch_table()

    def _dispatch_table(self) -> dict[CommandId, Callable[[Command], None]]:
        """Each command's one handler; built once."""
        nav, moves, controls, say = self.navigation, self.moves, self.controls, self.say
        return {
            CommandId.SELECT: moves.select,
            CommandId.OPEN: lambda c: nav.open_section(str(c.value)),
            CommandId.ACTIVATE: lambda c: moves.activate(),
            CommandId.NEXT: lambda c: moves.step(+1),
            CommandId.PREVIOUS: lambda c: moves.step(-1),
            CommandId.NEXT_SENTENCE: lambda c: moves.step_sentence(+1),
            CommandId.PREVIOUS_SENTENCE: lambda c: moves.step_sentence(-1),
            CommandId.NEXT_SECTION: lambda c: moves.step_section(+1),
            CommandId.PREVIOUS_SECTION: lambda c: moves.step_section(-1),
            CommandId.READ: lambda c: self.read_from(0),
            CommandId.BACK: lambda c: nav.back(),
            CommandId.HOME: lambda c: nav.home(),
            CommandId.HELP: lambda c: nav.open_page(ScreenKind.HELP),
            CommandId.ABOUT: lambda c: nav.open_page(ScreenKind.ABOUT),
            CommandId.REPEAT: lambda c: controls.repeat(),
            CommandId.STOP: lambda c: controls.stop_reading(),
            CommandId.PAUSE: lambda c: controls.pause(),
            CommandId.RESUME: lambda c: controls.resume(),
            CommandId.PAUSE_RESUME: lambda c: controls.pause_resume(),
            CommandId.LOUDER: lambda c: controls.change_volume(+1),
            CommandId.SOFTER: lambda c: controls.change_volume(-1),
            CommandId.FASTER: lambda c: controls.change_rate(+1),
            CommandId.SLOWER: lambda c: controls.change_rate(-1),
            CommandId.WHERE_AM_I: lambda c: say(controls.where_am_i()),
            CommandId.END_SESSION: lambda c: self.end_session(),
            CommandId.YES: lambda c: say(self.wording().session.no_question),
            CommandId.NO: lambda c: say(self.wording().session.no_question),
            CommandId.MORE_TIME: lambda c: say(self.wording().session.more_time),
            CommandId.PAGE_UP: lambda c: moves.page(-1),
            CommandId.PAGE_DOWN: lambda c: moves.page(+1),
            CommandId.MORE: lambda c: moves.more(),
            CommandId.DESCRIBE_KEY: lambda c: say(self.keys.arm_describe()),
            CommandId.OPTIONS: lambda c: say(self.keys.arm_options()),
            CommandId.PUSH_TO_TALK: lambda c: self.voice.push_to_talk(),
            CommandId.PRIVACY: lambda c: self.privacy.toggle(),
            CommandId.STAFF: lambda c: self.display.open_staff_prompt(),
        }

    # ----- input -------------------------------------------------------------------------

    def handle_key(self, key: str) -> None:
        """A key press from the keyboard or keypad."""
        now = self.clock()
        admission = self.gate.admit(None)
        if admission is Admission.IGNORE or not self.keys.accept(key, now):
            return
        self.count("keys")
        if self.keys.staff_sequence_completed(key):
            self.narration.stop()
            self.display.open_staff_prompt()
            return
        if self._taken(admission):  # the warning's answer, or the session's start, and no more
            return
        self.session.activity(now)
        command = self.keys.command_for(key, self.navigation.context)
        if isinstance(command, str):  # what the key does, or that it does nothing here
            self.narration.stop()
            self.say(command)
            return
        self._run(command)

    def handle(self, command: Command) -> None:
        """A command from voice (a key's command goes straight to `_run`, from `handle_key`)."""
        admission = self.gate.admit(command)
        if self._taken(admission):
            return
        self.session.activity(self.clock())
        self._run(command, start=admission is Admission.START_THEN_RUN)

    def _taken(self, admission: Admission) -> bool:
        """Carry out what the gate decided; True when the input is used up."""
        if admission is Admission.ANSWER_WARNING:
            self.sessions.answer_warning()
        elif admission is Admission.END_SESSION:
            self.end_session()
        elif admission is Admission.START_SESSION:
            self.narration.stop()
            self.sessions.start()
        return admission not in (Admission.RUN, Admission.START_THEN_RUN)

    def _run(self, command: Command, *, start: bool = False) -> None:
        if command.id not in KEEPS_SPEECH:
            self.narration.stop()
        if start:
            self.sessions.start()
        handler = self._handlers.get(command.id)
        if handler is not None:  # cleaning mode has none: staff start it from their prompt
            handler(command)

    def on_heard(self, heard: Heard) -> None:
        self.voice.on_heard(heard)

    def on_listening_stopped(self) -> None:
        self.voice.on_listening_stopped()

    def voice_lost(self, message: str) -> None:
        self.voice.voice_lost(message)

    def on_speech_event(self, event: SentenceStarted | UtteranceFinished) -> None:
        progress = self.narration.on_event(event)
        if progress is Progress.TONE_DONE:
            self.voice.start_listening()
        else:
            self.sessions.reading_moved(progress)

    def on_topics_below(self, caption: str, hidden: int) -> None:
        self.moves.on_topics_below(caption, hidden)

    def tick(self) -> None:
        self.sessions.tick()

    def end_session(self) -> None:
        self.sessions.end()

    def start_cleaning(self) -> None:
        self.sessions.start_cleaning()

    def replace_content(self, content: Content) -> None:
        self.navigation.replace_content(content)

    def go_home(self) -> None:
        self.navigation.home()

    def read_from(self, index: int) -> None:
        self.narration.read_from(index)

    def say(self, text: str) -> None:
        self.narration.say(text)

    # ----- what the UI and tests read ----------------------------------------------------

    def wording(self) -> Wording:
        """The content's wording as it is now (a reload changes it): what every part says."""
        return self.navigation.content.wording

    @property
    def location(self) -> Location:
        return self.navigation.location

    @property
    def view(self) -> View:
        return self.narration.view

    @property
    def speaking(self) -> bool:
        """Whether the kiosk is making sound (hands-free listening then hears only the wake
        phrase)."""
        return self.narration.sounding and self.speech_available

    @property
    def speech_available(self) -> bool:
        return not self.narration.silent

    @speech_available.setter
    def speech_available(self, available: bool) -> None:
        # Without speech the captions are paced at the reading rate instead (issue #12).
        self.narration.set_silent(not available)

    @property
    def awaiting_voice(self) -> bool:
        return self.voice.awaiting

    @property
    def voice_available(self) -> bool:
        return self.voice.available

    @voice_available.setter
    def voice_available(self, available: bool) -> None:
        self.voice.available = available

    @property
    def voice_note(self) -> str:
        return self.voice.note

    @voice_note.setter
    def voice_note(self, note: str) -> None:
        self.voice.note = note
