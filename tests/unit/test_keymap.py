"""The key map: defaults reach every patient function from a 17-key keypad, either NumLock."""

from __future__ import annotations

from dataclasses import fields, replace

import pytest

from kiosk.commands.command import Command, CommandId, description, parse_command
from kiosk.commands.keymap import KeyContext, KeyMap, KeyMapError, describe_command, key_label
from kiosk.commands.keystate import KeyLayer
from kiosk.content.wording_commands import CommandWording, KeyNameWording
from kiosk.content.wording_file import shipped_wording
from kiosk.core.key_input import KeyInput

KEYPAD_NUMLOCK_ON = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9",
                     "full_stop", "enter", "plus", "minus", "asterisk", "slash"]  # fmt: skip
# NumLock off: 0 insert, 1 end, 2 down, 3 pagedown, 4 left, 5 (nothing), 6 right, 7 home,
# 8 up, 9 pageup, . delete.
KEYPAD_NUMLOCK_OFF = ["insert", "end", "down", "pagedown", "left", "right", "home", "up",
                      "pageup", "delete", "enter", "plus", "minus", "asterisk",
                      "slash"]  # fmt: skip
# Everything a patient can do (staff functions and voice-only push-to-talk aside).
PATIENT_COMMANDS = {
    CommandId.ACTIVATE, CommandId.NEXT, CommandId.PREVIOUS, CommandId.NEXT_SECTION,
    CommandId.PREVIOUS_SECTION, CommandId.READ, CommandId.BACK, CommandId.HOME, CommandId.HELP,
    CommandId.ABOUT, CommandId.REPEAT, CommandId.STOP, CommandId.PAUSE_RESUME,
    CommandId.LOUDER, CommandId.SOFTER, CommandId.FASTER, CommandId.SLOWER,
    CommandId.WHERE_AM_I, CommandId.END_SESSION, CommandId.PAGE_UP, CommandId.PAGE_DOWN,
    CommandId.MORE, CommandId.DESCRIBE_KEY, CommandId.PUSH_TO_TALK,
}  # fmt: skip


def reachable(keymap: KeyMap, keys: list[str]) -> set[CommandId]:
    found: set[CommandId] = set()
    for context in (KeyContext.LIST, KeyContext.READING):
        for key in keys:
            for options in (False, True):
                command = keymap.lookup(key, context, options=options)
                if command is not None:
                    found.add(command.id)
    return found


@pytest.mark.parametrize("keys", [KEYPAD_NUMLOCK_ON, KEYPAD_NUMLOCK_OFF])
def test_keypad_reaches_every_patient_function(keys: list[str]) -> None:
    missing = PATIENT_COMMANDS - reachable(KeyMap.default(), keys)
    assert not missing, f"not reachable from the keypad: {sorted(m.value for m in missing)}"


def test_digits_choose_topics_on_lists_and_navigate_while_reading() -> None:
    keymap = KeyMap.default()
    assert keymap.lookup("4", KeyContext.LIST) == Command(CommandId.SELECT, 4)
    assert keymap.lookup("8", KeyContext.READING) == Command(CommandId.PREVIOUS)
    assert keymap.lookup("up", KeyContext.READING) == Command(CommandId.PREVIOUS)
    assert keymap.lookup("0", KeyContext.READING) == Command(CommandId.HELP)


def test_same_physical_key_same_job_while_reading_either_numlock() -> None:
    keymap = KeyMap.default()
    pairs = [("8", "up"), ("2", "down"), ("4", "left"), ("6", "right"), ("7", "home"),
             ("9", "pageup"), ("3", "pagedown"), ("0", "insert"), ("1", "end"),
             ("full_stop", "delete")]  # fmt: skip
    for on, off in pairs:
        for options in (False, True):
            assert keymap.lookup(on, KeyContext.READING, options=options) == keymap.lookup(
                off, KeyContext.READING, options=options
            ), (on, off, options)


def test_no_chords_in_the_default_map() -> None:
    for table in KeyMap.default().tables.values():
        assert not [key for key in table if "+" in key or key.startswith("ctrl")]


def test_site_override_merges_key_by_key() -> None:
    override = KeyMap.from_mapping({"global": {"f5": "home", "plus": "faster"}}, where="test")
    keymap = KeyMap.default().merged(override)
    assert keymap.lookup("f5", KeyContext.READING) == Command(CommandId.HOME)
    assert keymap.lookup("plus", KeyContext.READING) == Command(CommandId.FASTER)
    assert keymap.lookup("minus", KeyContext.READING) == Command(CommandId.SOFTER)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"nowhere": {"a": "home"}}, "unknown key table [keys.nowhere]"),
        ({"global": {"a": "fly"}}, "keys.global.a = 'fly'"),
        ({"global": {"a": "select 12"}}, "needs a number 0 to 9"),
        ({"global": {"a": 3}}, "must be a command name"),
        # A patient's key must never open the staff tools (the staff sequence does).
        ({"reading": {"f5": "cleaning"}}, "staff tools are reached only by the staff sequence"),
        ({"global": {"x": "staff"}}, "staff tools are reached only by the staff sequence"),
    ],
)
def test_bad_key_map_is_refused(raw: dict[str, object], message: str) -> None:
    with pytest.raises(KeyMapError, match=message.replace("[", r"\[").replace(".", r"\.")):
        KeyMap.from_mapping(raw, where="site.toml")


def test_describe_key_and_unused_key() -> None:
    keymap, wording = KeyMap.default(), shipped_wording()
    assert keymap.describe("plus", KeyContext.READING, wording) == "plus: louder."
    assert keymap.describe("plus", KeyContext.READING, wording, options=True) == (
        "plus: speak faster."
    )
    assert keymap.describe("x", KeyContext.READING, wording) is None
    # What the kiosk says for a described key with no job is the wording's keys.not_used.
    keys = KeyInput(keymap, wording=shipped_wording)
    keys.layer = KeyLayer.DESCRIBE
    assert keys.command_for("x", KeyContext.READING) == "X: that key is not used here."


def test_every_command_has_help_text_in_the_wording_and_parses() -> None:
    said = shipped_wording().commands
    assert [f.name for f in fields(CommandWording)] == [c.value for c in CommandId]
    for command_id in CommandId:
        assert description(command_id, said) == getattr(said, command_id.value) != ""
    assert parse_command("select 4") == Command(CommandId.SELECT, 4)
    assert parse_command("open risks") == Command(CommandId.OPEN, "risks")
    with pytest.raises(ValueError, match="takes no value"):
        parse_command("home now")


def test_key_names_and_help_text_are_the_wording_handed_in() -> None:
    shipped = shipped_wording()
    for f in fields(KeyNameWording):
        assert key_label(f.name, shipped) == getattr(shipped.key_names, f.name) != ""
    assert key_label("f5", shipped) == "F5" and key_label("x", shipped) == "X"
    wording = replace(
        shipped,
        key_names=replace(shipped.key_names, slash="stroke", plus="add"),
        commands=replace(shipped.commands, louder="more volume", select="pick"),
    )
    keymap = KeyMap.default()
    assert keymap.describe("plus", KeyContext.READING, wording) == "add: more volume."
    assert describe_command(Command(CommandId.SELECT, 4), wording) == "pick 4"
    assert ("add", "more volume") in keymap.help_lines(KeyContext.READING, wording)
    faster = keymap.keypad_label(Command(CommandId.FASTER), KeyContext.READING, wording)
    assert faster == "stroke, add"
    assert keymap.keypad_label(Command(CommandId.FASTER), KeyContext.READING, shipped) == (
        "slash, plus"
    )
    spelt_out = replace(shipped, hints=replace(shipped.hints, then="{keys} then {key}"))
    faster = keymap.keypad_label(Command(CommandId.FASTER), KeyContext.READING, spelt_out)
    assert faster == "slash then plus"
