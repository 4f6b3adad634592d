"""A phrases file (`kiosk/data/phrases.toml`): read it and check every template in it."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from kiosk.commands.command import CommandId
from kiosk.commands.templates import Sequence_, normalise, parse_template, slots_of

DEFAULT_PHRASES = Path(__file__).resolve().parent.parent / "data" / "phrases.toml"
SECTION_SLOT = "section"
# Which slot gives a command its value; all other commands take none.
VALUE_SLOTS: dict[CommandId, str] = {CommandId.SELECT: "digit", CommandId.OPEN: SECTION_SLOT}


class PhraseError(Exception):
    """Templates that cannot be used; `problems` names the file and each problem."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


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
