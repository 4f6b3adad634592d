"""The one fake clock of the tests."""

from __future__ import annotations


class FakeClock:
    """A monotonic clock the test moves by hand (`clock.now += 61`), and that can also move
    `step` seconds on each reading by itself.

    `FakeClock()` stands still between the test's moves. `FakeClock.stepping()` reads a second
    later each time, so quick test key presses are never filtered as bounces."""

    def __init__(self, now: float = 100.0, step: float = 0.0) -> None:
        self.now = now
        self.step = step

    @classmethod
    def stepping(cls) -> FakeClock:
        return cls(now=0.0, step=1.0)

    def __call__(self) -> float:
        self.now += self.step
        return self.now
