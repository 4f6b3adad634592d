"""The one builder of the real Textual app for tests."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, overload

from kiosk.content.loader import load_content
from kiosk.core.settings import Settings
from kiosk.speech.fakes import RecordingSpeaker
from kiosk.speech.service import SpeechService
from kiosk.ui.app import KioskApp
from kiosk.voice.listener import Listener
from tests.support.clocks import FakeClock
from tests.support.paths import FIXTURE

S = TypeVar("S", bound=SpeechService)


@overload
def build_app(
    content: Path = ...,
    *,
    speaker: None = None,
    listener: Listener | None = None,
    clock: Callable[[], float] | None = None,
    count: Callable[[str], None] | None = None,
    **settings: Any,
) -> tuple[KioskApp, RecordingSpeaker]: ...


@overload
def build_app(
    content: Path = ...,
    *,
    speaker: S,
    listener: Listener | None = None,
    clock: Callable[[], float] | None = None,
    count: Callable[[str], None] | None = None,
    **settings: Any,
) -> tuple[KioskApp, S]: ...


def build_app(
    content: Path = FIXTURE,
    *,
    speaker: SpeechService | None = None,
    listener: Listener | None = None,
    clock: Callable[[], float] | None = None,
    count: Callable[[str], None] | None = None,
    **settings: Any,  # Settings fields by name: dataclasses.replace refuses any other name
) -> tuple[KioskApp, SpeechService]:
    """The real app on `content` (the fixture content unless given: tests/fixtures/content),
    with `speaker` (a new RecordingSpeaker unless given), Settings() changed by `settings`,
    and a stepping fake clock unless `clock` is given (pass `time.monotonic` for real
    processes that take real time)."""
    speaker = speaker if speaker is not None else RecordingSpeaker()
    app = KioskApp(
        dataclasses.replace(Settings(), **settings),
        load_content(content),
        speaker,
        listener=listener,
        clock=clock if clock is not None else FakeClock.stepping(),
        count=count if count is not None else _uncounted,
    )
    return app, speaker


def _uncounted(event: str) -> None:
    pass


def clock_of(app: KioskApp) -> FakeClock:
    """The fake clock the app was built with, for a test to move it."""
    assert isinstance(app.clock, FakeClock), "the app was built with a real clock"
    return app.clock
