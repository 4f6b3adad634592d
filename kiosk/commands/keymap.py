"""The key map: which key does what, on which kind of screen. Pure logic, loaded from data.

Defaults live in `kiosk/data/keymap.toml`; a site's configuration overrides single keys.
What each command does and how a key is said are the content's wording (`[commands]` and
`[key_names]` in kiosk/wording.toml), handed in by the caller, so a reload changes them.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum
from importlib import resources

from kiosk.commands.command import Command, CommandId, description, parse_command
from kiosk.content.wording import Wording
from kiosk.content.wording_commands import KeyNameWording

# Commands for staff: a key map that gives one to a key would let a patient open them.
STAFF_ONLY = frozenset({CommandId.STAFF, CommandId.CLEANING})


class KeyContext(str, Enum):
    GLOBAL = "global"
    LIST = "list"  # a screen with a numbered list (home, orientation)
    READING = "reading"  # reading a page (a section, help, about)
    OPTIONS = "options"  # the one key after the options key


class KeyMapError(ValueError):
    pass


# Keys a 17-key numeric keypad sends with NumLock on (what on-screen hints name).
KEYPAD_KEYS = frozenset(
    [str(digit) for digit in range(10)]
    + ["enter", "plus", "minus", "asterisk", "slash", "full_stop"]
)


def key_label(key: str, wording: Wording) -> str:
    """How `key` is said and shown: the content's wording (`[key_names]`), else its own name."""
    named = _key_names(wording.key_names)
    if key in named:
        return named[key]
    if len(key) == 1:
        return key.upper() if key.isalpha() else key
    return key.replace("_", " ").capitalize()


def _key_names(said: KeyNameWording) -> dict[str, str]:
    return {
        "enter": said.enter,
        "full_stop": said.full_stop,
        "delete": said.delete,
        "escape": said.escape,
        "backspace": said.backspace,
        "insert": said.insert,
        "plus": said.plus,
        "minus": said.minus,
        "asterisk": said.asterisk,
        "slash": said.slash,
        "up": said.up,
        "down": said.down,
        "left": said.left,
        "right": said.right,
        "home": said.home,
        "end": said.end,
        "pageup": said.pageup,
        "pagedown": said.pagedown,
        "space": said.space,
        "question_mark": said.question_mark,
        "right_square_bracket": said.right_square_bracket,
        "left_square_bracket": said.left_square_bracket,
    }


def join_keys(labels: Iterable[str], joining: str) -> str:
    """Keys' `labels` joined by `joining`, a wording text that puts {keys} (the keys so far)
    before {key} (the next one): `[keys] either_key` or `then`. "" when there are none."""
    joined = ""
    for label in labels:
        joined = joining.format(keys=joined, key=label) if joined else label
    return joined


@dataclass(frozen=True)
class KeyMap:
    tables: Mapping[KeyContext, Mapping[str, Command]]

    @classmethod
    def default(cls) -> KeyMap:
        text = resources.files("kiosk.data").joinpath("keymap.toml").read_text("utf-8")
        return cls.from_mapping(tomllib.loads(text).get("keys", {}), where="kiosk/data/keymap.toml")

    @classmethod
    def from_mapping(cls, raw: Mapping[str, object], where: str) -> KeyMap:
        tables: dict[KeyContext, dict[str, Command]] = {context: {} for context in KeyContext}
        for context_name, table in raw.items():
            try:
                context = KeyContext(context_name)
            except ValueError:
                known = ", ".join(c.value for c in KeyContext)
                raise KeyMapError(
                    f"{where}: unknown key table [keys.{context_name}] (known: {known})"
                ) from None
            if not isinstance(table, Mapping):
                raise KeyMapError(
                    f"{where}: [keys.{context_name}] must be a table of key = command"
                )
            for key, command_text in table.items():
                if not isinstance(command_text, str):
                    raise KeyMapError(f"{where}: keys.{context_name}.{key} must be a command name")
                try:
                    command = parse_command(command_text)
                except ValueError as error:
                    raise KeyMapError(
                        f"{where}: keys.{context_name}.{key} = {command_text!r}: {error}"
                    ) from None
                if command.id in STAFF_ONLY:
                    raise KeyMapError(
                        f"{where}: keys.{context_name}.{key} = {command_text!r}: staff tools "
                        "are reached only by the staff sequence (staff.sequence), never by "
                        "a key a patient may press"
                    )
                tables[context][key] = command
        return cls(tables)

    def merged(self, overrides: KeyMap) -> KeyMap:
        """This map with `overrides` applied key by key."""
        return KeyMap(
            {
                context: {**self.tables.get(context, {}), **overrides.tables.get(context, {})}
                for context in KeyContext
            }
        )

    def lookup(self, key: str, context: KeyContext, *, options: bool = False) -> Command | None:
        """The command `key` means on a screen of `context` (after the options key if set)."""
        if options:
            return self.tables.get(KeyContext.OPTIONS, {}).get(key)
        screen = self.tables.get(context, {})
        if key in screen:
            return screen[key]
        return self.tables.get(KeyContext.GLOBAL, {}).get(key)

    def describe(
        self, key: str, context: KeyContext, wording: Wording, *, options: bool = False
    ) -> str | None:
        """A spoken description of what `key` does here, without doing it; None when it has
        no job here (the caller says the wording's `keys.not_used`)."""
        command = self.lookup(key, context, options=options)
        if command is None:
            return None
        what = describe_command(command, wording)
        return wording.keys.option.format(keys=key_label(key, wording), what=what)

    def keys_for(self, command: Command, context: KeyContext) -> list[str]:
        """Keys that give `command` on a screen of `context`, screen-specific first."""
        screen = self.tables.get(context, {})
        found = [k for k, c in screen.items() if c == command]
        found += [
            k
            for k, c in self.tables.get(KeyContext.GLOBAL, {}).items()
            if c == command and k not in screen
        ]
        return found

    def keypad_sequence(self, command: Command, context: KeyContext) -> tuple[str, ...]:
        """The shortest way to give `command` from a numeric keypad: one key ("0"), or the
        options key then one ("slash", "0"); a keyboard key if there is no other; () if none."""
        direct = self.keys_for(command, context)
        for key in direct:
            if key in KEYPAD_KEYS:
                return (key,)
        options_keys = self.keys_for(Command(CommandId.OPTIONS), context)
        layered = [k for k, c in self.tables.get(KeyContext.OPTIONS, {}).items() if c == command]
        for key in layered:
            if key in KEYPAD_KEYS and options_keys:
                return (options_keys[0], key)
        return (direct[0],) if direct else ()

    def keypad_label(self, command: Command, context: KeyContext, wording: Wording) -> str:
        """`keypad_sequence` as on-screen hints show it: "0", or "slash, 0" (`[hints] then`)."""
        sequence = self.keypad_sequence(command, context)
        return join_keys((key_label(key, wording) for key in sequence), wording.hints.then)

    def help_lines(self, context: KeyContext, wording: Wording) -> list[tuple[str, str]]:
        """(keys, what they do) for the help screen, one line per command."""
        by_command: dict[Command, list[str]] = {}
        screen = self.tables.get(context, {})
        if context is KeyContext.OPTIONS:
            merged = dict(screen)
        else:
            merged = {**self.tables.get(KeyContext.GLOBAL, {}), **screen}
        for key, command in merged.items():
            by_command.setdefault(command, []).append(key_label(key, wording))
        either = wording.keys.either_key
        return [
            (join_keys(keys, either), describe_command(c, wording))
            for c, keys in by_command.items()
        ]


def describe_command(command: Command, wording: Wording) -> str:
    """What `command` does, in the content's wording (`[commands]`), with its value."""
    text = description(command.id, wording.commands)
    if command.value is not None:
        return f"{text} {command.value}"
    return text
