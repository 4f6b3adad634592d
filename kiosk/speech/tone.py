"""The listening tone: a short, soft two-note beep, so a patient knows to speak now.

Made here rather than synthesized, so it sounds the same with every voice.
"""

from __future__ import annotations

import array
import math

TONE_SECONDS = 0.18
NOTES_HZ = (660.0, 880.0)  # rising: "your turn"
AMPLITUDE = 0.35  # of full scale, before the kiosk's volume


def tone_pcm(sample_rate: int) -> bytes:
    """16-bit mono PCM: two rising notes with 5 ms fades (no clicks)."""
    per_note = int(sample_rate * TONE_SECONDS / len(NOTES_HZ))
    fade = max(1, int(sample_rate * 0.005))
    samples = array.array("h")
    for frequency in NOTES_HZ:
        for i in range(per_note):
            envelope = min(1.0, i / fade, (per_note - 1 - i) / fade)
            value = AMPLITUDE * envelope * math.sin(2 * math.pi * frequency * i / sample_rate)
            samples.append(int(32767 * value))
    return samples.tobytes()
