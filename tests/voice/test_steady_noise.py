"""The endpointer in a steady room (fans, an extractor, running water): its margins come down
by how little the room's level moves, and in talk they stay where they were. Speech found that
little above the room is judged more strictly."""

from __future__ import annotations

import array

import numpy as np
import pytest

from kiosk.bench import corpus
from kiosk.bench.listen_corpus import noise_alone
from kiosk.core.voice_events import Decision
from kiosk.voice.endpointer import Endpointer
from kiosk.voice.factory import MOONSHINE_ENDPOINTER
from kiosk.voice.levels import level_db, speech_band_level_db
from kiosk.voice.moonshine.judge import JudgeSettings, judge

RATE = corpus.RATE
FRAME = 960  # 30 ms


def frames(samples: np.ndarray) -> list[bytes]:
    pcm = np.clip(np.round(samples), -32768, 32767).astype(np.int16).tobytes()
    return [pcm[i : i + FRAME] for i in range(0, len(pcm) - FRAME + 1, FRAME)]


def steady(kind: str, seconds: float, level: float = 2000.0, seed: int = 5) -> np.ndarray:
    return noise_alone(kind, seconds, seed=seed) * level


def heard(endpointer: Endpointer, pcm: list[bytes]) -> None:
    for frame in pcm:
        endpointer.observe(frame)


@pytest.mark.parametrize("kind", ["white", "pink", "brown"])
def test_in_steady_noise_the_margins_come_down(kind: str) -> None:
    endpointer = Endpointer(hold_margin_db=9.0, steady_margin_db=6.0)
    heard(endpointer, frames(steady(kind, 3.0)))
    assert endpointer.room_spread_db < 3.5
    assert 12.0 - endpointer.lowered_by() <= 6.0 + 2 * 3.5


def tone(hz: float) -> bytes:
    return (
        (3000 * np.sin(2 * np.pi * hz * np.arange(FRAME // 2) / RATE + 0.3))
        .astype(np.int16)
        .tobytes()
    )


def test_the_speech_band_hears_a_voice_and_little_of_a_rumble_or_a_hiss() -> None:
    voice, hum, hiss = tone(1000.0), tone(50.0), tone(5000.0)
    assert abs(speech_band_level_db(voice) - level_db(voice)) < 0.2
    assert speech_band_level_db(hum) < level_db(hum) - 15.0
    assert speech_band_level_db(hiss) < level_db(hiss) - 60.0
    assert speech_band_level_db(bytes(FRAME)) == -120.0


def test_off_unless_asked_for() -> None:
    endpointer = Endpointer(hold_margin_db=9.0)
    heard(endpointer, frames(steady("white", 2.0)))
    assert endpointer.lowered_by() == 0.0


def test_a_room_whose_level_moves_keeps_its_margins() -> None:
    # Talk comes and goes: frame levels spread over 20 dB, as babble's do.
    rng = np.random.default_rng(3)
    gains = np.repeat(10 ** (rng.uniform(-20, 0, 100) / 20), FRAME // 2)
    endpointer = Endpointer(hold_margin_db=9.0, steady_margin_db=6.0)
    heard(endpointer, frames(rng.standard_normal(len(gains)) * gains * 4000))
    assert endpointer.room_spread_db > 3.0 and endpointer.lowered_by() == 0.0


def spans_found(endpointer: Endpointer, samples: np.ndarray) -> list[tuple[float, float]]:
    spans, start = [], 0.0
    for frame in frames(samples):
        was = endpointer.in_speech
        endpointer.process(frame)
        if endpointer.in_speech and not was:
            start = endpointer.speech_start
        if was and not endpointer.in_speech:
            spans.append((start, endpointer.speech_end))
    return spans


@pytest.mark.skipif(not corpus.espeak_available(), reason="needs espeak-ng and sox")
def test_a_command_at_5_db_over_white_noise_is_found_whole() -> None:
    speech = corpus.normalise_level(corpus.trim(corpus.synthesize("main menu", "en-us", 160)))
    clip = corpus.pad(speech, 1.0, 1.0)
    noise = array.array("h", (np.round(steady("white", len(clip) / RATE))).astype(np.int16))
    mixed = np.array(corpus.mix(clip, noise, 5, 0, active=speech), dtype=np.float64)
    # no frame stands 12 dB over the noise: never heard
    assert spans_found(Endpointer(hold_margin_db=9.0), mixed) == []
    endpointer = Endpointer(hold_margin_db=9.0, steady_margin_db=6.0)
    [(start, end)] = spans_found(endpointer, mixed)
    # What the recognizer is told: the margin the utterance started on (a steady room's).
    assert endpointer.margin_at_start < 12.0 - 3.0
    assert 0.8 < start < 1.2 and end > 1.0 + 0.6 * len(speech) / RATE


@pytest.mark.skipif(not corpus.espeak_available(), reason="needs espeak-ng and sox")
def test_over_brown_noise_a_command_is_found_in_the_speech_band() -> None:
    """Brown noise's rumble lies mostly under the band that carries speech: measured there,
    "main menu" at 5 dB stands over the room where, over all frequencies, it did not."""
    speech = corpus.normalise_level(corpus.trim(corpus.synthesize("main menu", "en-us", 160)))
    clip = corpus.pad(speech, 1.0, 1.0)
    noise = array.array("h", (np.round(steady("brown", len(clip) / RATE, seed=6))).astype(np.int16))
    mixed = np.array(corpus.mix(clip, noise, 5, 0, active=speech), dtype=np.float64)
    assert spans_found(MOONSHINE_ENDPOINTER(speech_level=None), mixed) == []  # the check can fail
    [(start, end)] = spans_found(MOONSHINE_ENDPOINTER(), mixed)
    assert 0.8 < start < 1.0 and end > 1.0 + 0.9 * len(speech) / RATE


def test_speech_barely_above_the_room_needs_a_likelier_phrase() -> None:
    settings = JudgeSettings()
    doubtful = (settings.faint_min_phrase_logp + settings.noisy_min_phrase_logp) / 2
    loud, faint = settings.faint_below_db + 2, settings.faint_below_db - 4
    assert judge("Yes.", doubtful, "yes", doubtful, loud).decision is Decision.ACCEPT
    assert judge("Yes.", doubtful, "yes", doubtful, faint).decision is Decision.UNSURE
    sure = settings.faint_min_phrase_logp + 1
    assert judge("Yes.", sure, "yes", sure, faint).decision is Decision.ACCEPT


def test_in_a_loud_steady_room_the_phrase_must_be_surer_whatever_its_level() -> None:
    """Decoded with silence after it, a command in steady noise comes out sure of itself; the
    loud and faint floors give way to one stricter floor there."""
    settings = JudgeSettings()
    steady = settings.steady_min_phrase_logp
    assert steady > max(settings.noisy_min_phrase_logp, settings.faint_min_phrase_logp)
    for snr in (settings.faint_below_db - 4, settings.faint_below_db + 2):
        doubtful, sure = steady - 0.3, steady + 0.3
        assert judge("Back.", doubtful, "back", doubtful, snr).decision is Decision.ACCEPT
        steady_judged = judge("Back.", doubtful, "back", doubtful, snr, steady_noise=True)
        assert steady_judged.decision is Decision.UNSURE
        assert judge("Back.", sure, "back", sure, snr, steady_noise=True).phrase == "back"
    # A quiet room's floor is its own, steady or not.
    quiet = settings.noisy_below_db + 5
    assert judge("Back.", -5.0, "back", -5.0, quiet, steady_noise=True).phrase == "back"


def test_in_a_loud_steady_room_a_transcript_with_no_words_takes_no_phrase() -> None:
    settings = JudgeSettings()
    sure = settings.steady_min_phrase_logp + 1
    snr = settings.faint_below_db - 2
    assert judge("", sure + 0.5, "three", sure, snr).decision is Decision.ACCEPT
    assert judge("", sure + 0.5, "three", sure, snr, steady_noise=True).decision is Decision.NOISE
    assert judge("Three.", sure, "three", sure, snr, steady_noise=True).phrase == "three"
