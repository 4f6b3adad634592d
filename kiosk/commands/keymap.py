"""The key map: which key does what, on which kind of screen. Pure logic, loaded from data.

Defaults live in `kiosk/data/keymap.toml`; a site's configuration overrides single keys.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from importlib import resources

from kiosk.commands.command import DESCRIPTIONS, Command, CommandId, parse_command


class KeyContext(str, Enum):
    GLOBAL = "global"
    LIST = "list"  # a screen with a numbered list (home, orientation)
    READING = "reading"  # reading a page (a section, help, about)
    OPTIONS = "options"  # the one key after the options key


class KeyMapError(ValueError):
    pass


# How to say a key's name aloud and on screen.
KEY_NAMES: dict[str, str] = {
    "enter": "Enter",
    "full_stop": "dot",
    "delete": "Delete",
    "escape": "Escape",
    "backspace": "Backspace",
    "insert": "Insert",
    "plus": "plus",
    "minus": "minus",
    "asterisk": "star",
    "slash": "slash",
    "up": "Up arrow",
    "down": "Down arrow",
    "left": "Left arrow",
    "right": "Right arrow",
    "home": "Home",
    "end": "End",
    "pageup": "Page Up",
    "pagedown": "Page Down",
    "space": "Space",
    "question_mark": "question mark",
    "right_square_bracket": "right bracket",
    "left_square_bracket": "left bracket",
}


# Keys a 17-key numeric keypad sends with NumLock on (what on-screen hints name).
KEYPAD_KEYS = frozenset(
    [str(digit) for digit in range(10)]
    + ["enter", "plus", "minus", "asterisk", "slash", "full_stop"]
)


def key_label(key: str) -> str:
    if key in KEY_NAMES:
        return KEY_NAMES[key]
    if len(key) == 1:
        return key.upper() if key.isalpha() else key
    return key.replace("_", " ").capitalize()


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
                    tables[context][key] = parse_command(command_text)
                except ValueError as error:
                    raise KeyMapError(
                        f"{where}: keys.{context_name}.{key} = {command_text!r}: {error}"
                    ) from None
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

    def describe(self, key: str, context: KeyContext, *, options: bool = False) -> str:
        """A spoken description of what `key` does here, without doing it."""
        command = self.lookup(key, context, options=options)
        if command is None:
            return f"{key_label(key)}: that key is not used here."
        return f"{key_label(key)}: {describe_command(command)}."

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

    def keypad_label(self, command: Command, context: KeyContext) -> str:
        """The shortest way to give `command` from a numeric keypad, for on-screen hints:
        "0", or "slash, 0" through the options key; a keyboard key if there is no other."""
        direct = self.keys_for(command, context)
        for key in direct:
            if key in KEYPAD_KEYS:
                return key_label(key)
        options_keys = self.keys_for(Command(CommandId.OPTIONS), context)
        layered = [k for k, c in self.tables.get(KeyContext.OPTIONS, {}).items() if c == command]
        for key in layered:
            if key in KEYPAD_KEYS and options_keys:
                return f"{key_label(options_keys[0])}, {key_label(key)}"
        return key_label(direct[0]) if direct else ""

    def help_lines(self, context: KeyContext) -> list[tuple[str, str]]:
        """(keys, what they do) for the help screen, one line per command."""
        by_command: dict[Command, list[str]] = {}
        screen = self.tables.get(context, {})
        if context is KeyContext.OPTIONS:
            merged = dict(screen)
        else:
            merged = {**self.tables.get(KeyContext.GLOBAL, {}), **screen}
        for key, command in merged.items():
            by_command.setdefault(command, []).append(key_label(key))
        return [(" or ".join(keys), describe_command(c)) for c, keys in by_command.items()]


def describe_command(command: Command) -> str:
    text = DESCRIPTIONS[command.id]
    if command.value is not None:
        return f"{text} {command.value}"
    return text
