"""The corpus's sound: Flite and eSpeak NG speech as 16 kHz mono samples, and what is done to
it (trimmed, levelled, padded, mixed over babble, a faint room tone added).

Everything is made in memory; `write_wav` exists for tests of file input and writes only into
the temporary directory it is given.
"""

from __future__ import annotations

import array
import math
import random
import shutil
import subprocess
import tempfile
import wave
from collections.abc import Sequence
from pathlib import Path

from kiosk.bench.corpus_text import BABBLE_TEXT
from kiosk.voice.recognition import RATE

# Pitch shifts for Flite voices: mean F0 scaled from each voice's usual one (Hz).
FLITE_BASE_F0 = {"slt": 170.0, "rms": 100.0, "awb": 110.0, "kal16": 100.0, "kal": 100.0}
FLITE_PITCH_FACTOR = {"low": 0.8, "high": 1.25}


def espeak_available() -> bool:
    return shutil.which("espeak-ng") is not None and shutil.which("sox") is not None


def flite_available() -> bool:
    return shutil.which("flite") is not None and shutil.which("sox") is not None


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
    speech: array.array[int],
    noise: array.array[int],
    snr_db: float,
    offset: int,
    *,
    active: Sequence[int] | None = None,
) -> array.array[int]:
    """Add `noise` under `speech` (speech starting at `offset`) at `snr_db`, clipping safely.

    The SNR is the RMS of the speech's active part against the noise's: `speech` itself when it
    is trimmed speech (the corpus), else `active` (a recording with silence around its words:
    `trim` of it). Speech of zeros with `active` given is the same noise alone."""
    speech_level = rms(speech if active is None else active)
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


def write_wav(path: Path, pcm: bytes, rate: int = RATE) -> None:
    """Write a test clip (synthetic speech only) as a 16-bit mono WAV file."""
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(pcm)
