"""The faint hiss under all audio: digital silence must not read as a silent room."""

from __future__ import annotations

import array

from kiosk.bench import corpus
from kiosk.core.voice_events import Decision
from kiosk.voice.levels import level_db
from kiosk.voice.pipeline import Pipeline, decode_recording, with_noise_floor
from tests.voice.conftest import needs_audio_tools

FRAME = 960  # 30 ms of 16 kHz s16


def test_digital_silence_gets_a_quiet_rooms_floor() -> None:
    assert level_db(bytes(FRAME)) == -120.0
    assert -67.0 < level_db(with_noise_floor(bytes(FRAME), 0)) < -65.0


def test_the_hiss_goes_on_from_frame_to_frame_and_repeats_exactly() -> None:
    first, second = with_noise_floor(bytes(FRAME), 0), with_noise_floor(bytes(FRAME), 480)
    assert first != second  # not one 30 ms pattern over and over: that would be a tone
    assert with_noise_floor(bytes(FRAME), 480) == second  # the same recording, the same answer


def test_speech_level_audio_is_all_but_unchanged() -> None:
    loud = array.array("h", (8000 if i % 20 < 10 else -8000 for i in range(480))).tobytes()
    assert abs(level_db(with_noise_floor(loud, 0)) - level_db(loud)) < 0.01
    clipped = array.array("h", [32767] * 480).tobytes()
    assert max(array.array("h", with_noise_floor(clipped, 0))) == 32767  # no wrap-around


def in_digital_silence(text: str) -> bytes:
    """`text` spoken by eSpeak NG with exact zeros before and after, as a padded file has."""
    speech = corpus.normalise_level(corpus.trim(corpus.synthesize(text, "en-us", 160)))
    return corpus.pad(speech, 0.3, 0.5).tobytes()


@needs_audio_tools()
def test_a_recording_padded_with_digital_silence_is_heard_as_in_a_quiet_room(
    pipeline: Pipeline,
) -> None:
    padded = in_digital_silence("main menu")
    heard = [r for r in decode_recording(pipeline, padded) if r.decision is not Decision.NOISE]
    assert heard
    # The utterance stands about 40 dB above the hiss, not 100 dB above a floor of -120 dB.
    assert 20.0 < heard[0].snr_db < 60.0


@needs_audio_tools()
def test_a_recordings_answer_does_not_depend_on_the_recordings_before_it(
    pipeline: Pipeline,
) -> None:
    clip = in_digital_silence("read all")
    first = decode_recording(pipeline, clip)
    decode_recording(pipeline, clip[: len(clip) // 3])  # another, shorter file in between
    again = decode_recording(pipeline, clip)
    assert [(r.text, r.ratio, r.decision) for r in again] == [
        (r.text, r.ratio, r.decision) for r in first
    ]
