"""A recording of its own is heard as one push of the talk key is: after the kiosk has heard
its room. Many recordings begin on the word's first sound; the room is then learnt from the
recording's quieter half, not from the word."""

from __future__ import annotations

import array

import numpy as np
import pytest

from kiosk.bench import corpus
from kiosk.bench.recordings import noise_samples
from kiosk.voice.levels import level_db
from kiosk.voice.pipeline import Pipeline, decode_recording, push_to_talk_answer, room_of
from tests.voice.conftest import needs_audio_tools

FRAME = 960  # 30 ms of 16 kHz s16


def frame_at(amplitude: float, seed: int) -> bytes:
    noise = np.random.default_rng(seed).standard_normal(FRAME // 2) * amplitude
    return noise.astype(np.int16).tobytes()


def test_a_recordings_room_is_its_quieter_half() -> None:
    loud = [frame_at(2000.0 * (1 + k), k) for k in range(6)]  # the word, louder and louder
    quiet = [frame_at(30.0, 10 + k) for k in range(4)]
    room = room_of(b"".join(loud + quiet), FRAME)
    room_levels = sorted(level_db(room[i : i + FRAME]) for i in range(0, len(room), FRAME))
    assert len(room_levels) == 5  # the half up to the median frame
    assert room_levels[3] < -45.0 < room_levels[4]  # every quiet frame, one of the word's
    assert max(room_levels) < level_db(loud[-1])


def test_a_recording_too_short_for_one_frame_has_no_room() -> None:
    assert room_of(bytes(FRAME - 2), FRAME) == b""


@needs_audio_tools()
@pytest.mark.parametrize("noise", ["white", "brown"])
def test_a_command_on_the_recordings_first_sound_is_heard(pipeline: Pipeline, noise: str) -> None:
    # A second of audio with the word at its very start, noise under all of it, as a
    # Speech-Commands-style clip is cut: before, the room was learnt from the word itself.
    speech = corpus.normalise_level(corpus.trim(corpus.synthesize("main menu", "en-us", 160)))
    clip = speech + array.array("h", bytes(2 * max(0, corpus.RATE - len(speech))))
    mixed = corpus.mix(clip, noise_samples(noise, len(clip), 3), 20.0, 0, active=speech)
    answer = push_to_talk_answer(decode_recording(pipeline, mixed.tobytes()))
    assert answer is not None and answer.command is not None
    assert answer.text == "main menu"
