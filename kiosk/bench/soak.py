"""`kiosk bench soak` and `kiosk bench monkey`: weeks of use in minutes, and key storms.

soak: at least 1,000 simulated patient sessions through the real app (Textual's Pilot, the
real speech worker on a private PulseAudio server unless --no-speech), with an injected clock
so the inactivity reset happens without waiting. Every 100 sessions it records resident
memory, Python heap, threads and open files, and reports the trend (growth per 1,000
sessions, least squares over the samples after warm-up).

monkey: at least 10,000 random key presses, every lockdown key and chord included. The kiosk
must never exit, never show a traceback, and still answer a normal key afterwards.
Prints measured numbers only; `--json` prints one JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import threading
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot

from kiosk.bench.measure import rss_mb
from kiosk.bench.pulse import PulseServer, PulseUnavailable
from kiosk.content.loader import load_content
from kiosk.core.settings import Settings
from kiosk.core.views import ScreenKind
from kiosk.speech.service import SpeechService
from kiosk.ui.app import KioskApp

LOCKDOWN_KEYS = ["ctrl+c", "ctrl+q", "ctrl+z", "ctrl+backslash", "ctrl+p", "ctrl+d", "ctrl+s",
                 "alt+f4", "ctrl+alt+delete", "tab", "shift+tab", "f10", "f11", "f12",
                 "ctrl+w", "super+l"]  # fmt: skip
PATIENT_KEYS = [str(d) for d in range(10)] + [
    "enter", "plus", "minus", "asterisk", "slash", "full_stop", "up", "down", "left", "right",
    "home", "end", "pageup", "pagedown", "insert", "delete", "escape", "backspace", "space",
    "a", "h", "r", "s", "p", "w", "k", "v", "x", "question_mark", "f1",
]  # fmt: skip


class ManualClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def open_files() -> int:
    return len(os.listdir("/proc/self/fd"))


def slope_per_1000(xs: list[float], ys: list[float]) -> float:
    """Least-squares growth of ys per 1,000 units of xs."""
    if len(xs) < 2:
        return 0.0
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    if spread == 0:
        return 0.0
    return 1000 * sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread


def build(speaker: SpeechService, clock: Callable[[], float]) -> KioskApp:
    settings = Settings()
    return KioskApp(settings, load_content(settings.content_dir), speaker, clock=clock)


def make_bench_speaker(real: bool) -> SpeechService:
    from kiosk.speech.fakes import NullSpeaker

    if not real:
        return NullSpeaker()
    from kiosk.speech.factory import make_speaker

    return make_speaker()


async def soak(sessions: int, real_speech: bool, seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    clock = ManualClock()
    app = build(make_bench_speaker(real_speech), clock)
    samples: list[dict[str, float]] = []
    errors: list[str] = []
    tracemalloc.start()
    started = time.perf_counter()
    async with app.run_test(size=(80, 24)) as pilot:
        for session in range(1, sessions + 1):
            if not await patient_session(app, pilot, clock, rng):
                errors.append(f"session {session} did not reset")
            if session % 100 == 0:
                samples.append(resources(session))
        still_running = app.is_running
    tracemalloc.stop()
    return {
        "sessions": sessions,
        "seconds": round(time.perf_counter() - started, 1),
        "real_speech": real_speech,
        "errors": len(errors),
        "first_errors": errors[:5],
        "still_running": still_running,
        **trends(samples),
        "samples": samples,
    }


async def patient_session(
    app: KioskApp, pilot: Pilot[Any], clock: ManualClock, rng: random.Random
) -> bool:
    """A patient starts, reads a few sections and walks away; whether the kiosk reset."""

    async def press(*keys: str) -> None:
        for key in keys:
            clock.now += 1.0  # a second apart: real presses, not double strikes
            await pilot.press(key)

    await press("space")
    for _ in range(rng.randint(1, 4)):
        await press(str(rng.randint(1, 9)))
        await press(rng.choice(["2", "8", "6", "5", "5", "1", "plus", "minus"]))
        await press(rng.choice(["full_stop", "7", "0", "full_stop"]))
    # Walk away. Speech being read counts as activity, so a section read to an empty
    # room would hold the session open until its end: stop it first.
    await press("asterisk")
    await pilot.pause()
    clock.now += 200  # the warning, then the reset
    app.controller.tick()
    clock.now += 200
    app.controller.tick()
    await pilot.pause()
    return app.controller.location.kind is ScreenKind.WELCOME


def resources(sessions: int) -> dict[str, float]:
    """What the process holds after `sessions` sessions (tracemalloc must be tracing)."""
    heap, _ = tracemalloc.get_traced_memory()
    return {
        "sessions": sessions,
        "rss_mb": rss_mb(),
        "heap_mb": round(heap / 2**20, 3),
        "threads": threading.active_count(),
        "open_files": open_files(),
    }


def trends(samples: list[dict[str, float]]) -> dict[str, Any]:
    """Growth per 1,000 sessions after warm-up; threads and open files, first and last."""
    after_warmup = samples[1:] if len(samples) > 2 else samples
    xs = [s["sessions"] for s in after_warmup]
    return {
        "rss_mb_growth_per_1000": round(slope_per_1000(xs, [s["rss_mb"] for s in after_warmup]), 2),
        "heap_mb_growth_per_1000": round(
            slope_per_1000(xs, [s["heap_mb"] for s in after_warmup]), 3
        ),
        "threads_first_last": [samples[0]["threads"], samples[-1]["threads"]] if samples else [],
        "open_files_first_last": (
            [samples[0]["open_files"], samples[-1]["open_files"]] if samples else []
        ),
    }


async def monkey(presses: int, seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    clock = ManualClock()
    app = build(make_bench_speaker(False), clock)
    keys = PATIENT_KEYS + LOCKDOWN_KEYS
    sent = 0
    started = time.perf_counter()
    exited_at = None
    async with app.run_test(size=(80, 24)) as pilot:
        for sent in range(1, presses + 1):
            clock.now += rng.choice([0.01, 0.1, 0.5, 1.0, 30.0])  # bursts, pauses, idle
            await pilot.press(rng.choice(keys))
            if sent % 500 == 0:
                app.controller.tick()
            if not app.is_running:
                exited_at = sent
                break
        answered = False
        if app.is_running:
            # Still answers a normal key: leave any staff prompt, end the session, start anew.
            await pilot.press("full_stop", "escape")
            app.controller.end_session()
            clock.now += 5
            await pilot.press("space")
            answered = app.controller.location.kind is ScreenKind.ORIENTATION
        screen = "\n".join(
            "".join(segment.text for segment in strip)
            for strip in app.screen._compositor.render_strips()
        )
    return {
        "presses": sent,
        "seconds": round(time.perf_counter() - started, 1),
        "exited_at": exited_at,
        "traceback_on_screen": "Traceback" in screen,
        "answers_a_normal_key_afterwards": answered,
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="kiosk bench soak|monkey")
    parser.add_argument("mode", choices=["soak", "monkey"])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--sessions", type=int, default=1000)
    parser.add_argument("--presses", type=int, default=10_000)
    parser.add_argument("--no-speech", action="store_true", help="soak without the speech worker")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if args.mode == "monkey":
        results = asyncio.run(monkey(args.presses, args.seed))
    elif args.no_speech:
        results = asyncio.run(soak(args.sessions, False, args.seed))
    else:
        try:
            with PulseServer():
                results = asyncio.run(soak(args.sessions, True, args.seed))
        except PulseUnavailable:
            results = asyncio.run(soak(args.sessions, False, args.seed))
    if args.json:
        print(json.dumps(results))
    else:
        for key, value in results.items():
            if key != "samples":
                print(f"{key:<28} {value}")
        for sample in results.get("samples", []):
            print("  ", sample)
    return 0


def soak_main(argv: list[str]) -> int:
    return main(["soak", *argv])


def monkey_main(argv: list[str]) -> int:
    return main(["monkey", *argv])
