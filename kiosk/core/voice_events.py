"""What the listener tells the UI. Small immutable events, safe to send between processes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from kiosk.commands.command import Command


class Decision(str, Enum):
    ACCEPT = "accept"  # a command: act on it
    UNSURE = "unsure"  # speech, but not surely a command: ask again, never act on a guess
    NOISE = "noise"  # silence, a cough, chatter too short or too quiet: ignore
    WAKE = "wake"  # the hands-free wake phrase (heard while the kiosk was speaking)


@dataclass(frozen=True)
class Heard:
    text: str  # the recognizer's best phrase ("" for noise); never logged
    command: Command | None  # only set when decision is ACCEPT
    confidence: float  # 0..1
    decision: Decision
    noisy: bool = False  # said over a loud room: "come closer" is the advice, not "say help"


@dataclass(frozen=True)
class ListeningStarted:
    pass


@dataclass(frozen=True)
class ListeningStopped:
    pass


@dataclass(frozen=True)
class VoiceAvailability:
    available: bool
    # Plain words for staff, in the log and `kiosk listen`: "No microphone was found."
    # (patients hear the wording's `voice.unavailable`).
    reason: str = ""
    recognizer: str = ""  # the recognizer in use: "moonshine" or "pocketsphinx"
    fallback: str = ""  # why it is the fallback, pocketsphinx ("" when it is Moonshine)


ListenerEvent = Heard | ListeningStarted | ListeningStopped | VoiceAvailability
EventHandler = Callable[[ListenerEvent], None]
