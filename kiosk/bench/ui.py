"""`kiosk bench ui`: start-up and key-to-screen latency of the kiosk as shipped.

The kiosk runs in a real pseudo-terminal, exactly as `kiosk run` starts it (speech included,
on a private PulseAudio server), and is watched from outside:
- first screen: from process start to the welcome text appearing in the terminal output;
- key to update: from writing a key to the terminal to the changed line appearing;
- rss_mb: the kiosk process's resident memory once the first screen is ready.
Prints measured numbers only; `--json` prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import select
import signal
import subprocess
import sys
import time

from kiosk.bench.measure import percentile, rss_mb
from kiosk.bench.pulse import PulseServer, PulseUnavailable
from kiosk.core.settings import REPO_ROOT

WELCOME_MARK = b"Press any key to start"
DOWN, UP = b"\x1b[B", b"\x1b[A"


class TerminalKiosk:
    """The kiosk in a pseudo-terminal of 80x24, its output read as it arrives."""

    def __init__(self, extra_args: list[str]) -> None:
        import fcntl
        import pty
        import struct
        import termios

        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24"}
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "kiosk", "run", *extra_args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            cwd=REPO_ROOT,
            start_new_session=True,
        )
        os.close(slave)
        self.output = b""

    def wait_for(self, mark: bytes, since: int, timeout: float = 20.0) -> float:
        """perf_counter() time at which `mark` appeared in the output after offset `since`."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            ready, _, _ = select.select([self.master], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:
                    break
                now = time.perf_counter()
                self.output += chunk
                if mark in self.output[since:]:
                    return now
        raise TimeoutError(f"{mark!r} did not appear within {timeout} s")

    def drain(self, quiet: float = 0.15) -> None:
        """Read until the terminal has been quiet for `quiet` seconds."""
        while select.select([self.master], [], [], quiet)[0]:
            try:
                self.output += os.read(self.master, 65536)
            except OSError:
                return

    def press(self, key: bytes) -> float:
        sent = time.perf_counter()
        os.write(self.master, key)
        return sent

    def close(self) -> None:
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=10)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(self.process.pid, signal.SIGKILL)
        os.close(self.master)


def measure(runs: int, keys: int, extra_args: list[str]) -> dict[str, float | None]:
    first_screen: list[float] = []
    key_to_update: list[float] = []
    rss: list[float] = []
    for _ in range(runs):
        kiosk = TerminalKiosk(extra_args)
        try:
            ready = kiosk.wait_for(WELCOME_MARK, 0)
            first_screen.append((ready - kiosk.started) * 1000)
            rss.append(rss_mb(kiosk.process.pid))
            kiosk.drain()
            kiosk.press(b" ")  # start a session: the orientation list
            kiosk.wait_for(b"Getting started", len(kiosk.output))
            kiosk.drain(0.3)
            kiosk.press(b"\x1b[H")  # Home: the topic list, first topic chosen
            kiosk.wait_for(b"Topics", len(kiosk.output))
            kiosk.drain(0.3)
            # The first Down says topic 1, where the pointer starts (EZ Access): it does not
            # move, so it is not a key to time. From then on, Down and Up move it.
            kiosk.press(DOWN)
            kiosk.drain(0.3)
            for press in range(keys):
                key, number = (DOWN, 2) if press % 2 == 0 else (UP, 1)
                since = len(kiosk.output)
                sent = kiosk.press(key)
                shown = kiosk.wait_for(f"\u25b6 {number}.".encode(), since)
                key_to_update.append((shown - sent) * 1000)
                kiosk.drain(0.16)  # also keeps presses apart from the double-strike filter
        finally:
            kiosk.close()
    return {
        "first_screen_ms_p50": percentile(first_screen, 0.5),
        "first_screen_ms_p95": percentile(first_screen, 0.95),
        "key_to_update_ms_p50": percentile(key_to_update, 0.5),
        "key_to_update_ms_p95": percentile(key_to_update, 0.95),
        "rss_mb": round(max(rss), 1),
        "runs": runs,
        "key_presses": len(key_to_update),
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="kiosk bench ui", description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--runs", type=int, default=10, help="kiosk starts (default 10)")
    parser.add_argument("--keys", type=int, default=40, help="key presses per start (default 40)")
    parser.add_argument("--no-speech", action="store_true", help="measure with speech off")
    args = parser.parse_args(argv)
    extra = ["--no-speech"] if args.no_speech else []
    try:
        with PulseServer():
            results = measure(args.runs, args.keys, extra)
    except PulseUnavailable:
        results = measure(args.runs, args.keys, extra)
        results["note"] = "no PulseAudio: measured without a sound server"  # type: ignore[assignment]
    if args.json:
        print(json.dumps(results))
    else:
        print("Kiosk UI benchmark (80x24 pseudo-terminal, the kiosk as shipped)")
        for key, value in results.items():
            print(f"  {key:<24} {value}")
        print("Targets: first screen <= 1000 ms, key to update p95 <= 30 ms, rss < 100 MB")
    return 0
