"""`kiosk bench speech`: speech latency measured at the sound server, against plain pyttsx3.

Everything is measured on the recording of a private PulseAudio server's virtual speaker:
- time to first audio: from the key that opens a section in the running kiosk (Textual app,
  controller, speech worker) to the first recorded sample of its title above -45 dBFS;
- time to silence: from a key pressed during speech to the last sample above -45 dBFS;
- the same two at the speaker's own interface (`speaker_*`: from `speak()` and `stop()`);
on the longest content section and on a 4,000-word text, for the kiosk's speaker and for plain
pyttsx3 (`say` + `runAndWait` in a thread, `engine.stop()` from another) in the same run.
Also the speech worker's memory after 10 and after 1,000 short utterances.

Timing: the recording (`pulse.Capture`) drains `parec` continuously and anchors sample 0 to
time.monotonic() by the tightest bound over all reads (a sample cannot be read before it was
captured), so figures err late, never early. A click played through PortAudio at a known DAC
time checks it.

The parts: `speech_texts` (what is spoken), `speech_measure` (a trial, read off the
recording), `speech_kiosk` (the kiosk's speaker, and the whole app), `speech_baseline`
(plain pyttsx3); this module runs them and reports.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import subprocess
import sys
import tempfile
from typing import Any

from kiosk.bench.pulse import THRESHOLD_DBFS, PulseServer
from kiosk.bench.speech_baseline import PYTTSX3_CAP_S, pyttsx3_trials
from kiosk.bench.speech_kiosk import app_trials, kiosk_trials
from kiosk.bench.speech_measure import alignment_check, summarise
from kiosk.bench.speech_texts import longest_section, synthetic_text


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
    _print_report(result, runs, pyttsx3_runs)
    return 0


def _print_report(result: dict[str, Any], runs: int, pyttsx3_runs: int) -> None:
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
