"""A display that records what the controller asks of it (the controller's `Display`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kiosk.core.views import View


class RecordingDisplay:
    """Records every call. `scroll` reports `room`: whether the page had room to scroll (by
    default it has none, so a list shows its next nine instead)."""

    def __init__(self, room: bool = False) -> None:
        self.view: View | None = None
        self.selected: int | None = None
        self.highlighted: int | None = None
        self.captions: list[str] = []
        self.scrolled: list[int] = []
        self.room = room
        self.staff_prompts = 0
        self.voice_available = False
        self.notices: list[str] = []
        self.privacy_calls: list[bool] = []

    def show(self, view: View, selected: int | None) -> None:
        self.view, self.selected = view, selected

    def highlight(self, sentence: int | None) -> None:
        self.highlighted = sentence

    def scroll(self, pages: int) -> bool:
        self.scrolled.append(pages)
        return self.room

    def caption(self, text: str) -> None:
        self.captions.append(text)

    def open_staff_prompt(self) -> None:
        self.staff_prompts += 1

    def notice(self, text: str) -> None:
        self.notices.append(text)

    def listen(self) -> bool:
        return self.voice_available

    def privacy(self, on: bool) -> None:
        self.privacy_calls.append(on)


if TYPE_CHECKING:  # mypy checks that it is a whole Display
    from kiosk.core.controller import Display

    _display: Display = RecordingDisplay()
