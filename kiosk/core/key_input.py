"""Which job a key does: the options and describe layers, the staff sequence, held keys.

Pure logic, no Textual and no audio. `KeyInput` keeps the one `KeyLayer` the next key is in
(the same machine `kiosk.commands.keystate` checks the staff sequence against), the keys
pressed so far towards the staff sequence, and the `KeyFilter` for held keys and double
strikes. It turns a key into a `Command`, or into what to say instead, and says how to press
a command ("slash then 9").
"""

from __future__ import annotations

from collections.abc import Callable

from kiosk.commands.command import Command, CommandId
from kiosk.commands.keymap import KeyContext, KeyMap, join_keys, key_label
from kiosk.commands.keystate import KeyLayer
from kiosk.content.wording import Wording
from kiosk.core.keyfilter import KeyFilter


class KeyInput:
    def __init__(
        self,
        keymap: KeyMap,
        staff_sequence: tuple[str, ...] = (),
        *,
        wording: Callable[[], Wording],
    ) -> None:
        self.keymap = keymap
        self.staff_sequence = staff_sequence
        self.wording = wording  # the content's, as it is now: what is said ([keys])
        self.layer = KeyLayer.FIRST  # which job the next key does
        self._filter = KeyFilter()
        self._recent: list[str] = []  # the last keys, towards the staff sequence

    def accept(self, key: str, now: float) -> bool:
        """False for a held key's auto-repeat or a double strike (`KeyFilter`)."""
        return self._filter.accept(key, now)

    def staff_sequence_completed(self, key: str) -> bool:
        if not self.staff_sequence:
            return False
        self._recent = [*self._recent, key][-len(self.staff_sequence) :]
        if tuple(self._recent) != self.staff_sequence:
            return False
        self._recent = []
        # The prompt takes the keys that follow, "." included: none may come back to find
        # the options key armed (issue #12: "." then "0" opened About, not Help).
        self.layer = KeyLayer.FIRST
        return True

    def forget_sequence(self) -> None:
        """Speech between keys breaks the staff sequence: it is keys pressed in a row, so
        the key layers it is checked against (kiosk.commands.keystate) are the whole story."""
        self._recent.clear()

    def reset(self) -> None:
        """A fresh start (a new session, the inactivity warning): nothing armed, no staff
        keys half-pressed, no key held."""
        self.layer = KeyLayer.FIRST
        self._filter.reset()
        self._recent.clear()

    def command_for(self, key: str, context: KeyContext) -> Command | str:
        """The command `key` gives in the layer it was pressed in, or what to say instead:
        what the key does (after "describe the next key"), or that it has no job here."""
        layer, self.layer = self.layer, KeyLayer.FIRST  # a command may arm the next layer
        wording = self.wording()
        said = wording.keys
        not_used = said.not_used.format(key=key_label(key, wording))
        if layer is KeyLayer.DESCRIBE:
            return self.keymap.describe(key, context, wording) or not_used
        command = self.keymap.lookup(key, context, options=layer is KeyLayer.OPTIONS)
        if command is None:
            return f"{not_used} {said.for_help.format(help_key=self.help_key(context))}"
        return command

    def arm_options(self) -> str:
        """The next key does its second job; what to say: the second jobs."""
        self.layer = KeyLayer.OPTIONS
        wording = self.wording()
        said = wording.keys
        lines = self.keymap.help_lines(KeyContext.OPTIONS, wording)
        keys = " ".join(said.option.format(keys=keys, what=what) for keys, what in lines)
        return said.options.format(keys=keys)

    def arm_describe(self) -> str:
        """The next key is only described; what to say."""
        self.layer = KeyLayer.DESCRIBE
        return self.wording().keys.describe

    def help_key(self, context: KeyContext) -> str:
        keys = self.keymap.keys_for(Command(CommandId.HELP), context)
        wording = self.wording()
        return key_label(keys[0], wording) if keys else wording.keys.help_key

    def keypad_keys(self, command: Command, context: KeyContext) -> str:
        """How to give `command` from the keypad, as said: "slash then 9" (`[keys] then`);
        "" if it can't."""
        wording = self.wording()
        sequence = self.keymap.keypad_sequence(command, context)
        return join_keys((key_label(key, wording) for key in sequence), wording.keys.then)
