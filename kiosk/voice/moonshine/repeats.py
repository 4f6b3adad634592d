"""A transcript that says one thing over and over, and what was said once. Pure logic.

Given a short command and then sound with no words in it (a fan, a kitchen, the room after the
speaker stopped), Moonshine often writes the command again and again ("Eight, eight, eight,
eight") until its token limit. It heard the command once: the repeats, and the end of the
transcript it never reached, make the command look far less likely than it is. The first
saying is what the judge should weigh.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from kiosk.commands.phrases import normalise


def unit_length(words: Sequence[str]) -> int:
    """The number of words of the shortest unit `words` repeats at least twice (the last time
    perhaps cut short by the token limit, even within a word), or 0 when they are not."""
    for size in range(1, len(words) // 2 + 1):
        expected = [words[i % size] for i in range(len(words))]
        if words[:-1] == expected[:-1] and expected[-1].startswith(words[-1]):
            return size
    return 0


def first_saying(
    ids: Sequence[int], token_logps: Sequence[float], decode: Callable[[Sequence[int]], str]
) -> tuple[str, float] | None:
    """The words of the unit a repeating transcript says, and the log-probability of the
    tokens up to the end of its first saying (its punctuation included); None for a
    transcript that does not repeat."""
    words = normalise(decode(ids)).split()
    size = unit_length(words)
    if not size:
        return None
    unit = words[:size]
    end = 0
    for k in range(1, len(ids) + 1):
        said = normalise(decode(ids[:k])).split()
        if len(said) > size:
            break
        if said == unit:
            end = k
    if not end:
        return None
    return " ".join(unit), sum(token_logps[:end])
