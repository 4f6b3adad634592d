"""The speakers check: the kiosk's own speaker says a test sentence, and the sound server's
output is measured while it does (its loudness only)."""

from __future__ import annotations

import os
import subprocess
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from kiosk.cli.doctor.levels import dbfs, peak_of
from kiosk.cli.doctor.result import Result
from kiosk.cli.doctor.sound_server import pulse_info
from kiosk.core.settings import Settings

if TYPE_CHECKING:
    from kiosk.core.speaker import Speaker

SPEECH_TEST = "This is the kiosk speech test."
READY_TIMEOUT_S = 20.0  # the speaker replaces a worker that is silent for 15 s
SPEAK_TIMEOUT_S = 15.0
SILENCE_DBFS = -50.0  # below this the output counts as silent
PAREC_MONITOR = [
    "parec", "-d", "@DEFAULT_MONITOR@", "--format=s16le", "--rate=16000", "--channels=1", "--raw",
]  # fmt: skip
_SPEECH_ADVICE = (
    "check the speakers are plugged in and switched on, that a sound server is running, "
    "then run kiosk doctor again; details are in the kiosk log."
)


def check_speech_output(settings: Settings) -> Result:
    """Speak the test sentence through the kiosk's own speaker and confirm it played."""
    from kiosk.speech.factory import make_speaker

    try:
        speaker = make_speaker(voice=settings.voice, rate=settings.rate, volume=settings.volume)
    except Exception as error:
        return Result(False, f"The speech output could not be set up ({error}).", _SPEECH_ADVICE)
    monitor = MonitorRecorder() if pulse_info() is not None else None
    try:
        failure = _speak_test_sentence(speaker, monitor)
    finally:
        speaker.close()
        if monitor is not None:
            monitor.stop()
        wait_closed = getattr(speaker, "wait_closed", None)
        if wait_closed is not None:
            wait_closed(5.0)
    return failure if failure is not None else _judge_output(monitor)


def _speak_test_sentence(speaker: Speaker, monitor: MonitorRecorder | None) -> Result | None:
    """Start the speaker, say the test sentence once it is ready; a failure, or None."""
    from kiosk.core.speaker import SentenceStarted, SpeechAvailability, UtteranceFinished

    events = Events()

    def is_unavailable(e: object) -> bool:
        return isinstance(e, SpeechAvailability) and not e.available

    speaker.start(events.add)
    # Speak only once a worker is ready: commands sent before that are dropped.
    first = events.wait_for(lambda e: isinstance(e, SpeechAvailability), READY_TIMEOUT_S)
    if first is None:
        return Result(False, "The speech engine did not start in time.", _SPEECH_ADVICE)
    assert isinstance(first, SpeechAvailability)
    if not first.available:
        return Result(False, f"There is no sound output: {first.reason}", _SPEECH_ADVICE)
    if monitor is not None:
        monitor.start()
    speaker.speak(1, [SPEECH_TEST])
    ended = events.wait_for(
        lambda e: (isinstance(e, UtteranceFinished) and e.utterance_id == 1) or is_unavailable(e),
        SPEAK_TIMEOUT_S,
    )
    if ended is None or isinstance(ended, SpeechAvailability):
        reason = ended.reason if isinstance(ended, SpeechAvailability) else "no reply in time"
        return Result(False, f"The test sentence did not play ({reason}).", _SPEECH_ADVICE)
    if events.wait_for(lambda e: isinstance(e, SentenceStarted) and e.utterance_id == 1, 0) is None:
        return Result(False, "The test sentence never reached the speakers.", _SPEECH_ADVICE)
    return None


def _judge_output(monitor: MonitorRecorder | None) -> Result:
    """The test sentence played: was the sound server's output loud enough (when measured)?"""
    if monitor is None:
        return Result(True, f'Speakers work: "{SPEECH_TEST}" played. Check that you heard it.')
    level = monitor.peak_dbfs()
    if level is None or level < SILENCE_DBFS:
        return Result(
            False,
            "The test sentence played, but the sound server's output was silent.",
            "unmute the output and raise its volume (pavucontrol or `pactl set-sink-mute "
            "@DEFAULT_SINK@ 0`); check the speakers are the default output.",
        )
    return Result(
        True,
        f'Speakers work: "{SPEECH_TEST}" played (output peak {level:.0f} dB). '
        "Check that you heard it.",
    )


class Events:
    """The speaker's events as they arrive, from any thread; waits for one that matches."""

    def __init__(self) -> None:
        self._events: list[object] = []
        self._changed = threading.Condition()

    def add(self, event: object) -> None:
        with self._changed:
            self._events.append(event)
            self._changed.notify_all()

    def wait_for(self, predicate: Callable[[object], bool], timeout: float) -> object | None:
        """The first event so far or within `timeout` s that `predicate` accepts, or None."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                for event in self._events:
                    if predicate(event):
                        return event
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return None
                self._changed.wait(remaining)


class MonitorRecorder:
    """Measures the loudest sample on the default output's monitor (PulseAudio `parec`)."""

    def __init__(self) -> None:
        self._process: subprocess.Popen[bytes] | None = None
        self._peak = 0
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        try:
            self._process = subprocess.Popen(
                PAREC_MONITOR,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                stdin=subprocess.DEVNULL,
            )
        except OSError:
            return
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        assert self._process is not None and self._process.stdout is not None
        fd = self._process.stdout.fileno()
        while chunk := os.read(fd, 4096):
            self._peak = max(self._peak, peak_of(chunk))

    def stop(self) -> None:
        if self._process is None:
            return
        time.sleep(0.3)  # the monitor lags the output a little
        self._process.terminate()
        try:
            self._process.wait(2)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait(2)
        if self._thread is not None:
            self._thread.join(2)

    def peak_dbfs(self) -> float | None:
        return dbfs(self._peak) if self._process is not None else None
