"""How the model writes a phrase: the written forms to score. Pure logic.

Moonshine transcribes as a person writes: "Number 4." or "Number four.", "Say that again,
please.", "What happens in kyphoplasty?". A phrase is scored in every such form and counts as
said if any of them fits; the kiosk's phrases themselves stay lowercase words (phrases.py).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable

DIGITS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
ENDINGS = ("", ".", "?", "!")
# Hesitations: a transcript of nothing else is not speech meant for the kiosk.
FILLERS = frozenset({"uh", "um", "er", "erm", "ah", "hmm", "mm", "hm", "mhm", "oh", "huh"})
# Phrases counted only when the model writes them itself, never looked for by the phrase
# search: under it, Moonshine's "Yeah" is the likeliest word for any short sound it could not
# make out ("So", "Wow", "Surely", "Yours" and a person's "what" were taken for yes). A person
# who says "yeah" gets "Yeah." written, and a "yes" found by the search is still "yes".
WRITTEN_ONLY = frozenset({"yeah"})


def _word_forms(word: str) -> list[str]:
    if word == "i":
        return ["I"]
    if word.startswith("i'"):
        return ["I" + word[1:]]
    if word in DIGITS:
        return [word, str(DIGITS.index(word))]
    return [word]


def written_forms(phrase: str) -> list[str]:
    """Every written form of a phrase (lowercase words, digits as words), without endings."""
    words = phrase.split()
    if not words:
        return []
    forms = []
    for choice in itertools.product(*(_word_forms(w) for w in words)):
        spellings = [list(choice)]
        if len(choice) > 1 and choice[-1] == "please":
            spellings.append([*choice[:-2], choice[-2] + ",", "please"])
        for spelling in spellings:
            text = " ".join(spelling)
            forms.append(text[0].upper() + text[1:])
    return list(dict.fromkeys(forms))


def with_endings(form: str) -> list[str]:
    return [form + ending for ending in ENDINGS]


def searched(sentences: Iterable[str]) -> list[str]:
    """The sentences the phrase search looks for: every one but those `WRITTEN_ONLY`."""
    return [sentence for sentence in sentences if sentence not in WRITTEN_ONLY]
