"""Filter held-key auto-repeat and accidental double strikes (Section 508 407.4, EN 5.8).

A terminal cannot tell a held key from fast presses, so: the same key again within
`double_strike` seconds is a bounce or auto-repeat and is ignored; while such a burst goes on,
one press is let through every `repeat_interval` seconds. Pure logic, clock injected.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class KeyFilter:
    double_strike: float = 0.15
    repeat_interval: float = 2.0
    _last_key: str = ""
    _last_seen: float = float("-inf")
    _last_accepted: float = float("-inf")

    def accept(self, key: str, now: float) -> bool:
        in_burst = key == self._last_key and now - self._last_seen < self.double_strike
        self._last_key, self._last_seen = key, now
        if in_burst and now - self._last_accepted < self.repeat_interval:
            return False
        self._last_accepted = now
        return True

    def reset(self) -> None:
        self._last_key, self._last_seen, self._last_accepted = "", float("-inf"), float("-inf")
