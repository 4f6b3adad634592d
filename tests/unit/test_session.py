"""Sessions on a fake clock: warning, extension, reset, cleaning mode, quiet hours."""

from __future__ import annotations

from datetime import time
from pathlib import Path

import pytest

from kiosk.commands.command import Command, CommandId
from kiosk.commands.keymap import KeyMap
from kiosk.content.loader import load_content
from kiosk.content.wording_file import shipped_wording
from kiosk.core.controller import Controller
from kiosk.core.session import Phase, QuietHours, SessionAction, SessionRules, SessionTimer
from kiosk.core.session_flow import Defaults
from kiosk.core.speaker import SentenceStarted, UtteranceFinished
from kiosk.core.views import ScreenKind
from kiosk.speech.fakes import RecordingSpeaker
from tests.support.clocks import FakeClock
from tests.support.content import section_text, write_content
from tests.support.display import RecordingDisplay
from tests.support.paths import FIXTURE

# The fixture content has no wording file of its own: it says the shipped wording.
STILL_THERE = shipped_wording().session.still_there
WELCOME_PROMPT = shipped_wording().session.welcome_prompt


def test_timer_warns_then_resets() -> None:
    timer = SessionTimer(SessionRules(60, 30), now=0)
    timer.start(0)
    assert timer.tick(59, speaking=False) is None
    assert timer.tick(60, speaking=False) is SessionAction.WARN
    assert timer.tick(89, speaking=False) is None
    assert timer.tick(90, speaking=False) is SessionAction.RESET
    assert timer.phase is Phase.WELCOME


def test_reading_counts_as_activity() -> None:
    timer = SessionTimer(SessionRules(60, 30), now=0)
    timer.start(0)
    for second in range(0, 300, 5):
        assert timer.tick(second, speaking=True) is None
    assert timer.tick(354, speaking=False) is None  # last reading tick was at 295
    assert timer.tick(355, speaking=False) is SessionAction.WARN


def test_answering_the_warning_any_number_of_times() -> None:
    timer = SessionTimer(SessionRules(60, 30), now=0)
    timer.start(0)
    now = 0.0
    for _ in range(5):
        now += 60
        assert timer.tick(now, speaking=False) is SessionAction.WARN
        now += 25
        timer.activity(now)
        assert timer.phase is Phase.ACTIVE


def test_welcome_prompt_only_when_configured_and_not_in_quiet_hours() -> None:
    timer = SessionTimer(SessionRules(welcome_prompt_seconds=0), now=0)
    assert all(timer.tick(t, speaking=False) is None for t in range(0, 1000, 10))
    timer = SessionTimer(SessionRules(welcome_prompt_seconds=120), now=0)
    assert timer.tick(120, speaking=False) is SessionAction.WELCOME_PROMPT
    assert timer.tick(240, speaking=False, quiet=True) is None


def test_welcome_prompt_is_under_three_seconds_even_at_the_slowest_rate() -> None:
    from kiosk.core.speaker import MIN_RATE_WPM

    assert len(WELCOME_PROMPT.split()) / MIN_RATE_WPM * 60 <= 3.0


@pytest.mark.parametrize(
    ("start", "end", "at", "quiet"),
    [
        (time(21), time(7), time(23, 30), True),
        (time(21), time(7), time(6, 59), True),
        (time(21), time(7), time(7, 0), False),
        (time(12), time(14), time(13), True),
        (time(12), time(14), time(15), False),
    ],
)
def test_quiet_hours(start: time, end: time, at: time, quiet: bool) -> None:
    assert QuietHours(start, end).active(at) is quiet


Kiosk = tuple[Controller, RecordingSpeaker, RecordingDisplay, FakeClock]


def build(content: Path = FIXTURE) -> Kiosk:
    """The controller on `content` (the fixture content unless given), on a clock that stands
    still between the test's moves."""
    speaker, display, clock = RecordingSpeaker(), RecordingDisplay(), FakeClock()
    controller = Controller(
        load_content(content),
        KeyMap.default(),
        speaker,
        display,
        defaults=Defaults(volume=0.8, rate=160),
        clock=clock,
        rules=SessionRules(60, 30),
        quiet_hours=QuietHours(time(21), time(7), 0.3),
        wall_clock=lambda: time(12),
    )
    controller.end_session()
    return controller, speaker, display, clock


@pytest.fixture
def kiosk() -> Kiosk:
    return build()


def wait(controller: Controller, clock: FakeClock, seconds: float) -> None:
    for _ in range(int(seconds * 2)):
        clock.now += 0.5
        controller.tick()


def test_inactivity_warning_seen_and_heard_then_reset_forgets_everything(kiosk: Kiosk) -> None:
    controller, speaker, display, clock = kiosk
    controller.handle_key("x")
    clock.now += 1
    controller.handle_key("8")
    clock.now += 1
    controller.handle_key("plus")
    speaker.finish()
    finished = speaker.events[-1]
    assert isinstance(finished, UtteranceFinished)
    controller.on_speech_event(finished)
    wait(controller, clock, 60)
    assert display.notices[-1] == STILL_THERE
    assert speaker.spoken[-1][1] == (STILL_THERE,)
    wait(controller, clock, 30)
    assert controller.location.kind is ScreenKind.WELCOME
    assert display.notices[-1] == ""
    assert controller.narration.volume == 0.8
    assert len(controller.navigation.history) == 0
    assert display.view is not None and display.view.kind is ScreenKind.WELCOME


def test_any_key_answers_the_warning_and_is_not_acted_on(kiosk: Kiosk) -> None:
    controller, speaker, _display, clock = kiosk
    controller.handle_key("x")
    clock.now += 1
    controller.handle_key("8")
    controller.on_speech_event(UtteranceFinished(speaker.spoken[-1][0]))
    wait(controller, clock, 61)
    clock.now += 1
    controller.handle_key("6")  # would be "next section"
    assert controller.location.section_id == "after"
    assert speaker.spoken[-1][1] == ("You have more time.",)
    assert controller.session.phase is Phase.ACTIVE


def test_voice_no_to_the_warning_ends_the_session(kiosk: Kiosk) -> None:
    controller, speaker, _, clock = kiosk
    controller.handle_key("x")
    controller.on_speech_event(UtteranceFinished(speaker.spoken[-1][0]))  # the orientation read
    wait(controller, clock, 61)
    controller.handle(Command(CommandId.NO))
    assert controller.location.kind is ScreenKind.WELCOME


def test_listening_to_a_long_section_is_not_idle(tmp_path: Path) -> None:
    content = write_content(tmp_path / "content", count=1)
    body = " ".join(f"Sentence {number} of the long section." for number in range(1, 25))
    (content / "sections" / "01.md").write_text(section_text("long", "Long", 1, body))
    controller, speaker, display, clock = build(content)
    controller.handle_key("x")
    clock.now += 1
    controller.handle_key("1")
    assert controller.location.section_id == "long"
    utterance = speaker.spoken[-1][0]
    assert len(controller.view.script) > 20
    for index in range(20):  # a sentence every 8 seconds for 160 seconds
        controller.on_speech_event(SentenceStarted(utterance, index))
        wait(controller, clock, 8)
    assert STILL_THERE not in display.notices


def test_speech_unavailable_does_not_keep_the_session_alive(kiosk: Kiosk) -> None:
    controller, _, display, clock = kiosk
    controller.speech_available = False
    controller.handle_key("x")
    # The captions run through the page at the reading rate (reading, as speech is), then end.
    for _ in range(600):
        if not controller.narration.reading:
            break
        wait(controller, clock, 1)
    assert not controller.narration.reading
    assert STILL_THERE not in display.notices
    wait(controller, clock, 61)
    assert display.notices[-1] == STILL_THERE


def test_cleaning_mode_ignores_keys_for_a_minute(kiosk: Kiosk) -> None:
    controller, speaker, _display, clock = kiosk
    controller.handle_key("x")
    controller.start_cleaning()
    spoken = len(speaker.spoken)
    for key in ["8", "enter", "0", "plus", "slash", "asterisk"]:
        clock.now += 1
        controller.handle_key(key)
    assert len(speaker.spoken) == spoken
    wait(controller, clock, 60)
    assert controller.session.phase is Phase.WELCOME
    clock.now += 1
    controller.handle_key("x")
    assert controller.location.kind is ScreenKind.ORIENTATION


def test_quiet_hours_lower_the_default_volume() -> None:
    speaker, display = RecordingSpeaker(), RecordingDisplay()
    controller = Controller(
        load_content(FIXTURE), KeyMap.default(), speaker, display,
        defaults=Defaults(volume=0.8), clock=FakeClock(),
        quiet_hours=QuietHours(time(21), time(7), 0.3), wall_clock=lambda: time(22),
    )  # fmt: skip
    controller.end_session()
    assert controller.narration.volume == 0.3
