"""A transcript that repeats one thing: its unit, and the first saying's log-probability."""

from __future__ import annotations

from collections.abc import Sequence

from kiosk.voice.moonshine.repeats import first_saying, unit_length

# Token ids as the model might write "Eight, eight, eight, eigh": a word, then its punctuation.
PIECES = {10: "Eight", 11: ",", 12: " eight", 13: " eigh", 20: "Next", 21: " section", 22: "."}


def decode(ids: Sequence[int]) -> str:
    return "".join(PIECES[i] for i in ids).strip()


def unit_of(transcript: str) -> int:
    return unit_length(transcript.split())


def test_the_unit_of_a_repeated_word_or_phrase() -> None:
    assert unit_of("eight eight eight") == 1
    assert unit_of("next section next section") == 2
    assert unit_of("goodbye goodbye good") == 1  # cut short by the token limit


def test_words_said_once_or_different_words_are_no_repeat() -> None:
    assert unit_length(["eight"]) == 0
    assert unit_length([]) == 0
    assert unit_of("no no yes") == 0
    assert unit_of("no not") == 0
    assert unit_of("next section next") == 0  # "next" is not cut from "section"


def test_the_first_saying_counts_its_own_tokens_and_punctuation() -> None:
    ids = [10, 11, 12, 11, 12, 11, 13]
    logps = [-0.5, -0.25, -1.0, -1.0, -1.0, -1.0, -1.0]
    assert first_saying(ids, logps, decode) == ("eight", -0.75)


def test_a_repeated_phrase_of_two_words() -> None:
    ids = [20, 21, 22, 20, 21, 22]
    logps = [-0.5, -0.5, -0.5, -2.0, -2.0, -2.0]
    assert first_saying(ids, logps, decode) == ("next section", -1.5)


def test_a_transcript_that_does_not_repeat_gives_none() -> None:
    assert first_saying([10, 11], [-0.5, -0.25], decode) is None
    assert first_saying([20, 21, 22], [-0.1, -0.1, -0.1], decode) is None
