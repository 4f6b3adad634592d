"""Voice phrases as data: load sentence templates, expand them, match text to a command.

Pure logic: no audio, no Textual. The templates live in `kiosk/data/phrases.toml` (syntax in
that file's header, after hassil): `(a | b)` alternatives, `[x]` optional, `{list}` slots.
`{section}` is filled from the content's section titles and synonyms, so a new section gets
voice commands with no code change.

`Phrasebook.match(text)` is an exact lookup of the normalised text among the expanded sentences:
it never guesses the nearest command, because acting on a guess is worse than asking again.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from kiosk.commands.command import Command, CommandId

DEFAULT_PHRASES = Path(__file__).resolve().parent.parent / "data" / "phrases.toml"
SECTION_SLOT = "section"
# Which slot gives a command its value; all other commands take none.
VALUE_SLOTS: dict[CommandId, str] = {CommandId.SELECT: "digit", CommandId.OPEN: SECTION_SLOT}

_DIGIT_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_NOT_WORD = re.compile(r"[^a-z0-9' ]+")
_TOKEN = re.compile(r"\s*(\(|\)|\[|\]|\||\{[^}]*\}|[^\s()\[\]|{}]+)")
_WORD = re.compile(r"^[a-z']+$")


class PhraseError(Exception):
    """Templates that cannot be used; `problems` names the file and each problem."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


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


# --- template syntax -------------------------------------------------------------------------

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


# --- the phrasebook --------------------------------------------------------------------------


@dataclass(frozen=True)
class Templates:
    """The validated contents of a phrases file."""

    path: Path
    commands: dict[CommandId, list[tuple[str, Sequence_]]]
    lists: dict[str, list[tuple[str, int | str]]]
    not_spoken: dict[CommandId, str]


def load_templates(path: Path = DEFAULT_PHRASES) -> Templates:
    """Read and validate a phrases file; raise PhraseError naming the file and every problem."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise PhraseError([f"{path}: cannot be read: {error.strerror}"]) from error
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise PhraseError([f"{path}: is not valid TOML: {error}"]) from error
    problems: list[str] = []
    lists = _read_lists(path, data.get("lists", {}), problems)
    commands: dict[CommandId, list[tuple[str, Sequence_]]] = {}
    raw_commands = data.get("commands")
    if not isinstance(raw_commands, dict) or not raw_commands:
        problems.append(f"{path}: no [commands] table")
        raw_commands = {}
    for name, templates in raw_commands.items():
        command_id = _command_id(path, name, problems)
        if command_id is None:
            continue
        if not isinstance(templates, list) or not all(isinstance(t, str) for t in templates):
            problems.append(f"{path}: command '{name}': give a list of sentence templates")
            continue
        parsed = []
        for template in templates:
            try:
                sequence = parse_template(template)
            except ValueError as error:
                problems.append(f"{path}: command '{name}', template {template!r}: {error}")
                continue
            _check_slots(path, name, command_id, template, sequence, lists, problems)
            parsed.append((template, sequence))
        commands[command_id] = parsed
    not_spoken: dict[CommandId, str] = {}
    for name, reason in data.get("not_spoken", {}).items():
        command_id = _command_id(path, name, problems)
        if command_id is not None:
            not_spoken[command_id] = str(reason)
    for key in data:
        if key not in ("version", "lists", "commands", "not_spoken"):
            problems.append(f"{path}: unknown table or key '{key}'")
    if problems:
        raise PhraseError(problems)
    return Templates(path, commands, lists, not_spoken)


def _command_id(path: Path, name: str, problems: list[str]) -> CommandId | None:
    try:
        return CommandId(name)
    except ValueError:
        problems.append(f"{path}: '{name}' is not a command id (see kiosk/commands/command.py)")
        return None


def _read_lists(
    path: Path, raw: object, problems: list[str]
) -> dict[str, list[tuple[str, int | str]]]:
    lists: dict[str, list[tuple[str, int | str]]] = {SECTION_SLOT: []}
    if not isinstance(raw, dict):
        problems.append(f"{path}: [lists] must be a table of lists")
        return lists
    for name, entries in raw.items():
        if name == SECTION_SLOT:
            problems.append(f"{path}: list '{SECTION_SLOT}' is filled from the content; remove it")
            continue
        if not isinstance(entries, dict) or not entries:
            problems.append(f"{path}: list '{name}' must be a table of words = value")
            continue
        lists[name] = []
        for words, value in entries.items():
            if not normalise(words) or not isinstance(value, int | str):
                problems.append(f"{path}: list '{name}': bad entry {words!r} = {value!r}")
                continue
            lists[name].append((normalise(words), value))
    return lists


def _check_slots(
    path: Path,
    name: str,
    command_id: CommandId,
    template: str,
    sequence: Sequence_,
    lists: dict[str, list[tuple[str, int | str]]],
    problems: list[str],
) -> None:
    where = f"{path}: command '{name}', template {template!r}"
    slots = slots_of(sequence)
    for slot in sorted(slots - set(lists)):
        problems.append(f"{where}: unknown list {{{slot}}}")
    wanted = VALUE_SLOTS.get(command_id)
    if wanted is None and slots:
        problems.append(f"{where}: '{name}' takes no value, so it cannot use a {{list}}")
    elif wanted is not None and slots != {wanted}:
        problems.append(f"{where}: '{name}' needs exactly the list {{{wanted}}}")


def section_names(sections: Iterable[object]) -> list[SectionName]:
    """Titles and synonyms of content sections (anything with id, title, synonyms, path)."""
    names = []
    for section in sections:
        section_id = str(getattr(section, "id"))  # noqa: B009 - duck-typed on purpose
        origin = str(getattr(section, "path", section_id))
        for name in (getattr(section, "title"), *getattr(section, "synonyms", ())):  # noqa: B009
            if normalise(str(name)):
                names.append(SectionName(section_id, normalise(str(name)), origin))
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
    def load(cls, path: Path = DEFAULT_PHRASES, sections: Iterable[object] = ()) -> Phrasebook:
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
