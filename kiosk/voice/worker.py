"""The listening child process: microphone -> pipeline -> events to the parent.

Runs in its own process (multiprocessing 'spawn') because pocketsphinx holds the GIL while it
decodes, which would freeze the UI. Its stdout and stderr are redirected before any audio
library is imported, because PortAudio prints ALSA/JACK complaints straight onto fd 2, which
would land on the kiosk's screen: they go into the kiosk's log pipe for `voice.log`, which
writes each distinct line once, counts repeats and rotates the file (`kiosk.logs.pipe`).
Logs carry counts and events only, never what was said.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Protocol

from kiosk.commands.phrases import SectionName
from kiosk.core.voice_events import (
    Decision,
    Heard,
    ListeningStarted,
    ListeningStopped,
    VoiceAvailability,
)
from kiosk.logs.worker_output import SpawnedLog, point_output_at
from kiosk.voice.messages import (
    Close,
    ListenOnce,
    SetHandsFree,
    SetKioskSpeaking,
    SetSections,
    WorkerCommand,
    WorkerEvent,
)
from kiosk.voice.moonshine.files import MODEL_DIR
from kiosk.voice.recognition import RATE

if TYPE_CHECKING:  # imported for real only after the output redirect (see `_serve`)
    from kiosk.voice.pipeline import Pipeline, Result

CHUNK_SAMPLES = 480  # 30 ms: one endpointer frame per read keeps latency low
LISTEN_ONCE_TIMEOUT_S = 10.0  # push-to-talk gives up if nobody speaks
log = logging.getLogger("kiosk.voice.worker")


class _Stream(Protocol):
    """What the worker reads of SpeechRecognition's microphone stream."""

    def read(self, size: int) -> bytes: ...


@dataclass
class WorkerSettings:
    content_dir: Path
    sections: list[SectionName]
    log_path: str = os.devnull
    device: int | str | None = None  # PortAudio index, or part of the device's name
    hands_free: bool = False
    wake_phrase: str = ""
    kiosk_speaking: bool = False
    recognizer: str = "auto"  # "auto" (Moonshine, else pocketsphinx) or one of them
    model_dir: Path = MODEL_DIR
    # How the child's output reaches `log_path`: the parent's log pipe, handed over when
    # these settings are pickled for the spawned child (see `SpawnedLog`).
    log_output: SpawnedLog = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.log_output = SpawnedLog(self.log_path)


@dataclass
class _State:
    hands_free: bool
    wake_phrase: str
    kiosk_speaking: bool
    once_until: float = 0.0  # push-to-talk: listening until this monotonic time
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def listening(self) -> bool:
        return self.hands_free or self.once_until > time.monotonic()


def _redirect_output(settings: WorkerSettings) -> None:
    """fds 1 and 2 -> the parent's pipe into the voice log (or one of our own, or /dev/null)."""
    point_output_at(settings.log_output.output_fd())


def run(connection: Connection, settings: WorkerSettings) -> None:
    """Child process entry point."""
    _redirect_output(settings)
    logging.raiseExceptions = False  # a log that cannot be written must not print or crash
    # No time in the format: the log pipe stamps each line, and a repeated warning ("no
    # microphone" on every restart) must read the same each time to be counted, not repeated.
    logging.basicConfig(
        stream=sys.stderr, level=logging.INFO, format="voice %(levelname)s %(message)s"
    )
    try:
        _serve(connection, settings)
    except Exception as error:  # never die silently: tell the parent, which restarts us
        log.exception("listener failed")
        _send(connection, VoiceAvailability(False, f"Voice input stopped: {type(error).__name__}."))


def _send(connection: Connection, event: WorkerEvent) -> None:
    with contextlib.suppress(BrokenPipeError, OSError):
        connection.send(event)


def _device_index(sr: ModuleType, device: int | str | None) -> int | None:
    """A configured microphone as PortAudio's index: a number as it is, a name by the first
    device whose name contains it (an unknown name raises, reported as no microphone)."""
    if device is None or isinstance(device, int):
        return device
    names: list[str] = sr.Microphone.list_microphone_names()
    for index, name in enumerate(names):
        if device.lower() in name.lower():
            return index
    raise OSError(f"no input device named {device!r}")


def _serve(connection: Connection, settings: WorkerSettings) -> None:
    # Imported here, after the redirect: these open audio devices and print on fd 2.
    import speech_recognition as sr

    state = _State(settings.hands_free, settings.wake_phrase, settings.kiosk_speaking)
    try:
        pipeline = _build(settings, state)
    except Exception:
        log.exception("recognizer failed to load")
        _send(connection, VoiceAvailability(False, "The speech recognizer could not be loaded."))
        return
    try:
        microphone = sr.Microphone(
            device_index=_device_index(sr, settings.device),
            sample_rate=RATE,
            chunk_size=CHUNK_SAMPLES,
        )
        source = microphone.__enter__()
        if getattr(source, "stream", None) is None:
            raise OSError("no input stream")
    except Exception:
        log.warning("no microphone")
        _send(connection, VoiceAvailability(False, "No microphone was found."))
        return
    _send(
        connection,
        VoiceAvailability(True, "", pipeline.recognizer.name, pipeline.recognizer_problem),
    )
    log.info("listening ready (%s)", pipeline.recognizer.name)
    if pipeline.recognizer_problem:
        log.warning("fallback recognizer: %s", pipeline.recognizer_problem)
    try:
        _loop(connection, source.stream, pipeline, state, settings)
    finally:
        try:
            microphone.__exit__(None, None, None)
        except Exception:
            log.warning("microphone did not close cleanly")
        log.info("stopped; counts %s", state.counts)


def _build(settings: WorkerSettings, state: _State, previous: Pipeline | None = None) -> Pipeline:
    from kiosk.voice.factory import build_pipeline

    return build_pipeline(
        settings.sections,
        settings.content_dir,
        _extra(state),
        recognizer=settings.recognizer,
        model_dir=settings.model_dir,
        previous=previous,
    )


def _extra(state: _State) -> tuple[str, ...]:
    return (state.wake_phrase,) if state.hands_free and state.wake_phrase else ()


def _obey(
    command: WorkerCommand, pipeline: Pipeline, state: _State, settings: WorkerSettings
) -> Pipeline:
    """Apply one command from the parent (not `Close`); the pipeline to use from now on."""
    if isinstance(command, ListenOnce):
        state.once_until = time.monotonic() + LISTEN_ONCE_TIMEOUT_S
    elif isinstance(command, SetHandsFree):
        state.hands_free, state.wake_phrase = command.enabled, command.wake_phrase
        return _build(settings, state, pipeline)
    elif isinstance(command, SetKioskSpeaking):
        state.kiosk_speaking = command.speaking
    elif isinstance(command, SetSections):
        settings.sections = list(command.sections)
        return _build(settings, state, pipeline)
    return pipeline


def _loop(
    connection: Connection,
    stream: _Stream,
    pipeline: Pipeline,
    state: _State,
    settings: WorkerSettings,
) -> None:
    was_listening = False
    while True:
        while connection.poll():
            command: WorkerCommand = connection.recv()
            if isinstance(command, Close):
                return
            pipeline = _obey(command, pipeline, state, settings)
        try:
            chunk = stream.read(CHUNK_SAMPLES)  # SpeechRecognition ignores overflows
        except OSError:
            log.warning("microphone read failed")
            _send(connection, VoiceAvailability(False, "The microphone stopped working."))
            return
        listening = state.listening
        if listening != was_listening:
            _send(connection, ListeningStarted() if listening else ListeningStopped())
            if not listening:
                pipeline.reset()
            was_listening = listening
        if not listening:
            pipeline.hear_room(chunk)  # only its level is kept; the audio is dropped at once
            continue
        for result in pipeline.feed(chunk):
            _handle(connection, result, state)


def _handle(connection: Connection, result: Result, state: _State) -> None:
    decision: Decision = result.decision
    state.counts[decision.value] = state.counts.get(decision.value, 0) + 1
    if decision is Decision.NOISE:
        return
    if state.hands_free and state.kiosk_speaking and decision is not Decision.WAKE:
        # While the kiosk talks only the wake phrase counts: it must not obey its own voice.
        state.counts["ignored_while_speaking"] = state.counts.get("ignored_while_speaking", 0) + 1
        return
    if waiting_for_wake(state) and decision is not Decision.WAKE:
        # Hands-free, between turns: the room's talk gets no answer, not even "sorry"; only
        # the wake phrase opens a turn (then one command is taken, as with the talk key).
        state.counts["ignored_before_wake"] = state.counts.get("ignored_before_wake", 0) + 1
        return
    _send(
        connection,
        Heard(result.text, result.command, result.confidence, decision, result.noisy),
    )
    log.info("decision %s confidence %.2f", decision.value, result.confidence)
    if decision in (Decision.ACCEPT, Decision.UNSURE):
        state.once_until = 0.0  # a turn (the talk key, or after the wake phrase) takes one answer


def waiting_for_wake(state: _State) -> bool:
    """Hands-free with a wake phrase, and no turn open: only the wake phrase counts.
    (With no wake phrase, as `kiosk listen` and the tests use it, every command counts.)"""
    return state.hands_free and bool(state.wake_phrase) and state.once_until <= time.monotonic()
