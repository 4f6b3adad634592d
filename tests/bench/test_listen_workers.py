"""`kiosk bench listen`'s plumbing without models: the real-time replay, the answer taken from
a pipeline's results, the corpus plan and the noise-alone clips."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest

from kiosk.bench import listen_corpus, listen_workers
from kiosk.bench.corpus import RATE, Clip
from kiosk.commands.command import Command, CommandId
from kiosk.core.voice_events import Decision
from kiosk.voice.pipeline import Result

FRAME = 960  # 30 ms
NEXT = Command(CommandId.NEXT)


def result(decision: Decision, decided_at_s: float, compute_s: float = 0.0) -> Result:
    command = NEXT if decision is Decision.ACCEPT else None
    return Result("next", command, 0.9, decision, 0.9, decided_at_s, compute_s, 0.0, 30.0,
                  False, 0.0)  # fmt: skip


class FakePipeline:
    """Decides at chosen frames; frame `slow` takes 0.2 s of (fake) work."""

    frame_bytes = FRAME

    def __init__(self, clock: list[float], decide: dict[int, Result], slow: int) -> None:
        self.clock, self.decide, self.slow, self.frames = clock, decide, slow, 0
        self.recordings: list[bytes] = []

    def begin_recording(self, pcm: bytes) -> None:
        self.recordings.append(pcm)

    def feed(self, pcm: bytes) -> list[Result]:
        self.frames += 1
        self.clock[0] += 0.2 if self.frames == self.slow else 0.001
        return [self.decide[self.frames]] if self.frames in self.decide else []

    def flush(self) -> list[Result]:
        return []


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[float]]:
    now = [100.0]
    monkeypatch.setattr(listen_workers.time, "perf_counter", lambda: now[0])
    yield now


def test_the_replay_adds_the_backlog_work_leaves_behind(clock: list[float]) -> None:
    # Frame 20 ends at 0.6 s and decides; frame 15 (arrived at 0.45 s) took 0.2 s, so at
    # real-time pace the frames after it queue up behind it.
    fake = FakePipeline(clock, {20: result(Decision.ACCEPT, 0.6)}, slow=15)
    results, ready = listen_workers.timed_decode(fake, bytes(FRAME * 30), new_channel=True)
    assert fake.recordings == [bytes(FRAME * 30)] and len(results) == 1
    # Frame 15 done at 0.45 + 0.2 = 0.65; frames 16..20 each 1 ms after that (all arrived).
    assert ready[0] == pytest.approx(0.65 + 5 * 0.001)


def test_without_a_backlog_a_result_is_ready_when_its_frame_is_done(clock: list[float]) -> None:
    fake = FakePipeline(clock, {20: result(Decision.ACCEPT, 0.6)}, slow=25)
    _, ready = listen_workers.timed_decode(fake, bytes(FRAME * 30), new_channel=False)
    assert fake.recordings == []
    assert ready[0] == pytest.approx(0.6 + 0.001)


def test_the_answer_is_the_first_result_that_is_not_noise(clock: list[float]) -> None:
    decide = {5: result(Decision.NOISE, 0.15), 20: result(Decision.UNSURE, 0.6, 0.01),
              25: result(Decision.ACCEPT, 0.75)}  # fmt: skip
    listen_workers._STATE["fake"] = FakePipeline(clock, decide, slow=0)
    try:
        clip = Clip("c", "next", NEXT, "command", "clean", "v", 160, bytes(FRAME * 30), 0.4)
        answer = listen_workers.answer("fake", clip)
    finally:
        del listen_workers._STATE["fake"]
    assert answer.decision == "unsure" and answer.command is None
    assert answer.latency_ms == pytest.approx((0.6 - 0.4 + 0.01) * 1000)
    assert answer.realtime_ms == pytest.approx((0.6 + 0.001 - 0.4) * 1000)


def test_every_voice_says_every_sentence_once_the_rates_in_turn() -> None:
    part = listen_corpus.TEST
    commands = [
        ("next", NEXT),
        ("help", Command(CommandId.HELP)),
        ("stop", Command(CommandId.STOP)),
    ]
    lines = listen_corpus.plan(part, commands, [130, 160, 190])
    assert len(lines) == (len(commands) + len(part.rejects)) * len(part.voices)
    assert Counter((line.text, line.voice) for line in lines).most_common(1)[0][1] == 1
    for voice in part.voices:
        rates = Counter(line.rate for line in lines if line.voice == voice)
        assert max(rates.values()) - min(rates.values()) <= 1


def test_the_parts_share_no_voice_sentence_or_seed() -> None:
    tuning, test = listen_corpus.TUNING, listen_corpus.TEST
    assert not set(tuning.voices) & set(test.voices)
    assert not {t for t, _ in tuning.rejects} & {t for t, _ in test.rejects}
    assert not set(tuning.babble_text) & set(test.babble_text)
    seeds = [
        {
            t.seed
            for t in listen_corpus.build_tasks(p, listen_corpus.plan(p, [("next", NEXT)], [160]), 8)
        }
        for p in (tuning, test)
    ]
    assert tuning.seed != test.seed and not seeds[0] & seeds[1]


def test_the_shares_cover_every_line_once() -> None:
    lines = listen_corpus.plan(listen_corpus.TUNING, [("next", NEXT)], [160])
    tasks = listen_corpus.build_tasks(listen_corpus.TUNING, lines, 8)
    assert [line for task in tasks for line in task.lines] == lines
    assert len({task.seed for task in tasks}) == len(tasks)


@pytest.mark.parametrize("number", range(len(listen_corpus.NOISE_KINDS)))
def test_noise_alone_clips_are_seeded_sound_without_speech(number: int) -> None:
    made: Any = listen_corpus.noise_alone_clip(number, seed=1)
    assert made.kind == made.condition == "noise_alone" and made.expected is None
    assert made.voice == listen_corpus.NOISE_KINDS[number] and made.speech_end_s == 0.0
    assert len(made.pcm) == 2 * 4 * RATE
    assert made.pcm == listen_corpus.noise_alone_clip(number, seed=1).pcm
    assert made.pcm != listen_corpus.noise_alone_clip(number, seed=2).pcm
    samples = np.frombuffer(made.pcm, np.int16)
    assert np.abs(samples[RATE // 2 : -RATE // 2]).max() > 1000  # loud enough to be heard
