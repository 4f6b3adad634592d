"""The speaker as the app holds it: the core's `Speaker`, which also takes new pronunciations
when the content is edited (the core never needs to: pronunciations are the speech's own)."""

from __future__ import annotations

from typing import Protocol

from kiosk.core.speaker import Speaker
from kiosk.speech.lexicon import Lexicon


class SpeechService(Speaker, Protocol):
    def set_lexicon(self, lexicon: Lexicon) -> None:
        """New pronunciations; they apply from the next sentence on."""
