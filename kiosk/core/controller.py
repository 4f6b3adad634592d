"""The kiosk's behaviour: every key and voice command arrives here as a `Command`.

Pure logic: no Textual, no audio. The controller decides what to show and what to say, and
tells a `Display` (the Textual UI, or a recorder in tests) and, through `Narration` (what is
being said and where reading is), a `Speaker` (real or fake).
Rules it keeps, from the accessibility notes:
- any command stops the current speech first, except louder and softer;
- the stop command only stops; it says nothing;
- the screen and the speech come from one `View`, and the sentence being spoken is highlighted;
- which job a key does follows one `KeyLayer` (first job, options, describe), the same machine
  `kiosk.commands.keystate` checks the staff sequence against.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from datetime import time as clock_time
from typing import Protocol

from kiosk.commands.command import KEEPS_SPEECH, Command, CommandId
from kiosk.commands.keymap import KeyContext, KeyMap, key_label
from kiosk.commands.keystate import KeyLayer
from kiosk.content.model import Content
from kiosk.core.keyfilter import KeyFilter
from kiosk.core.narration import Narration, Progress
from kiosk.core.navigation import History, Location
from kiosk.core.session import Phase, QuietHours, SessionAction, SessionRules, SessionTimer
from kiosk.core.settings import DEFAULT_RATE_WPM, DEFAULT_VOLUME
from kiosk.core.views import (
    PAGE_SIZE,
    ScreenKind,
    View,
    about_view,
    choices_on_page,
    help_view,
    list_view,
    more_below_text,
    page_count,
    section_view,
    welcome_view,
)
from kiosk.speech.speaker import (
    MAX_RATE_WPM,
    MIN_RATE_WPM,
    SentenceStarted,
    Speaker,
    UtteranceFinished,
)
from kiosk.voice.events import Decision, Heard

VOLUME_STEP = 0.1
MIN_VOLUME = 0.1
RATE_STEP = 20


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


@dataclass(frozen=True)
class Defaults:
    volume: float = DEFAULT_VOLUME
    rate: int = DEFAULT_RATE_WPM


STILL_THERE = "Are you still there? Press any key or say more time."
WELCOME_PROMPT = "Press any key to listen."  # under 3 seconds at any rate
CLEANING = "Cleaning mode. The keys are off for one minute."
LISTENING = "Listening. Say a command."
NOT_UNDERSTOOD = "Sorry, I did not catch that. Say help, or press the help key, {help_key}."
NOT_UNDERSTOOD_NOISY = (
    "Sorry, it is too noisy here for me to be sure. Come closer to the microphone and try "
    "again, or use the keys. Help is the {help_key} key."
)
NOTHING_HEARD = "I did not hear a command. To try again, press {talk_key}."
VOICE_UNAVAILABLE = "Voice commands are not available right now. Please use the keys."
TALK_AGAIN = "To speak a command, press {talk_key}."


DEFAULT_RULES = SessionRules()
NO_QUIET_HOURS = QuietHours()


def _wall_clock_now() -> clock_time:
    return datetime.now().time()


class Controller:
    def __init__(
        self,
        content: Content,
        keymap: KeyMap,
        speaker: Speaker,
        display: Display,
        *,
        defaults: Defaults = Defaults(),
        clock: Callable[[], float],
        staff_sequence: tuple[str, ...] = (),
        rules: SessionRules = DEFAULT_RULES,
        quiet_hours: QuietHours = NO_QUIET_HOURS,
        wall_clock: Callable[[], clock_time] = _wall_clock_now,
        count: Callable[[str], None] = lambda event: None,
        wake_phrase: str = "",
    ) -> None:
        self.content = content
        self.keymap = keymap
        self.speaker = speaker
        self.display = display
        self.defaults = defaults
        self.clock = clock
        self.staff_sequence = staff_sequence
        self.wake_phrase = wake_phrase  # set only in hands-free mode: the welcome invites it
        self.session = SessionTimer(rules, clock())
        self.quiet_hours = quiet_hours
        self.wall_clock = wall_clock
        self.count = count  # anonymous usage counts: events, never what was said
        self.history: History[Location] = History()
        self.location = Location(ScreenKind.WELCOME)
        self.view: View = welcome_view(content, wake_phrase)
        # What is being said, where reading is, and at what volume and speed.
        self.narration = Narration(
            speaker, display, self.view, defaults.volume, defaults.rate, clock=clock
        )
        self.layer = KeyLayer.FIRST  # which job the next key does
        self.screen_off = False  # the privacy screen: the display is blank, all else goes on
        self.key_filter = KeyFilter()
        self._recent_keys: list[str] = []
        self._help_context = KeyContext.LIST
        self.voice_available = False
        # Set while voice commands run on the fallback recognizer: said once, at the first
        # push of the talk key, before listening.
        self.voice_note = ""
        self._voice_note_said = False
        self.awaiting_voice = False  # push-to-talk is listening for one command

    @property
    def speech_available(self) -> bool:
        return not self.narration.silent

    @speech_available.setter
    def speech_available(self, available: bool) -> None:
        # Without speech the captions are paced at the reading rate instead (issue #12).
        self.narration.set_silent(not available)

    # ----- input -------------------------------------------------------------------------

    def handle_key(self, key: str) -> None:
        """A key press from the keyboard or keypad."""
        now = self.clock()
        if self.session.phase is Phase.CLEANING or not self.key_filter.accept(key, now):
            return
        self.count("keys")
        if self._staff_sequence_completed(key):
            self._stop()
            # The prompt takes the keys that follow, "." included: none may come back to find
            # the options key armed (issue #12: "." then "0" opened About, not Help).
            self.layer = KeyLayer.FIRST
            self.display.open_staff_prompt()
            return
        if self.session.phase is Phase.WARNING:
            self._answer_warning()  # the key that answers is not also acted on
            return
        if self.location.kind is ScreenKind.WELCOME:
            self._stop()
            self.start_session()
            return
        self.session.activity(now)
        context = self.location.kind.context
        layer, self.layer = self.layer, KeyLayer.FIRST  # a handler may arm the next layer
        if layer is KeyLayer.DESCRIBE:
            self._stop()
            self.say(self.keymap.describe(key, context))
            return
        command = self.keymap.lookup(key, context, options=layer is KeyLayer.OPTIONS)
        if command is None:
            self._stop()
            self.say(
                f"{key_label(key)}: that key is not used here. Press {self._help_key()} for help."
            )
            return
        self.handle(command)

    def handle(self, command: Command) -> None:
        """A command from a key or from voice."""
        if self.session.phase is Phase.CLEANING:
            return
        if self.session.phase is Phase.WARNING:
            if command.id is CommandId.NO:
                self.end_session()
            else:
                self._answer_warning()
            return
        self.session.activity(self.clock())
        if command.id not in KEEPS_SPEECH:
            self._stop()
        if self.location.kind is ScreenKind.WELCOME and command.id is not CommandId.STOP:
            self.start_session()
            if command.id in (CommandId.ACTIVATE, CommandId.NEXT, CommandId.YES):
                return
        handler = self._handlers().get(command.id)
        if handler is not None:
            handler(command)

    def _handlers(self) -> dict[CommandId, Callable[[Command], None]]:
        return {
            CommandId.SELECT: self._select,
            CommandId.OPEN: lambda c: self.open_section(str(c.value)),
            CommandId.ACTIVATE: lambda c: self._activate(),
            CommandId.NEXT: lambda c: self._step(+1),
            CommandId.PREVIOUS: lambda c: self._step(-1),
            CommandId.NEXT_SENTENCE: lambda c: self._step_sentence(+1),
            CommandId.PREVIOUS_SENTENCE: lambda c: self._step_sentence(-1),
            CommandId.NEXT_SECTION: lambda c: self._step_section(+1),
            CommandId.PREVIOUS_SECTION: lambda c: self._step_section(-1),
            CommandId.READ: lambda c: self.read_from(0),
            CommandId.BACK: lambda c: self.back(),
            CommandId.HOME: lambda c: self.go_home(),
            CommandId.HELP: lambda c: self._open_page(ScreenKind.HELP),
            CommandId.ABOUT: lambda c: self._open_page(ScreenKind.ABOUT),
            CommandId.REPEAT: lambda c: self._repeat(),
            CommandId.STOP: lambda c: self._stop_reading(),
            CommandId.PAUSE: lambda c: self._pause(),
            CommandId.RESUME: lambda c: self._resume(),
            CommandId.PAUSE_RESUME: lambda c: self._pause_resume(),
            CommandId.LOUDER: lambda c: self._change_volume(+1),
            CommandId.SOFTER: lambda c: self._change_volume(-1),
            CommandId.FASTER: lambda c: self._change_rate(+1),
            CommandId.SLOWER: lambda c: self._change_rate(-1),
            CommandId.WHERE_AM_I: lambda c: self.say(self.where_am_i()),
            CommandId.END_SESSION: lambda c: self.end_session(),
            CommandId.YES: lambda c: self.say("There is no question to answer right now."),
            CommandId.NO: lambda c: self.say("There is no question to answer right now."),
            CommandId.MORE_TIME: lambda c: self.say("You have more time."),
            CommandId.PAGE_UP: lambda c: self._page(-1),
            CommandId.PAGE_DOWN: lambda c: self._page(+1),
            CommandId.MORE: lambda c: self._more(),
            CommandId.DESCRIBE_KEY: lambda c: self._arm_describe(),
            CommandId.OPTIONS: lambda c: self._arm_options(),
            CommandId.PUSH_TO_TALK: lambda c: self._push_to_talk(),
            CommandId.PRIVACY: lambda c: self._toggle_privacy(),
            CommandId.STAFF: lambda c: self.display.open_staff_prompt(),
        }

    # ----- sessions ----------------------------------------------------------------------

    def start_session(self) -> None:
        """The first key on the welcome screen: the spoken orientation, then the topics."""
        self.session.start(self.clock())
        self.count("sessions")
        self.history.clear()
        self._go(Location(ScreenKind.ORIENTATION), remember=False)

    def end_session(self) -> None:
        """Back to the welcome screen with every setting at its default; nothing kept."""
        self._stop()
        self.session.end(self.clock())
        self.display.notice("")
        self.display.caption("")
        self.history.clear()
        self.narration.set_volume(self._default_volume())
        self.narration.set_rate(self.defaults.rate)
        self.layer = KeyLayer.FIRST
        self._set_privacy(False)  # the next patient sees the screen
        self.key_filter.reset()
        self._recent_keys.clear()
        self._show_welcome()

    def _default_volume(self) -> float:
        if self.quiet_hours.active(self.wall_clock()):
            return min(self.defaults.volume, self.quiet_hours.volume)
        return self.defaults.volume

    def tick(self) -> None:
        """Called about once a second: the inactivity warning and reset, welcome prompts."""
        if self.narration.tick() in (Progress.SENTENCE, Progress.READING_DONE):
            # Captions moving on without speech are reading too, as spoken sentences are.
            self.session.activity(self.clock())
        speaking = self.narration.reading and self.speech_available
        quiet = self.quiet_hours.active(self.wall_clock())
        action = self.session.tick(self.clock(), speaking=speaking, quiet=quiet)
        if action is SessionAction.WARN:
            self._stop()
            # The key that answers starts afresh: nothing armed, no staff keys half-pressed.
            self.layer = KeyLayer.FIRST
            self._recent_keys.clear()
            self.display.notice(STILL_THERE)
            self.say(STILL_THERE)
        elif action is SessionAction.RESET:
            self.count("resets")
            self.end_session()
        elif action is SessionAction.WELCOME_PROMPT:
            self.say(WELCOME_PROMPT)
        elif action is SessionAction.CLEANING_OVER:
            self.end_session()

    def _answer_warning(self) -> None:
        self._stop()
        self.session.activity(self.clock())
        self.display.notice("")
        self.say("You have more time.")

    def start_cleaning(self) -> None:
        """Staff cleaning mode: every key is ignored for a minute, then the welcome screen."""
        self._stop()
        self.history.clear()
        self.session.start_cleaning(self.clock())
        self._set_privacy(False)  # staff see that the keys are off
        self._show_welcome()
        self.display.notice(CLEANING)
        self.say(CLEANING)

    def replace_content(self, content: Content) -> None:
        """New content was loaded: show it, staying where the patient is if that still exists."""
        self.content = content
        if self.location.section_id and content.section(self.location.section_id) is None:
            self.history.clear()
            self.location = Location(ScreenKind.HOME)
        self._render(keep_cursor=True)

    # ----- navigation --------------------------------------------------------------------

    def _go(self, location: Location, *, remember: bool = True) -> None:
        if remember and self.location.kind is not ScreenKind.WELCOME:
            self.history.push(self.location)
        self.location = location
        self._render()
        self.read_from(0)

    def _render(self, *, keep_cursor: bool = False) -> None:
        self.view = self._build_view(self.location)
        selected = self.location.selected if self.view.choices else None
        self.narration.show(self.view, keep_cursor=keep_cursor)
        self.display.show(self.view, selected)

    def _show_welcome(self) -> None:
        self.location = Location(ScreenKind.WELCOME)
        self.view = welcome_view(self.content, self.wake_phrase)
        self.narration.show(self.view)
        self.display.show(self.view, None)

    def _build_view(self, location: Location) -> View:
        kind = location.kind
        if kind is ScreenKind.WELCOME:
            return welcome_view(self.content, self.wake_phrase)
        if kind in (ScreenKind.HOME, ScreenKind.ORIENTATION):
            return list_view(
                self.content,
                self.keymap,
                page=location.page,
                orientation=kind is ScreenKind.ORIENTATION,
            )
        if kind is ScreenKind.SECTION:
            return section_view(self.content, self.keymap, location.section_id)
        if kind is ScreenKind.HELP:
            return help_view(self.content, self.keymap, self._help_context)
        return about_view(self.content, self.keymap)

    def open_section(self, section_id: str) -> None:
        if self.content.section(section_id) is None:
            self.say("Sorry, there is no such topic.")
            return
        self.count("sections_opened")
        self.count(f"section:{section_id}")
        if self.location.kind is ScreenKind.SECTION:
            # Moving between sections replaces the place, so "back" returns to the topics.
            self.location = Location(ScreenKind.SECTION, section_id)
            self._render()
            self.read_from(0)
            return
        self._go(Location(ScreenKind.SECTION, section_id))

    def _open_page(self, kind: ScreenKind) -> None:
        if self.location.kind is kind:
            self.read_from(0)
            return
        if kind is ScreenKind.HELP:
            # Help describes the keys of the screen it was opened from.
            self._help_context = self.location.kind.context
        self._go(Location(kind))

    def back(self) -> None:
        leaving = self.location
        previous = self.history.back()
        if previous is None:
            if leaving.kind is ScreenKind.HOME:
                self.say("This is the first screen. " + self._list_prompt())
                return
            previous = Location(ScreenKind.HOME)
        index = self.content.index_of(leaving.section_id)
        on_list = previous.kind.context is KeyContext.LIST
        if leaving.kind is ScreenKind.SECTION and on_list and index >= 0:
            # Back on the list with the pointer on the topic just left, in view and said, so
            # Enter opens what the patient can see (issue #12).
            self.location = replace(previous, page=index // PAGE_SIZE)
            self._render()
            self._point_at(
                index % PAGE_SIZE, before=f"{self.view.title}. ", after=" " + self._list_prompt()
            )
            return
        self.location = previous
        self._render()
        self.read_from(0)

    def go_home(self) -> None:
        self.history.clear()
        self.location = Location(ScreenKind.HOME)
        self._render()
        self.read_from(0)

    def _select(self, command: Command) -> None:
        number = int(command.value or 0)
        if number == 0:
            self._open_page(ScreenKind.HELP)
            return
        choices = choices_on_page(self.content, self.location.page if self._on_list() else 0)
        if number > len(choices):
            self.say(
                f"There is no topic {number}. There are {len(choices)}. " + self._list_prompt()
            )
            return
        self.open_section(choices[number - 1].target)

    def _activate(self) -> None:
        if self._on_list():
            self.open_section(self.view.choices[self.location.selected].target)
        elif self.narration.cursor >= len(self.view.sentences) - 1 and not self.narration.paused:
            self.read_from(0)
        else:
            self.read_from(self.narration.cursor)

    def _step(self, direction: int) -> None:
        if not self._on_list():
            self._step_sentence(direction)
            return
        count = len(self.view.choices)
        if direction > 0 and not self.location.heard:
            # EZ Access: the pointer starts on item 1 unannounced, so the first Down speaks
            # item 1 rather than skipping to item 2 (issue #12).
            selected = self.location.selected
        else:
            selected = self.location.selected + direction
        if not 0 <= selected < count:
            edge = "last" if direction > 0 else "first"
            self._point_at(self.location.selected, before=f"This is the {edge} topic. ")
            return
        self._point_at(selected)

    def _point_at(self, selected: int, *, before: str = "", after: str = "") -> None:
        """Put the list's pointer on choice `selected`, highlighted (so the screen scrolls it
        into view) and said."""
        self.location = self.location.with_selection(selected)
        self.display.show(self.view, selected)
        self.narration.cursor = self.view.choice_sentence(selected)
        self.display.highlight(self.narration.cursor)
        self.say(before + self._choice_phrase(selected) + after)

    def _choice_phrase(self, index: int) -> str:
        choice = self.view.choices[index]
        title = choice.text.partition(". ")[2]
        return f"{title}, {index + 1} of {len(self.view.choices)}."

    def _step_sentence(self, direction: int) -> None:
        target = self.narration.cursor + direction
        if not 0 <= target < len(self.view.sentences):
            self.say(
                "This is the end of the page." if direction > 0 else "This is the top of the page."
            )
            return
        self.read_from(target)

    def _step_section(self, direction: int) -> None:
        if self.location.kind is not ScreenKind.SECTION:
            self._step(direction)
            return
        index = self.content.index_of(self.location.section_id) + direction
        if not 0 <= index < len(self.content.sections):
            self.say("This is the last section." if direction > 0 else "This is the first section.")
            return
        self.open_section(self.content.sections[index].id)

    def _more(self) -> None:
        pages = page_count(self.content)
        if not self._on_list() or pages == 1:
            self.say("There are no more topics.")
            return
        self._show_list_page((self.location.page + 1) % pages)

    def _show_list_page(self, page: int) -> None:
        self.location = Location(self.location.kind, page=page)
        self._render()
        self.read_from(0)

    def _page(self, direction: int) -> None:
        """9 / 3 while reading, Page Up / Page Down anywhere: scroll. A list's next nine
        come after its last row, its previous nine before its first."""
        if self.display.scroll(direction):
            return
        if self._on_list():
            page = self.location.page + direction
            if 0 <= page < page_count(self.content):
                self._show_list_page(page)
                return
            edge = "end" if direction > 0 else "top"
            self.say(f"This is the {edge} of the list.")
            return
        self.say(
            "This is the end of the page." if direction > 0 else "This is the top of the page."
        )

    def on_topics_below(self, caption: str, hidden: int) -> None:
        """The screen shows `caption`, which tells the patient to choose a topic, with
        `hidden` topics below its bottom: say so after it, as the screen shows (issue #12).
        Not while the list is read aloud: reading goes on to every topic, each in view."""
        if hidden > 0 and self._on_list() and self.narration.saying(caption):
            self.narration.say_next(more_below_text(hidden))

    def _on_list(self) -> bool:
        return bool(self.view.choices)

    def _list_prompt(self) -> str:
        return "Press a number to choose a topic."

    def _help_key(self) -> str:
        keys = self.keymap.keys_for(Command(CommandId.HELP), self.location.kind.context)
        return key_label(keys[0]) if keys else "the help key"

    # ----- speech ------------------------------------------------------------------------

    def read_from(self, index: int) -> None:
        """Speak the view's sentences from `index` on, highlighting each as it is spoken."""
        self.narration.read_from(index)

    @property
    def speaking(self) -> bool:
        """Whether the kiosk is making sound (hands-free listening then hears only the wake
        phrase)."""
        return self.narration.sounding and self.speech_available

    def say(self, text: str) -> None:
        """Speak a short message that is not part of the page (no highlight moves)."""
        self.narration.say(text)

    def _stop(self) -> None:
        self.narration.stop()

    def _stop_reading(self) -> None:
        self.narration.paused = False

    def _pause(self) -> None:
        self.narration.paused = True

    def _resume(self) -> None:
        self.read_from(self.narration.cursor)

    def _pause_resume(self) -> None:
        # `handle` has already stopped the speech; whether it was reading decides.
        if self.narration.stopped_while_reading:
            self.narration.paused = True
        else:
            self.read_from(self.narration.cursor)

    def _repeat(self) -> None:
        if self._on_list() and self.location.kind is not ScreenKind.ORIENTATION:
            self._point_at(self.location.selected)
            return
        self.narration.repeat_sentence()

    def _change_volume(self, direction: int) -> None:
        current = self.narration.volume
        volume = round(min(1.0, max(MIN_VOLUME, current + direction * VOLUME_STEP)), 2)
        if volume == current:
            self._announce_volume(
                "This is the loudest." if direction > 0 else "This is the softest."
            )
            return
        self.narration.set_volume(volume)
        word = "Louder" if direction > 0 else "Softer"
        self._announce_volume(f"{word}. Volume {round(volume * 10)} of 10.")

    def _announce_volume(self, message: str) -> None:
        if not self.narration.reading:
            self.say(message)
        elif not self.speech_available:
            # Reading is not interrupted, and no voice lets the change be heard: caption it.
            self.display.caption(message)

    def _change_rate(self, direction: int) -> None:
        current = self.narration.rate
        rate = min(MAX_RATE_WPM, max(MIN_RATE_WPM, current + direction * RATE_STEP))
        if rate == current:
            self.say("This is the fastest." if direction > 0 else "This is the slowest.")
            return
        self.narration.set_rate(rate)
        steps = (MAX_RATE_WPM - MIN_RATE_WPM) // RATE_STEP + 1
        level = (rate - MIN_RATE_WPM) // RATE_STEP + 1
        self.say(f"{'Faster' if direction > 0 else 'Slower'}. Speed {level} of {steps}.")

    def where_am_i(self) -> str:
        kind = self.location.kind
        if kind is ScreenKind.ORIENTATION:
            page = f" {self.view.position}." if self.view.position else ""
            return (
                f"{self.view.title}. This is the start screen, with {len(self.content.sections)} "
                f"topics.{page} {self._list_prompt()} For help, press {self._help_key()}."
            )
        if self._on_list() and kind is ScreenKind.HOME:
            return (
                f"{self.view.title}. {self._choice_phrase(self.location.selected)} "
                + self._list_prompt()
            )
        sentence = f"Sentence {self.narration.cursor + 1} of {len(self.view.sentences)}."
        if kind is ScreenKind.SECTION:
            return f"{self.view.title}. {self.view.position}. {sentence}"
        return f"{self.view.title}. {sentence}"

    def _arm_options(self) -> None:
        self.layer = KeyLayer.OPTIONS
        lines = self.keymap.help_lines(KeyContext.OPTIONS)
        self.say("Options. " + " ".join(f"{keys}: {what}." for keys, what in lines))

    def _arm_describe(self) -> None:
        self.layer = KeyLayer.DESCRIBE
        self.say("Press any key to hear what it does.")

    def _push_to_talk(self) -> None:
        """Stop (done by `handle`), play the listening tone, then take one voice command."""
        if not self.voice_available:
            self.say(VOICE_UNAVAILABLE)
            return
        if self.voice_note and not self._voice_note_said:
            self._voice_note_said = True
            self.say(f"{self.voice_note} {TALK_AGAIN.format(talk_key=self._talk_key())}")
            return
        self.display.notice(LISTENING)
        self.display.caption(LISTENING)
        if not self.speech_available:
            self._start_listening()
            return
        self.narration.play_tone()

    def _start_listening(self) -> None:
        # After the tone has played, so the microphone does not take the tone for speech.
        self.awaiting_voice = True
        if not self.display.listen():
            self.awaiting_voice = False
            self.display.notice("")
            self.say(VOICE_UNAVAILABLE)

    # ----- voice -------------------------------------------------------------------------

    def on_heard(self, heard: Heard) -> None:
        """What the listener made of some speech: act only on a sure command."""
        requested, self.awaiting_voice = self.awaiting_voice, False
        # The staff sequence is keys pressed in a row: speech in between breaks it, so the
        # key layers it is checked against (kiosk.commands.keystate) are the whole story.
        self._recent_keys.clear()
        if self.session.phase is Phase.CLEANING:
            return
        self.display.notice("")
        if heard.decision is Decision.ACCEPT and heard.command is not None:
            self.count("voice_commands")
            self.handle(heard.command)
        elif heard.decision is Decision.WAKE:
            self.handle(Command(CommandId.PUSH_TO_TALK))
        elif heard.decision is Decision.UNSURE:
            self.count("voice_rejected")
            self._stop()
            message = NOT_UNDERSTOOD_NOISY if heard.noisy else NOT_UNDERSTOOD
            self.say(message.format(help_key=self._help_key()))
        elif requested:
            self._stop()
            self.say(NOTHING_HEARD.format(talk_key=self._talk_key()))

    def on_listening_stopped(self) -> None:
        """Push-to-talk ended; if nothing came of it, say so and how to try again."""
        if self.awaiting_voice:
            self.awaiting_voice = False
            self.display.notice("")
            self._stop()
            self.say(NOTHING_HEARD.format(talk_key=self._talk_key()))

    def voice_lost(self, message: str) -> None:
        """The microphone or recognizer stopped working: tell the patient once, mid-session."""
        self.awaiting_voice = False
        self.display.notice("")
        if self.session.phase is Phase.ACTIVE:
            self._stop()
            self.say(message)

    def _talk_key(self) -> str:
        label = self.keymap.keypad_label(Command(CommandId.PUSH_TO_TALK), self._context())
        return label.replace(", ", " then ") or "the speak key"

    def _context(self) -> KeyContext:
        return self.location.kind.context

    # ----- events from the speaker -------------------------------------------------------

    def on_speech_event(self, event: SentenceStarted | UtteranceFinished) -> None:
        progress = self.narration.on_event(event)
        if progress is Progress.TONE_DONE:
            self._start_listening()
        elif progress in (Progress.SENTENCE, Progress.READING_DONE):
            self.session.activity(self.clock())

    # ----- privacy screen ----------------------------------------------------------------

    def _toggle_privacy(self) -> None:
        """Section 508 405.1: a patient listening can blank the screen; nothing else changes."""
        self._set_privacy(not self.screen_off)
        if self.screen_off:
            key = self.keymap.keypad_label(Command(CommandId.PRIVACY), self._context())
            again = f" To turn it on, press {key.replace(', ', ' then ')}." if key else ""
            self.say(f"Screen off. The keys still work.{again}")
        else:
            self.say("Screen on.")

    def _set_privacy(self, on: bool) -> None:
        if on != self.screen_off:
            self.screen_off = on
            self.display.privacy(on)

    # ----- staff -------------------------------------------------------------------------

    def _staff_sequence_completed(self, key: str) -> bool:
        if not self.staff_sequence:
            return False
        self._recent_keys = [*self._recent_keys, key][-len(self.staff_sequence) :]
        if tuple(self._recent_keys) == self.staff_sequence:
            self._recent_keys = []
            return True
        return False
