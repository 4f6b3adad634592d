"""Measuring speech on the recording of the private PulseAudio server's virtual speaker.

A trial starts speech, waits until the recording hears it, lets it speak a moment, stops it,
and reads both times off the recording afterwards: time to first audio (from start to the
first sample above the threshold) and time to silence (from stop to the last one). The
recording anchors sample 0 to time.monotonic() by the tightest bound over all reads (a sample
cannot be read before it was captured), so figures err late, never early; a click played
through PortAudio at a known DAC time checks that (`alignment_check`).
"""

from __future__ import annotations

import array
import math
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kiosk.bench.measure import percentile
from kiosk.bench.pulse import Capture


@dataclass
class Trial:
    first_audio_ms: float | None
    silence_ms: float | None
    capped: bool = False
    speaking_at_stop: bool = True  # loud audio in the 300 ms before stop (a fair trial)


def measure(
    capture: Capture,
    start: Callable[[], None],
    stop: Callable[[], None],
    *,
    speak_for: float,
    first_timeout: float,
    silence_window: float,
) -> Trial:
    """start(); wait until audio is heard (or `first_timeout`); let it speak `speak_for`;
    stop(); wait `silence_window`; read both times off the recording afterwards."""
    t_speak = time.monotonic()
    start()
    deadline = t_speak + first_timeout
    heard: float | None = None
    scanned = t_speak
    while time.monotonic() < deadline:
        time.sleep(0.02)
        # Only the recording decides; poll it coarsely to know when to press stop.
        now = time.monotonic()
        heard = capture.first_loud(scanned, now)
        if heard is not None:
            break
        scanned = max(t_speak, now - 0.1)  # what is still in flight is scanned again
    if heard is None:
        stop()
        return Trial(None, None)
    time.sleep(max(0.0, heard + speak_for - time.monotonic()))
    t_stop = time.monotonic()
    stop()
    stopped_by = time.monotonic()
    time.sleep(max(0.0, t_stop + silence_window - time.monotonic()))
    time.sleep(0.05)
    last = capture.last_loud(t_stop, time.monotonic())
    capped = stopped_by - t_stop >= silence_window or (
        last is not None and last > t_stop + silence_window - 0.1
    )
    silence = 0.0 if last is None else (last - t_stop) * 1000
    speaking = capture.last_loud(t_stop - 0.3, t_stop) is not None
    return Trial((heard - t_speak) * 1000, silence, capped, speaking)


def alignment_check(capture: Capture, clicks: int = 5) -> float | None:
    """Median (recorded onset - PortAudio's predicted DAC time) of clicks, in ms."""
    import sounddevice

    expected: list[float] = []
    state = {"armed": False}
    tone = array.array("h", [int(12000 * math.sin(i * 0.5)) for i in range(441)]).tobytes()

    def callback(outdata: Any, frames: int, time_info: Any, status: Any) -> None:
        if state["armed"] and frames * 2 >= len(tone):
            state["armed"] = False
            # PortAudio's stream clock is not time.monotonic(): carry the offset over.
            ahead = time_info.outputBufferDacTime - time_info.currentTime
            expected.append(time.monotonic() + ahead)
            outdata[: len(tone)] = tone
            outdata[len(tone) :] = bytes(frames * 2 - len(tone))
        else:
            outdata[:] = bytes(frames * 2)

    with sounddevice.RawOutputStream(
        samplerate=22050, channels=1, dtype="int16", latency="low", blocksize=512,
        callback=callback,
    ):  # fmt: skip
        time.sleep(2.5)  # past the null sink's start-up hold
        for _ in range(clicks):
            state["armed"] = True
            time.sleep(0.3)
    time.sleep(0.1)
    offsets = []
    for moment in expected:
        onset = capture.first_loud(moment - 0.2, moment + 0.3)
        if onset is not None:
            offsets.append((onset - moment) * 1000)
    return round(statistics.median(offsets), 1) if offsets else None


def summarise(prefix: str, trials: dict[str, list[Trial]], out: dict[str, Any]) -> None:
    every = [t for ts in trials.values() for t in ts]
    for key, pick in (("first_audio_ms", "first_audio_ms"), ("silence_ms", "silence_ms")):
        values = [getattr(t, pick) for t in every if getattr(t, pick) is not None]
        out[f"{prefix}{key}_p50"] = percentile(values, 0.5)
        out[f"{prefix}{key}_p95"] = percentile(values, 0.95)
        for name, ts in trials.items():
            vs = [getattr(t, pick) for t in ts if getattr(t, pick) is not None]
            out[f"{prefix}{key}_p50[{name}]"] = percentile(vs, 0.5)
            out[f"{prefix}{key}_p95[{name}]"] = percentile(vs, 0.95)
