"""`kiosk bench listen`'s scoring on small fake rows: the sample, false accepts, latency."""

from __future__ import annotations

from collections import Counter

import pytest

from kiosk.bench.corpus import Clip
from kiosk.bench.listen_score import (
    Answer,
    by_voice,
    per_hour,
    score,
    stratified_sample,
    stratum,
)
from kiosk.commands.command import Command, CommandId

NEXT = Command(CommandId.NEXT)
HELP = Command(CommandId.HELP)


def clip(kind: str = "command", condition: str = "clean", *, voice: str = "v1",
         expected: Command | None = NEXT, end: float = 1.0) -> Clip:  # fmt: skip
    if kind != "command":
        expected = None
    if kind in ("noise", "noise_alone"):
        end, condition = 0.0, kind
    return Clip("c", "text", expected, kind, condition, voice, 160, b"", end)


def accept(command: Command, latency: float = 200.0) -> Answer:
    return Answer("accept", str(command), latency, latency + 5)


def unsure(latency: float = 500.0) -> Answer:
    return Answer("unsure", None, latency, latency + 5)


def corpus_of(counts: dict[tuple[str, str], int]) -> list[Clip]:
    return [clip(kind, condition) for (condition, kind), n in counts.items() for _ in range(n)]


COUNTS = {("clean", "command"): 300, ("10db", "command"): 300, ("5db", "command"): 300,
          ("clean", "near_miss"): 80, ("10db", "near_miss"): 80, ("clean", "oov"): 60,
          ("noise", "noise"): 16, ("noise_alone", "noise_alone"): 4}  # fmt: skip


def test_the_sample_has_the_size_asked_for_and_every_stratum_in_it() -> None:
    clips = corpus_of(COUNTS)
    sample = stratified_sample(clips, 600, seed=3)
    assert len(sample) == len(set(sample)) == 600 and sample == sorted(sample)
    taken = Counter(stratum(clips[i]) for i in sample)
    assert taken[("babble", "noise")] >= 10  # the floor: 10, or all when fewer
    assert taken[("noise_alone", "noise_alone")] == 4
    # The rest in proportion: the three command strata alike, near misses in between.
    commands = [taken[(c, "command")] for c in ("clean", "10db", "5db")]
    assert max(commands) - min(commands) <= 1
    assert taken[("clean", "oov")] < taken[("clean", "near_miss")] < commands[0]


def test_the_sample_is_seeded() -> None:
    clips = corpus_of(COUNTS)
    assert stratified_sample(clips, 600, seed=3) == stratified_sample(clips, 600, seed=3)
    assert stratified_sample(clips, 600, seed=3) != stratified_sample(clips, 600, seed=4)


def test_a_sample_as_big_as_the_corpus_is_all_of_it() -> None:
    clips = corpus_of({("clean", "command"): 5, ("noise", "noise"): 2})
    assert stratified_sample(clips, 600) == list(range(7))


def test_a_sample_smaller_than_the_floors_is_shared_in_proportion() -> None:
    clips = corpus_of({("clean", "command"): 90, ("5db", "command"): 10})
    taken = Counter(stratum(clips[i]) for i in stratified_sample(clips, 10, least=10))
    assert taken == {("clean", "command"): 9, ("5db", "command"): 1}


def test_false_accepts_are_counted_per_category() -> None:
    clips = [clip("near_miss"), clip("near_miss"), clip("oov"), clip("noise")]
    clips += [clip("noise_alone") for _ in range(4)]
    answers = [accept(HELP), Answer(), Answer(), accept(NEXT), Answer(), accept(HELP),
               unsure(), Answer()]  # fmt: skip
    scored = score(clips, answers)
    assert scored["false_accept_by_category"] == {
        "near_miss": 0.5, "other_speech": 0.0, "babble": 1.0, "noise_alone": 0.25,
    }  # fmt: skip
    assert scored["false_accept"] == 0.375  # 3 of 8, every category together
    assert scored["clips_by_category"]["noise_alone"] == 4
    assert scored["accuracy_clean"] is None  # no commands


def test_accuracy_is_per_condition_and_wrong_commands_count_against_it() -> None:
    clips = [
        clip(),
        clip(),
        clip("command", "10db"),
        clip("command", "10db"),
        clip("command", "5db"),
    ]
    answers = [accept(NEXT), accept(HELP), accept(NEXT), unsure(), Answer()]
    scored = score(clips, answers)
    assert (scored["accuracy_clean"], scored["accuracy_10db"], scored["accuracy_5db"]) == (
        0.5, 0.5, 0.0,
    )  # fmt: skip
    assert scored["wrong_command"] == 0.2
    assert scored["false_accept"] is None


def test_latency_runs_over_every_decided_clip_right_or_wrong() -> None:
    clips = [clip(), clip(), clip(), clip("near_miss"), clip(), clip("noise")]
    answers = [accept(NEXT, 100), accept(HELP, 300), unsure(500), unsure(700), Answer(),
               Answer("accept", str(NEXT), None, None)]  # fmt: skip
    scored = score(clips, answers)
    # Right, wrong, unsure on a command, unsure on a near miss: all four; nothing heard and the
    # babble clip (no speech to end) are not.
    assert scored["decided_clips"] == 4
    assert scored["end_to_command_ms_p50"] == 400.0
    assert scored["end_to_command_ms_p95"] == pytest.approx(670.0)
    assert scored["realtime_end_to_command_ms_p50"] == 405.0
    assert scored["accepted_end_to_command_ms_p50"] == 200.0  # the two accepted only


def test_clips_not_run_are_left_out() -> None:
    clips = [clip(), clip(), clip("oov")]
    scored = score(clips, [accept(NEXT), None, None])
    assert scored["clips"] == 1 and scored["accuracy_clean"] == 1.0
    assert scored["false_accept"] is None


def test_each_voice_is_scored_on_its_own_clips() -> None:
    clips = [clip(voice="a"), clip(voice="b"), clip("oov", voice="b"), clip("noise")]
    voices = by_voice(clips, [accept(NEXT), Answer(), accept(HELP), Answer()])
    assert set(voices) == {"a", "b"}
    assert voices["a"]["accuracy_clean"] == 1.0 and voices["b"]["accuracy_clean"] == 0.0
    assert voices["b"]["false_accept"] == 1.0


def test_per_hour() -> None:
    assert per_hour(3, 12.0) == 15.0
    assert per_hour(0, 0.0) is None
