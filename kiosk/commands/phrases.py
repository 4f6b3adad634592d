"""Voice phrases as data: load sentence templates, expand them, match text to a command.

Pure logic: no audio, no Textual. The templates live in `kiosk/data/phrases.toml` (syntax in
that file's header, after hassil): `(a | b)` alternatives, `[x]` optional, `{list}` slots.
`{section}` is filled from the content's section titles and synonyms, so a new section gets
voice commands with no code change.

`Phrasebook.match(text)` is an exact lookup of the normalised text among the expanded sentences:
it never guesses the nearest command, because acting on a guess is worse than asking again.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from kiosk.commands.command import Command
from kiosk.commands.phrase_file import (
    DEFAULT_PHRASES,
    SECTION_SLOT,
    VALUE_SLOTS,
    PhraseError,
    Templates,
    load_templates,
)
from kiosk.commands.templates import expand, normalise, parse_template

# Names other modules import from here (the template syntax and the phrases file have their
# own modules now; this one stays the place to import them from).
__all__ = [
    "DEFAULT_PHRASES",
    "SECTION_SLOT",
    "VALUE_SLOTS",
    "NamedSection",
    "Phrase",
    "PhraseError",
    "Phrasebook",
    "SectionName",
    "Templates",
    "expand",
    "load_templates",
    "normalise",
    "parse_template",
    "section_names",
]


class NamedSection(Protocol):
    """What the voice side needs of a content section (`kiosk.content.model.Page` is one):
    the names it answers to, and where they come from (for error messages)."""

    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def synonyms(self) -> Sequence[str]: ...
    @property
    def path(self) -> Path: ...


@dataclass(frozen=True)
class Phrase:
    """One accepted sentence, the command it means and where it comes from."""

    text: str
    command: Command
    origin: str  # "kiosk/data/phrases.toml: next" or the section's file
    slot_text: str = ""  # the words a {list} filled in ("risks" in "open risks")


@dataclass(frozen=True)
class SectionName:
    """A name a section answers to (its title or a synonym): the `{section}` slot's entries."""

    section_id: str
    name: str
    origin: str


def section_names(sections: Iterable[NamedSection]) -> list[SectionName]:
    """Titles and synonyms of content sections, normalised (a name with no words is left out)."""
    names = []
    for section in sections:
        origin = str(section.path)
        for name in (section.title, *section.synonyms):
            if normalise(str(name)):
                names.append(SectionName(section.id, normalise(str(name)), origin))
    return names


class Phrasebook:
    """Every accepted sentence and its command, for one phrase file and one set of sections."""

    def __init__(self, templates: Templates, sections: Sequence[SectionName] = ()) -> None:
        self.templates = templates
        lists = dict(templates.lists)
        lists[SECTION_SLOT] = [(s.name, s.section_id) for s in sections]
        origins = {s.name: s.origin for s in sections}
        self.problems: list[str] = []
        phrases: dict[str, Phrase] = {}
        for command_id, parsed in templates.commands.items():
            for _template, sequence in parsed:
                for text, value, slot_text in expand(sequence, lists):
                    command = Command(command_id, value)
                    origin = origins.get(slot_text, f"{templates.path}: {command_id.value}")
                    known = phrases.get(text)
                    if known is not None and known.command != command:
                        self.problems.append(
                            f"{origin}: the sentence '{text}' means both '{known.command}' "
                            f"({known.origin}) and '{command}'; change one of them"
                        )
                        continue
                    phrases.setdefault(text, Phrase(text, command, origin, slot_text))
        self._phrases = phrases

    @classmethod
    def load(
        cls, path: Path = DEFAULT_PHRASES, sections: Iterable[NamedSection] = ()
    ) -> Phrasebook:
        return cls(load_templates(path), section_names(sections))

    def sample_sentences(self) -> list[str]:
        """Every sentence accepted, sorted (this list also becomes the recognizer's grammar)."""
        return sorted(self._phrases)

    def phrases(self) -> list[Phrase]:
        return [self._phrases[text] for text in self.sample_sentences()]

    def match(self, text: str) -> Command | None:
        """The command `text` says, or None: exact after normalising, never a guess."""
        phrase = self._phrases.get(normalise(text))
        return phrase.command if phrase else None

    def words(self) -> set[str]:
        return {word for text in self._phrases for word in text.split()}
