"""Is what was heard so far only the start of a phrase, to be waited for? Pure logic.

In a pause the audio so far is decoded (recognizer.py). "Number" is only the start of "number
four": the endpointer waits longer for the rest. So does a single word spelt nearly as such a
start ("Mumber"), when it was not understood: the model often mishears the first word of a
phrase said slowly."""

from __future__ import annotations

import difflib
from collections.abc import Sequence

# How alike a word must be spelt to a phrase's first word to be taken for it (difflib's ratio).
ALIKE = 0.7


class Beginnings:
    def __init__(self, sentences: Sequence[str]) -> None:
        self._sentences = frozenset(sentences)
        self._starts = frozenset(
            " ".join(words[:n])
            for words in (sentence.split() for sentence in sentences)
            for n in range(1, len(words))
        )
        self._first_words = sorted({start.split()[0] for start in self._starts})

    def only_a_start(self, said: str) -> bool:
        """Are these words (normalised) the start of a phrase, and not a whole one?"""
        return said in self._starts and said not in self._sentences

    def misheard_start(self, said: str) -> bool:
        """One word, spelt nearly as a word that starts a longer phrase ("Mumber", "Choose")
        and is not a whole phrase itself. A word nearest to one that is ("Black" to back,
        "Red" to read) is not waited for, as that word itself is not: the answer comes at once."""
        words = said.split()
        if len(words) != 1:
            return False
        nearest = difflib.get_close_matches(words[0], self._first_words, n=1, cutoff=ALIKE)
        return bool(nearest) and nearest[0] not in self._sentences
