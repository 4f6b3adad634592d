"""Pronunciations: every phrase word must be pronounceable, and gaps are reported usefully."""

from __future__ import annotations

from pathlib import Path

from kiosk.commands.command import Command, CommandId
from kiosk.commands.phrases import Phrase, Phrasebook
from kiosk.voice.lexicon import (
    CONTENT_DICT_NAME,
    PHRASE_DICT,
    check_dictionary,
    unknown_recognizer_words,
)
from tests.support.paths import CONTENT


def _cmudict() -> Path:
    import pocketsphinx

    return Path(pocketsphinx.get_model_path()) / "en-us" / "cmudict-en-us.dict"


def test_every_word_of_every_phrase_has_a_pronunciation(phrasebook: Phrasebook) -> None:
    content_dict = CONTENT / CONTENT_DICT_NAME
    unknown = unknown_recognizer_words(
        phrasebook.phrases(), [_cmudict(), content_dict, PHRASE_DICT], content_dict=content_dict
    )
    assert unknown == []


def test_unknown_words_say_where_they_are_used_and_which_file_to_fix(tmp_path: Path) -> None:
    content_dict = tmp_path / "content.dict"
    phrases = [
        Phrase(
            "open vertebroplasty", Command(CommandId.OPEN, "v"), "sections/03.md", "vertebroplasty"
        ),
        Phrase("frobnicate", Command(CommandId.HELP), "kiosk/data/phrases.toml: help"),
    ]
    unknown = unknown_recognizer_words(phrases, [_cmudict()], content_dict=content_dict)
    assert [(u.word, u.used_in, u.add_to) for u in unknown] == [
        ("frobnicate", "kiosk/data/phrases.toml: help", PHRASE_DICT),
        ("vertebroplasty", "sections/03.md", content_dict),
    ]


def test_our_dictionaries_use_only_known_phones() -> None:
    assert check_dictionary(CONTENT / CONTENT_DICT_NAME) == []
    assert check_dictionary(PHRASE_DICT) == []


def test_bad_phones_are_reported_with_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "x.dict"
    path.write_text(";;; comment\ngood G UH D\nbad B QQ D\n", encoding="utf-8")
    assert check_dictionary(path) == [f"{path}:3: 'bad' uses unknown phones QQ"]


def test_kiosk_check_messages_for_the_real_content() -> None:
    from kiosk.content.loader import load_content
    from kiosk.voice.check import unknown_recognizer_word_messages

    try:
        content = load_content(CONTENT)
    except Exception:
        import pytest

        pytest.skip("content/ is not loadable yet")
    assert unknown_recognizer_word_messages(content) == []
