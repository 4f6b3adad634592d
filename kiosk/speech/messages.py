"""The small picklable messages between the UI process and the speech worker process."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kiosk.speech.lexicon import Lexicon


@dataclass(frozen=True)
class WorkerConfig:
    """Everything a fresh worker needs; the parent builds one from its current settings."""

    voice: str | None
    rate: int
    volume: float
    lexicon: Lexicon
    log_path: Path | None
    engine: str = "auto"  # "auto", "espeak" or "pyttsx3" (the file fallback)
    device: int | str | None = None  # output device: PortAudio index or name; None = default


# Commands, UI process -> worker.
@dataclass(frozen=True)
class Speak:
    utterance_id: int
    sentences: tuple[str, ...]
    first: int


@dataclass(frozen=True)
class Tone:
    """A short beep as utterance `utterance_id` (the listening tone before voice input)."""

    utterance_id: int


@dataclass(frozen=True)
class Stop:
    pass


@dataclass(frozen=True)
class SetVolume:
    volume: float


@dataclass(frozen=True)
class SetRate:
    words_per_minute: int


@dataclass(frozen=True)
class SetVoice:
    voice: str | None


@dataclass(frozen=True)
class SetLexicon:
    lexicon: Lexicon


@dataclass(frozen=True)
class Close:
    pass


Command = Speak | Tone | Stop | SetVolume | SetRate | SetVoice | SetLexicon | Close


# Reports, worker -> UI process (besides SentenceStarted and UtteranceFinished themselves).
@dataclass(frozen=True)
class Ready:
    detail: str


@dataclass(frozen=True)
class Unavailable:
    reason: str
