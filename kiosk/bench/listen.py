"""`kiosk bench listen`: measure the voice pipeline on a synthetic Flite + eSpeak NG corpus.

Prints measured numbers only. Accuracy counts a command clip as right when the kiosk accepts
exactly the intended command; a false accept is any near miss, out-of-vocabulary sentence or
noise clip that is accepted as any command. Latency runs from the true end of speech in the
clip to the decision: the audio the endpointer still had to hear (at real-time pace that is
wall time) plus the computing time after its last frame. Baselines run on a random 1/N of
the same corpus in the same run (each baseline's `clips` says how many), because the
language-model baseline takes about a second per clip.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kiosk.bench.measure import percentile, rss_mb
from kiosk.bench.recordings import RECORDED, RecordingsError, load_recordings
from kiosk.voice import corpus


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kiosk bench listen", description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--content", type=Path, default=Path("content"))
    parser.add_argument("--voices", default=",".join(corpus.BENCH_VOICES))
    parser.add_argument("--rates", default=",".join(str(r) for r in corpus.RATES))
    parser.add_argument("--quick", action="store_true", help="2 voices, 1 rate (smoke test)")
    parser.add_argument("--baseline-every", type=int, default=8, help="baselines on 1/N clips")
    parser.add_argument("--no-live", action="store_true", help="skip idle CPU / RSS (no Pulse)")
    parser.add_argument("--workers", type=int, default=max(1, min(2, os.cpu_count() or 1)))
    parser.add_argument(
        "--recordings", type=Path, metavar="DIR",
        help="real recordings with DIR/labels.tsv, instead of the synthetic corpus",
    )  # fmt: skip
    parser.add_argument(
        "--pad-silence", action="store_true",
        help="with --recordings: 0.3 s of digital silence before each file and 0.5 s after",
    )  # fmt: skip
    return parser


# The plain baseline ends an utterance as pocketsphinx's own Endpointer does, over this window.
PLAIN_END_WINDOW_S = 0.21

# --- work done in pool processes (one pipeline per process) --------------------------------

_STATE: dict[str, Any] = {}


def _init(content_dir: Path) -> None:
    from kiosk.voice.factory import build_pipeline, load_sections

    _STATE["pipeline"] = build_pipeline(load_sections(content_dir), content_dir)


def _ours(clip: corpus.Clip) -> dict[str, Any]:
    from kiosk.voice.events import Decision
    from kiosk.voice.pipeline import decode_recording, push_to_talk_answer

    pipeline = _STATE["pipeline"]
    # Real recordings: each its own microphone and speaker, as `kiosk listen`. The synthetic
    # corpus: one kiosk's microphone hearing clip after clip.
    results = decode_recording(pipeline, clip.pcm, new_channel=clip.condition == RECORDED)
    answer = push_to_talk_answer(results)
    result = answer if answer is not None and answer.decision is Decision.ACCEPT else None
    latency = None
    if result is not None and clip.speech_end_s:
        latency = (result.decided_at_s - clip.speech_end_s + result.compute_s) * 1000
    return {"command": str(result.command) if result else None, "latency_ms": latency}


def _plain_decoder() -> Any:
    """A persistent pocketsphinx decoder on every phrase of the grammar: no chatter branch."""
    import pocketsphinx

    from kiosk.voice.recognizer import DECODER_OPTIONS, jsgf
    from kiosk.voice.recognizer import Recognizer as _Recognizer

    decoder = _STATE.get("plain")
    if decoder is None:
        pipeline = _STATE["pipeline"]
        decoder = pocketsphinx.Decoder(**DECODER_OPTIONS)
        words = _Recognizer.__new__(_Recognizer)
        words.grammar = decoder
        words._dictionaries = pipeline.recognizer._dictionaries
        words._add_words()
        sentences = [s for s in pipeline.phrasebook.sample_sentences()
                     if all(decoder.lookup_word(w) for w in s.split())]  # fmt: skip
        decoder.add_jsgf_string("plain", jsgf(sentences))
        decoder.activate_search("plain")
        _STATE["plain"] = decoder
    return decoder


def _grammar_only(clip: corpus.Clip) -> dict[str, Any]:
    """Baseline: a persistent grammar decoder, pocketsphinx's endpointing, no rejection at all."""
    import pocketsphinx

    pipeline = _STATE["pipeline"]
    decoder = _plain_decoder()
    endpointer = pocketsphinx.Endpointer(window=PLAIN_END_WINDOW_S, ratio=0.9)
    size = endpointer.frame_bytes
    fed = 0.0
    started = False
    for offset in range(0, len(clip.pcm) // size * size, size):
        fed += size / 2 / corpus.RATE
        speech = endpointer.process(clip.pcm[offset : offset + size])
        if speech is not None:
            if not started:
                decoder.start_utt()
                started = True
            decoder.process_raw(speech, False, False)
        if started and not endpointer.in_speech:
            break
    if not started:
        return {"command": None, "latency_ms": None}
    began = time.perf_counter()
    decoder.end_utt()
    hyp = decoder.hyp()
    compute = time.perf_counter() - began
    command = pipeline.phrasebook.match(hyp.hypstr) if hyp is not None else None
    latency = (fed - clip.speech_end_s + compute) * 1000 if clip.speech_end_s else None
    return {"command": str(command) if command else None, "latency_ms": latency}


def _exact_span(clip: corpus.Clip) -> dict[str, Any] | None:
    """The acoustic model's ceiling: the plain grammar decoder given exactly the spoken span.

    No endpointing and no rejection: the clip is cut at the true start and end of the speech
    (the noise around it dropped) and decoded whole, so the decoder must pick some phrase. What
    it gets wrong here no endpointer or rejection rule can get right. Synthetic clips only: a
    recording's span is not known."""
    if not clip.speech_end_s or clip.condition == RECORDED:
        return None
    pipeline = _STATE["pipeline"]
    decoder = _plain_decoder()
    start = int(corpus.PAD_BEFORE_S * corpus.RATE) * 2
    end = int(clip.speech_end_s * corpus.RATE) * 2
    decoder.start_utt()
    decoder.process_raw(clip.pcm[start:end], False, True)
    decoder.end_utt()
    hyp = decoder.hyp()
    command = pipeline.phrasebook.match(hyp.hypstr) if hyp is not None else None
    return {"command": str(command) if command else None, "latency_ms": None}


def _recognize_sphinx(clip: corpus.Clip) -> dict[str, Any]:
    """Baseline: SpeechRecognition's recognize_sphinx, default language model, whole clip."""
    import speech_recognition as sr

    pipeline = _STATE["pipeline"]
    audio = sr.AudioData(clip.pcm, corpus.RATE, 2)
    began = time.perf_counter()
    try:
        text = sr.Recognizer().recognize_sphinx(audio)
    except sr.UnknownValueError:
        text = ""
    compute = time.perf_counter() - began
    command = pipeline.phrasebook.match(text)
    clip_end = len(clip.pcm) / 2 / corpus.RATE
    latency = (clip_end - clip.speech_end_s + compute) * 1000 if clip.speech_end_s else None
    return {"command": str(command) if command else None, "latency_ms": latency}


def _run_all(clip: corpus.Clip, with_baselines: bool) -> dict[str, Any]:
    row: dict[str, Any] = {"ours": _ours(clip)}
    if with_baselines:
        row["grammar_only"] = _grammar_only(clip)
        row["recognize_sphinx"] = _recognize_sphinx(clip)
        row["exact_span_grammar"] = _exact_span(clip)
    return row


def _task(args: tuple[corpus.Clip, bool]) -> dict[str, Any]:
    return _run_all(*args)


# --- scoring -----------------------------------------------------------------------------


def _score(clips: Sequence[corpus.Clip], rows: Sequence[dict[str, Any] | None]) -> dict[str, Any]:
    def accuracy(condition: str) -> float | None:
        pairs = [(c, r) for c, r in zip(clips, rows, strict=True)
                 if r is not None and c.kind == "command" and c.condition == condition]  # fmt: skip
        if not pairs:
            return None
        right = sum(1 for c, r in pairs if r["command"] == str(c.expected))
        return round(right / len(pairs), 4)

    rejects = [(c, r) for c, r in zip(clips, rows, strict=True)
               if r is not None and c.kind != "command"]  # fmt: skip
    false_accept = (
        round(sum(r["command"] is not None for _, r in rejects) / len(rejects), 4)
        if rejects else None
    )  # fmt: skip
    latencies: list[float] = sorted(
        float(r["latency_ms"]) for c, r in zip(clips, rows, strict=True)
        if r is not None and c.kind == "command" and r["latency_ms"] is not None
        and r["command"] == str(c.expected)
    )  # fmt: skip

    recorded = {"accuracy_recorded": accuracy(RECORDED)} if any(
        c.condition == RECORDED for c in clips
    ) else {}  # fmt: skip
    return {
        **recorded,
        "accuracy_clean": accuracy("clean"),
        "accuracy_10db": accuracy("10db"),
        "accuracy_5db": accuracy("5db"),
        "false_accept": false_accept,
        "end_to_command_ms_p50": percentile(latencies, 0.5),
        "end_to_command_ms_p95": percentile(latencies, 0.95),
        "clips": sum(r is not None for r in rows),
    }


def _engine_subset(
    clips: Sequence[corpus.Clip], rows: Sequence[dict[str, Any]], engine: str
) -> tuple[list[corpus.Clip], list[dict[str, Any]]]:
    def spoken_by(clip: corpus.Clip) -> bool:
        if clip.kind == "noise":
            return True
        return clip.voice.startswith("flite:") == (engine == "flite")

    pairs = [(c, r) for c, r in zip(clips, rows, strict=True) if spoken_by(c)]
    if all(c.kind == "noise" for c, _ in pairs):
        return [], []
    return [c for c, _ in pairs], [r for _, r in pairs]


# --- live listener: idle CPU and memory -------------------------------------------------------


def measure_listener(content_dir: Path, seconds: float = 10.0) -> dict[str, float | None]:
    """Idle CPU (% of one core) and RSS of the real listener process on a silent Pulse mic."""
    from kiosk.bench.pulse import PulseServer
    from kiosk.content.loader import load_content
    from kiosk.voice.events import ListenerEvent, VoiceAvailability
    from kiosk.voice.listener import ProcessListener

    ready = multiprocessing.Event()

    def on_event(event: ListenerEvent) -> None:
        if isinstance(event, VoiceAvailability) and event.available:
            ready.set()

    with PulseServer():
        listener = ProcessListener(content_dir, load_content(content_dir).sections)
        listener.start(on_event)
        try:
            listener.set_hands_free(True, "")
            if not ready.wait(30) or listener.pid is None:
                return {"idle_cpu_percent": None, "rss_mb": None}
            listener.set_hands_free(True, "")
            time.sleep(2)
            ticks = os.sysconf("SC_CLK_TCK")
            before = _cpu_ticks(listener.pid)
            began = time.monotonic()
            time.sleep(seconds)
            used = (_cpu_ticks(listener.pid) - before) / ticks
            cpu = 100 * used / (time.monotonic() - began)
            rss = rss_mb(listener.pid)
            return {"idle_cpu_percent": round(cpu, 1), "rss_mb": rss}
        finally:
            listener.close()


def _cpu_ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def _measure(
    clips: Sequence[corpus.Clip],
    content_dir: Path,
    baseline_every: int,
    workers: int,
    *,
    baseline_all_commands: bool = False,
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Every clip through the kiosk's pipeline, a seeded sample through both baselines."""
    # A seeded random sample, not every Nth clip: the corpus comes in clean/10 dB/5 dB triples,
    # and a step that divides by three would give the baselines clean clips only.
    sample = set(random.Random(0).sample(range(len(clips)), len(clips) // baseline_every))
    if baseline_all_commands:  # few commands among many recordings: a sample would miss them
        sample |= {index for index, clip in enumerate(clips) if clip.kind == "command"}
    tasks = [(clip, index in sample) for index, clip in enumerate(clips)]
    with multiprocessing.get_context("spawn").Pool(
        workers, initializer=_init, initargs=(content_dir,)
    ) as pool:
        rows = pool.map(_task, tasks, chunksize=8)
    baselines = {
        name: _score(clips, [r.get(name) for r in rows])
        for name in ("recognize_sphinx", "grammar_only", "exact_span_grammar")
        if any(r.get(name) is not None for r in rows)
    }
    return rows, baselines


def _print(report: dict[str, Any], as_json: bool) -> None:
    if as_json:
        print(json.dumps(report))
    else:
        for key, value in report.items():
            print(f"{key}: {value}")


def _bench_recordings(args: argparse.Namespace) -> int:
    """Real people's recordings: accuracy on their commands, false accepts on the rest."""
    from kiosk.voice.factory import build_pipeline, load_sections

    phrasebook = build_pipeline(load_sections(args.content), args.content).phrasebook
    began = time.monotonic()
    try:
        clips = load_recordings(args.recordings, phrasebook, pad=args.pad_silence)
    except RecordingsError as error:
        print(error, file=sys.stderr)
        return 1
    rows, baselines = _measure(
        clips, args.content, args.baseline_every, args.workers, baseline_all_commands=True
    )
    ours = [r["ours"] for r in rows]
    wanted = ("accuracy_recorded", "false_accept", "clips")
    report: dict[str, Any] = {k: v for k, v in _score(clips, ours).items() if k in wanted}
    report["commands"] = sum(c.kind == "command" for c in clips)
    report["by_source"] = {}
    for source in sorted({c.voice for c in clips}):
        chosen = [(c, r) for c, r in zip(clips, ours, strict=True) if c.voice == source]
        scored = _score([c for c, _ in chosen], [r for _, r in chosen])
        report["by_source"][source] = {
            "accuracy": scored["accuracy_recorded"], "false_accept": scored["false_accept"],
            "clips": scored["clips"], "commands": sum(c.kind == "command" for c, _ in chosen),
        }  # fmt: skip
    report["baselines"] = {
        name: {k: v for k, v in scored.items() if k in wanted} for name, scored in baselines.items()
    }
    report["total_s"] = round(time.monotonic() - began, 1)
    _print(report, args.json)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.recordings is not None:
        return _bench_recordings(args)
    if not corpus.espeak_available():
        print("espeak-ng and sox are needed for the benchmark corpus", file=sys.stderr)
        return 1
    voices = corpus.available_voices(args.voices.split(","))
    rates = [int(r) for r in args.rates.split(",")]
    if args.quick:
        voices, rates = voices[:2], rates[1:2]
    from kiosk.content.loader import load_content
    from kiosk.voice.factory import build_pipeline, load_sections

    content = load_content(args.content)
    phrasebook = build_pipeline(load_sections(args.content), args.content).phrasebook
    began = time.monotonic()
    sentences = corpus.command_sentences(phrasebook, [s.title for s in content.sections])
    clips = corpus.build(phrasebook, voices=voices, rates=rates, sentences=sentences)
    build_s = time.monotonic() - began
    rows, baselines = _measure(clips, args.content, args.baseline_every, args.workers)
    ours = _score(clips, [r["ours"] for r in rows])
    report: dict[str, Any] = {**ours}
    # Flite's voices come from recordings of people, eSpeak's are formant synthesis: apart, the
    # two say more than their mix does (docs/voice.md). Noise clips count in both.
    report["by_engine"] = {
        engine: _score(chosen, [r["ours"] for r in chosen_rows])
        for engine in ("flite", "espeak")
        for chosen, chosen_rows in [_engine_subset(clips, rows, engine)]
        if chosen
    }
    live: dict[str, float | None] = {"idle_cpu_percent": None, "rss_mb": None}
    if not args.no_live:
        with tempfile.TemporaryDirectory():
            live = measure_listener(args.content)
    report.update(live)
    report["baselines"] = baselines
    report["corpus"] = {
        "voices": voices, "rates": rates, "snr_db": list(corpus.SNRS), "clips": len(clips),
        "build_s": round(build_s, 1), "total_s": round(time.monotonic() - began, 1),
    }  # fmt: skip
    _print(report, args.json)
    return 0
