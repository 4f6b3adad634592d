"""`kiosk bench listen --recordings DIR`: real people's recordings, quiet and in generated noise.

Accuracy on their commands and false accepts on the rest, per source folder, with the baselines
on every command and a seeded 1/N of the rest. With `--noise pink,brown,white --snr 10,5`,
every command and a seeded 1/`--noisy-others-every` of the rest are heard again with each noise
under them at each SNR (recordings.in_noise), and each command's noise alone: accuracy, false
accepts on the other recordings and on the noise alone, per noise and SNR and per SNR over all
noises. The baselines' clips in noise get the pocketsphinx pipeline only (recognize_sphinx
takes seconds a clip).
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Sequence
from typing import Any

from kiosk.bench import listen_run
from kiosk.bench.corpus import Clip
from kiosk.bench.listen_score import Answer, score
from kiosk.bench.recordings import Noisy, RecordingsError, in_noise, load_recordings

BASELINES = ("pocketsphinx_pipeline", "recognize_sphinx", "moonshine_free")
NOISY_BASELINES = ("pocketsphinx_pipeline",)
WANTED = ("accuracy_recorded", "false_accept", "clips")


def add_options(add: Any) -> None:
    add("--noise", default="", metavar="KINDS",
        help="with --recordings: also mix in generated noise, e.g. pink,brown,white")  # fmt: skip
    add("--snr", default="10,5", help="with --noise: the SNRs (dB), on the speech's active part")
    add("--noise-seed", type=int, default=0, help="with --noise: seeds the noise and the sample")
    add("--noisy-others-every", type=int, default=4,
        help="with --noise: 1/N of the non-commands are heard in noise too")  # fmt: skip


def figures(clips: Sequence[Clip], answers: Sequence[Answer | None]) -> dict[str, Any]:
    """One condition's figures: commands heard right (and what the rest got), false accepts on
    the other recordings and on the noise alone."""
    pairs = [(c, a) for c, a in zip(clips, answers, strict=True) if a is not None]
    commands = [a for c, a in pairs if c.kind == "command"]
    others = [a for c, a in pairs if c.kind == "recorded_other"]
    alone = [a for c, a in pairs if c.kind == "noise_alone"]

    def rate(hits: int, total: int) -> float | None:
        return round(hits / total, 4) if total else None

    right = sum(a.command == str(c.expected) for c, a in pairs if c.kind == "command")
    return {
        "accuracy": rate(right, len(commands)),
        "commands_unsure": rate(sum(a.decision == "unsure" for a in commands), len(commands)),
        "commands_unheard": rate(sum(a.decision is None for a in commands), len(commands)),
        "false_accept_others": rate(sum(a.command is not None for a in others), len(others)),
        "false_accept_noise_alone": rate(sum(a.command is not None for a in alone), len(alone)),
        "commands": len(commands), "others": len(others), "noise_alone": len(alone),
    }  # fmt: skip


def _in_noise_report(
    noisy: Sequence[Noisy], rows: Sequence[dict[str, Answer | None]], args: argparse.Namespace
) -> dict[str, Any]:
    groups: dict[str, list[int]] = {}
    for index, item in enumerate(noisy):
        groups.setdefault(item.condition, []).append(index)
        groups.setdefault(f"all_{item.snr_db}db", []).append(index)

    def by_condition(name: str) -> dict[str, Any]:
        return {key: figures([noisy[i].clip for i in chosen], [rows[i].get(name) for i in chosen])
                for key, chosen in groups.items()}  # fmt: skip

    return {
        "noises": args.noise.split(","), "snr_db": [int(s) for s in args.snr.split(",")],
        "seed": args.noise_seed, "others_every": args.noisy_others_every,
        "ours": by_condition("ours"),
        "baselines": {name: by_condition(name) for name in NOISY_BASELINES},
    }  # fmt: skip


def _samples(clips: Sequence[Clip], noisy: Sequence[Noisy], every: int) -> set[int]:
    """The baselines' clips: every command and noise alone, a seeded 1/`every` of the rest."""
    chooser = random.Random(0)
    sample = set(chooser.sample(range(len(clips)), len(clips) // every))
    sample |= {index for index, clip in enumerate(clips) if clip.kind == "command"}
    others = [i for i, n in enumerate(noisy) if n.clip.kind == "recorded_other"]
    sample |= {len(clips) + i for i in chooser.sample(others, len(others) // every)}
    return sample | {len(clips) + i for i, n in enumerate(noisy) if n.clip.kind != "recorded_other"}


def bench_recordings(
    args: argparse.Namespace, loads: dict[str, Any], phrasebook: Any
) -> dict[str, Any] | None:
    """The report of `--recordings` (None, with the problem said, when they cannot be read)."""
    try:
        clips = load_recordings(args.recordings, phrasebook, pad=args.pad_silence)
    except RecordingsError as error:
        print(error, file=sys.stderr)
        return None
    noisy: list[Noisy] = []
    if args.noise:
        snrs = [int(s) for s in args.snr.split(",")]
        noisy = in_noise(clips, args.noise.split(","), snrs, seed=args.noise_seed,
                         others_every=args.noisy_others_every)  # fmt: skip
    sample = _samples(clips, noisy, args.baseline_every)
    everything = clips + [n.clip for n in noisy]
    pipeline_only = frozenset(range(len(clips), len(everything)))
    rows, _, timings = listen_run.run(everything, sample, {}, args, pipeline_only=pipeline_only)
    report = _quiet_report(clips, rows[: len(clips)])
    report["recognizer"] = loads["auto"]["recognizer"]
    if noisy:
        report["in_noise"] = _in_noise_report(noisy, rows[len(clips) :], args)
    report["timings_s"] = timings
    return report


def _quiet_report(
    clips: Sequence[Clip], rows: Sequence[dict[str, Answer | None]]
) -> dict[str, Any]:
    ours = [r["ours"] for r in rows]
    report: dict[str, Any] = {k: v for k, v in score(clips, ours).items() if k in WANTED}
    report["commands"] = sum(c.kind == "command" for c in clips)
    report["by_source"] = {}
    for source in sorted({c.voice for c in clips}):
        chosen = [(c, a) for c, a in zip(clips, ours, strict=True) if c.voice == source]
        scored = score([c for c, _ in chosen], [a for _, a in chosen])
        report["by_source"][source] = {
            "accuracy": scored["accuracy_recorded"], "false_accept": scored["false_accept"],
            "clips": scored["clips"], "commands": sum(c.kind == "command" for c, _ in chosen),
        }  # fmt: skip
    report["baselines"] = {}
    for name in BASELINES:
        scored = score(clips, [r.get(name) for r in rows])
        report["baselines"][name] = {k: v for k, v in scored.items() if k in WANTED}
    return report
