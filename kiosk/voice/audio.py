"""Reading recordings with SpeechRecognition, as 16 kHz mono 16-bit audio for the pipeline."""

from __future__ import annotations

from pathlib import Path

import speech_recognition as sr

RATE = 16000


def read_audio_file(path: Path) -> bytes:
    """A WAV/AIFF/FLAC file as 16 kHz mono s16le (SpeechRecognition's AudioData conversion)."""
    with sr.AudioFile(str(path)) as source:
        audio = sr.Recognizer().record(source)
    raw: bytes = audio.get_raw_data(convert_rate=RATE, convert_width=2)
    return raw


def chunks(pcm: bytes, size: int = 960) -> list[bytes]:
    return [pcm[i : i + size] for i in range(0, len(pcm), size)]
