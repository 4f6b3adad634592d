"""What the session's state does to an input before it does its job: one rule for keys and
voice alike. Pure logic.

- Cleaning mode: every key and every voice command is ignored.
- The inactivity warning: any key, or any voice command but "no", answers it and does
  nothing else; "no" ends the session.
- The welcome screen: any key starts a session and does nothing else. A voice command starts
  a session and then does its job, except "stop" (which only stops) and the commands that
  mean "go on" (activate, next, yes), for which the orientation is the answer.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

from kiosk.commands.command import Command, CommandId
from kiosk.core.session import Phase, SessionTimer

STARTING_IS_THE_ANSWER = frozenset({CommandId.ACTIVATE, CommandId.NEXT, CommandId.YES})


class Admission(Enum):
    IGNORE = "ignore"
    ANSWER_WARNING = "answer_warning"
    END_SESSION = "end_session"
    START_SESSION = "start_session"  # and nothing else
    START_THEN_RUN = "start_then_run"
    RUN = "run"


class InputGate:
    def __init__(self, session: SessionTimer, on_welcome: Callable[[], bool]) -> None:
        self.session = session
        self._on_welcome = on_welcome

    @property
    def closed(self) -> bool:
        """Cleaning mode: nothing gets in, not even a "sorry, I did not catch that"."""
        return self.session.phase is Phase.CLEANING

    def admit(self, command: Command | None) -> Admission:
        """How an input is taken: a key before it is looked up (None), or a command."""
        if self.closed:
            return Admission.IGNORE
        if self.session.phase is Phase.WARNING:
            if command is not None and command.id is CommandId.NO:
                return Admission.END_SESSION
            return Admission.ANSWER_WARNING
        if not self._on_welcome():
            return Admission.RUN
        if command is None or command.id in STARTING_IS_THE_ANSWER:
            return Admission.START_SESSION
        if command.id is CommandId.STOP:
            return Admission.RUN
        return Admission.START_THEN_RUN
