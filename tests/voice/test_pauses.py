"""A slow speaker's pause inside a phrase: one command, obeyed once, never half a phrase."""

from __future__ import annotations

import array

import pytest

from kiosk.bench import corpus
from kiosk.core.voice_events import Decision
from kiosk.voice.pipeline import Pipeline, Result

pytestmark = pytest.mark.skipif(not corpus.flite_available(), reason="needs flite and sox")


def say_with_pause(first: str, second: str, pause_s: float, voice: str) -> bytes:
    def spoken(text: str) -> array.array[int]:
        return corpus.normalise_level(corpus.trim(corpus.synthesize(text, voice, 140)))

    clip = corpus.pad(spoken(first), 0.5, pause_s) + corpus.pad(spoken(second), 0.0, 1.0)
    return corpus.room_tone(clip, seed=5).tobytes()


def heard(pipeline: Pipeline, pcm: bytes) -> list[Result]:
    from kiosk.voice.audio import chunks
    from kiosk.voice.pipeline import decode_stream

    results = decode_stream(pipeline, chunks(pcm, pipeline.frame_bytes))
    return [r for r in results if r.decision is not Decision.NOISE]


@pytest.mark.parametrize("voice", ["flite:slt", "flite:rms"])
def test_number_pause_four_is_one_command(pipeline: Pipeline, voice: str) -> None:
    # 0.35 s is more than twice the quick end window: without waiting for the rest of an
    # unfinished phrase this would be "number" (not understood) and then "four".
    results = heard(pipeline, say_with_pause("number", "four", 0.35, voice))
    assert [(r.decision, str(r.command)) for r in results] == [(Decision.ACCEPT, "select 4")]


def test_a_phrase_cut_early_is_not_obeyed_twice(pipeline: Pipeline) -> None:
    results = heard(pipeline, say_with_pause("section", "two", 0.3, "flite:awb"))
    assert [str(r.command) for r in results if r.decision is Decision.ACCEPT] == ["select 2"]
