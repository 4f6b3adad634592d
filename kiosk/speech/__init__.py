"""Speech output: the `Speaker` interface, the worker-process speaker, fakes and the lexicon."""

from kiosk.speech.factory import make_speaker
from kiosk.speech.fakes import NullSpeaker, RecordingSpeaker
from kiosk.speech.lexicon import Lexicon, LexiconError, load_lexicon
from kiosk.speech.process_speaker import ProcessSpeaker
from kiosk.speech.speaker import (
    SentenceStarted,
    Speaker,
    SpeechAvailability,
    SpeechEvent,
    UtteranceFinished,
)

__all__ = [
    "Lexicon",
    "LexiconError",
    "NullSpeaker",
    "ProcessSpeaker",
    "RecordingSpeaker",
    "SentenceStarted",
    "Speaker",
    "SpeechAvailability",
    "SpeechEvent",
    "UtteranceFinished",
    "load_lexicon",
    "make_speaker",
]
