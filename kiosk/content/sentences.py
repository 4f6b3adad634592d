"""Split text into sentences, the unit the kiosk speaks, highlights and steps through.

Spans rather than strings, so the screen can highlight exactly the sentence being spoken.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Words ending in a full stop that do not end a sentence.
ABBREVIATIONS = frozenset(
    {
        "dr", "mr", "mrs", "ms", "prof", "st", "no", "vs", "etc", "e.g", "i.e", "approx",
        "fig", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
        "dec", "mon", "tue", "wed", "thu", "fri", "sat", "sun", "min", "max", "cf", "al",
    }
)  # fmt: skip
# A candidate end: terminal punctuation, optional closing quotes or brackets, then space.
END = re.compile(r"[.!?]+[\"')\]\u2019\u201d]*(?=\s+)")


@dataclass(frozen=True)
class Span:
    start: int
    end: int

    def of(self, text: str) -> str:
        return text[self.start : self.end]


def sentence_spans(text: str) -> list[Span]:
    """Spans of the sentences in `text`, leading and trailing spaces excluded."""
    spans: list[Span] = []
    start = _skip_space(text, 0)
    for match in END.finditer(text):
        if match.end() <= start or not _ends_sentence(text, start, match):
            continue
        spans.append(Span(start, match.end()))
        start = _skip_space(text, match.end())
    end = len(text.rstrip())
    if start < end:
        spans.append(Span(start, end))
    return spans


def split_sentences(text: str) -> list[str]:
    return [span.of(text) for span in sentence_spans(text)]


def _skip_space(text: str, index: int) -> int:
    while index < len(text) and text[index].isspace():
        index += 1
    return index


def _ends_sentence(text: str, start: int, match: re.Match[str]) -> bool:
    punctuation = match.group()
    if not punctuation.startswith("."):
        return True  # ! and ? always end a sentence
    word = text[start : match.start()].split()[-1] if text[start : match.start()].strip() else ""
    bare = word.lower().strip("(\"'\u2018\u201c")
    if bare in ABBREVIATIONS or (len(bare) == 1 and bare.isalpha()):
        return False  # "Dr. Smith", "e.g. this", "J. Smith"
    following = text[match.end() :].lstrip()
    # "See p. 5" style and "...and so on. then" (lowercase) are not new sentences.
    return not (following and following[0].islower())
