"""The microphone check: a live level bar while staff speak, and its probe (run in a child).

Nothing here records or keeps what the microphone hears: only its loudness is measured.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import IO, Any

from kiosk.cli.doctor.levels import dbfs, peak_of
from kiosk.cli.doctor.result import Result
from kiosk.cli.doctor.runner import PROBE_TIMEOUT_S, stream_probe

HEARD_DBFS = -45.0  # a microphone peak below this means nobody was heard
BAR_WIDTH = 40
_MIC_ADVICE = (
    "check the microphone is plugged in, switched on, not muted, and is the default input "
    "(pavucontrol, Input Devices)."
)


def check_microphone(seconds: float, out: IO[str], *, verbose: bool = False) -> Result:
    plural = "" if seconds == 1 else "s"
    say = '(say "hello kiosk")'
    out.write(f"     Microphone test: speak now for {seconds:g} second{plural} {say}.\n")
    out.flush()
    outcome = _listen(seconds, out, verbose=verbose)
    if "error" in outcome:
        return Result(
            False,
            f"No microphone could be opened: {outcome['error']}",
            "plug in the microphone (USB), check it is the default input and not muted, "
            "and that a sound server is running; then run kiosk doctor again.",
        )
    if "peak" not in outcome:
        return Result(False, "The microphone test did not finish.", _MIC_ADVICE)
    level = dbfs(int(outcome["peak"]))
    device = outcome.get("device") or "the default microphone"
    if level < HEARD_DBFS:
        return Result(
            False,
            f"{device} heard almost nothing (peak {level:.0f} dB).",
            "speak during the test; if you did, " + _MIC_ADVICE,
        )
    return Result(True, f"Microphone works: {device}, peak level {level:.0f} dB.")


def _listen(seconds: float, out: IO[str], *, verbose: bool) -> dict[str, Any]:
    """Run the probe, drawing the level bar on a terminal; its last message but the levels."""
    live = out.isatty()
    peak = 0
    outcome: dict[str, Any] = {}
    for message in stream_probe(["mic", str(seconds)], seconds + PROBE_TIMEOUT_S, verbose=verbose):
        if "level" in message:
            peak = max(peak, int(message["level"]))
            if live:
                out.write("\r     " + level_bar(int(message["level"]), peak))
                out.flush()
        else:
            outcome = message
    if live:
        out.write("\r" + " " * (BAR_WIDTH + 30) + "\r")
    return outcome


def level_bar(level: int, peak: int) -> str:
    """`[#######.......]  -23 dB` on a -60..0 dB scale, with the peak marked `|`."""

    def cells(value: int) -> int:
        return max(0, min(BAR_WIDTH, round((dbfs(value) + 60) / 60 * BAR_WIDTH)))

    filled, top = cells(level), cells(peak)
    bar = ["#" if i < filled else "." for i in range(BAR_WIDTH)]
    if top > 0:
        bar[top - 1] = "|" if top > filled else bar[top - 1]
    return f"[{''.join(bar)}] {dbfs(level):5.0f} dB"


def probe_microphone(argv: list[str], emit: Callable[[dict[str, Any]], None]) -> None:
    """Child side: the level of each 0.1 s for `argv[0]` seconds, then the peak and device."""
    import speech_recognition as sr

    seconds = float(argv[0])
    device = _default_input_name()
    microphone = sr.Microphone(sample_rate=16000, chunk_size=1600)  # 0.1 s a chunk
    with microphone as source:
        peak = 0
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            level = peak_of(source.stream.read(source.CHUNK))
            peak = max(peak, level)
            emit({"level": level})
    emit({"peak": peak, "device": device})


def _default_input_name() -> str:
    """The default input's name; raises when there is none (SpeechRecognition's own error for
    that case is an unhelpful AttributeError)."""
    import pyaudio

    audio = pyaudio.PyAudio()
    try:
        info = audio.get_default_input_device_info()
    except OSError:
        raise RuntimeError("there is no microphone (no input device)") from None
    finally:
        audio.terminate()
    return str(info.get("name", ""))
