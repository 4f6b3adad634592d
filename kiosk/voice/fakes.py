"""A listener for UI tests: records what the UI asked and lets the test say what was heard."""

from __future__ import annotations

from collections.abc import Sequence

from kiosk.commands.command import Command
from kiosk.commands.phrases import NamedSection
from kiosk.core.voice_events import (
    Decision,
    EventHandler,
    Heard,
    ListenerEvent,
    ListeningStarted,
    ListeningStopped,
    VoiceAvailability,
)


class FakeListener:
    def __init__(self, *, available: bool = True) -> None:
        self.on_event: EventHandler | None = None
        self.available = available
        self.calls: list[tuple[object, ...]] = []
        self.listening = False
        self.hands_free = False
        self.wake_phrase = ""
        self.kiosk_speaking = False
        self.sections: list[NamedSection] = []
        self.closed = False

    def start(self, on_event: EventHandler) -> None:
        self.on_event = on_event
        self.calls.append(("start",))
        if not self.available:
            self.emit(VoiceAvailability(False, "No microphone was found."))

    def listen_once(self) -> None:
        self.calls.append(("listen_once",))
        self.listening = True
        self.emit(ListeningStarted())

    def set_hands_free(self, enabled: bool, wake_phrase: str) -> None:
        self.calls.append(("set_hands_free", enabled, wake_phrase))
        self.hands_free, self.wake_phrase = enabled, wake_phrase

    def set_kiosk_speaking(self, speaking: bool) -> None:
        self.calls.append(("set_kiosk_speaking", speaking))
        self.kiosk_speaking = speaking

    def set_sections(self, sections: Sequence[NamedSection]) -> None:
        self.calls.append(("set_sections", len(sections)))
        self.sections = list(sections)

    def close(self) -> None:
        self.calls.append(("close",))
        self.closed = True

    # --- test helpers ----------------------------------------------------------------------

    def emit(self, event: ListenerEvent) -> None:
        if self.on_event is not None:
            self.on_event(event)

    def hear(
        self,
        command: Command | None,
        text: str = "",
        confidence: float = 0.9,
        *,
        noisy: bool = False,
    ) -> None:
        """Pretend a command was said (None: speech that was not understood)."""
        decision = Decision.ACCEPT if command is not None else Decision.UNSURE
        self.emit(Heard(text or str(command or ""), command, confidence, decision, noisy))
        if self.listening and not self.hands_free:
            self.listening = False
            self.emit(ListeningStopped())

    def unplug(self, reason: str = "The microphone stopped working.") -> None:
        self.available = False
        self.emit(VoiceAvailability(False, reason))

    def replug(self) -> None:
        self.available = True
        self.emit(VoiceAvailability(True, ""))
