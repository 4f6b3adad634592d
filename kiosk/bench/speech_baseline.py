"""The baseline of `kiosk bench speech`: plain pyttsx3 (`say` + `runAndWait` in a thread,
`engine.stop()` from another), in a child process of its own for each trial."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from typing import Any

from kiosk.bench.pulse import Capture
from kiosk.bench.speech_measure import Trial, measure

PYTTSX3_CAP_S = 20.0


def pyttsx3_trials(capture: Capture, texts: dict[str, list[str]], runs: int) -> dict[str, Any]:
    """Plain pyttsx3, in a child process of its own (its driver cannot be re-created after a
    stop, and `aplay` must be killable): say + runAndWait in one thread, stop from another."""
    results: dict[str, list[Trial]] = {name: [] for name in texts}
    for _ in range(runs):
        for name, sentences in texts.items():
            child = _Pyttsx3Child(" ".join(sentences))
            try:
                trial = measure(
                    capture,
                    child.speak,
                    child.stop,
                    speak_for=0.4,
                    first_timeout=PYTTSX3_CAP_S,
                    silence_window=PYTTSX3_CAP_S,
                )
            finally:
                child.kill()
            if trial.first_audio_ms is None:  # nothing within the cap: report the cap
                trial = Trial(PYTTSX3_CAP_S * 1000, PYTTSX3_CAP_S * 1000, True)
            results[name].append(trial)
    return {"trials": results}


_PYTTSX3_SCRIPT = r"""
import sys, threading, pyttsx3
text = sys.stdin.readline().encode().decode("unicode_escape")
engine = pyttsx3.init()
engine.setProperty("rate", 160)
go = sys.stdin.readline()
speaking = threading.Thread(target=lambda: (engine.say(text), engine.runAndWait()))
speaking.start()
sys.stdin.readline()
engine.stop()
speaking.join()
sys.stdout.write("done\n"); sys.stdout.flush()
"""


class _Pyttsx3Child:
    """One pyttsx3 engine in its own process group, so aplay can be killed with it."""

    def __init__(self, text: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", _PYTTSX3_SCRIPT],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            text=True,
        )
        assert self.process.stdin is not None
        self.process.stdin.write(text.encode("unicode_escape").decode() + "\n")
        self.process.stdin.flush()
        time.sleep(0.5)  # engine loaded before the clock starts, as in a running kiosk

    def speak(self) -> None:
        self._line()

    def stop(self) -> None:
        """engine.stop(), then wait (bounded by the caller's window) for say to return."""
        self._line()
        stdout = self.process.stdout
        assert stdout is not None
        done = threading.Event()

        def wait_done() -> None:
            stdout.readline()
            done.set()

        threading.Thread(target=wait_done, daemon=True).start()
        done.wait(PYTTSX3_CAP_S)

    def _line(self) -> None:
        assert self.process.stdin is not None
        try:
            self.process.stdin.write("\n")
            self.process.stdin.flush()
        except OSError:
            pass

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)  # the engine and its aplay child
        self.process.wait(5)
