"""Reading recordings as 16 kHz mono 16-bit audio for the pipeline.

SpeechRecognition's `AudioFile` reads plain PCM WAV, AIFF and FLAC. Recordings made with
ordinary tools are often something else: 24-bit or multichannel WAV (WAVE_FORMAT_EXTENSIBLE),
32-bit float, mu-law, Ogg Vorbis or Opus, MP3. Those are decoded by sox, which the setup
installs anyway; it reads the file and writes raw samples to a pipe, never to disk.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import speech_recognition as sr

from kiosk.voice.recognition import RATE

SOX_TIMEOUT_S = 60


class UnreadableAudio(ValueError):
    """A recording neither SpeechRecognition nor sox can decode; the message says why."""


def read_audio_file(path: Path) -> bytes:
    """Any recording SpeechRecognition or sox can read, as 16 kHz mono s16le.

    Raises OSError when the file cannot be opened and UnreadableAudio when it is not audio
    either can decode."""
    with open(path, "rb"):  # a missing or unreadable file is an OSError, named as such
        pass
    try:
        with sr.AudioFile(str(path)) as source:
            audio = sr.Recognizer().record(source)
    except ValueError as error:
        return _decode_with_sox(path, str(error))
    raw: bytes = audio.get_raw_data(convert_rate=RATE, convert_width=2)
    return raw


def _decode_with_sox(path: Path, why_not_speech_recognition: str) -> bytes:
    sox = shutil.which("sox")
    if sox is None:
        raise UnreadableAudio(f"{why_not_speech_recognition} (install sox to read other formats)")
    command = [sox, "-V1", "-q", str(path), "-t", "raw", "-e", "signed-integer", "-b", "16",
               "-c", "1", "-r", str(RATE), "-"]  # fmt: skip
    try:
        done = subprocess.run(command, capture_output=True, timeout=SOX_TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired:
        raise UnreadableAudio(f"sox took over {SOX_TIMEOUT_S} s to decode it") from None
    if done.returncode != 0:
        said = done.stderr.decode(errors="replace").strip().splitlines() or ["no reason given"]
        reason = said[-1].partition("FAIL ")[2] or said[-1]  # without sox's path and "FAIL"
        raise UnreadableAudio(f"not a recording this machine can decode ({reason})")
    return done.stdout[: len(done.stdout) // 2 * 2]


def chunks(pcm: bytes, size: int = 960) -> list[bytes]:
    return [pcm[i : i + size] for i in range(0, len(pcm), size)]
