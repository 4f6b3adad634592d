"""Pocketsphinx as Moonshine's referee, with both real recognizers (referee.py, moonshine/).

Flite's voices say these commands so that Moonshine writes another word ("Paid down", "Garden")
a few nats likelier than the command; pocketsphinx, asked then, finds that the command fits
the sound better, and the kiosk acts instead of asking again.
"""

from __future__ import annotations

import pytest

from kiosk.bench import corpus
from kiosk.core.voice_events import Decision
from kiosk.voice.pipeline import Pipeline, decode_recording
from tests.support.paths import CONTENT
from tests.voice.conftest import needs_audio_tools

pytestmark = [
    needs_audio_tools(),
    pytest.mark.skipif(not corpus.flite_available(), reason="needs flite"),
]
SAID = [("page down", "flite:slt", 190), ("pardon", "flite:rms", 190)]


def heard(pipeline: Pipeline, text: str, voice: str, rate: int) -> list[tuple[Decision, str]]:
    line = corpus.Line(text, None, "command", voice, rate, 0)
    [clip] = corpus.speak([line], lambda length: None, snrs=())  # clean, with room tone
    results = decode_recording(pipeline, clip.pcm, new_channel=True)
    return [(result.decision, result.text) for result in results]


@pytest.mark.parametrize(("text", "voice", "rate"), SAID)
def test_a_command_moonshine_alone_is_unsure_of_is_heard_with_the_referee(
    pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch, text: str, voice: str, rate: int
) -> None:
    assert pipeline.recognizer.name == "moonshine"
    assert heard(pipeline, text, voice, rate) == [(Decision.ACCEPT, text)]
    monkeypatch.setattr(pipeline.recognizer, "referee", None)
    assert heard(pipeline, text, voice, rate) == [(Decision.UNSURE, "")]


def test_the_referee_weighs_the_phrase_against_moonshines_words() -> None:
    from kiosk.voice.factory import dictionaries
    from kiosk.voice.referee import Referee

    referee = Referee(dictionaries(CONTENT))
    line = corpus.Line("page down", None, "command", "flite:slt", 190, 0)
    [clip] = corpus.speak([line], lambda length: None, snrs=())
    assert referee.prefers(clip.pcm, "page down", "Paid down,")
    assert not referee.prefers(clip.pcm, "paid down", "Page down.")
    # A word it cannot pronounce gives no opinion, and no opinion is not agreement.
    assert not referee.prefers(clip.pcm, "page down", "Pagedownz")
