"""Small helpers shared by the test folders."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable


class ManualClock:
    """A clock the test moves by hand: `clock.now += 61`."""

    def __init__(self, now: float = 100.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


async def until(condition: Callable[[], object], timeout: float = 20.0) -> bool:
    """Poll `condition` on the event loop until it holds or `timeout` seconds pass."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        await asyncio.sleep(0.02)
    return bool(condition())
