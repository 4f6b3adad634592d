"""The keypad's layers: which job the next key does. Pure logic, no Textual, no audio.

A key normally does its first job. After the options key it does its second job (the
`[keys.options]` table); after "describe the next key" it is only described; on the welcome
screen and at the inactivity warning any key just answers. The controller keeps one
`KeyLayer` and moves it with `layer_after`.

The staff sequence must never be pressed by a patient using the kiosk as documented
(issue #12: `/ *`, pause/continue, three times used to open the staff prompt, and `*` there
started cleaning mode). `patient_can_press` answers that question for any sequence, from any
layer the kiosk may be in when the sequence starts: a sequence is safe only if every way of
pressing it takes at least one step no documented use takes (a key with no job in that layer,
for which the kiosk says "that key is not used here").
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum

from kiosk.commands.command import Command, CommandId
from kiosk.commands.keymap import KeyContext, KeyMap, describe_command
from kiosk.content.wording import Wording

# Screens a key can be pressed on; the layer machine does not know which one the patient is on.
SCREEN_CONTEXTS = (KeyContext.LIST, KeyContext.READING)


class KeyLayer(str, Enum):
    FIRST = "first"  # a key does its job on the screen
    OPTIONS = "options"  # after the options key: the next key does its second job
    DESCRIBE = "describe"  # after "describe the next key": the next key is only described
    ANY_KEY = "any_key"  # welcome screen, inactivity warning: any key answers


def layer_after(command: Command | None) -> KeyLayer:
    """The layer the next key is in, after a key that gave `command` (None: it had no job)."""
    if command is None:
        return KeyLayer.FIRST
    if command.id is CommandId.OPTIONS:
        return KeyLayer.OPTIONS
    if command.id is CommandId.DESCRIBE_KEY:
        return KeyLayer.DESCRIBE
    if command.id is CommandId.END_SESSION:
        return KeyLayer.ANY_KEY  # back on the welcome screen
    return KeyLayer.FIRST


def patient_steps(keymap: KeyMap, layer: KeyLayer, key: str) -> frozenset[KeyLayer]:
    """The layers a documented use of `key` in `layer` can lead to, on any screen; empty when
    `key` has no job in `layer`, so no documented patient use presses it there."""
    return frozenset(after for after, _ in _documented_jobs(keymap, layer, key))


def patient_can_press(keymap: KeyMap, keys: Iterable[str]) -> bool:
    """Whether some documented patient use, starting in any layer, presses exactly `keys`."""
    return _patient_way(keymap, keys) is not None


def patient_use(keymap: KeyMap, keys: Iterable[str], wording: Wording) -> list[str] | None:
    """One documented patient use, from any layer, that presses exactly `keys`: what each key
    does on it ("pause or continue reading"..., in `wording`); None when there is none."""
    way = _patient_way(keymap, keys)
    return None if way is None else [_job(job, wording) for job in way]


def _patient_way(keymap: KeyMap, keys: Iterable[str]) -> list[Command | str] | None:
    """The jobs of one documented patient use that presses exactly `keys`, or None."""
    # Every layer reachable so far, with one way of getting there (a breadth-first search:
    # at most four layers at each key, so the cost is linear in the sequence).
    ways: dict[KeyLayer, list[Command | str]] = {layer: [] for layer in KeyLayer}
    for key in keys:
        following: dict[KeyLayer, list[Command | str]] = {}
        for layer, way in ways.items():
            for after, job in _documented_jobs(keymap, layer, key):
                following.setdefault(after, [*way, job])
        if not following:
            return None
        ways = following
    return next(iter(ways.values()))


def _documented_jobs(
    keymap: KeyMap, layer: KeyLayer, key: str
) -> list[tuple[KeyLayer, Command | str]]:
    """(layer after, what the key does) for each documented use of `key` in `layer`."""
    if layer is KeyLayer.DESCRIBE:
        return [(KeyLayer.FIRST, "described")]  # every key is described
    if layer is KeyLayer.ANY_KEY:
        return [(KeyLayer.FIRST, "any key")]  # every key answers
    if layer is KeyLayer.OPTIONS:
        # The options table is the same on every screen.
        commands = [keymap.lookup(key, KeyContext.LIST, options=True)]
    else:
        commands = [keymap.lookup(key, context) for context in SCREEN_CONTEXTS]
    return [(layer_after(c), c) for c in commands if c is not None]


def _job(job: Command | str, wording: Wording) -> str:
    # Short, for an error message that lists one job per key.
    if isinstance(job, str):
        return job
    return "options" if job.id is CommandId.OPTIONS else describe_command(job, wording)


def keys_without_second_job(keymap: KeyMap, keys: Iterable[str]) -> list[str]:
    """Of `keys`, those the options layer gives no job (candidates for a staff sequence)."""
    options = keymap.tables.get(KeyContext.OPTIONS, {})
    return [key for key in keys if key not in options]
