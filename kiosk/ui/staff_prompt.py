"""The staff PIN prompt, opened by the staff key sequence. Patients who open it by chance
hear how to leave it, and it closes by itself."""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from kiosk.content.wording import Wording
from kiosk.core.staff import (
    BACK_KEYS,
    CLEANING_KEY,
    PinResult,
    StaffLock,
    pin_result_message,
    prompt_message,
)

TIMEOUT_SECONDS = 30.0
MAX_PIN_LENGTH = 12


class StaffPrompt(ModalScreen[PinResult | None], inherit_bindings=False):
    """Dismisses with ACCEPTED, or None when cancelled, locked, disabled or timed out."""

    def __init__(
        self,
        staff_lock: StaffLock,
        wording: Wording,
        say: Callable[[str], None] = lambda text: None,
    ) -> None:
        super().__init__()
        self.staff_lock = staff_lock
        self.wording = wording  # the content's: [staff], and [key_names] for its keys
        self.entered = ""
        self._say = say  # every message shown is also said: one source for both

    def compose(self) -> ComposeResult:
        with Vertical(id="staff-box"):
            yield Static(self.wording.staff.title, id="staff-title")
            yield Static(self._instructions(), id="staff-message")
            yield Static("", id="staff-pin")

    def on_mount(self) -> None:
        self.set_timer(TIMEOUT_SECONDS, lambda: self.dismiss(None))

    def _instructions(self) -> str:
        # The same text the app says when the prompt opens (kiosk.core.staff.prompt_announcement).
        return prompt_message(self.staff_lock, self.wording)

    def on_key(self, event: events.Key) -> None:
        event.stop()
        event.prevent_default()
        key = event.key
        if key in BACK_KEYS:
            self.dismiss(None)
        elif key == CLEANING_KEY:
            self.dismiss(PinResult.CLEANING)
        elif key == "enter":
            result = self.staff_lock.try_pin(self.entered)
            self.entered = ""
            if result is PinResult.ACCEPTED:
                self.dismiss(result)
                return
            message = pin_result_message(result, self.staff_lock, self.wording)
            self.query_one("#staff-message", Static).update(message)
            self._say(message)
        elif key.isdigit() and len(key) == 1 and len(self.entered) < MAX_PIN_LENGTH:
            self.entered += key
        self.query_one("#staff-pin", Static).update("*" * len(self.entered))
