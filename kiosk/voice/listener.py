"""The voice listener the UI talks to: an interface, and the real one in a child process.

`ProcessListener` runs `kiosk.voice.worker` in a 'spawn' child (pocketsphinx holds the GIL
while decoding) and a reader thread that hands its events to `on_event`. If the microphone is
missing or unplugged, or the recognizer fails, it reports `VoiceAvailability(False, reason)`
once and keeps starting fresh children in the background (a new process re-initialises
PortAudio, so a replugged microphone is found); when one works it reports availability again.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
from collections.abc import Sequence
from multiprocessing import resource_tracker
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Protocol

from kiosk.commands.phrases import NamedSection, section_names
from kiosk.core.voice_events import EventHandler, VoiceAvailability
from kiosk.voice.messages import (
    Close,
    ListenOnce,
    SetHandsFree,
    SetKioskSpeaking,
    SetSections,
    WorkerCommand,
    WorkerEvent,
)
from kiosk.voice.worker import WorkerSettings, run

RETRY_S = 5.0
log = logging.getLogger("kiosk.voice")


class Listener(Protocol):
    def start(self, on_event: EventHandler) -> None: ...
    def listen_once(self) -> None:
        """Push-to-talk: take one command, then stop listening."""

    def set_hands_free(self, enabled: bool, wake_phrase: str) -> None: ...
    def set_kiosk_speaking(self, speaking: bool) -> None: ...
    def set_sections(self, sections: Sequence[NamedSection]) -> None:
        """Sections (with id, title, synonyms) changed: rebuild the grammar."""

    def close(self) -> None: ...


class ProcessListener:
    def __init__(
        self,
        content_dir: Path,
        sections: Sequence[NamedSection],
        *,
        log_path: str = os.devnull,
        device: int | str | None = None,
        retry_s: float = RETRY_S,
    ) -> None:
        self._settings = WorkerSettings(
            content_dir=content_dir,
            sections=list(section_names(sections)),
            log_path=log_path,
            device=device,
        )
        self._retry_s = retry_s
        self._context = multiprocessing.get_context("spawn")
        # Start spawn's resource tracker now, before Textual runs: inside the app sys.stderr is
        # Textual's capture object with no usable fileno, and starting the tracker then fails
        # ("bad value(s) in fds_to_keep"), so voice would never come up.
        resource_tracker.ensure_running()
        self._lock = threading.Lock()
        self._closed = threading.Event()
        self._connection: Connection | None = None
        self._process: BaseProcess | None = None
        self._thread: threading.Thread | None = None
        self._on_event: EventHandler | None = None
        self._available: bool | None = None
        self.pid: int | None = None

    def start(self, on_event: EventHandler) -> None:
        self._on_event = on_event
        self._thread = threading.Thread(target=self._supervise, name="voice-listener", daemon=True)
        self._thread.start()

    def _supervise(self) -> None:
        while not self._closed.is_set():
            try:
                self._run_child()
            except Exception:  # keep retrying: voice input must come back by itself
                log.exception("could not run the listener process")
                self._deliver(VoiceAvailability(False, "Voice input could not start."))
            self._closed.wait(self._retry_s)

    def _run_child(self) -> None:
        parent, child = self._context.Pipe()
        # Under the lock, so a setting changed meanwhile is either in the child's settings or
        # sent to it once connected, never lost in between.
        with self._lock:
            process = self._context.Process(
                target=run, args=(child, self._settings), name="kiosk-voice", daemon=True
            )
            process.start()
            self._connection, self._process, self.pid = parent, process, process.pid
        child.close()
        self._read(parent)
        process.join(timeout=2)
        if process.is_alive():
            process.terminate()
            process.join(timeout=2)
        with self._lock:
            self._connection, self._process = None, None
        if self._available is not False and not self._closed.is_set():
            self._deliver(VoiceAvailability(False, "Voice input stopped."))

    def _read(self, connection: Connection) -> None:
        while True:
            try:
                event: WorkerEvent = connection.recv()
            except (EOFError, OSError):
                return
            self._deliver(event)

    def _deliver(self, event: WorkerEvent) -> None:
        if isinstance(event, VoiceAvailability):
            if event.available == self._available:
                return  # report a change once, not every retry
            self._available = event.available
        if self._on_event is None:
            return
        try:
            self._on_event(event)
        except Exception:  # a UI bug must not kill voice input
            log.exception("on_event failed")

    def _send(self, command: WorkerCommand) -> None:
        """Send `command` to the child, and keep what it sets for the next child too."""
        with self._lock:
            _remember(self._settings, command)
            connection = self._connection
            if connection is None:
                return
            try:
                connection.send(command)
            except (BrokenPipeError, OSError):
                log.warning("listener process is not answering")

    def listen_once(self) -> None:
        self._send(ListenOnce())

    def set_hands_free(self, enabled: bool, wake_phrase: str) -> None:
        self._send(SetHandsFree(enabled, wake_phrase))

    def set_kiosk_speaking(self, speaking: bool) -> None:
        self._send(SetKioskSpeaking(speaking))

    def set_sections(self, sections: Sequence[NamedSection]) -> None:
        self._send(SetSections(tuple(section_names(sections))))

    def close(self) -> None:
        self._closed.set()
        self._send(Close())
        if self._thread is not None:
            self._thread.join(timeout=5)
        with self._lock:
            process = self._process
        if process is not None and process.is_alive():
            process.terminate()


def _remember(settings: WorkerSettings, command: WorkerCommand) -> None:
    """A setting `command` changes, kept in the settings a restarted child starts from."""
    if isinstance(command, SetHandsFree):
        settings.hands_free, settings.wake_phrase = command.enabled, command.wake_phrase
    elif isinstance(command, SetKioskSpeaking):
        settings.kiosk_speaking = command.speaking
    elif isinstance(command, SetSections):
        settings.sections = list(command.sections)
