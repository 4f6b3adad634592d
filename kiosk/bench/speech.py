"""`kiosk bench speech`: speech latency measured at the sound server, against plain pyttsx3.

Everything is measured on the recording of a private PulseAudio server's virtual speaker:
- time to first audio: from the key that opens a section in the running kiosk (Textual app,
  controller, speech worker) to the first recorded sample of its title above -45 dBFS;
- time to silence: from a key pressed during speech to the last sample above -45 dBFS;
- the same two at the speaker's own interface (`speaker_*`: from `speak()` and `stop()`);
on the longest content section and on a 4,000-word text, for the kiosk's speaker and for plain
pyttsx3 (`say` + `runAndWait` in a thread, `engine.stop()` from another) in the same run.
Also the speech worker's memory after 10 and after 1,000 short utterances.

Timing: `SpeakerRecorder` drains `parec` continuously and anchors sample 0 to time.monotonic()
by the tightest bound over all reads (a sample cannot be read before it was captured), so
figures err late, never early. A click played through PortAudio at a known DAC time checks it.
"""

from __future__ import annotations

import argparse
import array
import contextlib
import json
import math
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.bench.measure import percentile, rss_mb
from kiosk.bench.pulse import THRESHOLD_DBFS, Capture, PulseServer

RATE = 16000
PYTTSX3_CAP_S = 20.0
CONTENT_DIR = Path(__file__).resolve().parents[2] / "content" / "sections"

BUILT_IN_PARAGRAPH = (
    "A compression fracture is a break in one of the bones of the spine. "
    "It often happens when bones are weak, for example because of osteoporosis. "
    "Many people feel sudden back pain, and the pain may get worse when they stand or walk. "
    "Your care team can explain the treatments, how long recovery takes, and what to expect. "
    "Some fractures heal with rest, pain medicine and a back brace over several weeks. "
    "For others, doctors may suggest a procedure that puts bone cement into the broken bone."
)


# Texts ------------------------------------------------------------------------------------
def longest_section() -> tuple[str, list[str]]:
    """(name, [title, sentences...]) of the longest content section, or a built-in one."""
    from kiosk.content.sentences import split_sentences

    best: tuple[int, str, list[str]] = (0, "built-in paragraph", [])
    for path in sorted(CONTENT_DIR.glob("*.md")) if CONTENT_DIR.is_dir() else []:
        title, body = _title_and_body(path.read_text(encoding="utf-8"))
        sentences = [title, *split_sentences(body)] if title else split_sentences(body)
        words = sum(len(s.split()) for s in sentences)
        if words > best[0]:
            best = (words, path.name, sentences)
    if not best[2]:
        return best[1], ["About compression fractures.", *split_sentences(BUILT_IN_PARAGRAPH)]
    return best[1], best[2]


def _title_and_body(text: str) -> tuple[str, str]:
    """Front matter's title; the body with Markdown marks removed (a benchmark, not a
    renderer: the content package owns real parsing)."""
    title = ""
    if text.startswith("---"):
        _, front, text = text.split("---", 2)
        for line in front.splitlines():
            if line.startswith("title:"):
                title = line.split(":", 1)[1].strip()
    lines = []
    for line in text.splitlines():
        line = line.strip().lstrip("#-*> ").strip()
        if line:
            lines.append(line if line[-1] in ".!?:" else line + ".")
    body = " ".join(lines)
    for mark in ("**", "__", "`"):
        body = body.replace(mark, "")
    return (title + "." if title and title[-1] not in ".!?" else title), _strip_links(body)


def _strip_links(text: str) -> str:
    import re

    return re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)


def synthetic_text(words: int = 4000) -> list[str]:
    from kiosk.content.sentences import split_sentences

    base = split_sentences(BUILT_IN_PARAGRAPH)
    sentences: list[str] = []
    count = 0
    while count < words:
        for sentence in base:
            sentences.append(sentence)
            count += len(sentence.split())
            if count >= words:
                break
    return sentences


# Measuring --------------------------------------------------------------------------------
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


def kiosk_trials(capture: Capture, texts: dict[str, list[str]], runs: int) -> dict[str, Any]:
    from kiosk.speech.process_speaker import ProcessSpeaker
    from kiosk.speech.speaker import SpeechAvailability, SpeechEvent

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


# The whole kiosk: a key press in the app to sound ------------------------------------------
class AppDriver:
    """The real app (Textual, controller, speech worker) on a thread of its own, so the
    benchmark can press keys from outside and watch the recording meanwhile."""

    def __init__(self, content_dir: Path) -> None:
        import asyncio

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
        import asyncio

        from kiosk.content.loader import load_content
        from kiosk.core.settings import Settings
        from kiosk.speech.factory import make_speaker
        from kiosk.ui.app import make_app

        try:
            speaker = make_speaker(volume=1.0)
            settings = Settings(content_dir=self._content_dir, volume=1.0)
            app = make_app(settings, load_content(self._content_dir), speaker)
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


def bench_content(texts: dict[str, list[str]], folder: Path) -> Path:
    """The shipped kiosk pages with one section per benchmark text, in order."""
    import shutil

    shipped = CONTENT_DIR.parent
    shutil.copytree(shipped / "kiosk", folder / "kiosk")
    (folder / "sections").mkdir()
    for order, (name, sentences) in enumerate(texts.items(), start=1):
        body = "\n\n".join(" ".join(sentences[i : i + 5]) for i in range(1, len(sentences), 5))
        front = f"---\nid: text-{order}\ntitle: {sentences[0].rstrip('.')}\norder: {order}\n"
        front += f"summary: The benchmark text {name}.\n---\n"
        (folder / "sections" / f"{order:02d}.md").write_text(front + body + "\n")
    return folder


def app_trials(capture: Capture, texts: dict[str, list[str]], runs: int) -> dict[str, Any]:
    """From the key that opens a section (digit N on the topic list) to its title being heard;
    from a key pressed during reading (the stop key) to silence."""
    import tempfile

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


# Alignment check -------------------------------------------------------------------------
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


# Report -----------------------------------------------------------------------------------


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


def run(runs: int, pyttsx3_runs: int) -> dict[str, Any]:
    section_name, section = longest_section()
    texts = {section_name: section, "synthetic-4000-words": synthetic_text()}
    out: dict[str, Any] = {
        "runs": runs,
        "pyttsx3_runs": pyttsx3_runs,
        "texts": {name: sum(len(s.split()) for s in ss) for name, ss in texts.items()},
        "threshold_dbfs": THRESHOLD_DBFS,
    }
    with PulseServer() as pulse, pulse.record() as capture:
        out["alignment_click_ms"] = alignment_check(capture)
        whole = app_trials(capture, texts, runs)
        summarise("", whole["trials"], out)
        kiosk = kiosk_trials(capture, texts, runs)
        summarise("speaker_", kiosk["trials"], out)
        out["worker_rss_mb_after_10"] = kiosk["worker_rss_mb_after_10"]
        out["worker_rss_mb_after_1000"] = kiosk["worker_rss_mb_after_1000"]
        baseline = pyttsx3_trials(capture, texts, pyttsx3_runs)
        summarise("pyttsx3_", baseline["trials"], out)
        out["pyttsx3_silence_capped"] = any(
            t.capped for ts in baseline["trials"].values() for t in ts
        )
        out["pyttsx3_silence_cap_ms"] = PYTTSX3_CAP_S * 1000
        out["pyttsx3_first_audio_capped"] = any(
            t.first_audio_ms is not None and t.first_audio_ms >= PYTTSX3_CAP_S * 1000
            for ts in baseline["trials"].values()
            for t in ts
        )
        trial_sets = (("", whole), ("speaker_", kiosk), ("pyttsx3_", baseline))
        for prefix, trials in ((p, t["trials"]) for p, t in trial_sets):
            every = [t for ts in trials.values() for t in ts]
            speaking = sum(t.speaking_at_stop for t in every)
            out[f"{prefix}trials_speaking_at_stop"] = f"{speaking}/{len(every)}"
    return out


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="kiosk bench speech", description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--runs", type=int, default=20, help="trials per text (kiosk speaker)")
    parser.add_argument("--quick", action="store_true", help="3 runs, 1 pyttsx3 run")
    parser.add_argument(
        "--while-model-loads", action="store_true",
        help="load the voice model again and again in another process meanwhile, as the "
        "listener does at start-up (the figures must hold in those seconds too)",
    )  # fmt: skip
    args = parser.parse_args(argv)
    runs = 3 if args.quick else max(1, args.runs)
    # pyttsx3 cannot stop: each trial plays until the cap, so it gets fewer runs.
    pyttsx3_runs = 1 if args.quick else max(1, min(2, runs))
    loads: list[int] = []
    with _loading_model(args.while_model_loads, loads):
        result = run(runs, pyttsx3_runs)
    if args.while_model_loads:
        result["voice_model_loads_meanwhile"] = sum(loads)
    if args.json:
        print(json.dumps(result))
        return 0
    print(f"speech benchmark ({runs} runs; pyttsx3 {pyttsx3_runs} runs; threshold "
          f"{THRESHOLD_DBFS:.0f} dBFS; clock check: click onset {result['alignment_click_ms']}"
          " ms after PortAudio's predicted time)")  # fmt: skip
    print(f"{'':34}{'p50 ms':>10}{'p95 ms':>10}")
    for key in sorted(k for k in result if k.endswith("_p50")):
        base = key[: -len("_p50")]
        print(f"{base:34}{_fmt(result[key]):>10}{_fmt(result.get(base + '_p95')):>10}")
    for key, value in result.items():
        if "[" in key and key.endswith("]"):
            print(f"  {key:60}{_fmt(value):>10}")
    print(f"worker RSS after 10 / 1,000 utterances: {result['worker_rss_mb_after_10']} / "
          f"{result['worker_rss_mb_after_1000']} MB")  # fmt: skip
    if result["pyttsx3_silence_capped"]:
        print(f"pyttsx3 time to silence capped at {PYTTSX3_CAP_S:.0f} s (it does not stop)")
    return 0


# Builds the kiosk's recognizer over and over, counting the loads on stdout.
_LOAD_LOOP = """
import sys
from pathlib import Path
from kiosk.voice.factory import build_recognizer
while True:
    recognizer, problem = build_recognizer(["help", "next"], Path("content"))
    if problem:
        sys.exit(problem)
    print(recognizer.name, flush=True)
"""


@contextlib.contextmanager
def _loading_model(enabled: bool, loads: list[int]) -> Any:
    """While the block runs, a child process loads the voice model again and again; the
    number of loads it finished is appended to `loads`."""
    if not enabled:
        yield
        return
    with tempfile.TemporaryFile() as counts:
        child = subprocess.Popen(
            [sys.executable, "-c", _LOAD_LOOP], stdout=counts, stderr=subprocess.DEVNULL
        )
        try:
            yield
        finally:
            child.terminate()
            child.wait(timeout=10)
            counts.seek(0)
            loads.append(len(counts.read().splitlines()))


def _fmt(value: object) -> str:
    return "-" if value is None else str(value)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
