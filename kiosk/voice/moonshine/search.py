"""What the model heard: its own free transcript, and the kiosk phrase that fits the audio best.

The free transcript (greedy, unconstrained) is "anything else": the best the model can say with
all of English. The phrase search walks the token trie of the kiosk's phrases, a few best
prefixes at a time, every row of a step in one batched decoder call. Log-probabilities only
fall as a hypothesis grows, so a prefix already below the best finished phrase is dropped, and
so is one below the least the judge could ever accept (judge.least_acceptable_logp): the time
goes to phrases that could be taken, and the answer comes before the endpointer has finished
waiting (recognizer.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from kiosk.voice.moonshine.model import DecoderState, Floats, MoonshineModel
from kiosk.voice.moonshine.tokens import END
from kiosk.voice.moonshine.trie import Node, PhraseTrie

BEAM = 8  # prefixes kept per step of the phrase search
TOKENS_PER_S = 8.0  # the free transcript stops after this many tokens per second of audio, +4


@dataclass(frozen=True)
class Heard:
    free_ids: tuple[int, ...]
    free_logp: float  # natural log, </s> included
    free_token_logps: tuple[float, ...]  # of each of free_ids (</s> not included)
    phrase: str  # the best kiosk phrase ("" when none was scored)
    phrase_logp: float


def free_transcript(
    model: MoonshineModel, logp: Floats, state: DecoderState, max_tokens: int
) -> tuple[tuple[int, ...], tuple[float, ...], float]:
    """The greedy transcript's ids, each one's log-probability, and the total (</s> included
    when it was reached)."""
    ids: list[int] = []
    logps: list[float] = []
    total = 0.0
    for _ in range(max_tokens):
        token = int(logp[0].argmax())
        total += float(logp[0, token])
        if token == END:
            break
        ids.append(token)
        logps.append(float(logp[0, token]))
        logp, state = model.step(np.array([token], np.int64), state)
    return tuple(ids), tuple(logps), total


def best_phrase(
    model: MoonshineModel,
    logp: Floats,
    state: DecoderState,
    trie: PhraseTrie,
    beam: int = BEAM,
    lowest: float = -np.inf,
) -> tuple[str, float]:
    """The trie's phrase with the highest log-probability, and that log-probability; ("",
    -inf) when none reaches `lowest` (a prefix below it is dropped: it can only fall)."""
    best: tuple[str, float] = ("", lowest)
    frontier: list[tuple[float, Node]] = [(0.0, trie.root)]
    while frontier:
        candidates: list[tuple[float, int, int, Node]] = []  # score, parent row, token, node
        for row, (score, node) in enumerate(frontier):
            if node.phrase:
                finished = score + float(logp[row, END])
                if finished > best[1]:
                    best = (node.phrase, finished)
            for token, child in node.children.items():
                candidates.append((score + float(logp[row, token]), row, token, child))
        candidates = [c for c in candidates if c[0] > best[1]]
        if not candidates:
            break
        candidates.sort(key=lambda c: c[0], reverse=True)
        kept = candidates[:beam]
        rows = np.array([c[1] for c in kept], np.intp)
        tokens = np.array([c[2] for c in kept], np.int64)
        logp, state = model.step(tokens, state.take(rows))
        frontier = [(c[0], c[3]) for c in kept]
    return best if best[0] else ("", -np.inf)


def hear(
    model: MoonshineModel,
    audio: Floats,
    trie: PhraseTrie | None,
    own_phrase: Callable[[tuple[int, ...]], str] = lambda ids: "",
    worth_finding: Callable[[tuple[int, ...], float], float | None] = lambda ids, logp: -np.inf,
) -> Heard:
    """Encode the utterance once; the free transcript, then (unless the transcript is itself a
    phrase, which nothing fits better) the best phrase of the trie. `worth_finding` gives, for
    the free transcript's ids and log-probability, the least log-probability a phrase could be
    taken at (judge.py), or None when none could: the search is cut short there."""
    hidden = model.encode(audio)
    logp, state = model.start(hidden)
    limit = 4 + int(TOKENS_PER_S * len(audio) / 16000)
    ids, token_logps, free_logp = free_transcript(model, logp, state, limit)
    own = own_phrase(ids) or (trie.lookup(ids) if trie is not None else "")
    if own or trie is None:
        return Heard(ids, free_logp, token_logps, own, free_logp if own else -np.inf)
    lowest = worth_finding(ids, free_logp)
    if lowest is None:
        return Heard(ids, free_logp, token_logps, "", -np.inf)
    phrase, phrase_logp = best_phrase(model, logp, state, trie, lowest=lowest)
    return Heard(ids, free_logp, token_logps, phrase, phrase_logp)
