"""Where the patient is, and where "back" goes. Pure logic."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Generic, TypeVar

from kiosk.core.views import ScreenKind

T = TypeVar("T")


@dataclass(frozen=True)
class Location:
    kind: ScreenKind
    section_id: str = ""
    page: int = 0  # list screens: which page of nine topics
    selected: int = 0  # list screens: the highlighted choice on that page (0-based)
    # List screens: whether the patient has been told which choice the pointer is on. Until
    # then the first Down speaks that choice instead of moving past it (as in EZ Access).
    heard: bool = False

    def with_selection(self, selected: int) -> Location:
        return replace(self, selected=selected, heard=True)


class History(Generic[T]):
    """A stack of places visited. `back` returns the previous place, or None at the start."""

    def __init__(self, limit: int = 50) -> None:
        self._stack: list[T] = []
        self._limit = limit

    def push(self, item: T) -> None:
        self._stack.append(item)
        del self._stack[: -self._limit]  # bounded: a kiosk runs for weeks

    def back(self) -> T | None:
        return self._stack.pop() if self._stack else None

    def clear(self) -> None:
        self._stack.clear()

    def __len__(self) -> int:
        return len(self._stack)
