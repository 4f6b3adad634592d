"""The speaker interface the core drives (kiosk/speech implements it), and the events it
reports back.

No Textual here. A speaker runs synthesis and playback off the UI's event loop and reports
progress through the `on_event` callback, which may be called from any thread (the UI turns
each event into a Textual message with `post_message`, which is thread-safe).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

# The speech's defaults, the one place they are written (settings and the controller use them).
DEFAULT_RATE_WPM = 160  # words a minute
MIN_RATE_WPM = 100
MAX_RATE_WPM = 260
DEFAULT_VOLUME = 0.8


@dataclass(frozen=True)
class SentenceStarted:
    """The first sample of sentence `index` of utterance `utterance_id` reached the device."""

    utterance_id: int
    index: int


@dataclass(frozen=True)
class UtteranceFinished:
    """Every sentence of the utterance was played (not sent when it was stopped)."""

    utterance_id: int


@dataclass(frozen=True)
class SpeechAvailability:
    """Audio output came or went. `reason` is plain words for staff: the kiosk's log and
    `kiosk doctor` (the status line says the wording's `status.speech_unavailable`)."""

    available: bool
    reason: str = ""


SpeechEvent = SentenceStarted | UtteranceFinished | SpeechAvailability
EventHandler = Callable[[SpeechEvent], None]


class Speaker(Protocol):
    """Speaks sentences; any new `speak` or `stop` cuts off what is playing at once."""

    def start(self, on_event: EventHandler) -> None:
        """Begin loading the engine in the background; must return quickly."""

    def speak(self, utterance_id: int, sentences: Sequence[str], first: int = 0) -> None:
        """Stop whatever is playing and speak `sentences[first:]` in order."""

    def play_tone(self, utterance_id: int) -> None:
        """Stop whatever is playing and play the short listening tone as an utterance."""

    def stop(self) -> None:
        """Silence now. Says nothing, reports no `UtteranceFinished`."""

    def set_volume(self, volume: float) -> None:
        """0.0 to 1.0; applies to the speech in progress without interrupting it."""

    def set_rate(self, words_per_minute: int) -> None:
        """Applies from the next sentence on."""

    def close(self) -> None:
        """Stop and release everything (worker processes, devices, temporary files)."""
