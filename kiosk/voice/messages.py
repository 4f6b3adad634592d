"""The small picklable messages between the UI process and the listening worker process.

They go over a `multiprocessing` pipe (`Connection.send`, which pickles them), as the speech
worker's do (kiosk/speech/messages.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.commands.phrases import SectionName
from kiosk.core.voice_events import ListenerEvent


# Commands, UI process -> worker.
@dataclass(frozen=True)
class ListenOnce:
    """Push-to-talk: listen for one command (or until the worker's timeout)."""


@dataclass(frozen=True)
class SetHandsFree:
    enabled: bool
    wake_phrase: str


@dataclass(frozen=True)
class SetKioskSpeaking:
    speaking: bool


@dataclass(frozen=True)
class SetSections:
    """The content's sections changed: their names are the `{section}` slot's new entries."""

    sections: tuple[SectionName, ...]


@dataclass(frozen=True)
class Close:
    pass


WorkerCommand = ListenOnce | SetHandsFree | SetKioskSpeaking | SetSections | Close

# Reports, worker -> UI process: the listener's own events (kiosk/core/voice_events.py), which the
# parent hands on to the UI unchanged.
WorkerEvent = ListenerEvent
