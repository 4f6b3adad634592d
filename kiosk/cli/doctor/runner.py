"""The parent side of a probe: run `python -m kiosk.cli.doctor PROBE ...` with a time limit.

Anything that touches audio libraries runs in such a child (PortAudio, ALSA and eSpeak can
block or write noise to the terminal; a child can be killed and its noise kept off the screen).
"""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from typing import IO, Any

PROBE_TIMEOUT_S = 30.0


def run_probe(args: list[str], timeout: float, *, verbose: bool = False) -> dict[str, Any]:
    """The last message of a probe, or {"error": ...}."""
    last: dict[str, Any] = {"error": "it stopped without saying why"}
    for message in stream_probe(args, timeout, verbose=verbose):
        last = message
    return last


def stream_probe(
    args: list[str], timeout: float, *, verbose: bool = False
) -> Iterator[dict[str, Any]]:
    """Run `python -m kiosk.cli.doctor PROBE ...`, yielding its JSON messages; kill it on timeout.

    The child's stderr (ALSA, JACK, eSpeak noise) goes to a temporary file, shown with
    --verbose only.
    """
    with tempfile.TemporaryFile() as noise:
        try:
            process = subprocess.Popen(
                [sys.executable, "-m", "kiosk.cli.doctor", *args],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=noise,
                start_new_session=True,  # terminal signals stay with the doctor
            )
        except OSError as error:
            yield {"error": f"could not start a test process ({error.strerror})"}
            return
        try:
            yield from _messages(process, timeout)
        finally:
            if process.poll() is None:
                process.kill()
            process.wait()
            if process.stdout is not None:
                process.stdout.close()
            if verbose:
                _show_noise(noise)


def _messages(process: subprocess.Popen[bytes], timeout: float) -> Iterator[dict[str, Any]]:
    """The child's JSON lines until it closes its end, or an error once `timeout` has passed."""
    messages: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()

    def read() -> None:
        assert process.stdout is not None
        for raw in process.stdout:
            messages.put(raw)
        messages.put(None)  # the child closed its end: finished or died

    threading.Thread(target=read, daemon=True).start()
    deadline = time.monotonic() + timeout
    while True:
        try:
            raw = messages.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            yield {"error": f"no answer within {timeout:.0f} s (the device may be stuck)"}
            return
        if raw is None:
            return
        try:
            message = json.loads(raw)
        except json.JSONDecodeError:
            continue
        yield message


def _show_noise(noise: IO[bytes]) -> None:
    noise.seek(0)
    for line in noise.read().decode("utf-8", "replace").splitlines()[-10:]:
        sys.stdout.write(f"     (detail) {line}\n")
