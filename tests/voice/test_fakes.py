"""The fake listener behaves like the real one's interface (for UI tests)."""

from __future__ import annotations

from kiosk.commands.command import Command, CommandId
from kiosk.core.voice_events import (
    Decision,
    Heard,
    ListenerEvent,
    ListeningStarted,
    ListeningStopped,
    VoiceAvailability,
)
from kiosk.voice.fakes import FakeListener
from kiosk.voice.listener import Listener


def test_fake_push_to_talk_round_trip() -> None:
    events: list[ListenerEvent] = []
    listener: Listener = FakeListener()
    listener.start(events.append)
    listener.listen_once()
    assert isinstance(listener, FakeListener)
    listener.hear(Command(CommandId.NEXT))
    assert events == [
        ListeningStarted(),
        Heard("next", Command(CommandId.NEXT), 0.9, Decision.ACCEPT),
        ListeningStopped(),
    ]


def test_fake_reports_unavailable_microphone() -> None:
    events: list[ListenerEvent] = []
    FakeListener(available=False).start(events.append)
    assert events == [VoiceAvailability(False, "No microphone was found.")]
