"""A session's course: the first key starts it, "are you still there?", the reset back to
the welcome screen with every setting at its default, cleaning mode, the welcome prompts.
Pure logic, no Textual and no audio; `SessionTimer` keeps the time rules."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from datetime import time as clock_time
from typing import Protocol

from kiosk.content.wording import Wording
from kiosk.core.key_input import KeyInput
from kiosk.core.narration import Narration, Progress
from kiosk.core.navigation import Navigation
from kiosk.core.privacy import PrivacyScreen
from kiosk.core.session import QuietHours, SessionAction, SessionTimer
from kiosk.core.speaker import DEFAULT_RATE_WPM, DEFAULT_VOLUME

__all__ = ["DEFAULTS", "Defaults", "SessionFlow", "wall_clock_now"]


@dataclass(frozen=True)
class Defaults:
    """What every session starts with."""

    volume: float = DEFAULT_VOLUME
    rate: int = DEFAULT_RATE_WPM


DEFAULTS = Defaults()


def wall_clock_now() -> clock_time:
    return datetime.now().time()


class Notices(Protocol):
    def notice(self, text: str) -> None:
        """Show (or with "" hide) an urgent notice: the inactivity warning, cleaning mode."""
        ...

    def caption(self, text: str) -> None: ...


class SessionFlow:
    def __init__(
        self,
        timer: SessionTimer,
        navigation: Navigation,
        narration: Narration,
        notices: Notices,
        keys: KeyInput,
        privacy: PrivacyScreen,
        *,
        wording: Callable[[], Wording],
        defaults: Defaults,
        quiet_hours: QuietHours,
        wall_clock: Callable[[], clock_time],
        clock: Callable[[], float],
        count: Callable[[str], None],
    ) -> None:
        self.timer = timer
        self.navigation = navigation  # the session starts and ends on its screens
        self.narration = narration
        self.notices = notices
        self.keys = keys
        self.privacy = privacy
        self.wording = wording  # the content's, as it is now: what is said ([session])
        self.defaults = defaults
        self.quiet_hours = quiet_hours
        self.wall_clock = wall_clock
        self.clock = clock
        self.count = count  # anonymous usage counts: events, never what was said

    def start(self) -> None:
        """The first input on the welcome screen: the spoken orientation, then the topics."""
        self.timer.start(self.clock())
        self.count("sessions")
        self.navigation.start()

    def end(self) -> None:
        """Back to the welcome screen with every setting at its default; nothing kept."""
        self.narration.stop()
        self.timer.end(self.clock())
        self.notices.notice("")
        self.notices.caption("")
        self.narration.set_volume(self._default_volume())
        self.narration.set_rate(self.defaults.rate)
        self.keys.reset()
        self.privacy.set(False)  # the next patient sees the screen
        self.navigation.welcome()

    def answer_warning(self) -> None:
        self.narration.stop()
        self.timer.activity(self.clock())
        self.notices.notice("")
        self.narration.say(self.wording().session.more_time)

    def start_cleaning(self) -> None:
        """Staff cleaning mode: every key is ignored for a minute, then the welcome screen."""
        self.narration.stop()
        self.timer.start_cleaning(self.clock())
        self.privacy.set(False)  # staff see that the keys are off
        self.navigation.welcome()
        cleaning = self.wording().session.cleaning
        self.notices.notice(cleaning)
        self.narration.say(cleaning)

    def reading_moved(self, progress: Progress) -> None:
        """A sentence of reading starting, or reading ending, is activity, spoken or only
        captioned."""
        if progress in (Progress.SENTENCE, Progress.READING_DONE):
            self.timer.activity(self.clock())

    def tick(self) -> None:
        """Called about once a second: the inactivity warning and reset, welcome prompts."""
        self.reading_moved(self.narration.tick())
        speaking = self.narration.reading and not self.narration.silent
        quiet = self.quiet_hours.active(self.wall_clock())
        action = self.timer.tick(self.clock(), speaking=speaking, quiet=quiet)
        if action is SessionAction.WARN:
            self.narration.stop()
            self.keys.reset()  # the key that answers starts afresh
            still_there = self.wording().session.still_there
            self.notices.notice(still_there)
            self.narration.say(still_there)
        elif action is SessionAction.RESET:
            self.count("resets")
            self.end()
        elif action is SessionAction.WELCOME_PROMPT:
            self.narration.say(self.wording().session.welcome_prompt)
        elif action is SessionAction.CLEANING_OVER:
            self.end()

    def _default_volume(self) -> float:
        if self.quiet_hours.active(self.wall_clock()):
            return min(self.defaults.volume, self.quiet_hours.volume)
        return self.defaults.volume
