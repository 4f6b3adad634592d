"""Text to PCM in memory, one short piece at a time (runs inside the speech worker only).

Two engines behind one small interface:
- `EspeakSynth`: eSpeak NG's library through the ctypes binding pyttsx3 ships, in synchronous
  retrieval mode, so a sentence becomes samples in a few milliseconds and never touches a file.
- `Pyttsx3FileSynth`: the fallback for platforms without eSpeak NG (Windows SAPI5, macOS
  NSSpeech): pyttsx3 `save_to_file` into a private 0700 directory, read back, deleted at once.

Audio libraries are imported inside the constructors: the worker redirects fds 1 and 2 first.
"""

from __future__ import annotations

import array
import ctypes
import re
import shutil
import tempfile
import wave
from pathlib import Path
from typing import Any, Protocol

# eSpeak synthesizes ~1000x real time, so a 30-word piece costs ~10 ms: short enough that the
# first audio of any text, however long its first sentence, comes quickly.
MAX_PIECE_WORDS = 30
_CLAUSE_END = re.compile(r"[,;:\u2013\u2014]$")


class Synthesizer(Protocol):
    sample_rate: int

    def synthesize(self, text: str, *, final: bool) -> bytes:
        """16-bit mono PCM at `sample_rate`; `final` adds the end-of-sentence pause."""

    def set_rate(self, words_per_minute: int) -> None: ...

    def set_voice(self, voice: str | None) -> None: ...

    def close(self) -> None: ...


def split_for_synthesis(sentence: str, max_words: int = MAX_PIECE_WORDS) -> list[str]:
    """Cut a long sentence into pieces of at most `max_words`, after a comma where possible."""
    words = sentence.split()
    if len(words) <= max_words:
        return [" ".join(words)] if words else []
    pieces: list[str] = []
    start = 0
    while start < len(words):
        end = min(start + max_words, len(words))
        if end < len(words):
            # Prefer the last clause boundary in the second half of the window.
            for cut in range(end, start + max_words // 2, -1):
                if _CLAUSE_END.search(words[cut - 1]):
                    end = cut
                    break
        pieces.append(" ".join(words[start:end]))
        start = end
    return pieces


class EspeakSynth:
    """eSpeak NG via `pyttsx3.drivers._espeak` (raises RuntimeError if the library is absent)."""

    def __init__(self, voice: str | None, rate: int) -> None:
        from pyttsx3.drivers import _espeak

        self._espeak: Any = _espeak
        # Synchronous mode: Synth() returns only after every sample went through the callback.
        sample_rate = _espeak.Initialize(_espeak.AUDIO_OUTPUT_SYNCHRONOUS, 100, None, 0)
        if sample_rate <= 0:
            raise RuntimeError("eSpeak NG could not initialise (no voice data?)")
        self.sample_rate = int(sample_rate)
        self._pieces: list[bytes] = []
        _espeak.SetSynthCallback(self._on_synth)  # the module keeps the ctypes callback alive
        self.set_voice(voice)
        self.set_rate(rate)

    def _on_synth(self, wav: Any, numsamples: int, events: Any) -> int:
        if numsamples > 0:
            self._pieces.append(ctypes.string_at(wav, numsamples * 2))
        return 0

    def synthesize(self, text: str, *, final: bool) -> bytes:
        flags = self._espeak.CHARS_UTF8 | (self._espeak.ENDPAUSE if final else 0)
        self._pieces = []
        self._espeak.Synth(text.encode("utf-8"), flags=flags)
        pcm = b"".join(self._pieces)
        self._pieces = []
        return pcm

    def set_rate(self, words_per_minute: int) -> None:
        self._espeak.SetParameter(self._espeak.RATE, int(words_per_minute), 0)

    def set_voice(self, voice: str | None) -> None:
        # pyttsx3's voice ids on this driver are eSpeak identifiers ("gmw/en-us") or names.
        # None means US English, the voice the pronunciation lexicon was checked with.
        result = self._espeak.SetVoiceByName((voice or "en-us").encode("utf-8"))
        if result != 0:
            raise ValueError(f"eSpeak NG has no voice {voice!r} (error {result})")

    def close(self) -> None:
        pass  # pyttsx3's SetSynthCallback(None) raises; the process is ending anyway


class Pyttsx3FileSynth:
    """Any pyttsx3 driver, through `save_to_file` into a private directory (fallback path)."""

    def __init__(self, voice: str | None, rate: int) -> None:
        import pyttsx3

        self._engine: Any = pyttsx3.init()
        self._dir = Path(tempfile.mkdtemp(prefix="kiosk-speech-"))  # mode 0700
        self.sample_rate = 0
        self.set_voice(voice)
        self.set_rate(rate)
        self.synthesize("ready.", final=True)  # learns the driver's sample rate

    def synthesize(self, text: str, *, final: bool) -> bytes:
        path = self._dir / "piece.wav"
        try:
            self._engine.save_to_file(text, str(path))
            self._engine.runAndWait()
            rate, pcm = _read_wav(path)
        finally:
            path.unlink(missing_ok=True)
        if self.sample_rate == 0:
            self.sample_rate = rate
        elif rate != self.sample_rate:
            raise RuntimeError(f"engine changed sample rate from {self.sample_rate} to {rate}")
        return pcm

    def set_rate(self, words_per_minute: int) -> None:
        self._engine.setProperty("rate", int(words_per_minute))

    def set_voice(self, voice: str | None) -> None:
        if voice is not None:
            self._engine.setProperty("voice", voice)

    def close(self) -> None:
        shutil.rmtree(self._dir, ignore_errors=True)

    @property
    def directory(self) -> Path:
        return self._dir


def _read_wav(path: Path) -> tuple[int, bytes]:
    with wave.open(str(path), "rb") as wav:
        if wav.getsampwidth() != 2:
            raise RuntimeError(f"engine wrote {8 * wav.getsampwidth()}-bit audio, not 16-bit")
        channels, rate = wav.getnchannels(), wav.getframerate()
        pcm = wav.readframes(wav.getnframes())
    if channels > 1:  # keep the first channel
        samples = array.array("h")
        samples.frombytes(pcm)
        pcm = samples[::channels].tobytes()
    return rate, pcm


def make_synthesizer(engine: str, voice: str | None, rate: int) -> Synthesizer:
    """`engine`: "espeak", "pyttsx3" (file fallback) or "auto" (eSpeak NG if present)."""
    if engine in ("auto", "espeak"):
        try:
            return EspeakSynth(voice, rate)
        except (RuntimeError, OSError, AttributeError):
            if engine == "espeak":
                raise
    return Pyttsx3FileSynth(voice, rate)
