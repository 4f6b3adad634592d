"""Speaker events collected from any thread."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TypeVar

from kiosk.core.speaker import SpeechEvent

E = TypeVar("E", bound=SpeechEvent)


class EventLog:
    """Collects speaker events from any thread; `wait_for` polls with a timeout."""

    def __init__(self) -> None:
        self.events: list[tuple[float, SpeechEvent]] = []
        self._lock = threading.Lock()

    def __call__(self, event: SpeechEvent) -> None:
        with self._lock:
            self.events.append((time.monotonic(), event))

    def of(self, kind: type[E]) -> list[E]:
        with self._lock:
            return [event for _, event in self.events if isinstance(event, kind)]

    def wait_for(self, condition: Callable[[], object], timeout: float = 10.0) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition():
                return True
            time.sleep(0.01)
        return bool(condition())
