"""The wording's two groups the key map says: `[commands]`, what each command does, and
`[key_names]`, how a key is said and shown.

`[commands]` has one key per command id (`kiosk.commands.command.CommandId`): "describe the
next key" and the options list say them, the Help page shows them. `[key_names]` has one key
per key name the kiosk names specially (a key not here is said by its own name: "F5", "7").
Neither fills in a value. `kiosk.commands` looks them up by command id and key name; the rules
of the file are `kiosk.content.wording`'s. Pure: no Textual, no audio.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import cast


def message_field(*placeholders: str) -> str:
    """A message; `placeholders` are the values the code fills in, each of which it must use."""
    return cast(str, field(metadata={"placeholders": placeholders}))


_text = message_field  # these two groups fill no value in


@dataclass(frozen=True)
class CommandWording:
    """What each command does, by command id."""

    select: str = _text()
    open: str = _text()
    activate: str = _text()
    next: str = _text()
    previous: str = _text()
    next_sentence: str = _text()
    previous_sentence: str = _text()
    next_section: str = _text()
    previous_section: str = _text()
    read: str = _text()
    back: str = _text()
    home: str = _text()
    help: str = _text()
    about: str = _text()
    repeat: str = _text()
    stop: str = _text()
    pause: str = _text()
    resume: str = _text()
    pause_resume: str = _text()
    louder: str = _text()
    softer: str = _text()
    faster: str = _text()
    slower: str = _text()
    where_am_i: str = _text()
    end_session: str = _text()
    yes: str = _text()
    no: str = _text()
    more_time: str = _text()
    page_up: str = _text()
    page_down: str = _text()
    more: str = _text()
    describe_key: str = _text()
    options: str = _text()
    push_to_talk: str = _text()
    privacy: str = _text()
    staff: str = _text()
    cleaning: str = _text()


@dataclass(frozen=True)
class KeyNameWording:
    """How a key is said and shown, by its name."""

    enter: str = _text()
    full_stop: str = _text()
    delete: str = _text()
    escape: str = _text()
    backspace: str = _text()
    insert: str = _text()
    plus: str = _text()
    minus: str = _text()
    asterisk: str = _text()
    slash: str = _text()
    up: str = _text()
    down: str = _text()
    left: str = _text()
    right: str = _text()
    home: str = _text()
    end: str = _text()
    pageup: str = _text()
    pagedown: str = _text()
    space: str = _text()
    question_mark: str = _text()
    right_square_bracket: str = _text()
    left_square_bracket: str = _text()
