"""The Textual application: wires keys, the controller, the screen and the speech services.

Tests build `KioskApp` with sample content and fake services; `kiosk run` with the real
ones. The UI only wires things together: behaviour lives in
`kiosk.core.controller`, what is shown and said in `kiosk.core.views`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path

from textual import events
from textual.app import App
from textual.message import Message

from kiosk.content.model import Content
from kiosk.content.watch import ContentWatcher
from kiosk.content.wording import Wording
from kiosk.core.controller import Controller
from kiosk.core.session_flow import Defaults
from kiosk.core.settings import Settings
from kiosk.core.speaker import SpeechAvailability, SpeechEvent
from kiosk.core.staff import PinResult, StaffLock, prompt_announcement
from kiosk.core.views import View
from kiosk.core.voice_events import Heard, ListenerEvent, ListeningStopped, VoiceAvailability
from kiosk.speech.lexicon import SPEECH_LEXICON, Lexicon, LexiconError, load_lexicon
from kiosk.speech.service import SpeechService
from kiosk.ui.kiosk_screen import KioskScreen
from kiosk.ui.staff_prompt import StaffPrompt
from kiosk.voice.listener import Listener

log = logging.getLogger("kiosk")
TICK_SECONDS = 0.5
CONTENT_POLL_SECONDS = 5.0
# The status lines and announcements are the content's wording (`[status]` and `[voice]` in
# kiosk/wording.toml), `self.content.wording`, so a reload changes them.


class SpeechMessage(Message):
    """A speaker event, carried from the speaker's thread onto the UI's event loop."""

    def __init__(self, event: SpeechEvent) -> None:
        super().__init__()
        self.event = event


class VoiceMessage(Message):
    """A listener event, carried from the listener's thread onto the UI's event loop."""

    def __init__(self, event: ListenerEvent) -> None:
        super().__init__()
        self.event = event


class KioskApp(App[None], inherit_bindings=False):
    """No bindings at all: every key, Ctrl+C and Ctrl+Q included, goes to the controller."""

    CSS_PATH = "kiosk.tcss"
    ENABLE_COMMAND_PALETTE = False
    TITLE = "Patient information"

    def __init__(
        self,
        settings: Settings,
        content: Content,
        speaker: SpeechService,
        *,
        listener: Listener | None = None,
        clock: Callable[[], float] = time.monotonic,
        count: Callable[[str], None] = lambda event: None,
    ) -> None:
        super().__init__()
        self.listener = listener
        # What is degraded, for the status line: each part's text in the current wording.
        self.problems: dict[str, Callable[[Wording], str] | None] = {}
        self._told_kiosk_speaking = False
        self.settings = settings
        self.speaker = speaker
        self.clock = clock
        self.kiosk_screen = KioskScreen()
        self.content_watcher = ContentWatcher(content.directory)
        self.staff_lock = StaffLock(
            settings.staff_pin,
            clock,
            attempts=settings.staff_lockout_attempts,
            lockout_seconds=settings.staff_lockout_seconds,
        )
        self.controller = Controller(
            content,
            settings.keymap,
            speaker,
            self,
            defaults=Defaults(volume=settings.volume, rate=settings.rate),
            clock=clock,
            staff_sequence=settings.staff_sequence,
            rules=settings.session_rules,
            quiet_hours=settings.quiet_hours,
            count=count,
            wake_phrase=settings.wake_phrase if settings.hands_free and listener else "",
        )
        self.count = count
        self.exit_reason = ""

    @property
    def content(self) -> Content:
        """The content being served: the controller's (the app keeps no copy of its state)."""
        return self.controller.navigation.content

    @property
    def speech_available(self) -> bool:
        return self.controller.speech_available

    @property
    def voice_available(self) -> bool:
        return self.controller.voice_available

    async def on_mount(self) -> None:
        await self.push_screen(self.kiosk_screen)
        self.controller.end_session()  # the welcome screen, every setting at its default
        self.speaker.start(self._speech_event_from_any_thread)
        if self.listener is not None:
            self.listener.start(self._voice_event_from_any_thread)
            self.listener.set_hands_free(self.settings.hands_free, self.settings.wake_phrase)
        else:
            unavailable = self.settings.voice_enabled
            self._set_problem("voice", (lambda w: w.voice.unavailable) if unavailable else None)
        self.set_interval(TICK_SECONDS, self.controller.tick)
        self.set_interval(CONTENT_POLL_SECONDS, self._reload_content_if_changed)

    def _reload_content_if_changed(self) -> None:
        result = self.content_watcher.poll()
        if result is None:
            return
        if result.content is None:
            self.count("content_rejected")
            log.warning("new content rejected, still showing the last good content")
            for problem in result.problems:
                log.warning("content problem: %s", problem)
            return
        log.info("content reloaded")
        for problem in result.problems:  # e.g. a wording key missing: the shipped text is said
            log.warning("content warning: %s", problem)
        self.controller.replace_content(result.content)
        self._show_problems()  # in the new wording
        if self.controller.voice_note:
            self.controller.voice_note = result.content.wording.voice.limited
        self._reload_pronunciations(result.content.directory)
        if self.listener is not None:
            self.listener.set_sections(result.content.sections)  # new titles are new phrases

    def _reload_pronunciations(self, directory: Path) -> None:
        """An edited content folder may have new pronunciations: the voice uses them from
        the next sentence on. A broken file keeps the last good ones, as content does."""
        path = directory / SPEECH_LEXICON
        try:
            lexicon = load_lexicon(path) if path.is_file() else Lexicon()
        except LexiconError as error:
            self.count("lexicon_rejected")
            log.warning("new pronunciations rejected, still using the last good ones: %s", error)
            return
        self.speaker.set_lexicon(lexicon)

    def _speech_event_from_any_thread(self, event: SpeechEvent) -> None:
        self.post_message(SpeechMessage(event))  # thread-safe; never blocks the speaker

    def _voice_event_from_any_thread(self, event: ListenerEvent) -> None:
        self.post_message(VoiceMessage(event))

    def on_unmount(self) -> None:
        self.speaker.close()
        if self.listener is not None:
            self.listener.close()

    # ----- input -----------------------------------------------------------------------

    def on_key(self, event: events.Key) -> None:
        event.stop()
        event.prevent_default()
        if self.settings.dev and event.key == "ctrl+q":
            self.exit()
            return
        self.controller.handle_key(event.key)
        self._tell_listener_if_speaking()

    def on_speech_message(self, message: SpeechMessage) -> None:
        event = message.event
        if isinstance(event, SpeechAvailability):
            if not event.available and self.speech_available:
                self.count("speech_unavailable")
                log.warning("speech unavailable: %s", event.reason)
            elif event.available and not self.speech_available:
                log.info("speech available")
            self.controller.speech_available = event.available
            unavailable = None if event.available else (lambda w: w.status.speech_unavailable)
            self._set_problem("speech", unavailable)
            return
        self.controller.on_speech_event(event)
        self._tell_listener_if_speaking()

    def on_kiosk_screen_topics_below(self, message: KioskScreen.TopicsBelow) -> None:
        self.controller.on_topics_below(message.caption, message.hidden)

    def on_voice_message(self, message: VoiceMessage) -> None:
        event = message.event
        if isinstance(event, VoiceAvailability):
            said = self.content.wording.voice
            if not event.available and self.voice_available:
                self.count("voice_unavailable")
                log.warning("voice commands unavailable: %s", event.reason)
                self.controller.voice_lost(said.unavailable)  # spoken once, when it happens
            elif event.available and not self.voice_available:
                log.info("voice commands available")
            if event.available and event.fallback:
                log.warning("fallback voice recognizer: %s", event.fallback)
            self.controller.voice_available = event.available
            limited = event.available and bool(event.fallback)
            self.controller.voice_note = said.limited if limited else ""
            if not event.available:
                self._set_problem("voice", lambda w: w.voice.unavailable)
            else:
                self._set_problem("voice", (lambda w: w.voice.limited_status) if limited else None)
        elif isinstance(event, Heard):
            self.controller.on_heard(event)
        elif isinstance(event, ListeningStopped):
            self.controller.on_listening_stopped()
        self._tell_listener_if_speaking()

    def _tell_listener_if_speaking(self) -> None:
        """Hands-free listening hears only the wake phrase while the kiosk speaks."""
        speaking = self.controller.speaking
        if self.listener is not None and speaking != self._told_kiosk_speaking:
            self._told_kiosk_speaking = speaking
            self.listener.set_kiosk_speaking(speaking)

    def _set_problem(self, part: str, text: Callable[[Wording], str] | None) -> None:
        self.problems[part] = text
        self._show_problems()

    def _show_problems(self) -> None:
        wording = self.content.wording
        texts = [text(wording) for text in self.problems.values() if text is not None]
        self.kiosk_screen.set_status("\n".join(texts))

    # ----- Display (what the controller drives) ----------------------------------------

    def show(self, view: View, selected: int | None) -> None:
        self.kiosk_screen.show(view, selected)

    def highlight(self, sentence: int | None) -> None:
        self.kiosk_screen.highlight(sentence)

    def scroll(self, pages: int) -> bool:
        # False at that end of the page: a list then shows its next (or previous) nine.
        return self.kiosk_screen.scroll(pages)

    def privacy(self, on: bool) -> None:
        self.kiosk_screen.set_privacy(on)

    def caption(self, text: str) -> None:
        self.kiosk_screen.caption(text)

    def notice(self, text: str) -> None:
        self.kiosk_screen.notice(text)

    def open_staff_prompt(self) -> None:
        if isinstance(self.screen, StaffPrompt):
            return

        def closed(result: PinResult | None) -> None:
            if result is PinResult.ACCEPTED:
                self.exit_reason = "staff exit"
                self.exit()
            elif result is PinResult.CLEANING:
                self.controller.start_cleaning()

        said = self.content.wording
        self.push_screen(StaffPrompt(self.staff_lock, said, self.controller.say), closed)
        # Exactly what the prompt shows (defect 4 of issue #12: it used to say less).
        self.controller.say(prompt_announcement(self.staff_lock, said))

    def listen(self) -> bool:
        if self.listener is None or not self.voice_available:
            return False
        self.listener.listen_once()
        return True
