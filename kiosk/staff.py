"""The staff exit PIN: off until a PIN is configured; wrong PINs lock it out for a while.

Pure logic with an injected clock, so a storm of random key presses can never exit.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable
from enum import Enum


class PinResult(str, Enum):
    ACCEPTED = "accepted"
    WRONG = "wrong"
    LOCKED = "locked"  # too many wrong PINs: try again later
    DISABLED = "disabled"  # no PIN configured: staff exit is off
    CLEANING = "cleaning"  # cleaning mode asked for (needs no PIN: it only disables keys)


class StaffLock:
    def __init__(
        self,
        pin: str,
        clock: Callable[[], float],
        *,
        attempts: int = 3,
        lockout_seconds: float = 300.0,
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
