"""Sentence templates: normalising words, and parsing and expanding the template syntax.

Pure logic. The syntax (after hassil, described in `kiosk/data/phrases.toml`'s header):
`(a | b)` alternatives, `[x]` optional, `{list}` slots.
"""

from __future__ import annotations

import re

_DIGIT_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_NOT_WORD = re.compile(r"[^a-z0-9' ]+")
_TOKEN = re.compile(r"\s*(\(|\)|\[|\]|\||\{[^}]*\}|[^\s()\[\]|{}]+)")
_WORD = re.compile(r"^[a-z']+$")


def normalise(text: str) -> str:
    """Lowercase words separated by single spaces; digits 0-9 spoken as words."""
    lowered = text.lower().replace("\u2019", "'").replace("-", " ")
    words = []
    for word in _NOT_WORD.sub(" ", lowered).split():
        word = word.strip("'")
        if word.isdigit() and len(word) == 1:
            word = _DIGIT_WORDS[int(word)]
        if word:
            words.append(word)
    return " ".join(words)


# A template is a sequence of items; an item is a word, a slot name or a group of alternatives.
Item = str | tuple[str, str] | tuple[str, list["Sequence_"], bool]
Sequence_ = list[Item]


def parse_template(template: str) -> Sequence_:
    """Parse one template; raise ValueError with a plain message when it is malformed."""
    tokens = _tokenise(template)
    position, sequence = _parse_sequence(tokens, 0, closing=None)
    if position != len(tokens):
        raise ValueError(f"unexpected '{tokens[position]}'")
    if not sequence:
        raise ValueError("the template is empty")
    return sequence


def _tokenise(template: str) -> list[str]:
    tokens: list[str] = []
    position = 0
    stripped = template.rstrip()
    while position < len(stripped):
        match = _TOKEN.match(stripped, position)
        if match is None:  # only an unclosed '{' gets here
            raise ValueError(f"cannot read the template from {stripped[position:]!r}")
        tokens.append(match.group(1))
        position = match.end()
    return tokens


def _parse_sequence(tokens: list[str], position: int, closing: str | None) -> tuple[int, Sequence_]:
    """Parse alternatives up to `closing`; a single alternative comes back as a plain sequence."""
    alternatives: list[Sequence_] = [[]]
    while position < len(tokens):
        token = tokens[position]
        if token in (")", "]"):
            if token != closing:
                raise ValueError(f"'{token}' has no matching opening bracket")
            break
        position += 1
        if token == "|":
            if closing is None:
                raise ValueError("'|' outside brackets: write (a | b)")
            alternatives.append([])
        elif token in ("(", "["):
            inner_closing = ")" if token == "(" else "]"
            position, inner = _parse_group(tokens, position, inner_closing)
            alternatives[-1].append(("group", inner, token == "["))
        elif token.startswith("{"):
            name = token[1:-1].strip()
            if not _WORD.match(name.replace("_", "")):
                raise ValueError(f"bad slot name {token!r}")
            alternatives[-1].append(("slot", name))
        else:
            word = normalise(token)
            if not word or " " in word:
                raise ValueError(f"{token!r} is not a word")
            alternatives[-1].append(word)
    else:
        if closing is not None:
            raise ValueError(f"a bracket is not closed (expected '{closing}')")
    if closing is None:
        return position, alternatives[0]
    if any(not alternative for alternative in alternatives):
        raise ValueError("an empty alternative: remove the extra '|'")
    return position, [("group", alternatives, False)]


def _parse_group(tokens: list[str], position: int, closing: str) -> tuple[int, list[Sequence_]]:
    position, sequence = _parse_sequence(tokens, position, closing)
    if position >= len(tokens):
        raise ValueError(f"a bracket is not closed (expected '{closing}')")
    group = sequence[0]
    assert isinstance(group, tuple) and group[0] == "group"
    alternatives = group[1]
    assert isinstance(alternatives, list)
    return position + 1, alternatives


def slots_of(sequence: Sequence_) -> set[str]:
    names: set[str] = set()
    for item in sequence:
        if isinstance(item, tuple) and item[0] == "slot":
            names.add(str(item[1]))
        elif isinstance(item, tuple) and item[0] == "group":
            for alternative in item[1]:
                assert isinstance(alternative, list)
                names |= slots_of(alternative)
    return names


def expand(
    sequence: Sequence_, lists: dict[str, list[tuple[str, int | str]]]
) -> list[tuple[str, int | str | None, str]]:
    """Every sentence a template accepts, with its slot's value and words (if it has a slot)."""
    results: list[tuple[list[str], int | str | None, str]] = [([], None, "")]
    for item in sequence:
        options: list[tuple[str, int | str | None, str]]
        if isinstance(item, str):
            options = [(item, None, "")]
        elif item[0] == "slot":
            options = [(words, value, words) for words, value in lists[str(item[1])]]
        else:
            alternatives = item[1]
            assert isinstance(alternatives, list)
            options = [o for alternative in alternatives for o in expand(alternative, lists)]
            if len(item) == 3 and item[2]:  # an [optional] group
                options.append(("", None, ""))
        results = [
            (
                words + ([text] if text else []),
                value if value is not None else old_value,
                slot_text or old_slot_text,
            )
            for words, old_value, old_slot_text in results
            for text, value, slot_text in options
        ]
    return [(" ".join(words), value, slot_text) for words, value, slot_text in results]
