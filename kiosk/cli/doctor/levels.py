"""Loudness of 16-bit PCM: the loudest sample, and it in dB below full scale."""

from __future__ import annotations

import array
import math


def peak_of(pcm: bytes) -> int:
    samples = array.array("h")
    samples.frombytes(pcm[: len(pcm) // 2 * 2])
    return max((abs(s) for s in samples), default=0)


def dbfs(peak: int) -> float:
    return 20 * math.log10(peak / 32768) if peak > 0 else -120.0
