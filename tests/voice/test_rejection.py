"""The accept / unsure / noise decision (pure)."""

from __future__ import annotations

import array
import dataclasses
from typing import Any

from kiosk.core.voice_events import Decision
from kiosk.voice.rejection import Evidence, RejectionSettings, decide

SETTINGS = RejectionSettings()


BASE = Evidence(
    text="next", grammar_score=-1.0, phone_score=-1.0, frames=100, speech_s=0.8, level_db=-20.0
)


def evidence(**changes: Any) -> Evidence:  # Any: dataclasses.replace checks each field's type
    return dataclasses.replace(BASE, **changes)


def test_a_command_scoring_like_free_phones_is_accepted() -> None:
    decision, confidence = decide(evidence(), SETTINGS)
    assert decision is Decision.ACCEPT and 0.5 <= confidence <= 1.0


def test_a_command_scoring_far_below_free_phones_is_unsure() -> None:
    decision, confidence = decide(evidence(grammar_score=-2.0), SETTINGS)
    assert decision is Decision.UNSURE and 0.0 <= confidence < 0.5


def test_chatter_or_no_phrase_is_unsure_never_accepted() -> None:
    assert decide(evidence(text=""), SETTINGS) == (Decision.UNSURE, 0.0)


def test_clicks_and_distant_murmur_are_noise() -> None:
    assert decide(evidence(speech_s=0.1), SETTINGS)[0] is Decision.NOISE
    assert decide(evidence(level_db=-70.0), SETTINGS)[0] is Decision.NOISE


def test_long_talk_is_not_a_command() -> None:
    assert decide(evidence(speech_s=9.0), SETTINGS)[0] is Decision.UNSURE


def test_a_loud_room_asks_for_stronger_evidence() -> None:
    # A ratio between the two thresholds: good enough in a quiet room, not in a loud one.
    between = (SETTINGS.threshold + SETTINGS.noisy_threshold) / 2 * 100
    quiet = evidence(grammar_score=-1.0 + between, snr_db=40.0)
    loud = evidence(grammar_score=-1.0 + between, snr_db=12.0)
    assert decide(quiet, SETTINGS)[0] is Decision.ACCEPT
    assert decide(loud, SETTINGS)[0] is Decision.UNSURE


def test_words_the_phrase_put_down_to_silence_make_it_unsure() -> None:
    # "stop that, Tom" heard as "stop" + silence: the silence was loud.
    assert decide(evidence(unexplained_s=0.6), SETTINGS) == (Decision.UNSURE, 0.0)
    assert decide(evidence(unexplained_s=0.05), SETTINGS)[0] is Decision.ACCEPT


def test_loud_audio_in_silence_spans_is_measured_in_seconds() -> None:
    from kiosk.voice.recognizer import speech_in

    loud = array.array("h", [8000, -8000] * 80).tobytes()  # one 10 ms frame at about -12 dBFS
    quiet = bytes(320)
    pcm = quiet * 10 + loud * 30 + quiet * 10
    assert speech_in(pcm, [(0, 9)], above_db=-50.0) == 0.0  # real silence
    assert speech_in(pcm, [(5, 24)], above_db=-50.0) == 0.15  # 15 loud frames
    assert speech_in(pcm, [(10, 39), (45, 49)], above_db=-50.0) == 0.3


def test_the_rooms_echo_of_the_last_word_is_not_more_speech() -> None:
    from kiosk.voice.recognizer import speech_in

    def frame(peak: float) -> bytes:  # one 10 ms frame of a square wave at this peak
        return array.array("h", [int(peak), -int(peak)] * 80).tobytes()

    word = frame(8000) * 30
    echo = b"".join(frame(8000 * 10 ** (-(k + 1) / 20)) for k in range(30))  # RT60 0.6 s
    pcm = word + echo + frame(8000) * 20  # a word, its echo dying away, then another word
    assert speech_in(pcm, [(30, 59)], above_db=-50.0) == 0.0  # the echo: the room's
    assert speech_in(pcm, [(30, 79)], above_db=-50.0) == 0.2  # the next word still counts


def test_push_to_talk_answers_with_the_first_utterance_that_is_not_noise() -> None:
    from kiosk.commands.command import Command, CommandId
    from kiosk.voice.pipeline import Result, push_to_talk_answer

    def result(decision: Decision, text: str = "") -> Result:
        command = Command(CommandId.BACK) if decision is Decision.ACCEPT else None
        return Result(text, command, 0.9, decision, 1, 1, 0, 0, 40, False, 0)

    # "Front ... left": "front" is unsure, and "left" heard as "back" must not be obeyed.
    cough, front, left = result(Decision.NOISE), result(Decision.UNSURE), result(Decision.ACCEPT)
    assert push_to_talk_answer([cough, front, left]) is front
    assert push_to_talk_answer([cough, left]) is left
    assert push_to_talk_answer([cough]) is None
