"""Decide whether recognized speech is a command: accept, unsure, or noise. Pure logic.

A grammar search always returns some phrase of the grammar, so its answer alone says nothing
about whether a command was spoken. The same audio is also decoded by an unconstrained phone
loop (pocketsphinx `allphone`): the best any sequence of English sounds can do. Per frame, a
real command scores close to the phone loop; chatter, near misses ("I want to go home") and
unknown words score far below it, because the grammar must force extra words onto a short
phrase. That log-likelihood ratio per frame, plus duration and loudness gates, gives the
decision and a confidence in [0, 1]. Two more rules: loud audio that the phrase put down to
silence means words were said that it does not contain ("stop that, Tom" as "stop"), and in a
loud room the ratio must be higher. (The grammar's own chatter branch rejects most chatter
before any of this: see recognizer.py.)
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from kiosk.core.voice_events import Decision


@dataclass(frozen=True)
class Evidence:
    """What the recognizer found in one utterance."""

    text: str  # best grammar phrase ("" when the grammar reached no final state)
    grammar_score: float  # natural-log path score of the grammar search
    phone_score: float  # natural-log path score of the phone loop on the same audio
    frames: int  # 10 ms feature frames decoded
    speech_s: float  # length of the utterance the endpointer cut
    level_db: float  # RMS level of the utterance, dB relative to full scale
    snr_db: float = 99.0  # level above the room's noise floor just before it
    unexplained_s: float = 0.0  # loud audio the phrase put down to silence or noise


@dataclass(frozen=True)
class RejectionSettings:
    # Calibrated with `kiosk bench listen` on the synthetic corpus (docs/voice.md).
    threshold: float = -0.0028  # per-frame score ratio at which confidence is 0.5
    # In a loud room (the utterance stands less than `noisy_below_db` above the noise floor)
    # the sound is half the room's: chatter and near misses then score like commands, so a
    # stricter threshold applies. Fewer commands get through there; none are guessed.
    noisy_threshold: float = -0.0022
    noisy_below_db: float = 20.0
    scale: float = 0.0005  # how fast confidence moves around the threshold
    accept_at: float = 0.5
    min_speech_s: float = 0.25  # shorter: a click or a cough
    max_speech_s: float = 5.0  # longer: someone talking, not a command
    min_level_db: float = -55.0  # quieter: far-away chatter
    max_unexplained_s: float = 0.15  # more: words were said that the phrase does not contain


def score_ratio(evidence: Evidence) -> float:
    """Grammar minus phone-loop score per frame (0 is as good as unconstrained phones)."""
    return (evidence.grammar_score - evidence.phone_score) / max(1, evidence.frames)


def decide(
    evidence: Evidence, settings: RejectionSettings = RejectionSettings()
) -> tuple[Decision, float]:
    """The decision and a confidence in [0, 1] that this was the command recognized."""
    if evidence.speech_s < settings.min_speech_s or evidence.level_db < settings.min_level_db:
        return Decision.NOISE, 0.0
    if not evidence.text or evidence.speech_s > settings.max_speech_s:
        return Decision.UNSURE, 0.0
    if evidence.unexplained_s > settings.max_unexplained_s:
        return Decision.UNSURE, 0.0
    ratio = score_ratio(evidence)
    noisy = evidence.snr_db < settings.noisy_below_db
    threshold = settings.noisy_threshold if noisy else settings.threshold
    confidence = 1.0 / (1.0 + math.exp(-(ratio - threshold) / settings.scale))
    decision = Decision.ACCEPT if confidence >= settings.accept_at else Decision.UNSURE
    return decision, round(confidence, 3)
