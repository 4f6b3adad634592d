"""The corpus of `kiosk bench listen`: its tuning and test parts, noise that is not speech, and
the background talk the hands-free wake test listens to.

The parts share the commands (the kiosk's vocabulary is what it is) and nothing else: voices,
near misses, other speech, the babble's sentences and every seed differ. Each sentence is said
once by each voice of its part, the rates taken in turn, so every voice speaks a third of the
sentences at each rate. Everything is made in memory and seeded: the same options give the
same audio.
"""

from __future__ import annotations

import array
import random
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from kiosk.bench import corpus
from kiosk.commands.command import Command
from kiosk.voice.recognition import RATE

Floats = NDArray[np.float64]
NOISE_KINDS = ("pink", "brown", "hum", "clatter", "ticks", "beeps")
# Steady broadband noise, by the exponent of its 1/f power: white (water, a hiss), pink (a fan,
# a room's rush), brown (an extractor's rumble, traffic).
BROADBAND = {"white": 0.0, "pink": 1.0, "brown": 2.0}


@dataclass(frozen=True)
class Part:
    name: str  # "tuning" or "test"
    voices: tuple[str, ...]
    rejects: tuple[tuple[str, str], ...]  # (sentence, "near_miss" or "oov")
    babble_text: tuple[str, ...]
    seed: int
    babble_clips: int = 16
    noise_clips: int = 24  # noise alone, NOISE_KINDS in turn

    @property
    def other_speech(self) -> list[str]:
        return [text for text, kind in self.rejects if kind == "oov"]


def _rejects(near: Sequence[str], other: Sequence[str]) -> tuple[tuple[str, str], ...]:
    return tuple([(t, "near_miss") for t in near] + [(t, "oov") for t in other])


TUNING = Part(
    "tuning",
    corpus.TUNING_VOICES,
    _rejects(corpus.NEAR_MISSES, corpus.OUT_OF_VOCABULARY),
    corpus.BABBLE_TEXT,
    seed=1,
)
TEST = Part("test", corpus.TEST_VOICES,
            _rejects(corpus.NEAR_MISSES_TEST, corpus.OUT_OF_VOCABULARY_TEST),
            corpus.BABBLE_TEXT_TEST, seed=7001)  # fmt: skip
PARTS = {"tuning": TUNING, "test": TEST}


def plan(
    part: Part, commands: Sequence[tuple[str, Command]], rates: Sequence[int]
) -> list[corpus.Line]:
    """Every command and reject sentence once per voice, the rates taken in turn."""
    spoken: list[tuple[str, Command | None, str]] = [(t, c, "command") for t, c in commands]
    spoken += [(t, None, kind) for t, kind in part.rejects]
    return [
        corpus.Line(text, command, kind, voice, rates[(index + turn) % len(rates)], index)
        for index, (text, command, kind) in enumerate(spoken)
        for turn, voice in enumerate(part.voices)
    ]


@dataclass(frozen=True)
class BuildTask:
    """A share of one part's corpus, built in a pool process."""

    part: Part
    lines: tuple[corpus.Line, ...]
    seed: int
    babble_clips: tuple[int, int] = (0, 0)  # (first, count)
    noise_clips: tuple[int, int] = (0, 0)


def build_tasks(part: Part, lines: Sequence[corpus.Line], shares: int) -> list[BuildTask]:
    """The part's lines cut into `shares` tasks (every seed its own), the noise-only clips too."""
    step = max(1, -(-len(lines) // shares))
    tasks = [
        BuildTask(part, tuple(lines[start : start + step]), part.seed * 100_000 + number * 1_000)
        for number, start in enumerate(range(0, len(lines), step))
    ]
    tasks.append(
        BuildTask(
            part, (), part.seed * 100_000 + 99_000, (0, part.babble_clips), (0, part.noise_clips)
        )
    )
    return tasks


def build(task: BuildTask) -> list[corpus.Clip]:
    noise = corpus.babble_source(task.seed, task.part.babble_text)
    clips = corpus.speak(task.lines, noise, seed=task.seed)
    first, count = task.babble_clips
    clips += corpus.babble_clips(count, task.part.seed, task.part.babble_text, first=first)
    first, count = task.noise_clips
    clips += [noise_alone_clip(n, task.part.seed) for n in range(first, first + count)]
    return clips


# --- noise that is not speech ----------------------------------------------------------------


def _shaped(rng: np.random.Generator, n: int, exponent: float) -> Floats:
    """Noise whose power falls as 1/f**exponent (1: pink, 2: brown), nothing below 20 Hz."""
    spectrum = np.fft.rfft(rng.standard_normal(n))
    freqs = np.fft.rfftfreq(n, 1 / RATE)
    spectrum[freqs < 20] = 0
    spectrum[freqs >= 20] /= freqs[freqs >= 20] ** (exponent / 2)
    shaped: Floats = np.fft.irfft(spectrum, n)
    return shaped


def _ring(rng: np.random.Generator, n: int) -> Floats:
    """Something struck: three decaying partials between 700 Hz and 6 kHz, a click at the start."""
    t = np.arange(n) / RATE
    ring = np.zeros(n)
    for _ in range(3):
        partial = np.sin(2 * np.pi * rng.uniform(700, 6000) * t + rng.uniform(0, 2 * np.pi))
        ring += partial * np.exp(-t / rng.uniform(0.01, 0.08))
    click = int(0.004 * RATE)
    ring[:click] += rng.standard_normal(click)
    return ring


def _events(rng: np.random.Generator, n: int, kind: str) -> Floats:
    out: Floats = np.zeros(n)
    if kind == "clatter":  # cups, cutlery, a trolley: bursts of ringing metal and china
        for _ in range(int(rng.integers(5, 12))):
            start = int(rng.integers(0, n - 1))
            piece = rng.uniform(0.2, 1.0) * _ring(rng, int(0.25 * RATE))[: n - start]
            out[start : start + len(piece)] += piece
    elif kind == "ticks":  # a clock, a keyboard, a pen: short clicks, roughly regular
        at, period = 0.0, rng.uniform(0.08, 0.5)
        while (at := at + period * rng.uniform(0.7, 1.3)) * RATE < n - 64:
            tick = int(at * RATE)
            out[tick : tick + 64] += np.diff(rng.standard_normal(65)) * np.exp(-np.arange(64) / 8)
    else:  # "beeps": a monitor or a lift, a tone switched on and off
        pitch, on, period = rng.uniform(700, 2500), rng.uniform(0.1, 0.3), rng.uniform(0.5, 1.2)
        t = np.arange(n) / RATE
        gate = ((t % period) < on).astype(float)
        out = np.sin(2 * np.pi * pitch * t) * np.convolve(gate, np.ones(80) / 80, "same")
    return out


def noise_alone(kind: str, seconds: float, seed: int) -> Floats:
    """Non-speech sound `seconds` long, peak 1.0 (white/pink/brown noise, mains hum, clatter...)."""
    rng = np.random.default_rng(seed)
    n = round(seconds * RATE)
    if kind in BROADBAND:
        sound = _shaped(rng, n, BROADBAND[kind])
    elif kind == "hum":  # mains hum and its harmonics, a fan's rush under it
        base, t = float(rng.choice([50.0, 60.0])), np.arange(n) / RATE
        sound = np.zeros(n)
        for k in range(1, 7):
            sound += np.sin(2 * np.pi * base * k * t + rng.uniform(0, 2 * np.pi)) / k
        fan = _shaped(rng, n, 1.0)
        sound += 0.05 * fan / np.abs(fan).max()
    else:
        sound = _events(rng, n, kind)
    peak = float(np.abs(sound).max())
    return sound / peak if peak else sound


def noise_alone_clip(number: int, seed: int) -> corpus.Clip:
    """One noise-alone clip: 0.5 s of room tone, 3 s of the sound, 0.5 s of room tone."""
    kind = NOISE_KINDS[number % len(NOISE_KINDS)]
    rng = np.random.default_rng([seed, number])
    level = 32767 * 10 ** (rng.uniform(-27.0, -9.0) / 20)  # peak, dBFS
    sound = noise_alone(kind, 3.0, seed * 1000 + number) * level
    quiet = np.zeros(RATE // 2)
    samples = np.concatenate([quiet, sound, quiet]) + rng.normal(0.0, 20.0, RATE * 4)
    pcm = np.clip(np.round(samples), -32768, 32767).astype(np.int16).tobytes()
    return corpus.Clip(f"noise_alone-{kind}-{number:02d}", "", None, "noise_alone",
                       "noise_alone", kind, 0, pcm, 0.0)  # fmt: skip


# --- background talk, for the hands-free wake test ----------------------------------------------


@dataclass(frozen=True)
class Background:
    babble: bytes  # a waiting room's babble, 6 s pieces at varying levels, quiet between
    speech: bytes  # the part's other-speech sentences, one after another, gaps between

    @property
    def minutes(self) -> tuple[float, float]:
        return len(self.babble) / 2 / RATE / 60, len(self.speech) / 2 / RATE / 60


def background(part: Part, babble_s: float, speech_s: float, rates: Sequence[int]) -> Background:
    """Seeded background talk: babble pieces and other-speech sentences, each concatenated."""
    chooser = random.Random(part.seed * 31)
    talk = array.array("h")
    while len(talk) < babble_s * RATE:  # talk that comes and goes: pieces, quiet between
        piece = corpus.babble(6 * RATE, chooser.randrange(10**6), part.babble_text)
        talk += corpus.normalise_level(piece, chooser.uniform(-30.0, -12.0))
        talk += array.array("h", bytes(2 * round(chooser.uniform(0.5, 3.0) * RATE)))
    said = array.array("h")
    while len(said) < speech_s * RATE:
        voice, rate = chooser.choice(part.voices), chooser.choice(list(rates))
        spoken = corpus.trim(corpus.synthesize(chooser.choice(part.other_speech), voice, rate))
        gap = chooser.uniform(0.3, 1.5)
        said += corpus.pad(corpus.normalise_level(spoken, chooser.uniform(-24.0, -12.0)), 0, gap)
    seed = part.seed * 37
    return Background(
        corpus.room_tone(talk, seed).tobytes(), corpus.room_tone(said, seed + 1).tobytes()
    )
