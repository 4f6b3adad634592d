"""`kiosk bench listen --recordings DIR --noise ... --snr ...`: recordings mixed with generated
noise at the SNR asked for (on the speech's active part), the same audio every run."""

from __future__ import annotations

import math

import numpy as np

from kiosk.bench.corpus import RATE, Clip
from kiosk.bench.listen_recordings import figures
from kiosk.bench.listen_score import Answer
from kiosk.bench.recordings import in_noise
from kiosk.commands.command import Command, CommandId

FIVE = Command(CommandId.SELECT, 5)


def recording(kind: str = "command", seed: int = 1) -> Clip:
    """0.3 s of digital silence, 0.6 s of a loud vowel-like sound, 0.5 s of silence."""
    rng = np.random.default_rng(seed)
    t = np.arange(round(0.6 * RATE)) / RATE
    voice = 6000 * np.sin(2 * np.pi * 220 * t) + 300 * rng.standard_normal(len(t))
    pcm = np.concatenate([np.zeros(round(0.3 * RATE)), voice, np.zeros(RATE // 2)])
    expected = FIVE if kind == "command" else None
    return Clip("people/five.wav", "five", expected, kind, "recorded", "people", 0,
                np.round(pcm).astype(np.int16).tobytes(), 0.0)  # fmt: skip


def samples(clip: Clip) -> np.ndarray:
    return np.frombuffer(clip.pcm, np.int16).astype(np.float64)


def db(values: np.ndarray) -> float:
    return 10 * math.log10(float(np.mean(values**2)))


def test_the_snr_is_the_one_asked_for_on_the_speechs_active_part() -> None:
    clean = recording()
    noisy = in_noise([clean], ["pink", "brown", "white"], [10, 5])
    assert [(n.noise, n.snr_db, n.clip.kind) for n in noisy[:4]] == [
        ("pink", 10, "command"), ("pink", 10, "noise_alone"),
        ("pink", 5, "command"), ("pink", 5, "noise_alone"),
    ]  # fmt: skip
    assert len(noisy) == 3 * 2 * 2
    speech = samples(clean)
    active = speech[round(0.3 * RATE) : round(0.9 * RATE)]
    for mixed, alone in zip(noisy[::2], noisy[1::2], strict=True):
        noise = samples(alone.clip)
        assert abs(db(active) - db(noise) - mixed.snr_db) < 0.2
        # The noise is under the whole clip, silence included, and it is the noise alone's.
        assert np.abs(samples(mixed.clip) - speech - noise).max() <= 2
        assert len(mixed.clip.pcm) == len(clean.pcm)
        assert mixed.clip.expected == FIVE and alone.clip.expected is None


def test_the_noise_is_seeded_and_each_kind_and_seed_differs() -> None:
    clean = recording()
    first = in_noise([clean], ["pink", "white"], [10], seed=3)
    again = in_noise([clean], ["pink", "white"], [10], seed=3)
    other = in_noise([clean], ["pink", "white"], [10], seed=4)
    assert [n.clip.pcm for n in first] == [n.clip.pcm for n in again]
    assert first[0].clip.pcm != other[0].clip.pcm
    assert first[0].clip.pcm != first[2].clip.pcm  # pink is not white


def test_white_noise_is_flat_and_brown_falls_off() -> None:
    def high_share(kind: str) -> float:
        noise = samples(in_noise([recording()], [kind], [0])[1].clip)
        power = np.abs(np.fft.rfft(noise)) ** 2
        freqs = np.fft.rfftfreq(len(noise), 1 / RATE)
        return float(power[freqs > 4000].sum() / power.sum())

    assert high_share("white") > 0.4 > 0.01 > high_share("brown")


def test_only_a_seeded_share_of_the_non_commands_is_mixed() -> None:
    clips = [recording()] + [recording("recorded_other", seed) for seed in range(2, 10)]
    noisy = in_noise(clips, ["pink"], [10], others_every=4)
    kinds = [n.clip.kind for n in noisy]
    assert kinds.count("command") == 1 and kinds.count("noise_alone") == 1
    assert kinds.count("recorded_other") == 2  # 8 // 4
    assert [n.clip.pcm for n in noisy] == [
        n.clip.pcm for n in in_noise(clips, ["pink"], [10], others_every=4)
    ]


def test_a_conditions_figures_split_commands_others_and_noise_alone() -> None:
    clips = [recording(), recording(), recording("recorded_other"), recording("noise_alone")]
    answers = [Answer("accept", str(FIVE)), Answer("unsure"), Answer(), Answer("accept", "help")]
    got = figures(clips, answers)
    assert got["accuracy"] == 0.5 and got["commands_unsure"] == 0.5
    assert got["commands_unheard"] == 0.0
    assert got["false_accept_others"] == 0.0 and got["false_accept_noise_alone"] == 1.0
    assert (got["commands"], got["others"], got["noise_alone"]) == (2, 1, 1)
