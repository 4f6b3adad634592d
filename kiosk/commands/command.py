"""The kiosk's command set: every key, keypad key and voice phrase becomes one of these.

Pure logic: no Textual, no audio. The id strings are part of the public interface
(`kiosk listen --json`, the key map and the phrase files use them), so never rename one.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class CommandId(str, Enum):
    """Every command the kiosk understands. The value is the documented id."""

    SELECT = "select"  # value: item number 0-9 (0 means help, as "0 for the operator")
    OPEN = "open"  # value: section id
    ACTIVATE = "activate"  # the Enter key: open the selected item, or read from here
    NEXT = "next"
    PREVIOUS = "previous"
    NEXT_SENTENCE = "next_sentence"
    PREVIOUS_SENTENCE = "previous_sentence"
    NEXT_SECTION = "next_section"
    PREVIOUS_SECTION = "previous_section"
    READ = "read"
    BACK = "back"
    HOME = "home"
    HELP = "help"
    ABOUT = "about"
    REPEAT = "repeat"
    STOP = "stop"
    PAUSE = "pause"
    RESUME = "resume"
    PAUSE_RESUME = "pause_resume"
    LOUDER = "louder"
    SOFTER = "softer"
    FASTER = "faster"
    SLOWER = "slower"
    WHERE_AM_I = "where_am_i"
    END_SESSION = "end_session"
    YES = "yes"
    NO = "no"
    MORE_TIME = "more_time"
    PAGE_UP = "page_up"
    PAGE_DOWN = "page_down"
    MORE = "more"
    DESCRIBE_KEY = "describe_key"
    OPTIONS = "options"
    PUSH_TO_TALK = "push_to_talk"
    PRIVACY = "privacy"  # blank the screen or show it again; speech and keys go on
    STAFF = "staff"
    CLEANING = "cleaning"


@dataclass(frozen=True)
class Command:
    """One command, with its value where it takes one (`select` 4, `open` "risks")."""

    id: CommandId
    value: int | str | None = None

    def __str__(self) -> str:
        return self.id.value if self.value is None else f"{self.id.value} {self.value}"


# One line of help per command: the help screen, "describe key" and the README use these.
DESCRIPTIONS: dict[CommandId, str] = {
    CommandId.SELECT: "choose item by number",
    CommandId.OPEN: "open a section by name",
    CommandId.ACTIVATE: "open the chosen item, or read from here",
    CommandId.NEXT: "next item, or next sentence while reading",
    CommandId.PREVIOUS: "previous item, or previous sentence while reading",
    CommandId.NEXT_SENTENCE: "next sentence",
    CommandId.PREVIOUS_SENTENCE: "previous sentence",
    CommandId.NEXT_SECTION: "next section",
    CommandId.PREVIOUS_SECTION: "previous section",
    CommandId.READ: "read the whole page from the top",
    CommandId.BACK: "go back",
    CommandId.HOME: "go to the main menu",
    CommandId.HELP: "help",
    CommandId.ABOUT: "about this information",
    CommandId.REPEAT: "repeat",
    CommandId.STOP: "stop speaking",
    CommandId.PAUSE: "pause reading",
    CommandId.RESUME: "continue reading",
    CommandId.PAUSE_RESUME: "pause or continue reading",
    CommandId.LOUDER: "louder",
    CommandId.SOFTER: "softer",
    CommandId.FASTER: "speak faster",
    CommandId.SLOWER: "speak slower",
    CommandId.WHERE_AM_I: "where am I",
    CommandId.END_SESSION: "end session, start over",
    CommandId.YES: "yes",
    CommandId.NO: "no",
    CommandId.MORE_TIME: "more time",
    CommandId.PAGE_UP: "scroll up",
    CommandId.PAGE_DOWN: "scroll down",
    CommandId.MORE: "more items",
    CommandId.DESCRIBE_KEY: "describe the next key you press",
    CommandId.OPTIONS: "more options: the next key does its second job",
    CommandId.PUSH_TO_TALK: "speak a command",
    CommandId.PRIVACY: "screen off or on, for privacy",
    CommandId.STAFF: "staff menu",
    CommandId.CLEANING: "cleaning mode: keys do nothing for a minute",
}

# Commands that adjust the speech in progress instead of interrupting it.
KEEPS_SPEECH: frozenset[CommandId] = frozenset({CommandId.LOUDER, CommandId.SOFTER})


def parse_command(text: str) -> Command:
    """Parse "select 4" / "open risks" / "next" (key map and test notation)."""
    name, _, raw_value = text.strip().partition(" ")
    command_id = CommandId(name)
    raw_value = raw_value.strip()
    if command_id is CommandId.SELECT:
        if not raw_value.isdigit() or not 0 <= int(raw_value) <= 9:
            raise ValueError(f"'select' needs a number 0 to 9, not {raw_value!r}")
        return Command(command_id, int(raw_value))
    if command_id is CommandId.OPEN:
        if not raw_value:
            raise ValueError("'open' needs a section id")
        return Command(command_id, raw_value)
    if raw_value:
        raise ValueError(f"'{name}' takes no value")
    return Command(command_id)
