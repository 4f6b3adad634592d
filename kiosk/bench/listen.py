"""`kiosk bench listen`: measure the voice pipeline on a synthetic Flite + eSpeak NG corpus.

Prints measured numbers only; `targets` holds the issue's targets, typed in, beside them.
Accuracy counts a command clip as right when the kiosk accepts exactly the intended command; a
false accept is a near miss, other speech, babble alone or noise alone accepted as any command.
Each clip is one push of the talk key: its first utterance that is not noise is the answer.
Latency runs over every clip with speech that got a decision (accept or unsure, right or
wrong), from the true end of speech to the decision (listen_workers.py says how).

The corpus has two parts (listen_corpus.py). The tuning part may be used to choose parameters;
the test part (other voices, other near misses and other speech, other babble, other seeds) is
never used to choose a parameter: judge the kiosk on it. The baselines (listen_workers.py) run
on a seeded sample of the test part, stratified by condition and kind, and ours is reported on
that same sample too (`ours_on_sample`), so the figures compare. Ours and Moonshine's free
transcript run alone in one process (Moonshine uses both cores); the pocketsphinx baselines
run in `--workers` processes afterwards. Hands-free false wakes: a pipeline that also listens
for "hello kiosk" hears minutes of babble and of other speech, one stream each.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import multiprocessing
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kiosk.bench import corpus, listen_corpus, listen_recordings, listen_run, listen_workers
from kiosk.bench.listen_score import Answer, by_voice, per_hour, score, stratified_sample
from kiosk.bench.measure import rss_mb

TARGETS = {"accuracy_clean": 0.95, "accuracy_10db": 0.90, "false_accept_per_category": 0.02,
           "end_to_command_ms_p95": 300, "idle_cpu_percent": 15, "rss_mb": 400}  # fmt: skip
BASELINES = ("pocketsphinx_pipeline", "recognize_sphinx", "moonshine_free")
NOT_MEASURED: dict[str, Any] = {
    "idle_cpu_percent": None,
    "rss_mb": None,
    "listener_recognizer": None,
}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kiosk bench listen", description=__doc__.split("\n")[0])
    add = parser.add_argument
    add("--json", action="store_true", help="print one JSON object")
    add("--content", type=Path, default=Path("content"))
    add("--part", choices=("tuning", "test", "both"), default="both")
    add("--rates", default=",".join(str(r) for r in corpus.RATES), help="taken in turn")
    add("--sample", type=int, default=600, help="test clips the baselines hear")
    add("--wake-minutes", type=float, default=6.0, help="background talk per part (half babble)")
    add("--quick", action="store_true", help="smoke test: 2 voices, 1 rate, few clips")
    add("--no-live", action="store_true", help="skip idle CPU / RSS (no Pulse)")
    add("--workers", type=int, default=max(1, min(2, os.cpu_count() or 1)),
        help="processes building the corpus and running the pocketsphinx baselines")  # fmt: skip
    add("--recordings", type=Path, metavar="DIR",
        help="real recordings with DIR/labels.tsv, instead of the synthetic corpus")  # fmt: skip
    add("--pad-silence", action="store_true",
        help="with --recordings: 0.3 s of digital silence before each file, 0.5 s after",
    )  # fmt: skip
    add("--baseline-every", type=int, default=8,
        help="with --recordings: baselines on every command and 1/N of the rest")  # fmt: skip
    listen_recordings.add_options(add)
    return parser


def _hands_free(counts: dict[str, dict[str, int]], heard: listen_corpus.Background) -> Any:
    """Between turns hands-free answers the wake phrase only: a wake is the false trigger."""
    babble_min, speech_min = heard.minutes
    minutes = babble_min + speech_min
    wakes = sum(c["wakes"] for c in counts.values())
    return {
        "false_wakes_per_hour": per_hour(wakes, minutes), "wakes": wakes,
        "minutes_heard": round(minutes, 2), "babble_minutes": round(babble_min, 2),
        "speech_minutes": round(speech_min, 2), "by_stream": counts,
    }  # fmt: skip


def _part_report(
    part: listen_corpus.Part,
    clips: list[corpus.Clip],
    rows: list[dict[str, Answer | None]],
    sample: list[int],
    rates: Sequence[int],
) -> dict[str, Any]:
    ours = [r["ours"] for r in rows]
    report: dict[str, Any] = {"ours": {**score(clips, ours), "by_voice": by_voice(clips, ours)}}
    if sample:
        chosen = [clips[i] for i in sample]
        report["ours_on_sample"] = score(chosen, [ours[i] for i in sample])
        report["baselines"] = {name: score(chosen, [rows[i].get(name) for i in sample])
                               for name in BASELINES}  # fmt: skip
    report["corpus"] = {"voices": list(part.voices), "rates": list(rates),
                        "snr_db": list(corpus.SNRS), "seed": part.seed, "clips": len(clips),
                        "sample": len(sample)}  # fmt: skip
    return report


def _quick(part: listen_corpus.Part) -> listen_corpus.Part:
    """The smoke test's share of a part: 2 voices, 4 near misses, 3 other sentences."""
    near = [r for r in part.rejects if r[1] == "near_miss"][:4]
    other = [r for r in part.rejects if r[1] == "oov"][:3]
    return dataclasses.replace(part, voices=part.voices[:2], rejects=tuple(near + other),
                               babble_clips=2, noise_clips=6)  # fmt: skip


def _phrasebook(content_dir: Path) -> Any:
    from kiosk.commands.phrases import Phrasebook, load_templates
    from kiosk.voice.factory import load_sections

    return Phrasebook(load_templates(), load_sections(content_dir))


def _setup(args: argparse.Namespace) -> tuple[Any, list[listen_corpus.Part], list[int]]:
    """The command sentences, the parts to run (voices whose engine is here), the rates."""
    from kiosk.content.loader import load_content

    sections = load_content(args.content).sections
    commands = corpus.command_sentences(_phrasebook(args.content), [s.title for s in sections])
    names = ("tuning", "test") if args.part == "both" else (args.part,)
    parts = [
        dataclasses.replace(part, voices=tuple(corpus.available_voices(part.voices)))
        for part in (listen_corpus.PARTS[name] for name in names)
    ]
    rates = [int(r) for r in args.rates.split(",")]
    if args.quick:
        parts, rates, commands = [_quick(p) for p in parts], rates[1:2] or rates, commands[::4]
        args.sample, args.wake_minutes = min(args.sample, 30), min(args.wake_minutes, 0.5)
    return commands, [p for p in parts if p.voices], rates


def _bench_corpus(args: argparse.Namespace, loads: dict[str, Any]) -> dict[str, Any]:
    commands, parts, rates = _setup(args)
    began = time.monotonic()
    built = listen_run.build_parts(parts, commands, rates, args)
    build_s = time.monotonic() - began
    # Every part's clips in one list; the baselines' sample is the test part's (the tuning
    # part's when only it is run).
    clips = [c for p in parts for c in built[p.name][0]]
    spans, start = {}, 0
    for p in parts:
        spans[p.name] = (start, start + len(built[p.name][0]))
        start = spans[p.name][1]
    first, _ = spans[parts[-1].name]
    sample = [first + i for i in stratified_sample(built[parts[-1].name][0], args.sample)]
    talk = {p.name: {"babble": built[p.name][1].babble, "speech": built[p.name][1].speech}
            for p in parts}  # fmt: skip
    rows, wakes, timings = listen_run.run(clips, set(sample), talk, args)
    report: dict[str, Any] = {"recognizer": loads["auto"]["recognizer"], "targets": TARGETS}
    for p in parts:
        low, high = spans[p.name]
        chosen = [i - low for i in sample if low <= i < high]
        part = _part_report(p, clips[low:high], rows[low:high], chosen, rates)
        part["hands_free"] = _hands_free(wakes[p.name], built[p.name][1])
        part["ours"]["false_wakes_per_hour"] = part["hands_free"]["false_wakes_per_hour"]
        report[p.name] = part
    began = time.monotonic()
    live = {name: NOT_MEASURED if args.no_live else measure_listener(args.content, recognizer=name)
            for name in ("auto", "pocketsphinx")}  # fmt: skip
    timings["live_listener"] = round(time.monotonic() - began, 1)
    report["ours"] = {**live["auto"], **_load_figures(loads["auto"])}
    report["baselines"] = {
        "pocketsphinx_pipeline": {**live["pocketsphinx"], **_load_figures(loads["pocketsphinx"])}
    }
    report["timings_s"] = {"corpus": round(build_s, 1), **timings}
    return report


def _load_figures(probed: dict[str, Any]) -> dict[str, Any]:
    return {key: probed[key] for key in ("model_load_s", "pipeline_rss_mb")}


# --- live listener: idle CPU and memory -------------------------------------------------------


def measure_listener(
    content_dir: Path, seconds: float = 10.0, recognizer: str = "auto"
) -> dict[str, Any]:
    """Idle CPU (% of one core) and RSS of the real listener process on a silent Pulse mic,
    hands-free with a wake phrase, measured once its model is loaded and the mic is open."""
    from kiosk.bench.pulse import PulseServer
    from kiosk.content.loader import load_content
    from kiosk.core.voice_events import ListenerEvent, VoiceAvailability
    from kiosk.voice.listener import ProcessListener

    ready = multiprocessing.Event()
    heard_by: list[str] = []

    def on_event(event: ListenerEvent) -> None:
        # Sent after the pipeline is built (the model loaded) and the microphone opened.
        if isinstance(event, VoiceAvailability) and event.available:
            heard_by.append(event.recognizer)
            ready.set()

    with PulseServer():
        listener = ProcessListener(content_dir, load_content(content_dir).sections)
        listener._settings.recognizer = recognizer  # no public option; the worker has one
        # Set before the child starts, so it builds its pipeline once, hands-free already.
        listener.set_hands_free(True, listen_workers.WAKE_PHRASE)
        listener.start(on_event)
        try:
            if not ready.wait(60) or listener.pid is None:
                return dict(NOT_MEASURED)
            time.sleep(2)
            ticks = os.sysconf("SC_CLK_TCK")
            before = _cpu_ticks(listener.pid)
            began = time.monotonic()
            time.sleep(seconds)
            used = (_cpu_ticks(listener.pid) - before) / ticks
            cpu = 100 * used / (time.monotonic() - began)
            return {"idle_cpu_percent": round(cpu, 1), "rss_mb": rss_mb(listener.pid),
                    "listener_recognizer": heard_by[-1]}  # fmt: skip
        finally:
            listener.close()


def _cpu_ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def _print(report: dict[str, Any], as_json: bool, prefix: str = "") -> None:
    if as_json:
        print(json.dumps(report))
        return
    for key, value in report.items():
        if isinstance(value, dict) and value and key != "by_stream":
            _print(value, False, f"{prefix}{key}.")
        else:
            print(f"{prefix}{key}: {value}")


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.recordings is None and not corpus.espeak_available():
        print("espeak-ng and sox are needed for the benchmark corpus", file=sys.stderr)
        return 1
    began = time.monotonic()
    loads = {name: listen_run.probe(args.content, name) for name in ("auto", "pocketsphinx")}
    if loads["auto"]["recognizer"] != "moonshine":
        print(f"kiosk bench listen: the kiosk's recognizer is {loads['auto']['recognizer']}, "
              f"not Moonshine: {loads['auto']['problem']}", file=sys.stderr)  # fmt: skip
        return 1
    if args.recordings is not None:
        report = listen_recordings.bench_recordings(args, loads, _phrasebook(args.content))
        if report is None:
            return 1
    else:
        report = _bench_corpus(args, loads)
    report["total_s"] = round(time.monotonic() - began, 1)
    _print(report, args.json)
    return 0
