"""A synthetic test corpus for the recognizer: Flite and eSpeak NG voices saying commands.

Used by the tests and `kiosk bench listen`; never by the kiosk itself. Everything is made in
memory as 16 kHz mono 16-bit PCM; `write_wav` exists for tests of file input and writes only
into the temporary directory it is given. eSpeak voices are far cleaner and more regular than
people, so figures from this corpus flatter a recognizer (see docs/voice.md). Flite's US English
voices (`flite:slt`, `flite:rms`, ...) are built from recordings of real speakers, so they are
closer to what the acoustic model was trained on; a voice name starting `flite:` is spoken by
Flite, any other by eSpeak NG. `+low`/`+high` after a Flite voice shifts its pitch.

Each item carries the true end of speech (seconds from the start of the clip), measured on the
clean synthesis, so latency can be measured from it. Babble noise is several eSpeak voices reading
unrelated sentences at once, mixed at the requested signal-to-noise ratio.

The benchmark splits the corpus in two (`TUNING_VOICES`, `TEST_VOICES` and the sentence lists
of `corpus_text`): a tuning part that parameters may be chosen on, and a test part with other
voices, other near misses, other sentences and other babble that no parameter is ever chosen on.

This module builds the clips; what is said is in `corpus_text`, how it is made into sound in
`corpus_audio`, and both are reachable from here under their own names.
"""

from __future__ import annotations

import array
import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeAlias

from kiosk.bench.corpus_audio import (
    FLITE_BASE_F0,
    FLITE_PITCH_FACTOR,
    babble,
    espeak_available,
    flite_available,
    mix,
    normalise_level,
    pad,
    rms,
    room_tone,
    synthesize,
    trim,
    write_wav,
)
from kiosk.bench.corpus_text import (
    BABBLE_TEXT,
    BABBLE_TEXT_TEST,
    ESPEAK_VOICES,
    FLITE_VOICES,
    NEAR_MISSES,
    NEAR_MISSES_TEST,
    OUT_OF_VOCABULARY,
    OUT_OF_VOCABULARY_TEST,
    PAD_AFTER_S,
    PAD_BEFORE_S,
    RATES,
    SNRS,
    TEST_VOICES,
    TUNING_VOICES,
    VOICES,
)
from kiosk.commands.command import Command
from kiosk.commands.phrases import Phrasebook, normalise
from kiosk.voice.recognition import RATE

__all__ = [
    "BABBLE_TEXT",
    "BABBLE_TEXT_TEST",
    "ESPEAK_VOICES",
    "FLITE_BASE_F0",
    "FLITE_PITCH_FACTOR",
    "FLITE_VOICES",
    "NEAR_MISSES",
    "NEAR_MISSES_TEST",
    "OUT_OF_VOCABULARY",
    "OUT_OF_VOCABULARY_TEST",
    "PAD_AFTER_S",
    "PAD_BEFORE_S",
    "RATE",
    "RATES",
    "SNRS",
    "TEST_VOICES",
    "TUNING_VOICES",
    "VOICES",
    "Clip",
    "Line",
    "NoiseSource",
    "available_voices",
    "babble",
    "babble_clips",
    "babble_source",
    "build",
    "cached_babble",
    "command_sentences",
    "espeak_available",
    "flite_available",
    "mix",
    "normalise_level",
    "pad",
    "rms",
    "room_tone",
    "speak",
    "synthesize",
    "trim",
    "write_wav",
]


@dataclass(frozen=True)
class Clip:
    """One test recording and what the kiosk should make of it."""

    name: str
    text: str  # what was said ("" for noise only)
    expected: Command | None  # None: must not be accepted
    kind: str  # "command", "near_miss", "oov", "noise" (babble), "noise_alone" (no speech)
    condition: str  # "clean", "10db", "5db"; "noise" for babble, "noise_alone" for the rest
    voice: str
    rate: int
    pcm: bytes  # 16 kHz mono s16le
    speech_end_s: float  # true end of speech within the clip; 0 for noise only


def available_voices(voices: Sequence[str] = VOICES) -> list[str]:
    """The voices whose engine is installed (Flite ones are dropped without flite)."""
    return [v for v in voices if not v.startswith("flite:") or flite_available()]


def command_sentences(
    phrasebook: Phrasebook, titles: Sequence[str] = ()
) -> list[tuple[str, Command]]:
    """The shortest sentence for each command and value, the titles, and named variants."""
    chosen: dict[Command, str] = {}
    for phrase in phrasebook.phrases():
        current = chosen.get(phrase.command)
        # Prefer the bare form ("risks", "four") and then the shortest sentence.
        if current is None or len(phrase.text) < len(current):
            chosen[phrase.command] = phrase.text
    sentences = [(text, command) for command, text in chosen.items()]
    for title in titles:
        command = phrasebook.match(title)
        if command is not None and (normalise(title), command) not in sentences:
            sentences.append((normalise(title), command))
    # Required variants the issue names explicitly.
    named = ("number four", "section four", "about this information", "say that again",
             "read all", "main menu", "i'm done", "next sentence", "previous sentence")  # fmt: skip
    for text in named:
        command = phrasebook.match(text)
        if command is not None and (text, command) not in sentences:
            sentences.append((text, command))
    return sorted(sentences, key=lambda pair: pair[0])


@dataclass(frozen=True)
class Line:
    """One sentence for one voice to say: it becomes a clean clip and one per SNR."""

    text: str
    expected: Command | None
    kind: str
    voice: str
    rate: int
    number: int  # numbers the clip's name: "{kind}-{number:03d}-{voice}-{rate}-{condition}"


# Babble to mix under a clip: called with the clip's length in samples.
NoiseSource: TypeAlias = Callable[[int], "array.array[int]"]


def cached_babble(seed: int) -> NoiseSource:
    """`build`'s babble: eight pieces, each as long as the clip that made it plus a second, and
    cut to the clip (a clip longer than its piece has no babble at its very end)."""
    chooser = random.Random(seed)
    cache: list[array.array[int]] = []

    def noise(length: int) -> array.array[int]:
        if len(cache) < 8:
            cache.append(babble(length + RATE, seed + len(cache)))
        return chooser.choice(cache)[:length]

    return noise


def babble_source(
    seed: int, texts: Sequence[str] = BABBLE_TEXT, variants: int = 8, length_s: float = 6.0
) -> NoiseSource:
    """Babble under the whole of every clip: a random stretch of one of `variants` pieces."""
    chooser = random.Random(seed)
    cache: dict[int, array.array[int]] = {}

    def noise(length: int) -> array.array[int]:
        key = chooser.randrange(variants)
        if key not in cache or len(cache[key]) < length:
            cache[key] = babble(max(length, round(length_s * RATE)), seed * 1000 + key, texts)
        start = chooser.randrange(0, len(cache[key]) - length + 1)
        return cache[key][start : start + length]

    return noise


def speak(
    lines: Iterable[Line], noise: NoiseSource, *, snrs: Sequence[int] = SNRS, seed: int = 1
) -> list[Clip]:
    """Each line spoken: clean (with room tone) and over babble at each SNR."""
    clips: list[Clip] = []
    for line in lines:
        speech = normalise_level(trim(synthesize(line.text, line.voice, line.rate)))
        clean = room_tone(pad(speech, PAD_BEFORE_S, PAD_AFTER_S), seed + len(clips))
        end = PAD_BEFORE_S + len(speech) / RATE
        base = f"{line.kind}-{line.number:03d}-{line.voice}-{line.rate}"
        said = (line.text, line.expected, line.kind)
        clips.append(Clip(f"{base}-clean", *said, "clean", line.voice, line.rate,
                          clean.tobytes(), end))  # fmt: skip
        for snr in snrs:
            background = noise(len(clean))
            noisy = room_tone(
                mix(speech, background, snr, int(PAD_BEFORE_S * RATE)), seed + len(clips)
            )
            clips.append(Clip(f"{base}-{snr}db", *said, f"{snr}db", line.voice, line.rate,
                              noisy.tobytes(), end))  # fmt: skip
    return clips


def babble_clips(
    count: int, seed: int, texts: Sequence[str] = BABBLE_TEXT, *, first: int = 0
) -> list[Clip]:
    """Babble alone, 3 s each at -24 dBFS peak: a waiting room's talk, nobody at the kiosk."""
    clips = []
    for number in range(first, first + count):
        noise = babble(3 * RATE, seed + 100 + number, texts)
        quiet = room_tone(normalise_level(noise, -24.0), seed + number)
        clips.append(
            Clip(
                f"noise-{number:02d}", "", None, "noise", "noise", "babble", 0, quiet.tobytes(), 0.0
            )
        )
    return clips


def build(
    phrasebook: Phrasebook,
    *,
    voices: Sequence[str] = VOICES,
    rates: Sequence[int] = RATES,
    snrs: Sequence[int] = SNRS,
    sentences: Iterable[tuple[str, Command]] | None = None,
    rejects: Sequence[tuple[str, str]] | None = None,
    noise_clips: int = 6,
    seed: int = 1,
) -> list[Clip]:
    """The corpus: commands (clean and noisy), near misses, out-of-vocabulary speech, noise."""
    wanted = list(sentences) if sentences is not None else command_sentences(phrasebook)
    if rejects is None:
        rejects = [(t, "near_miss") for t in NEAR_MISSES] + [(t, "oov") for t in OUT_OF_VOCABULARY]
    spoken: list[tuple[str, Command | None, str]] = [(t, c, "command") for t, c in wanted]
    spoken += [(t, None, kind) for t, kind in rejects]
    lines = [
        Line(text, command, kind, voice, rate, index)
        for index, (text, command, kind) in enumerate(spoken)
        for voice in voices
        for rate in rates
    ]
    clips = speak(lines, cached_babble(seed), snrs=snrs, seed=seed)
    return clips + babble_clips(noise_clips, seed)
