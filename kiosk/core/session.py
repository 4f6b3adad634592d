"""Session rules: welcome, active, "are you still there?", reset; cleaning mode; quiet hours.

Pure logic with the clock passed in. Speech being read counts as activity (a patient listening
to a long section is not idle), but the warning's own speech does not.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time as clock_time
from enum import Enum


class Phase(str, Enum):
    WELCOME = "welcome"
    ACTIVE = "active"
    WARNING = "warning"
    CLEANING = "cleaning"


class SessionAction(str, Enum):
    WARN = "warn"  # ask "are you still there?"
    RESET = "reset"  # nobody answered: forget the session
    WELCOME_PROMPT = "welcome_prompt"  # a short spoken invitation on the welcome screen
    CLEANING_OVER = "cleaning_over"


@dataclass(frozen=True)
class SessionRules:
    """A session's times; the defaults here are the only place they are written (the
    settings take theirs from `DEFAULT_RULES`)."""

    inactivity_seconds: float = 60.0
    warning_seconds: float = 30.0
    welcome_prompt_seconds: float = 0.0  # 0: never
    cleaning_seconds: float = 60.0


DEFAULT_RULES = SessionRules()


class SessionTimer:
    def __init__(self, rules: SessionRules, now: float) -> None:
        self.rules = rules
        self.phase = Phase.WELCOME
        self.last_activity = now
        self.phase_started = now
        self.last_prompt = now

    def _enter(self, phase: Phase, now: float) -> None:
        self.phase = phase
        self.phase_started = now
        self.last_activity = now

    def start(self, now: float) -> None:
        self._enter(Phase.ACTIVE, now)

    def end(self, now: float) -> None:
        self._enter(Phase.WELCOME, now)
        self.last_prompt = now

    def start_cleaning(self, now: float) -> None:
        self._enter(Phase.CLEANING, now)

    def activity(self, now: float) -> None:
        """A key, a command, or a sentence of reading starting."""
        self.last_activity = now
        if self.phase is Phase.WARNING:
            self._enter(Phase.ACTIVE, now)

    def tick(self, now: float, *, speaking: bool, quiet: bool = False) -> SessionAction | None:
        rules = self.rules
        if self.phase is Phase.CLEANING:
            if now - self.phase_started >= rules.cleaning_seconds:
                self.end(now)
                return SessionAction.CLEANING_OVER
            return None
        if self.phase is Phase.WELCOME:
            every = rules.welcome_prompt_seconds
            if every > 0 and not quiet and not speaking and now - self.last_prompt >= every:
                self.last_prompt = now
                return SessionAction.WELCOME_PROMPT
            return None
        if self.phase is Phase.ACTIVE:
            if speaking:
                self.last_activity = now
            elif now - self.last_activity >= rules.inactivity_seconds:
                self._enter(Phase.WARNING, now)
                return SessionAction.WARN
            return None
        if now - self.phase_started >= rules.warning_seconds:
            self.end(now)
            return SessionAction.RESET
        return None


@dataclass(frozen=True)
class QuietHours:
    """A daily period with a lower default volume and no welcome prompts (the default
    volume here is the settings' too, from `NO_QUIET_HOURS`)."""

    start: clock_time | None = None
    end: clock_time | None = None
    volume: float = 0.4

    def active(self, at: clock_time) -> bool:
        if self.start is None or self.end is None or self.start == self.end:
            return False
        if self.start < self.end:
            return self.start <= at < self.end
        return at >= self.start or at < self.end  # spans midnight, e.g. 21:00 to 07:00


NO_QUIET_HOURS = QuietHours()


def parse_clock_time(text: str) -> clock_time:
    """ "21:30" -> time(21, 30); raises ValueError with a plain message."""
    hours, _, minutes = text.partition(":")
    if not (hours.isdigit() and minutes.isdigit() and len(minutes) == 2):
        raise ValueError(f"{text!r} is not a time like 21:30")
    if not (0 <= int(hours) <= 23 and 0 <= int(minutes) <= 59):
        raise ValueError(f"{text!r} is not a time of day")
    return clock_time(int(hours), int(minutes))
