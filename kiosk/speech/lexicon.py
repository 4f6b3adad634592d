"""Pronunciation lexicon and text normalisation applied before synthesis.

Pure text processing: no audio imports, so `kiosk check` and the tests can use it anywhere.
The lexicon is data (content/pronunciations/speech.toml), so content writers can fix a word
without a code change:

    [words]
    vertebroplasty = "vertebroe-plasty"
"""

from __future__ import annotations

import importlib.util
import re
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path

# A word: letters with inner apostrophes (patient's, don't). Hyphenated words are two words,
# which is also how eSpeak reads them.
_WORD = re.compile(r"[A-Za-z]+(?:['\u2019][A-Za-z]+)*")
_PERCENT = re.compile(r"(\d)\s*%")
_AMPERSAND = re.compile(r"\s*&\s*")
# "2-3 weeks" is read "two dash three weeks" by eSpeak; people say "two to three".
_NUMBER_RANGE = re.compile(r"(\d)\s*[-\u2013]\s*(\d)")


# Where a content folder keeps its speech pronunciations.
SPEECH_LEXICON = Path("pronunciations") / "speech.toml"


class LexiconError(ValueError):
    """The lexicon file cannot be used; the message names the file and the problem."""


class Lexicon:
    """Lower-case word -> respelling that eSpeak pronounces correctly. Picklable (it travels
    to the speech worker process)."""

    def __init__(self, words: Mapping[str, str] | None = None) -> None:
        self.words: dict[str, str] = {w.lower(): s for w, s in (words or {}).items()}
        self._pattern = _build_pattern(self.words)

    def apply(self, text: str) -> str:
        """Normalise `text` and replace lexicon words (whole words, any case)."""
        text = normalise(text)
        if self._pattern is None:
            return text
        return self._pattern.sub(lambda match: self.words[match.group(0).lower()], text)

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and word.lower() in self.words

    def __len__(self) -> int:
        return len(self.words)


def _build_pattern(words: Mapping[str, str]) -> re.Pattern[str] | None:
    if not words:
        return None
    # Longest first so a longer entry wins over its prefix; lookarounds keep whole words only.
    alternatives = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w'\u2019])(?:{alternatives})(?![\w])", re.IGNORECASE)


def normalise(text: str) -> str:
    """Spell out symbols eSpeak reads badly or not at all: 75% -> 75 percent, & -> and."""
    text = _PERCENT.sub(r"\1 percent", text)
    text = _AMPERSAND.sub(" and ", text)
    return _NUMBER_RANGE.sub(r"\1 to \2", text)


def load_lexicon(path: Path) -> Lexicon:
    """Read a `[words]` table; any problem raises LexiconError naming the file."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise LexiconError(f"{path}: cannot read the pronunciation lexicon: {error}") from error
    except tomllib.TOMLDecodeError as error:
        raise LexiconError(f"{path}: not valid TOML: {error}") from error
    table = data.get("words")
    if table is None:
        raise LexiconError(f"{path}: no [words] table")
    if not isinstance(table, dict):
        raise LexiconError(f"{path}: 'words' must be a table of word = \"respelling\"")
    words: dict[str, str] = {}
    for word, spoken in table.items():
        if not isinstance(spoken, str) or not spoken.strip():
            raise LexiconError(f"{path}: [words] {word!r} must map to a non-empty string")
        if not _WORD.fullmatch(word):
            raise LexiconError(f"{path}: [words] {word!r} is not a single word")
        if word.lower() in words:
            raise LexiconError(f"{path}: [words] {word!r} is listed twice (any case)")
        words[word.lower()] = spoken.strip()
    return Lexicon(words)


def english_dictionary_path() -> Path:
    """pocketsphinx's shipped CMU dictionary, found without importing pocketsphinx itself."""
    spec = importlib.util.find_spec("pocketsphinx")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("pocketsphinx is not installed: no English word list")
    package = Path(next(iter(spec.submodule_search_locations)))
    return package / "model" / "en-us" / "cmudict-en-us.dict"


def load_english_words(path: Path | None = None) -> frozenset[str]:
    """Lower-case words of a CMU-format dictionary ("word(2)" variants folded together)."""
    words: set[str] = set()
    source = path or english_dictionary_path()
    with source.open(encoding="utf-8", errors="replace") as lines:
        for line in lines:
            head = line.split(" ", 1)[0]
            if head:
                words.add(head.split("(", 1)[0].lower())
    return frozenset(words)


def likely_mispronounced(text: str, lexicon: Lexicon, known_words: Iterable[str]) -> list[str]:
    """Words of `text` that are neither ordinary English nor in the lexicon, in text order.

    Ordinary English is `known_words` (the CMU dictionary): eSpeak's own rules handle those
    well; words outside it (drug names, procedures) are the ones worth a listen.
    """
    known = known_words if isinstance(known_words, (set, frozenset)) else set(known_words)
    found: dict[str, None] = {}
    for match in _WORD.finditer(normalise(text)):
        word = match.group(0).replace("\u2019", "'").lower()
        if len(word) < 2 or word in known or word in lexicon or word in found:
            continue
        stem = word.removesuffix("'s")
        if stem in known or stem in lexicon:
            continue
        found[word] = None
    return list(found)
