"""The staff PIN prompt, opened by the staff key sequence. Patients who open it by chance
hear how to leave it, and it closes by itself."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from kiosk.staff import PinResult, StaffLock

CANCEL_KEYS = frozenset({"full_stop", "delete", "escape", "backspace"})
CLEANING_KEYS = frozenset({"asterisk"})
TIMEOUT_SECONDS = 30.0
MAX_PIN_LENGTH = 12


class StaffPrompt(ModalScreen[PinResult | None], inherit_bindings=False):
    """Dismisses with ACCEPTED, or None when cancelled, locked, disabled or timed out."""

    def __init__(self, staff_lock: StaffLock) -> None:
        super().__init__()
        self.staff_lock = staff_lock
        self.entered = ""

    def compose(self) -> ComposeResult:
        with Vertical(id="staff-box"):
            yield Static("Staff only", id="staff-title")
            yield Static(self._instructions(), id="staff-message")
            yield Static("", id="staff-pin")

    def on_mount(self) -> None:
        self.set_timer(TIMEOUT_SECONDS, lambda: self.dismiss(None))

    def _instructions(self) -> str:
        cleaning = "Press star for cleaning mode (keys off for a minute)."
        if not self.staff_lock.enabled:
            return f"Staff exit is turned off on this kiosk. {cleaning} Press dot to go back."
        if self.staff_lock.locked:
            return f"Too many wrong PINs. Try again later. {cleaning} Press dot to go back."
        return f"Type the staff PIN, then Enter. {cleaning} Press dot to go back."

    def on_key(self, event: events.Key) -> None:
        event.stop()
        event.prevent_default()
        key = event.key
        if key in CANCEL_KEYS:
            self.dismiss(None)
        elif key in CLEANING_KEYS:
            self.dismiss(PinResult.CLEANING)
        elif key == "enter":
            result = self.staff_lock.try_pin(self.entered)
            self.entered = ""
            if result is PinResult.ACCEPTED:
                self.dismiss(result)
                return
            message = {
                PinResult.WRONG: "Wrong PIN. Try again, or press dot to go back.",
                PinResult.LOCKED: "Too many wrong PINs. Try again later. Press dot to go back.",
                PinResult.DISABLED: self._instructions(),
            }[result]
            self.query_one("#staff-message", Static).update(message)
        elif key.isdigit() and len(key) == 1 and len(self.entered) < MAX_PIN_LENGTH:
            self.entered += key
        self.query_one("#staff-pin", Static).update("*" * len(self.entered))
