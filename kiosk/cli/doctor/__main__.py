"""The child side of a probe: `python -m kiosk.cli.doctor voices|mic SECONDS|recognizer [DIR]`.

fd 1 carries JSON lines only (read by `kiosk.cli.doctor.runner`); library noise written to fd
1 or 2 goes to stderr, which the parent keeps off the screen.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from typing import Any

from kiosk.cli.doctor.microphone import probe_microphone
from kiosk.cli.doctor.recognizer import probe_recognizer
from kiosk.cli.doctor.voices import probe_voices

Probe = Callable[[list[str], Callable[[dict[str, Any]], None]], None]
PROBES: dict[str, Probe] = {
    "voices": probe_voices,
    "mic": probe_microphone,
    "recognizer": probe_recognizer,
}


def probe_main(argv: list[str]) -> int:
    """Run the probe `argv[0]` names with the rest of `argv`; 1 when it failed."""
    channel = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)

    def emit(message: dict[str, Any]) -> None:
        channel.write(json.dumps(message) + "\n")

    try:
        PROBES[argv[0]](argv[1:], emit)
    except Exception as error:
        emit({"error": plain_error(error)})
        return 1
    return 0


def plain_error(error: Exception) -> str:
    text = str(error) or type(error).__name__
    if "-9996" in text or "Invalid input device" in text or "no default input" in text.lower():
        return "there is no microphone (no input device)"
    if "-9997" in text or "-9998" in text:
        return f"the microphone refused the settings ({text})"
    return text


if __name__ == "__main__":
    sys.exit(probe_main(sys.argv[1:]))
