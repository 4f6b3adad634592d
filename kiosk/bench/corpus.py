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
below): a tuning part that parameters may be chosen on, and a test part with other voices, other
near misses, other sentences and other babble that no parameter is ever chosen on.
"""

from __future__ import annotations

import array
import math
import random
import shutil
import subprocess
import tempfile
import wave
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeAlias

from kiosk.commands.command import Command
from kiosk.commands.phrases import Phrasebook, normalise

RATE = 16000
# Flite voices from recorded human speech (US English) plus formant eSpeak voices.
FLITE_VOICES = ("flite:slt", "flite:rms", "flite:awb", "flite:kal16", "flite:slt+low",
                "flite:rms+high")  # fmt: skip
ESPEAK_VOICES = ("en-us", "en+f3", "en-gb-x-rp")
VOICES = FLITE_VOICES + ESPEAK_VOICES
# The benchmark's default: six voices, four Flite speakers (human recordings) and two eSpeak.
BENCH_VOICES = ("flite:slt", "flite:rms", "flite:awb", "flite:kal16", "en-us", "en+f3")
# The benchmark's two parts: the voices parameters may be chosen on, and the voices of the test,
# never used to choose anything (`flite:slt+low` is slt's speaker at a lower pitch).
TUNING_VOICES = ("flite:slt", "flite:rms", "en-us")
TEST_VOICES = ("flite:awb", "flite:kal16", "en+f3", "flite:slt+low", "en-gb-x-rp")
# Pitch shifts for Flite voices: mean F0 scaled from each voice's usual one (Hz).
FLITE_BASE_F0 = {"slt": 170.0, "rms": 100.0, "awb": 110.0, "kal16": 100.0, "kal": 100.0}
FLITE_PITCH_FACTOR = {"low": 0.8, "high": 1.25}
RATES = (130, 160, 190)  # words per minute: slow (older listeners), default-ish, brisk
SNRS = (10, 5)
PAD_BEFORE_S = 0.4
PAD_AFTER_S = 1.0

# Sentences a waiting room might hear that are NOT commands. Near misses contain command words.
NEAR_MISSES = (
    "I want to go home",
    "next patient please",
    "stop that Tom",
    "can you help me find the toilet",
    "go back to sleep",
    "is this the next one",
    "I need more coffee",
    "read the paper later",
    "no I never said that",
    "yes I think so too",
    "where is the pharmacy",
    "turn the volume on the television down",
    "say hello to your mother",
    "the risks of driving at night",
    "she is in room number four",
    "my back hurts when I sit",
)
OUT_OF_VOCABULARY = (
    "what time is the bus",
    "hello there",
    "good morning doctor",
    "the weather is lovely today",
    "did you see the match last night",
    "my appointment is at half past ten",
    "could I have a glass of water",
    "where did I put my glasses",
    "the car park is full again",
    "thank you very much nurse",
    "excuse me",
    "mister Johnson to room three",
)
# The test part's own sentences: in no other list, test or document of the kiosk.
NEAR_MISSES_TEST = (
    "the next bus is at four",
    "can you help me stand up",
    "stop the car here",
    "I will be back in five minutes",
    "open the window a little",
    "is there more tea in the pot",
    "my son will take me home later",
    "please read me the letter from the bank",
    "yes but only after lunch",
    "no sugar in mine thanks",
    "pause the film for a minute",
    "the risks seem small to me",
    "she walked up the stairs slowly",
    "we have three options for dinner",
    "section two of the form is missing",
    "say that louder so grandad can hear",
)
OUT_OF_VOCABULARY_TEST = (
    "the parking meter only takes coins",
    "my grandson starts university in October",
    "have you seen my umbrella anywhere",
    "the sandwiches here are rather dry",
    "I am waiting for my husband",
    "the receptionist was very kind",
    "it rained all the way from Leeds",
    "which bus goes to the station",
    "my knee has been sore since Tuesday",
    "the doctor is running late today",
    "shall we get a cup of tea",
    "I forgot to bring my letter",
)
BABBLE_TEXT = (
    "The cafeteria on the ground floor is open until seven in the evening today.",
    "I told my daughter that the appointment would probably run late again.",
    "Could the family of Margaret Evans please come to the reception desk.",
    "We drove for almost an hour because the motorway was closed near the bridge.",
    "He said the new tablets made him feel dizzy in the mornings.",
    "There was a lovely programme about gardens on the radio yesterday.",
)
BABBLE_TEXT_TEST = (
    "The porter brought a wheelchair round to the front entrance just after lunch.",
    "My neighbour has been feeding the cat while I stay with my sister.",
    "They moved the blood test clinic to the other side of the building last spring.",
    "I usually take the early train but it was cancelled again this morning.",
    "Her grandson plays football every Saturday in the park near the river.",
    "We should ask at the desk whether the parking ticket can be stamped.",
)


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


def espeak_available() -> bool:
    return shutil.which("espeak-ng") is not None and shutil.which("sox") is not None


def flite_available() -> bool:
    return shutil.which("flite") is not None and shutil.which("sox") is not None


def available_voices(voices: Sequence[str] = VOICES) -> list[str]:
    """The voices whose engine is installed (Flite ones are dropped without flite)."""
    return [v for v in voices if not v.startswith("flite:") or flite_available()]


def _flite(text: str, voice: str, rate: int) -> bytes:
    """Flite WAV bytes; `rate` in words per minute maps to a duration stretch (160 is 1.0)."""
    name, _, shift = voice.removeprefix("flite:").partition("+")
    command = ["flite", "-voice", name, "--setf", f"duration_stretch={160 / rate:.3f}"]
    if shift:
        f0 = FLITE_BASE_F0.get(name, 120.0) * FLITE_PITCH_FACTOR[shift]
        command += ["--setf", f"int_f0_target_mean={f0:.0f}"]
    with tempfile.TemporaryDirectory() as directory:
        out = Path(directory) / "speech.wav"
        subprocess.run([*command, "-t", text, "-o", str(out)], capture_output=True, check=True)
        return out.read_bytes()


def synthesize(text: str, voice: str, rate: int) -> array.array[int]:
    """Speak `text` with Flite (`flite:` voices) or eSpeak NG; 16 kHz mono samples (sox)."""
    if voice.startswith("flite:"):
        spoken = _flite(text, voice, rate)
    else:
        spoken = subprocess.run(
            ["espeak-ng", "-v", voice, "-s", str(rate), "--stdout", text],
            capture_output=True,
            check=True,
        ).stdout
    raw = subprocess.run(
        [
            "sox",
            "-q",
            "-D",  # no dither: the same text and voice give the same samples every run
            "-t",
            "wav",
            "-",
            "-t",
            "raw",
            "-r",
            str(RATE),
            "-c",
            "1",
            "-b",
            "16",
            "-e",
            "signed-integer",
            "-",
        ],
        input=spoken,
        capture_output=True,
        check=True,
    ).stdout
    samples = array.array("h")
    samples.frombytes(raw[: len(raw) // 2 * 2])
    return samples


def trim(samples: array.array[int], threshold_db: float = -35.0) -> array.array[int]:
    """Cut leading and trailing near-silence (eSpeak pads its output)."""
    peak = max((abs(s) for s in samples), default=0)
    if peak == 0:
        return array.array("h")
    level = peak * 10 ** (threshold_db / 20)
    window = RATE // 100
    frames = [
        max(abs(s) for s in samples[i : i + window]) >= level
        for i in range(0, len(samples), window)
    ]
    first = frames.index(True)
    last = len(frames) - 1 - frames[::-1].index(True)
    return samples[first * window : (last + 1) * window]


def rms(samples: Sequence[int]) -> float:
    return math.sqrt(sum(s * s for s in samples) / len(samples)) if samples else 0.0


def mix(
    speech: array.array[int], noise: array.array[int], snr_db: float, offset: int
) -> array.array[int]:
    """Add `noise` under `speech` (speech starting at `offset`) at `snr_db`, clipping safely."""
    speech_level = rms(speech)
    noise_level = rms(noise)
    gain = speech_level / (noise_level * 10 ** (snr_db / 20)) if noise_level else 0.0
    total = max(len(noise), offset + len(speech))
    out = [0.0] * total
    for i, s in enumerate(noise):
        out[i] = s * gain
    for i, s in enumerate(speech):
        out[offset + i] += s
    return array.array("h", (max(-32768, min(32767, int(v))) for v in out))


def pad(samples: array.array[int], before_s: float, after_s: float) -> array.array[int]:
    silence_before = array.array("h", bytes(2 * int(before_s * RATE)))
    silence_after = array.array("h", bytes(2 * int(after_s * RATE)))
    return silence_before + samples + silence_after


def normalise_level(samples: array.array[int], peak_dbfs: float = -12.0) -> array.array[int]:
    """Scale to a microphone-like level (eSpeak writes near full scale)."""
    peak = max((abs(s) for s in samples), default=0)
    if peak == 0:
        return samples
    gain = 32767 * 10 ** (peak_dbfs / 20) / peak
    return array.array("h", (int(s * gain) for s in samples))


def room_tone(samples: array.array[int], seed: int, level: float = 20.0) -> array.array[int]:
    """Add a faint noise floor (about -64 dBFS): no real microphone gives exact zeros."""
    chooser = random.Random(seed)
    return array.array(
        "h", (max(-32768, min(32767, s + int(chooser.gauss(0.0, level)))) for s in samples)
    )


def babble(length: int, seed: int, texts: Sequence[str] = BABBLE_TEXT) -> array.array[int]:
    """Several voices talking at once, `length` samples long."""
    chooser = random.Random(seed)
    voices = ["en", "en+f3", "en-us+m3", "en+f4"]
    total = [0] * length
    for voice in voices:
        text = " ".join(chooser.sample(texts, 2))
        talker = trim(synthesize(text, voice, chooser.choice((150, 170, 190))))
        start = chooser.randrange(0, max(1, len(talker) - length)) if len(talker) > length else 0
        piece = talker[start : start + length]
        level = chooser.uniform(0.6, 1.0)
        for i, s in enumerate(piece):
            total[i] += int(s * level)
    return array.array("h", (max(-32768, min(32767, v)) for v in total))


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


def write_wav(path: Path, pcm: bytes, rate: int = RATE) -> None:
    """Write a test clip (synthetic speech only) as a 16-bit mono WAV file."""
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(pcm)
