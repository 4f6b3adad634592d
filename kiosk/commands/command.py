"""The kiosk's command set: every key, keypad key and voice phrase becomes one of these.

Pure logic: no Textual, no audio. The id strings are part of the public interface
(`kiosk listen --json`, the key map and the phrase files use them), so never rename one.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from kiosk.content.wording_commands import CommandWording


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


def description(command_id: CommandId, said: CommandWording) -> str:
    """What `command_id` does, in the content's wording (`[commands]`, one line per command):
    "describe the next key", the options list and the Help page say it."""
    texts: dict[CommandId, str] = {
        CommandId.SELECT: said.select,
        CommandId.OPEN: said.open,
        CommandId.ACTIVATE: said.activate,
        CommandId.NEXT: said.next,
        CommandId.PREVIOUS: said.previous,
        CommandId.NEXT_SENTENCE: said.next_sentence,
        CommandId.PREVIOUS_SENTENCE: said.previous_sentence,
        CommandId.NEXT_SECTION: said.next_section,
        CommandId.PREVIOUS_SECTION: said.previous_section,
        CommandId.READ: said.read,
        CommandId.BACK: said.back,
        CommandId.HOME: said.home,
        CommandId.HELP: said.help,
        CommandId.ABOUT: said.about,
        CommandId.REPEAT: said.repeat,
        CommandId.STOP: said.stop,
        CommandId.PAUSE: said.pause,
        CommandId.RESUME: said.resume,
        CommandId.PAUSE_RESUME: said.pause_resume,
        CommandId.LOUDER: said.louder,
        CommandId.SOFTER: said.softer,
        CommandId.FASTER: said.faster,
        CommandId.SLOWER: said.slower,
        CommandId.WHERE_AM_I: said.where_am_i,
        CommandId.END_SESSION: said.end_session,
        CommandId.YES: said.yes,
        CommandId.NO: said.no,
        CommandId.MORE_TIME: said.more_time,
        CommandId.PAGE_UP: said.page_up,
        CommandId.PAGE_DOWN: said.page_down,
        CommandId.MORE: said.more,
        CommandId.DESCRIBE_KEY: said.describe_key,
        CommandId.OPTIONS: said.options,
        CommandId.PUSH_TO_TALK: said.push_to_talk,
        CommandId.PRIVACY: said.privacy,
        CommandId.STAFF: said.staff,
        CommandId.CLEANING: said.cleaning,
    }
    return texts[command_id]


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
