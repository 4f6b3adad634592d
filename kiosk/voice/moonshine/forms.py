"""How the model writes a phrase: the written forms to score. Pure logic.

Moonshine transcribes as a person writes: "Number 4." or "Number four.", "Say that again,
please.", "What happens in kyphoplasty?". A phrase is scored in every such form and counts as
said if any of them fits; the kiosk's phrases themselves stay lowercase words (phrases.py).
"""

from __future__ import annotations

import itertools

DIGITS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
ENDINGS = ("", ".", "?", "!")
# Hesitations: a transcript of nothing else is not speech meant for the kiosk.
FILLERS = frozenset({"uh", "um", "er", "erm", "ah", "hmm", "mm", "hm", "mhm", "oh", "huh"})


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
