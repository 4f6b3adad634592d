"""The endpointer on real synthesized speech: quiet room, background talk, limits."""

from __future__ import annotations

import array

import pytest

from kiosk.bench import corpus
from kiosk.voice.endpointer import FRAME_S, Endpointer
from kiosk.voice.factory import MOONSHINE_ENDPOINTER, MOONSHINE_TALKER_DROP_DB
from tests.voice.conftest import needs_audio_tools

pytestmark = needs_audio_tools()
RATE = corpus.RATE


def utterances(endpointer: Endpointer, pcm: bytes) -> list[tuple[float, float, float]]:
    """(start, end of speech, when it was decided) for each utterance, in stream seconds."""
    found = []
    size = endpointer.frame_bytes
    for index, offset in enumerate(range(0, len(pcm) // size * size, size)):
        was_in_speech = endpointer.in_speech
        handed_on = endpointer.process(pcm[offset : offset + size])
        if endpointer.in_speech or was_in_speech:
            assert handed_on is not None  # frames go to the decoder at once, never a window late
        if was_in_speech and not endpointer.in_speech:
            found.append((endpointer.speech_start, endpointer.speech_end, (index + 1) * FRAME_S))
    return found


@pytest.fixture(scope="module")
def command() -> array.array[int]:
    return corpus.normalise_level(corpus.trim(corpus.synthesize("main menu", "en-us", 160)))


def test_quiet_room_one_utterance_ending_soon_after_the_speech(
    command: array.array[int],
) -> None:
    clip = corpus.room_tone(corpus.pad(command, 1.0, 1.5), seed=1)
    true_start, true_end = 1.0, 1.0 + len(command) / RATE
    [(start, end, decided)] = utterances(Endpointer(), clip.tobytes())
    assert true_start - 0.25 <= start <= true_start + 0.05
    assert true_end - 0.1 <= end <= true_end + 0.1
    assert decided - true_end <= 0.3


def test_background_talk_does_not_hold_an_utterance_open(command: array.array[int]) -> None:
    talk = corpus.babble(5 * RATE, seed=3)
    clip = corpus.room_tone(corpus.mix(command, talk, 10, 3 * RATE), seed=2)
    true_start, true_end = 3.0, 3.0 + len(command) / RATE
    found = utterances(Endpointer(), clip.tobytes())
    covering = [u for u in found if u[0] <= true_end and u[1] >= true_start]
    assert covering, found
    # Without the noise floor the talk counts as speech and the utterance runs to the end.
    assert covering[0][2] - true_end <= 0.5


def moonshine_endpointer(talker_drop_db: float | None = MOONSHINE_TALKER_DROP_DB) -> Endpointer:
    return MOONSHINE_ENDPOINTER(talker_drop_db=talker_drop_db)


def test_talk_behind_the_speaker_does_not_hold_their_utterance_open(
    command: array.array[int],
) -> None:
    """Moonshine's lower hold margin let the room's talk hold an utterance open after the
    speaker stopped; what is far under their own voice no longer does."""
    true_end = 3.0 + len(command) / RATE
    held: list[float] = []
    ended: list[float] = []
    for seed in range(1, 7):
        talk = corpus.babble(5 * RATE, seed=seed)
        clip = corpus.room_tone(corpus.mix(command, talk, 10, 3 * RATE), seed=2).tobytes()
        for endpointer, decided in ((moonshine_endpointer(None), held),
                                    (moonshine_endpointer(), ended)):  # fmt: skip
            [(start, end, at)] = [u for u in utterances(endpointer, clip) if u[1] >= 3.0]
            assert start <= 3.0 and end >= true_end - 0.1  # the whole command, not cut short
            decided.append(at - true_end)
    assert max(held) > 0.4  # without the rule (the check can fail)
    assert max(ended) <= 0.25


def test_the_speakers_own_fading_sounds_still_count_in_a_quiet_room(
    command: array.array[int],
) -> None:
    clip = corpus.room_tone(corpus.pad(command, 1.0, 1.5), seed=1)
    true_end = 1.0 + len(command) / RATE
    [(_, end, decided)] = utterances(moonshine_endpointer(), clip.tobytes())
    [(_, end_without, _)] = utterances(moonshine_endpointer(None), clip.tobytes())
    assert end == end_without and decided - true_end <= 0.3


def test_silence_and_room_tone_are_never_an_utterance() -> None:
    silence = bytes(2 * 3 * RATE)
    tone = corpus.room_tone(array.array("h", silence), seed=4).tobytes()
    assert utterances(Endpointer(), silence + tone) == []


def test_an_utterance_is_cut_at_the_maximum_length(command: array.array[int]) -> None:
    clip = corpus.pad(command, 0.5, 0.5).tobytes()
    [(start, _, decided)] = utterances(Endpointer(max_s=0.3), clip)[:1]
    assert decided - start <= 0.3 + 2 * FRAME_S


def test_a_microphone_dc_offset_is_not_sound(command: array.array[int]) -> None:
    clip = corpus.room_tone(corpus.pad(command, 1.0, 1.5), seed=1)
    offset = array.array("h", (min(32767, s + 2000) for s in clip))  # about -24 dBFS of DC
    [(start, _, decided)] = utterances(Endpointer(), offset.tobytes())
    assert 0.7 <= start <= 1.05
    assert decided - (1.0 + len(command) / RATE) <= 0.3
