"""What the pipeline needs of a recognizer, whichever it is (Moonshine, or pocketsphinx).

The pipeline cuts the microphone's audio into utterances (endpointer.py) and feeds each one to a
recognizer as it arrives; when the utterance ends the recognizer gives its verdict on it. It
never guesses: a verdict is ACCEPT only when a kiosk phrase was surely said. Which command the
phrase means, the wake phrase, and a phrase's own tail are the pipeline's to decide.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from kiosk.core.voice_events import Decision

RATE = 16000  # every recognizer takes 16 kHz mono signed 16-bit audio


@dataclass(frozen=True)
class Utterance:
    """One utterance as the endpointer cut it, and what is known of the room around it."""

    pcm: bytes  # the whole cut, the pre-roll before the speech included
    speech_until_s: float  # where in `pcm` the last frame of speech ends (quiet after it)
    level_db: float  # its RMS level, dB relative to full scale
    snr_db: float  # how far it stands above the room's noise floor
    speech_floor_db: float  # a frame louder than this is speech, not the room
    room_spread_db: float = 99.0  # how much the room's level moved before it (talk: 4 and up)


@dataclass(frozen=True)
class Verdict:
    text: str  # the kiosk phrase heard ("" when none)
    decision: Decision  # ACCEPT, UNSURE or NOISE
    confidence: float  # 0..1
    ratio: float  # the recognizer's own evidence score (benchmarks and calibration)
    unexplained_s: float = 0.0  # loud audio that the phrase does not account for


class UtteranceRecognizer(Protocol):
    name: str  # "moonshine" or "pocketsphinx": shown by `kiosk doctor`

    def set_sentences(self, sentences: Sequence[str]) -> None:
        """The phrases to listen for (rebuilt when the content's sections change)."""

    def forget_channel(self) -> None:
        """The next audio comes from another microphone, room and speaker (a new recording)."""

    def start(self, room_db: float) -> None:
        """An utterance begins; the room's noise floor (dBFS) just before it is `room_db`."""

    def add(self, pcm: bytes) -> None:
        """More of the utterance, as it arrives."""

    def words_so_far(self, quiet_s: float) -> str:
        """In a pause `quiet_s` long: the words heard so far (normalised phrase words, or "").
        The pipeline waits longer when they are only the start of a phrase ("number ...")."""

    def finish(self, utterance: Utterance) -> Verdict:
        """The utterance ended: the verdict on all of it."""

    def abandon(self) -> None:
        """Drop the utterance in progress, with no verdict."""
