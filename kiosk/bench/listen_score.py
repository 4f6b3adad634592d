"""Scoring for `kiosk bench listen`: what each recognizer's answers to the clips add up to.

Pure functions of the clips and the answers, no audio or models, so they are tested on small
fake rows. An answer is what push-to-talk would act on for one clip (its first utterance that
is not noise); None for a clip the recognizer was not run on.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from kiosk.bench.corpus import Clip
from kiosk.bench.measure import percentile
from kiosk.bench.recordings import RECORDED

# What a clip that must not be accepted is, by the corpus's kind.
CATEGORY_OF_KIND = {
    "near_miss": "near_miss",  # sentences containing command words
    "oov": "other_speech",  # sentences with none
    "noise": "babble",  # babble alone: several voices at once, nobody at the kiosk
    "noise_alone": "noise_alone",  # no speech at all: noise, hum, clatter, clicks, beeps
}
CATEGORIES = tuple(CATEGORY_OF_KIND.values())
DECIDED = ("accept", "unsure")  # a decision the kiosk shows: it acts, or it asks again


@dataclass(frozen=True)
class Answer:
    decision: str | None = None  # "accept", "unsure" or "wake"; None: nothing but noise heard
    command: str | None = None  # the command accepted (decision "accept" only)
    latency_ms: float | None = None  # true end of speech to the decision, as decided on a file
    realtime_ms: float | None = None  # the same with the audio arriving at real-time pace


def condition_name(clip: Clip) -> str:
    """clean, 10db, 5db, babble (the corpus's "noise" condition), noise_alone, recorded."""
    return "babble" if clip.condition == "noise" else clip.condition


def stratum(clip: Clip) -> tuple[str, str]:
    return condition_name(clip), clip.kind


def stratified_sample(
    clips: Sequence[Clip], size: int, seed: int = 0, least: int = 10
) -> list[int]:
    """Indexes of a seeded sample of `size` clips (all when there are no more), stratified by
    condition and kind: each stratum gives `least` clips (all it has when fewer) and the rest
    is shared in proportion to what each has left (largest remainders)."""
    if size >= len(clips):
        return list(range(len(clips)))
    strata: dict[tuple[str, str], list[int]] = {}
    for index, clip in enumerate(clips):
        strata.setdefault(stratum(clip), []).append(index)
    keys = sorted(strata)
    take = {key: min(len(strata[key]), least) for key in keys}
    if sum(take.values()) > size:  # too small a sample for the floor: plain proportions
        take = dict.fromkeys(keys, 0)
    left = size - sum(take.values())
    room = {key: len(strata[key]) - take[key] for key in keys}
    shares = {key: left * room[key] / sum(room.values()) for key in keys}
    for key in keys:
        take[key] += int(shares[key])
    by_remainder = sorted(keys, key=lambda key: (int(shares[key]) - shares[key], key))
    for key in by_remainder[: size - sum(take.values())]:
        take[key] += 1
    chooser = random.Random(seed)
    return sorted(index for key in keys for index in chooser.sample(strata[key], take[key]))


def _rate(hits: int, total: int) -> float | None:
    return round(hits / total, 4) if total else None


def score(clips: Sequence[Clip], answers: Sequence[Answer | None]) -> dict[str, Any]:
    """Accuracy by condition, false accepts overall and by category, and latency over every
    clip with speech that got a decision (accept or unsure, right or wrong)."""
    heard = [(c, a) for c, a in zip(clips, answers, strict=True) if a is not None]
    commands = [(c, a) for c, a in heard if c.kind == "command"]

    def accuracy(condition: str) -> float | None:
        chosen = [(c, a) for c, a in commands if c.condition == condition]
        return _rate(sum(a.command == str(c.expected) for c, a in chosen), len(chosen))

    def accepted(pairs: Sequence[tuple[Clip, Answer]]) -> float | None:
        return _rate(sum(a.command is not None for _, a in pairs), len(pairs))

    rejects = [(c, a) for c, a in heard if c.kind != "command"]
    in_category = {
        name: [(c, a) for c, a in rejects if CATEGORY_OF_KIND.get(c.kind) == name]
        for name in CATEGORIES
    }
    decided = [a for c, a in heard if a.decision in DECIDED and c.speech_end_s > 0]
    accepts = [a for a in decided if a.command is not None]
    recorded = any(c.condition == RECORDED for c, _ in heard)
    return {
        **({"accuracy_recorded": accuracy(RECORDED)} if recorded else {}),
        "accuracy_clean": accuracy("clean"),
        "accuracy_10db": accuracy("10db"),
        "accuracy_5db": accuracy("5db"),
        "wrong_command": _rate(
            sum(a.command is not None and a.command != str(c.expected) for c, a in commands),
            len(commands),
        ),
        "false_accept": accepted(rejects),
        "false_accept_by_category": {name: accepted(in_category[name]) for name in CATEGORIES},
        "end_to_command_ms_p50": percentile((a.latency_ms for a in decided), 0.5),
        "end_to_command_ms_p95": percentile((a.latency_ms for a in decided), 0.95),
        "realtime_end_to_command_ms_p50": percentile((a.realtime_ms for a in decided), 0.5),
        "realtime_end_to_command_ms_p95": percentile((a.realtime_ms for a in decided), 0.95),
        "accepted_end_to_command_ms_p50": percentile((a.latency_ms for a in accepts), 0.5),
        "accepted_end_to_command_ms_p95": percentile((a.latency_ms for a in accepts), 0.95),
        "decided_clips": len(decided),
        "clips_by_category": {
            "command": len(commands),
            **{name: len(in_category[name]) for name in CATEGORIES},
        },
        "clips": len(heard),
    }


BY_VOICE_KEYS = ("accuracy_clean", "accuracy_10db", "accuracy_5db", "false_accept", "clips")


def by_voice(clips: Sequence[Clip], answers: Sequence[Answer | None]) -> dict[str, Any]:
    """The main figures for each voice's own clips (babble and noise alone belong to none)."""
    voices = sorted({c.voice for c in clips if c.kind in ("command", "near_miss", "oov")})
    report = {}
    for voice in voices:
        pairs = [(c, a) for c, a in zip(clips, answers, strict=True) if c.voice == voice]
        scored = score([c for c, _ in pairs], [a for _, a in pairs])
        report[voice] = {key: scored[key] for key in BY_VOICE_KEYS}
    return report


def per_hour(count: int, minutes: float) -> float | None:
    return round(count * 60 / minutes, 2) if minutes > 0 else None
