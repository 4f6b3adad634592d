"""The staff exit PIN: off until a PIN is configured; wrong PINs lock it out for a while.
Also what the staff prompt shows and says, and the rule a staff key sequence must keep.

Pure logic with an injected clock, so a storm of random key presses can never exit.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable, Sequence
from enum import Enum

from kiosk.commands.command import Command, CommandId
from kiosk.commands.keymap import KEYPAD_KEYS, KeyContext, KeyMap, key_label
from kiosk.commands.keystate import keys_without_second_job, patient_use
from kiosk.content.wording import Wording


class PinResult(str, Enum):
    ACCEPTED = "accepted"
    WRONG = "wrong"
    LOCKED = "locked"  # too many wrong PINs: try again later
    DISABLED = "disabled"  # no PIN configured: staff exit is off
    CLEANING = "cleaning"  # cleaning mode asked for (needs no PIN: it only disables keys)


# The lockout's defaults, the one place they are written (the settings use them).
DEFAULT_LOCKOUT_ATTEMPTS = 3  # wrong PINs in a row
DEFAULT_LOCKOUT_SECONDS = 300.0


class StaffLock:
    def __init__(
        self,
        pin: str,
        clock: Callable[[], float],
        *,
        attempts: int = DEFAULT_LOCKOUT_ATTEMPTS,
        lockout_seconds: float = DEFAULT_LOCKOUT_SECONDS,
    ) -> None:
        self._pin = pin
        self._clock = clock
        self._attempts = attempts
        self._lockout_seconds = lockout_seconds
        self._failures = 0
        self._locked_until = float("-inf")

    @property
    def enabled(self) -> bool:
        return bool(self._pin)

    @property
    def locked(self) -> bool:
        return self._clock() < self._locked_until

    def try_pin(self, entered: str) -> PinResult:
        if not self.enabled:
            return PinResult.DISABLED
        if self.locked:
            return PinResult.LOCKED
        if hmac.compare_digest(entered.encode(), self._pin.encode()):
            self._failures = 0
            return PinResult.ACCEPTED
        self._failures += 1
        if self._failures >= self._attempts:
            self._failures = 0
            self._locked_until = self._clock() + self._lockout_seconds
            return PinResult.LOCKED
        return PinResult.WRONG


def staff_sequence_problem(sequence: Sequence[str], keymap: KeyMap, wording: Wording) -> str:
    """Why `sequence` cannot open the staff prompt ("" when it can): a patient using the keys
    as documented could press it by chance, and "*" in the prompt wipes their session. The
    keys and their jobs are named as `wording` names them."""
    use = patient_use(keymap, sequence, wording)
    if use is None:
        return ""
    jobs = zip(sequence, use, strict=True)
    pressed = ", ".join(f"{key_label(key, wording)} ({job})" for key, job in jobs)
    options = keymap.keys_for(Command(CommandId.OPTIONS), KeyContext.LIST)
    free = keys_without_second_job(keymap, sorted(KEYPAD_KEYS - set(options)))
    if options and free:
        example = (
            f"for example {key_label(options[0], wording)} then a key with no second job "
            f"({', '.join(key_label(key, wording) for key in free)})"
        )
    else:
        example = "for example a key that has no job on any screen"
    return (
        f"can be pressed by a patient using the keys as documented: {pressed}. It must "
        f"include a step no patient use takes, {example}"
    )


# What the staff prompt shows, and says when it opens: one source, so they never differ.
# The sentences are the content's wording (`[staff]` in kiosk/wording.toml); the keys they
# name are the prompt's (kiosk/ui/staff_prompt.py takes these), said as `[key_names]` says.
CLEANING_KEY = "asterisk"  # starts cleaning mode
BACK_KEY = "full_stop"  # leaves the prompt; so do the keyboard's keys below
BACK_KEYS = frozenset({BACK_KEY, "delete", "escape", "backspace"})


def prompt_message(lock: StaffLock, wording: Wording) -> str:
    """The staff prompt's instructions, as shown under its title."""
    said = wording.staff
    if not lock.enabled:
        first = said.turned_off
    elif lock.locked:
        first = said.locked
    else:
        first = said.pin
    cleaning = said.cleaning.format(cleaning_key=key_label(CLEANING_KEY, wording))
    return f"{first} {cleaning} {said.back.format(back_key=key_label(BACK_KEY, wording))}"


def prompt_announcement(lock: StaffLock, wording: Wording) -> str:
    """What is said when the prompt opens: exactly its title and instructions."""
    return f"{wording.staff.title}. {prompt_message(lock, wording)}"


def pin_result_message(result: PinResult, lock: StaffLock, wording: Wording) -> str:
    """What the prompt shows, and says, after a PIN that was not accepted."""
    back_key = key_label(BACK_KEY, wording)
    if result is PinResult.WRONG:
        return wording.staff.wrong_pin.format(back_key=back_key)
    if result is PinResult.LOCKED:
        return wording.staff.locked_out.format(back_key=back_key)
    return prompt_message(lock, wording)
