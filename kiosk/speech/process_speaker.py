"""`ProcessSpeaker`: the real speaker, a thin client of the speech worker process.

Every public method only records a setting and queues a message: it never touches audio code,
never blocks and never raises for lack of audio, so the UI's event loop stays free. Two daemon
threads do the rest:
- the sender writes queued commands to the current worker's pipe (drops them when there is
  no worker: stale speech must not play minutes later);
- the supervisor starts the worker, turns its messages into events for `on_event`, and when
  the worker ends (no audio output, lost device, crash) reports the speech unavailable and
  starts a fresh worker after a growing delay, so the kiosk recovers by itself.
"""

from __future__ import annotations

import contextlib
import logging
import queue
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from multiprocessing.connection import Connection
from pathlib import Path

from kiosk.core.speaker import (
    DEFAULT_RATE_WPM,
    DEFAULT_VOLUME,
    MAX_RATE_WPM,
    MIN_RATE_WPM,
    EventHandler,
    SentenceStarted,
    SpeechAvailability,
    SpeechEvent,
    UtteranceFinished,
)
from kiosk.logs.pipe import shared_log_pipe
from kiosk.speech.lexicon import Lexicon
from kiosk.speech.messages import (
    Close,
    Command,
    Ready,
    SetLexicon,
    SetRate,
    SetVoice,
    SetVolume,
    Speak,
    Stop,
    Tone,
    Unavailable,
    WorkerConfig,
)

log = logging.getLogger(__name__)

RETRY_DELAYS_S = (0.5, 1.0, 2.0, 3.0)  # then every 3 s: "re-probes every few seconds"
STABLE_AFTER_S = 10.0  # a worker that ran this long resets the delays
READY_TIMEOUT_S = 15.0  # a worker that never reports is killed and replaced
LOST_REASON = "Speech stopped unexpectedly; restarting it."


class ProcessSpeaker:
    def __init__(
        self,
        *,
        voice: str | None = None,
        rate: int = DEFAULT_RATE_WPM,
        volume: float = DEFAULT_VOLUME,
        log_path: Path | None = None,
        lexicon: Lexicon | None = None,
        engine: str = "auto",
        retry_delays: Sequence[float] = RETRY_DELAYS_S,
        device: int | str | None = None,
    ) -> None:
        self._voice = voice
        self._rate = _bounded_rate(rate)
        self._volume = _bounded_volume(volume)
        self._log_path = log_path
        self._lexicon = lexicon or Lexicon()
        self._engine = engine
        self._device = device
        self._retry_delays = tuple(retry_delays) or RETRY_DELAYS_S
        self._on_event: EventHandler = _ignore
        self._outbox: queue.SimpleQueue[Command] = queue.SimpleQueue()
        self._conn: Connection | None = None
        self._process: subprocess.Popen[bytes] | None = None
        self._available: bool | None = None
        self._closing = threading.Event()
        self._threads: list[threading.Thread] = []

    # The Speaker protocol ------------------------------------------------------------------
    def start(self, on_event: EventHandler) -> None:
        if self._threads:
            return
        self._on_event = on_event
        self._threads = [
            threading.Thread(target=self._supervise, name="speech-supervisor", daemon=True),
            threading.Thread(target=self._send_commands, name="speech-sender", daemon=True),
        ]
        for thread in self._threads:
            thread.start()

    def speak(self, utterance_id: int, sentences: Sequence[str], first: int = 0) -> None:
        self._outbox.put(Speak(utterance_id, tuple(sentences), first))

    def play_tone(self, utterance_id: int) -> None:
        self._outbox.put(Tone(utterance_id))

    def stop(self) -> None:
        self._outbox.put(Stop())

    def set_volume(self, volume: float) -> None:
        self._volume = _bounded_volume(volume)
        self._outbox.put(SetVolume(self._volume))

    def set_rate(self, words_per_minute: int) -> None:
        self._rate = _bounded_rate(words_per_minute)
        self._outbox.put(SetRate(self._rate))

    def close(self) -> None:
        """Asks the worker to stop and returns; `wait_closed` waits for it (tests, shutdown)."""
        self._closing.set()
        self._outbox.put(Close())

    # Additions -----------------------------------------------------------------------------
    def set_voice(self, voice: str | None) -> None:
        """A pyttsx3 voice id (on eSpeak NG: "gmw/en-us" or "en-us"); from the next sentence."""
        self._voice = voice
        self._outbox.put(SetVoice(voice))

    def set_lexicon(self, lexicon: Lexicon) -> None:
        self._lexicon = lexicon
        self._outbox.put(SetLexicon(lexicon))

    def wait_closed(self, timeout: float = 5.0) -> bool:
        deadline = time.monotonic() + timeout
        for thread in self._threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        return not any(thread.is_alive() for thread in self._threads)

    @property
    def available(self) -> bool | None:
        """None until the first worker reported."""
        return self._available

    @property
    def worker_pid(self) -> int | None:
        process = self._process
        return process.pid if process is not None and process.poll() is None else None

    # Threads -------------------------------------------------------------------------------
    def _send_commands(self) -> None:
        while True:
            command = self._outbox.get()
            conn = self._conn
            if conn is not None:
                # On failure the worker just ended; the supervisor reports it.
                with contextlib.suppress(OSError, ValueError):
                    conn.send(command)
            if isinstance(command, Close):
                return

    def _supervise(self) -> None:
        attempt = 0
        while not self._closing.is_set():
            started = time.monotonic()
            ready = self._run_one_worker()
            if self._closing.is_set():
                break
            if ready and time.monotonic() - started > STABLE_AFTER_S:
                attempt = 0
            delay = self._retry_delays[min(attempt, len(self._retry_delays) - 1)]
            attempt += 1
            self._closing.wait(delay)

    def _run_one_worker(self) -> bool:
        """Start a worker and relay its messages until it ends. True if it became ready."""
        config = WorkerConfig(
            self._voice,
            self._rate,
            self._volume,
            self._lexicon,
            self._log_path,
            self._engine,
            self._device,
        )
        try:
            process, parent_end = _launch(config)
        except Exception:
            log.exception("could not start the speech worker")
            self._set_available(False, LOST_REASON)
            return False
        self._process = process
        ready = explained = False
        deadline = time.monotonic() + READY_TIMEOUT_S
        self._conn = parent_end  # commands wait in the pipe until the worker reads them
        try:
            while True:
                if not ready and not parent_end.poll(0.2):
                    if self._closing.is_set():
                        break
                    if time.monotonic() > deadline:
                        log.error("speech worker did not report in %.0f s", READY_TIMEOUT_S)
                        break
                    continue
                message = parent_end.recv()
                if isinstance(message, Ready):
                    ready = True
                    log.info("speech ready: %s", message.detail)
                    self._set_available(True)
                elif isinstance(message, Unavailable):
                    explained = True
                    self._set_available(False, message.reason)
                elif isinstance(message, SentenceStarted | UtteranceFinished):
                    self._emit(message)
        except (EOFError, OSError):
            pass
        finally:
            self._conn = None
            parent_end.close()
            _reap(process)
            self._process = None
        if not explained and not self._closing.is_set():
            self._set_available(False, LOST_REASON)
        return ready

    def _set_available(self, available: bool, reason: str = "") -> None:
        if available != self._available:
            self._available = available
            self._emit(SpeechAvailability(available, reason))

    def _emit(self, event: SpeechEvent) -> None:
        try:
            self._on_event(event)
        except Exception:  # a UI bug must not kill speech supervision
            log.exception("speech event handler failed on %r", event)


def _launch(config: WorkerConfig) -> tuple[subprocess.Popen[bytes], Connection]:
    """A fresh interpreter running kiosk.speech.worker, talking over a socket pair.

    Not `fork` (forking after audio libraries load hangs) and not multiprocessing's "spawn"
    either: that re-imports the parent's __main__ in the child and starts it with the
    terminal on fds 1 and 2. Here the worker's output goes to the log from its first byte,
    through this process's log pipe (one for every worker restarted onto the log, so noise
    each start prints is counted, not written again), and its own session keeps terminal
    signals (Ctrl-C, hang-up) away from it.
    """
    parent_sock, child_sock = socket.socketpair()
    output = subprocess.DEVNULL  # no log, or no pipe: the worker then makes a pipe of its own
    if config.log_path is not None:
        pipe = shared_log_pipe(config.log_path)
        if pipe is not None:
            output = pipe.write_fd  # stays open here: the pipe outlives each worker
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "kiosk.speech.worker", str(child_sock.fileno())],
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=output,
            pass_fds=(child_sock.fileno(),),
            start_new_session=True,
            close_fds=True,
        )
    finally:
        child_sock.close()  # so a dead worker reads as EOF here
    conn = Connection(parent_sock.detach())
    with contextlib.suppress(OSError):  # it died at once: the relay loop sees EOF
        conn.send(config)
    return process, conn


def _reap(process: subprocess.Popen[bytes]) -> None:
    try:
        process.wait(1.0)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(1.0)


def _bounded_rate(rate: int) -> int:
    return min(MAX_RATE_WPM, max(MIN_RATE_WPM, int(rate)))


def _bounded_volume(volume: float) -> float:
    return min(1.0, max(0.0, float(volume)))


def _ignore(event: SpeechEvent) -> None:
    pass
