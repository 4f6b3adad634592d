"""The kiosk's side of `kiosk bench speech`: its speaker alone (from `speak()` and `stop()`),
and the whole kiosk (from a key press in the running app, its controller and speech worker)."""

from __future__ import annotations

import asyncio
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from kiosk.bench.measure import rss_mb
from kiosk.bench.pulse import Capture
from kiosk.bench.speech_measure import Trial, measure
from kiosk.bench.speech_texts import bench_content


def kiosk_trials(capture: Capture, texts: dict[str, list[str]], runs: int) -> dict[str, Any]:
    from kiosk.core.speaker import SpeechAvailability, SpeechEvent
    from kiosk.speech.process_speaker import ProcessSpeaker

    ready = threading.Event()

    def on_event(event: SpeechEvent) -> None:
        if isinstance(event, SpeechAvailability) and event.available:
            ready.set()

    speaker = ProcessSpeaker(volume=1.0)
    speaker.start(on_event)
    if not ready.wait(20):
        speaker.close()
        raise RuntimeError("the speech worker reported no audio output")
    time.sleep(2.5)  # past the null sink's start-up hold (see playback.STALL_S)
    results: dict[str, list[Trial]] = {name: [] for name in texts}
    utterance = 0
    try:
        for _ in range(runs):
            for name, sentences in texts.items():
                utterance += 1
                trial = measure(
                    capture,
                    lambda u=utterance, s=sentences: speaker.speak(u, s),  # type: ignore[misc]
                    speaker.stop,
                    speak_for=0.4,
                    first_timeout=5.0,
                    silence_window=0.5,
                )
                results[name].append(trial)
                time.sleep(0.1)
        memory = worker_memory(speaker)
    finally:
        speaker.close()
        speaker.wait_closed()
    return {"trials": results, **memory}


def worker_memory(speaker: Any) -> dict[str, float]:
    """RSS of the worker after 10 and after 1,000 short utterances (each stopped early)."""
    pid = speaker.worker_pid
    rss: dict[str, float] = {}
    for n in range(1, 1001):
        speaker.speak(100000 + n, [f"Item number {n} is ready for you."])
        time.sleep(0.004)
        speaker.stop()
        if n in (10, 1000):
            time.sleep(0.3)
            rss[f"worker_rss_mb_after_{n}"] = rss_mb(pid)
    return rss


# The whole kiosk: a key press in the app to sound ------------------------------------------
class AppDriver:
    """The real app (Textual, controller, speech worker) on a thread of its own, so the
    benchmark can press keys from outside and watch the recording meanwhile."""

    def __init__(self, content_dir: Path) -> None:
        self._content_dir = content_dir
        self._ready = threading.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._keys: asyncio.Queue[str | None] | None = None
        self.error: BaseException | None = None
        self._thread = threading.Thread(target=lambda: asyncio.run(self._main()), daemon=True)
        self._thread.start()
        if not self._ready.wait(30):
            raise RuntimeError(f"the kiosk did not start: {self.error!r}")

    async def _main(self) -> None:
        from kiosk.content.loader import load_content
        from kiosk.core.settings import Settings
        from kiosk.speech.factory import make_speaker
        from kiosk.ui.app import KioskApp

        try:
            speaker = make_speaker(volume=1.0)
            settings = Settings(content_dir=self._content_dir, volume=1.0)
            app = KioskApp(settings, load_content(self._content_dir), speaker)
            async with app.run_test(size=(80, 24)) as pilot:
                for _ in range(400):  # the speech worker loads after the first screen
                    if getattr(speaker, "available", True):
                        break
                    await asyncio.sleep(0.05)
                self._loop = asyncio.get_running_loop()
                self._keys = asyncio.Queue()
                self._ready.set()
                while (key := await self._keys.get()) is not None:
                    await pilot.press(key)
            wait_closed = getattr(speaker, "wait_closed", None)
            if wait_closed is not None:
                wait_closed(5)
        except BaseException as error:  # reported by the caller, never lost
            self.error = error
            self._ready.set()

    def press(self, key: str) -> None:
        """Queue a key press for the app; returns at once."""
        assert self._loop is not None and self._keys is not None
        self._loop.call_soon_threadsafe(self._keys.put_nowait, key)

    def close(self) -> None:
        if self._loop is not None and self._keys is not None:
            self._loop.call_soon_threadsafe(self._keys.put_nowait, None)
        self._thread.join(15)


def app_trials(capture: Capture, texts: dict[str, list[str]], runs: int) -> dict[str, Any]:
    """From the key that opens a section (digit N on the topic list) to its title being heard;
    from a key pressed during reading (the stop key) to silence."""
    results: dict[str, list[Trial]] = {name: [] for name in texts}
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as folder:
        app = AppDriver(bench_content(texts, Path(folder)))
        try:
            app.press("space")  # start a session: the orientation and topic list
            time.sleep(2.5)  # past the null sink's start-up hold
            for _ in range(runs):
                for number, name in enumerate(texts, start=1):
                    app.press("home")
                    time.sleep(0.3)
                    app.press("asterisk")  # quiet before the trial
                    time.sleep(0.4)
                    trial = measure(
                        capture,
                        lambda n=number: app.press(str(n)),  # type: ignore[misc]
                        lambda: app.press("asterisk"),
                        speak_for=0.6,
                        first_timeout=5.0,
                        silence_window=0.5,
                    )
                    results[name].append(trial)
        finally:
            app.close()
    if app.error is not None:
        raise RuntimeError(f"the kiosk failed during the benchmark: {app.error!r}")
    return {"trials": results}
