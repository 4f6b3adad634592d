"""Builds the kiosk's speaker from its settings."""

from __future__ import annotations

from pathlib import Path

from kiosk.core.speaker import DEFAULT_RATE_WPM, DEFAULT_VOLUME
from kiosk.speech.fakes import NullSpeaker
from kiosk.speech.lexicon import Lexicon, load_lexicon
from kiosk.speech.process_speaker import ProcessSpeaker
from kiosk.speech.service import SpeechService


def make_speaker(
    *,
    voice: str | None = None,
    rate: int = DEFAULT_RATE_WPM,
    volume: float = DEFAULT_VOLUME,
    log_path: Path | None = None,
    lexicon_path: Path | None = None,
    enabled: bool = True,
    engine: str = "auto",
    device: int | str | None = None,
) -> SpeechService:
    """The real speaker (a worker process), or a `NullSpeaker` when speech is turned off.

    Raises `LexiconError` (naming the file and the problem) for a bad lexicon, so a broken
    content release is noticed at start-up rather than heard as mispronunciations.
    """
    if not enabled:
        return NullSpeaker()
    lexicon = load_lexicon(lexicon_path) if lexicon_path is not None else Lexicon()
    return ProcessSpeaker(
        voice=voice,
        rate=rate,
        volume=volume,
        log_path=log_path,
        lexicon=lexicon,
        engine=engine,
        device=device,
    )
