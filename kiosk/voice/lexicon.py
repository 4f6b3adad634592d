"""The recognizer's pronunciations: cmudict plus the kiosk's own small dictionaries.

Pure file reading, no audio. Two extra dictionaries in CMU phone set, one entry a line
(`word PH ON ES`, alternatives as `word(2) ...`, `;;;` or `#` starts a comment):
- `content/pronunciations/recognizer.dict`: words from section titles and synonyms
  (vertebroplasty, ...), so content writers own them;
- `kiosk/data/recognizer.dict`: words from the phrase templates.
`unknown_recognizer_words` tells `kiosk check` which words have no pronunciation and where to add
one; a word the recognizer cannot pronounce can never be heard.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kiosk.commands.phrases import Phrase

PHRASE_DICT = Path(__file__).resolve().parent.parent / "data" / "recognizer.dict"
CONTENT_DICT_NAME = Path("pronunciations") / "recognizer.dict"
_VARIANT = re.compile(r"\(\d+\)$")
# The 39 phones of the CMU set that the shipped acoustic model knows.
CMU_PHONES = frozenset(
    [
        "AA",
        "AE",
        "AH",
        "AO",
        "AW",
        "AY",
        "B",
        "CH",
        "D",
        "DH",
        "EH",
        "ER",
        "EY",
        "F",
        "G",
        "HH",
        "IH",
        "IY",
        "JH",
        "K",
        "L",
        "M",
        "N",
        "NG",
        "OW",
        "OY",
        "P",
        "R",
        "S",
        "SH",
        "T",
        "TH",
        "UH",
        "UW",
        "V",
        "W",
        "Y",
        "Z",
        "ZH",
    ]
)


@dataclass(frozen=True)
class UnknownWord:
    word: str
    used_in: str  # where the word appears: a section file or the phrases file and command
    add_to: Path  # the dictionary to add a pronunciation to


def read_dictionary(path: Path) -> list[tuple[str, str]]:
    """(word, phones) pairs from a CMU-style dictionary; a missing file is an empty one."""
    if not path.is_file():
        return []
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith((";;;", "#")):
            continue
        word, _, phones = line.partition(" ")
        entries.append((word.lower(), " ".join(phones.split())))
    return entries


def check_dictionary(path: Path) -> list[str]:
    """Problems in one of the kiosk's dictionaries, each naming the file and line."""
    problems: list[str] = []
    if not path.is_file():
        return problems
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith((";;;", "#")):
            continue
        word, _, phones = line.partition(" ")
        bad = [p for p in phones.split() if p not in CMU_PHONES]
        if not phones.split():
            problems.append(f"{path}:{number}: '{word}' has no phones")
        elif bad:
            problems.append(f"{path}:{number}: '{word}' uses unknown phones {' '.join(bad)}")
    return problems


def known_words(paths: Iterable[Path]) -> set[str]:
    return {_VARIANT.sub("", word) for path in paths for word, _ in read_dictionary(path)}


def unknown_recognizer_words(
    phrases: Iterable[Phrase],
    dictionary_paths: Iterable[Path],
    *,
    content_dict: Path,
    phrase_dict: Path = PHRASE_DICT,
) -> list[UnknownWord]:
    """Words used in phrases that no dictionary pronounces, with where to add each one.

    Words from section titles and synonyms go to the content's dictionary, the others to the
    phrase dictionary. One entry per word, at its first use.
    """
    known = known_words(dictionary_paths)
    unknown: dict[str, UnknownWord] = {}
    for phrase in phrases:
        from_content = set(phrase.slot_text.split()) if phrase.origin.endswith(".md") else set()
        for word in phrase.text.split():
            if word in known or word in unknown:
                continue
            if word in from_content:
                unknown[word] = UnknownWord(word, phrase.origin, content_dict)
            else:
                unknown[word] = UnknownWord(word, phrase.origin, phrase_dict)
    return sorted(unknown.values(), key=lambda u: u.word)
