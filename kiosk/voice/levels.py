"""How loud audio is: over all frequencies, and in the band that carries speech."""

from __future__ import annotations

import array
import math

import numpy as np

from kiosk.voice.recognition import RATE


def level_db(pcm: bytes) -> float:
    """RMS level of some audio in dB relative to full scale (-120 for digital silence)."""
    samples = array.array("h")
    samples.frombytes(pcm[: len(pcm) // 2 * 2])
    if not samples:
        return -120.0
    # The mean is taken out: a cheap microphone's DC offset is not sound.
    mean = sum(samples) / len(samples)
    power = sum(s * s for s in samples) / len(samples) - mean * mean
    return 10 * math.log10(power / 32768**2) if power > 1e-9 else -120.0


# A room's steady noise lies mostly outside the band that carries speech: an extractor's or a
# fan's rumble under it, water's and air's hiss over it. Levels measured in this band put
# people's commands higher over brown and pink noise: at 5 dB, 18 to 25 of 39 were found and
# heard (docs/voice.md, "People's commands in steady noise").
SPEECH_BAND_HZ = (100.0, 4000.0)


def speech_band_level_db(pcm: bytes) -> float:
    """RMS level of the audio's speech band (`SPEECH_BAND_HZ`), dB relative to full scale.

    Measured through a Hann window, so that a loud rumble below the band does not leak into
    it; -120 for digital silence, as `level_db`."""
    samples = np.frombuffer(pcm[: len(pcm) // 2 * 2], np.int16).astype(np.float64)
    if len(samples) < 2:
        return -120.0
    window = np.hanning(len(samples))
    spectrum = np.abs(np.fft.rfft((samples - samples.mean()) * window)) ** 2
    freqs = np.fft.rfftfreq(len(samples), 1 / RATE)
    low, high = SPEECH_BAND_HZ
    # Parseval's theorem for a one-sided spectrum, scaled by the window's energy.
    power = 2 * float(spectrum[(freqs >= low) & (freqs <= high)].sum())
    power /= len(samples) * float((window**2).sum())
    return 10 * math.log10(power / 32768**2) if power > 1e-9 else -120.0
