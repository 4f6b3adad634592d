"""How `kiosk bench listen` uses its pool processes (the work in them is listen_workers.py).

Spawned processes, as the kiosk's listener is. Ours runs alone in one process: Moonshine uses
both cores (two processes decoded 0.146 s of clips a second against one's 0.136), and alone its
timings are those of the kiosk. The pocketsphinx baselines, one core each, then run in
`workers` processes.
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kiosk.bench import corpus, listen_corpus, listen_workers
from kiosk.bench.listen_score import Answer

# Each part's corpus is built in this many shares, whatever the number of workers, so the same
# options always give the same clips.
SHARES = 8


def spawn(workers: int, content_dir: Path | None = None) -> Any:
    initializer = listen_workers.init if content_dir is not None else None
    initargs = (content_dir,) if content_dir is not None else ()
    return multiprocessing.get_context("spawn").Pool(workers, initializer, initargs)


def probe(content_dir: Path, recognizer: str) -> dict[str, Any]:
    """Build the pipeline in a fresh process: its load time and memory (listen_workers.py)."""
    with spawn(1) as pool:
        probed: dict[str, Any] = pool.apply(listen_workers.probe, (content_dir, recognizer))
    return probed


def build_parts(
    parts: Sequence[listen_corpus.Part], commands: Any, rates: Sequence[int], args: Any
) -> dict[str, tuple[list[corpus.Clip], listen_corpus.Background]]:
    """Each part's clips and background talk, built in the pool, the same whatever `workers`."""
    wake_s = args.wake_minutes * 30  # half of it babble, half other speech
    with spawn(args.workers) as pool:
        talk = {p.name: pool.apply_async(listen_corpus.background, (p, wake_s, wake_s, rates))
                for p in parts}  # fmt: skip
        plans = {p.name: listen_corpus.plan(p, commands, rates) for p in parts}
        tasks = {p.name: listen_corpus.build_tasks(p, plans[p.name], SHARES) for p in parts}
        built = {name: pool.map(listen_corpus.build, chosen, chunksize=1)
                 for name, chosen in tasks.items()}  # fmt: skip
        return {name: ([c for share in built[name] for c in share], talk[name].get())
                for name in built}  # fmt: skip


def run(
    clips: list[corpus.Clip],
    sample: set[int],
    talk: dict[str, dict[str, bytes]],
    args: Any,
    *,
    pipeline_only: frozenset[int] = frozenset(),
) -> tuple[list[dict[str, Answer | None]], dict[str, Any], dict[str, float]]:
    """Ours (and Moonshine's free transcript on the sample) alone, then the pocketsphinx
    baselines on the sample in `--workers` processes; and how long each took (s). The clips of
    the sample in `pipeline_only` get the pocketsphinx pipeline only of the baselines."""
    began = time.monotonic()
    free = sample - pipeline_only
    with spawn(1, args.content) as pool:
        rows = pool.map(listen_workers.ours_task,
                        [(c, i in free) for i, c in enumerate(clips)], chunksize=16)  # fmt: skip
        decoded = time.monotonic()
        wakes = {name: pool.apply(listen_workers.wake_task, (streams,))
                 for name, streams in talk.items()}  # fmt: skip
    woken = time.monotonic()
    chosen = sorted(sample)
    with spawn(args.workers, args.content) as pool:
        tasks = [(clips[i], i not in pipeline_only) for i in chosen]
        extra = pool.map(listen_workers.baselines_task, tasks, chunksize=4)
    for index, more in zip(chosen, extra, strict=True):
        rows[index] = {**rows[index], **more}
    timings = {"ours_and_moonshine_free": decoded - began, "hands_free": woken - decoded,
               "pocketsphinx_baselines": time.monotonic() - woken}  # fmt: skip
    return rows, wakes, {k: round(v, 1) for k, v in timings.items()}
