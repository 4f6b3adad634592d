"""The work `kiosk bench listen` does in pool processes: each builds its pipelines once.

"ours" is the kiosk's pipeline as shipped (`recognizer="auto"`, which must be Moonshine). The
baselines: `pocketsphinx_pipeline` (the previous pipeline, the same endpointer and rules),
`moonshine_free` (Moonshine's free transcript, accepted only when it is exactly a kiosk phrase)
and `recognize_sphinx` (SpeechRecognition's plain `recognize_sphinx` on the whole clip).

Every clip is decoded frame by frame as `decode_recording` does, timing each frame's work, so
two latencies come from one pass: the file's (`decided_at_s - speech_end_s + compute_s`: the
audio the endpointer still had to hear plus the work after its last frame) and a replay at
real-time pace, where a frame is worked on once it has arrived and the one before is done, so
work done during the pause (Moonshine decodes as soon as a pause begins) counts as well.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from kiosk.bench import corpus
from kiosk.bench.listen_score import Answer
from kiosk.bench.measure import rss_mb
from kiosk.bench.recordings import RECORDED
from kiosk.voice.recognition import RATE

WAKE_PHRASE = "hello kiosk"
# The recognizer argument of build_pipeline for each pipeline the bench runs.
RECOGNIZER = {"ours": "auto", "wake": "auto", "moonshine_free": "moonshine-free",
              "pocketsphinx_pipeline": "pocketsphinx"}  # fmt: skip

_STATE: dict[str, Any] = {}


def init(content_dir: Path) -> None:
    _STATE["content"] = content_dir


def pipeline(name: str) -> Any:
    """The process's pipeline `name`, built on first use. Ours must be Moonshine."""
    if name not in _STATE:
        from kiosk.voice.factory import build_pipeline, load_sections

        content = _STATE["content"]
        extra = (WAKE_PHRASE,) if name == "wake" else ()
        built = build_pipeline(load_sections(content), content, extra, recognizer=RECOGNIZER[name])
        if name in ("ours", "wake") and built.recognizer.name != "moonshine":
            raise RuntimeError(f"the kiosk's recognizer is {built.recognizer.name}, not Moonshine: "
                               f"{built.recognizer_problem}")  # fmt: skip
        _STATE[name] = built
    return _STATE[name]


def timed_decode(chosen: Any, pcm: bytes, *, new_channel: bool) -> tuple[list[Any], list[float]]:
    """`decode_recording`, and when each result would be ready at real-time pace (seconds
    from the start of the audio): frame k arrives at its end and waits for the one before."""
    if new_channel:
        chosen.begin_recording(pcm)
    size = chosen.frame_bytes
    results: list[Any] = []
    ready: list[float] = []
    done = 0.0
    for offset in range(0, len(pcm), size):
        began = time.perf_counter()
        out = chosen.feed(pcm[offset : offset + size])
        arrived = min(len(pcm), offset + size) / 2 / RATE
        done = max(done, arrived) + time.perf_counter() - began
        results += out
        ready += [done] * len(out)
    began = time.perf_counter()
    out = chosen.flush()
    done = max(done, len(pcm) / 2 / RATE) + time.perf_counter() - began
    return results + out, ready + [done] * len(out)


def answer(name: str, clip: corpus.Clip) -> Answer:
    """What push-to-talk would act on, through pipeline `name`, with both latencies."""
    from kiosk.core.voice_events import Decision

    # Real recordings: each its own microphone and speaker, as `kiosk listen`. The synthetic
    # corpus: one kiosk's microphone hearing clip after clip.
    results, ready = timed_decode(pipeline(name), clip.pcm, new_channel=clip.condition == RECORDED)
    first = next((i for i, r in enumerate(results) if r.decision is not Decision.NOISE), None)
    if first is None:
        return Answer()
    result = results[first]
    accepted = result.decision is Decision.ACCEPT and result.command is not None
    latency = realtime = None
    if clip.speech_end_s and result.decision in (Decision.ACCEPT, Decision.UNSURE):
        latency = (result.decided_at_s - clip.speech_end_s + result.compute_s) * 1000
        realtime = (ready[first] - clip.speech_end_s) * 1000
    return Answer(result.decision.value, str(result.command) if accepted else None,
                  latency, realtime)  # fmt: skip


def recognize_sphinx(clip: corpus.Clip) -> Answer:
    """Baseline: SpeechRecognition's recognize_sphinx, default language model, whole clip."""
    import speech_recognition as sr

    audio = sr.AudioData(clip.pcm, RATE, 2)
    began = time.perf_counter()
    try:
        text = sr.Recognizer().recognize_sphinx(audio)
    except sr.UnknownValueError:
        text = ""
    compute = time.perf_counter() - began
    command = pipeline("pocketsphinx_pipeline").phrasebook.match(text)
    decision = "accept" if command is not None else "unsure" if text.strip() else None
    latency = None
    if clip.speech_end_s and decision is not None:  # the whole clip is heard before it starts
        latency = (len(clip.pcm) / 2 / RATE - clip.speech_end_s + compute) * 1000
    return Answer(decision, str(command) if command else None, latency, latency)


def ours_task(args: tuple[corpus.Clip, bool]) -> dict[str, Answer | None]:
    """Ours on every clip; Moonshine's free transcript on the sampled ones (the same process:
    Moonshine uses both cores, so it runs alone and its timings are the kiosk's)."""
    clip, sampled = args
    return {"ours": answer("ours", clip),
            "moonshine_free": answer("moonshine_free", clip) if sampled else None}  # fmt: skip


def baselines_task(args: tuple[corpus.Clip, bool]) -> dict[str, Answer | None]:
    """The pocketsphinx pipeline, and recognize_sphinx too when asked (it takes seconds)."""
    clip, with_sphinx = args
    return {"pocketsphinx_pipeline": answer("pocketsphinx_pipeline", clip),
            "recognize_sphinx": recognize_sphinx(clip) if with_sphinx else None}  # fmt: skip


def wake_task(streams: dict[str, bytes]) -> dict[str, dict[str, int]]:
    """Hands-free over background talk: how often each stream was heard as the wake phrase."""
    from kiosk.core.voice_events import Decision
    from kiosk.voice.pipeline import decode_recording

    counts = {}
    for name, pcm in streams.items():
        results = decode_recording(pipeline("wake"), pcm, new_channel=True)
        counts[name] = {
            "wakes": sum(r.decision is Decision.WAKE for r in results),
            "utterances": len(results),  # heard as speech at all, noise included
            "not_noise": sum(r.decision is not Decision.NOISE for r in results),
        }
    return counts


def probe(content_dir: Path, recognizer: str) -> dict[str, Any]:
    """In a fresh process: the time to build the pipeline (model load included) and the
    process's memory once it is built."""
    from kiosk.voice.factory import build_pipeline, load_sections

    sections = load_sections(content_dir)
    began = time.perf_counter()
    built = build_pipeline(sections, content_dir, recognizer=recognizer)
    load_s = time.perf_counter() - began
    return {
        "recognizer": built.recognizer.name,
        "problem": built.recognizer_problem,
        "model_load_s": round(load_s, 2),
        "pipeline_rss_mb": rss_mb(),
    }
