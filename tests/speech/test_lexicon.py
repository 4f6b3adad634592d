from __future__ import annotations

import re
from pathlib import Path

import pytest

from kiosk.speech.lexicon import (
    Lexicon,
    LexiconError,
    likely_mispronounced,
    load_english_words,
    load_lexicon,
    normalise,
)
from tests.support.paths import CONTENT

LEXICON = CONTENT / "pronunciations" / "speech.toml"


def test_whole_words_any_case() -> None:
    lexicon = Lexicon({"vertebroplasty": "vertebroe-plasty", "lumbar": "lum-bar"})
    assert lexicon.apply("Vertebroplasty, VERTEBROPLASTY and vertebroplasty.") == (
        "vertebroe-plasty, vertebroe-plasty and vertebroe-plasty."
    )
    # Not inside other words.
    assert lexicon.apply("lumbars xlumbar lumbar-spine") == "lumbars xlumbar lum-bar-spine"


def test_longest_entry_wins() -> None:
    lexicon = Lexicon({"nsaid": "en-sed", "nsaids": "en-seds"})
    assert lexicon.apply("NSAIDs or an NSAID") == "en-seds or an en-sed"


@pytest.mark.parametrize(
    ("text", "spoken"),
    [
        ("75% of people", "75 percent of people"),
        ("about 75 % heal", "about 75 percent heal"),
        ("pain & swelling", "pain and swelling"),
        ("2-3 weeks", "2 to 3 weeks"),
        ("x-ray", "x-ray"),
    ],
)
def test_normalise(text: str, spoken: str) -> None:
    assert normalise(text) == spoken
    assert Lexicon().apply(text) == spoken


def test_shipped_lexicon_loads() -> None:
    lexicon = load_lexicon(LEXICON)
    for word in ("vertebroplasty", "kyphoplasty", "osteoporosis", "thoracic", "vertebrae"):
        assert word in lexicon
    assert lexicon.apply("Kyphoplasty") == "kypho-plasty"


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("[words\nx = 1", "not valid TOML"),
        ("[other]\nx = 'y'", "no [words] table"),
        ("[words]\nvertebra = 3", "non-empty string"),
        ("[words]\n'two words' = 'x'", "not a single word"),
        ("[words]\nLumbar = 'a'\nlumbar = 'b'", "listed twice"),
    ],
)
def test_bad_file_names_file_and_problem(tmp_path: Path, content: str, problem: str) -> None:
    path = tmp_path / "speech.toml"
    path.write_text(content)
    with pytest.raises(LexiconError, match=re.escape(problem)) as error:
        load_lexicon(path)
    assert str(path) in str(error.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(LexiconError, match="cannot read"):
        load_lexicon(tmp_path / "absent.toml")


def test_mispronunciation_finder() -> None:
    known = load_english_words()
    lexicon = Lexicon({"vertebroplasty": "vertebroe-plasty"})
    text = (
        "Vertebroplasty and kyphoplasty treat the patient's spine; "
        "Kyphoplasty again, 75% better, teriparatide too."
    )
    assert likely_mispronounced(text, lexicon, known) == ["kyphoplasty", "teriparatide"]


def test_finder_with_shipped_lexicon_is_quiet_on_content() -> None:
    known = load_english_words()
    lexicon = load_lexicon(LEXICON)
    texts = " ".join(p.read_text() for p in CONTENT.rglob("*.md"))
    assert likely_mispronounced(texts, lexicon, known) == []
