"""The kiosk's behaviour, driven directly with fakes: what is shown, said, and in what order."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.commands.command import Command, CommandId
from kiosk.commands.keymap import KeyMap
from kiosk.content.loader import load_content
from kiosk.core.controller import Controller
from kiosk.core.session_flow import Defaults
from kiosk.core.speaker import SentenceStarted, UtteranceFinished
from kiosk.core.views import ScreenKind
from kiosk.speech.fakes import RecordingSpeaker
from tests.support.clocks import FakeClock
from tests.support.content import unreviewed
from tests.support.display import RecordingDisplay
from tests.support.paths import FIXTURE

Kiosk = tuple[Controller, RecordingSpeaker, RecordingDisplay]


def build(content: Path = FIXTURE) -> Kiosk:
    """The controller on `content` (the fixture content unless given: nine made-up sections)."""
    speaker, display = RecordingSpeaker(), RecordingDisplay()
    controller = Controller(
        load_content(content),
        KeyMap.default(),
        speaker,
        display,
        defaults=Defaults(volume=0.8, rate=160),
        clock=FakeClock.stepping(),  # every key a second apart: no double-strike filtering
        staff_sequence=("slash", "asterisk", "slash", "asterisk"),
    )
    controller.end_session()
    return controller, speaker, display


@pytest.fixture
def kiosk() -> Kiosk:
    return build()


def last_said(speaker: RecordingSpeaker) -> tuple[str, ...]:
    _, sentences, first = speaker.spoken[-1]
    return sentences[first:]


def shown(controller: Controller) -> ScreenKind:
    """The screen shown now: read through a call, as keys move it (mypy would otherwise keep
    what an earlier assert said about `controller.location.kind`)."""
    return controller.location.kind


def press(controller: Controller, *keys: str) -> None:
    for key in keys:
        controller.handle_key(key)


def test_first_key_starts_the_orientation(kiosk: Kiosk) -> None:
    controller, speaker, _display = kiosk
    press(controller, "5")
    assert controller.location.kind is ScreenKind.ORIENTATION
    said = last_said(speaker)
    assert said[0] == "Getting started"
    assert any("not medical advice" in s for s in said)  # the disclaimer, in one sentence
    assert any("Press zero for help" in s for s in said)


def test_every_key_but_volume_stops_speech_before_acting(kiosk: Kiosk) -> None:
    controller, speaker, _ = kiosk
    press(controller, "x")
    for key in ["8", "2", "6", "4", "1", "0", "enter", "full_stop", "asterisk", "7", "slash", "2"]:
        before = len(speaker.calls)
        press(controller, key)
        assert speaker.calls[before] == ("stop",), key
    for key in ["plus", "minus"]:
        before = len(speaker.calls)
        press(controller, key)
        assert ("stop",) not in speaker.calls[before:], key


def test_every_command_can_reach_the_controller_without_breaking_it(kiosk: Kiosk) -> None:
    """Voice or a key may bring any command; one with no handler (cleaning, which staff start
    from their prompt) stops the speech and does nothing, never raises."""
    controller, _, _ = kiosk
    press(controller, "x")
    for command_id in CommandId:
        value = (
            1
            if command_id is CommandId.SELECT
            else "after"
            if command_id is CommandId.OPEN
            else None
        )
        controller.handle(Command(command_id, value))
        controller.end_session()
        press(controller, "x")


def test_digit_opens_section_and_reads_title_then_sentences(kiosk: Kiosk) -> None:
    controller, speaker, display = kiosk
    press(controller, "x", "8")
    assert controller.location.section_id == "after"
    said = last_said(speaker)
    assert said[:3] == (
        "After your visit",
        "Section 8 of 9.",
        "You will get a letter about your visit.",
    )
    assert display.view is not None and display.view.position == "Section 8 of 9"


def test_highlight_follows_the_voice(kiosk: Kiosk) -> None:
    controller, speaker, display = kiosk
    press(controller, "x", "8")
    speaker.start_sentence(4)
    event = speaker.events[-1]
    assert isinstance(event, SentenceStarted) and event.index == 4
    controller.on_speech_event(event)
    assert display.highlighted == 4
    assert controller.narration.cursor == 4


def test_pause_and_resume_at_the_paused_sentence(kiosk: Kiosk) -> None:
    controller, speaker, _ = kiosk
    press(controller, "x", "8")
    controller.on_speech_event(SentenceStarted(speaker.spoken[-1][0], 5))
    press(controller, "5")  # pause
    assert speaker.calls[-1] == ("stop",)
    assert controller.narration.paused
    press(controller, "5")  # resume
    _, _sentences, first = speaker.spoken[-1]
    assert first == 5


def test_stop_only_stops(kiosk: Kiosk) -> None:
    controller, speaker, _ = kiosk
    press(controller, "x", "8")
    count = len(speaker.spoken)
    press(controller, "asterisk")
    assert speaker.calls[-1] == ("stop",)
    assert len(speaker.spoken) == count


def test_next_and_previous_sentence_and_repeat(kiosk: Kiosk) -> None:
    controller, speaker, _ = kiosk
    press(controller, "x", "8")
    controller.on_speech_event(SentenceStarted(speaker.spoken[-1][0], 3))
    press(controller, "2")
    assert speaker.spoken[-1][2] == 4
    controller.on_speech_event(SentenceStarted(speaker.spoken[-1][0], 4))
    press(controller, "8")
    assert speaker.spoken[-1][2] == 3
    controller.on_speech_event(SentenceStarted(speaker.spoken[-1][0], 3))
    press(controller, "1")  # repeat: just the current sentence
    assert last_said(speaker) == (controller.view.sentences[3].text,)


def test_next_item_in_a_list_speaks_item_and_position(kiosk: Kiosk) -> None:
    controller, speaker, display = kiosk
    press(controller, "x", "enter")  # orientation -> first topic opens? no: Enter opens choice
    controller.go_home()
    for _ in range(8):  # the first Down says topic 1, as in EZ Access
        press(controller, "down")
    assert last_said(speaker) == ("After your visit, 8 of 9.",)
    assert display.selected == 7
    press(controller, "enter")
    assert controller.location.section_id == "after"


def test_next_section_while_reading_and_back_returns_to_topics(kiosk: Kiosk) -> None:
    controller, speaker, _ = kiosk
    press(controller, "x", "7")  # "7" on the orientation list: topic 7, Medicines
    assert controller.location.section_id == "medicines"
    press(controller, "6")
    assert controller.location.section_id == "after"
    press(controller, "6", "6")
    assert controller.location.section_id == "questions"
    assert last_said(speaker) == ("This is the last section.",)
    press(controller, "full_stop")
    assert controller.location.kind is ScreenKind.ORIENTATION


def test_help_and_about_from_every_screen(fixture_copy: Path) -> None:
    controller, _speaker, _ = build(unreviewed(fixture_copy))
    press(controller, "x")
    for setup in [(), ("3",), ("0",)]:
        controller.go_home()
        press(controller, *setup)
        press(controller, "0")
        assert controller.location.kind is ScreenKind.HELP
        controller.go_home()
        press(controller, *setup)
        press(controller, "slash", "0")
        assert shown(controller) is ScreenKind.ABOUT
        assert any("not yet been reviewed" in s for s in controller.view.script)


def test_volume_changes_without_cutting_speech_and_confirms_when_silent(kiosk: Kiosk) -> None:
    controller, speaker, _ = kiosk
    press(controller, "x", "8")
    spoken_before = len(speaker.spoken)
    press(controller, "plus")
    assert speaker.calls[-1] == ("volume", 0.9)
    assert len(speaker.spoken) == spoken_before  # reading goes on, louder
    controller.on_speech_event(UtteranceFinished(speaker.spoken[-1][0]))
    press(controller, "minus")
    assert last_said(speaker) == ("Softer. Volume 8 of 10.",)


def test_rate_bounded_and_announced(kiosk: Kiosk) -> None:
    controller, speaker, _ = kiosk
    press(controller, "x")
    for _ in range(10):
        press(controller, "slash", "plus")
    assert controller.narration.rate == 260
    assert last_said(speaker) == ("This is the fastest.",)


def test_end_session_restores_defaults_and_forgets(kiosk: Kiosk) -> None:
    controller, speaker, _display = kiosk
    press(controller, "x", "8", "plus", "slash", "plus")
    press(controller, "slash", "full_stop")  # options, dot: end session
    assert controller.location.kind is ScreenKind.WELCOME
    assert (controller.narration.volume, controller.narration.rate) == (0.8, 160)
    assert ("volume", 0.8) in speaker.calls[-4:] and ("rate", 160) in speaker.calls[-4:]
    assert len(controller.navigation.history) == 0
    press(controller, "x")
    press(controller, "full_stop")
    assert shown(controller) is not ScreenKind.SECTION


def test_where_am_i(kiosk: Kiosk) -> None:
    controller, speaker, _ = kiosk
    press(controller, "x", "8", "slash", "2")
    assert last_said(speaker)[0].startswith("After your visit. Section 8 of 9. Sentence 1 of")


def test_describe_key_describes_instead_of_acting(kiosk: Kiosk) -> None:
    controller, speaker, _ = kiosk
    press(controller, "x", "8", "slash", "1")
    assert last_said(speaker) == ("Press any key to hear what it does.",)
    press(controller, "full_stop")
    assert last_said(speaker) == ("dot: go back.",)
    assert controller.location.section_id == "after"


def test_unused_key_says_so(kiosk: Kiosk) -> None:
    controller, speaker, _ = kiosk
    press(controller, "x", "ctrl+c")
    assert last_said(speaker) == ("Ctrl+c: that key is not used here. Press 0 for help.",)


def test_staff_sequence_opens_the_prompt(kiosk: Kiosk) -> None:
    controller, _, display = kiosk
    press(controller, "x", "slash", "asterisk", "slash", "asterisk")
    assert display.staff_prompts == 1


def test_voice_commands_select_and_open(kiosk: Kiosk) -> None:
    controller, _, _ = kiosk
    controller.handle(Command(CommandId.SELECT, 3))  # from the welcome screen
    assert controller.location.section_id == "checking-in"
    controller.handle(Command(CommandId.OPEN, "medicines"))
    assert controller.location.section_id == "medicines"
    controller.handle(Command(CommandId.SELECT, 0))
    assert controller.location.kind is ScreenKind.HELP


def test_push_to_talk_without_voice_says_so(kiosk: Kiosk) -> None:
    controller, speaker, _ = kiosk
    press(controller, "x", "slash", "slash")
    assert last_said(speaker) == (controller.wording().voice.unavailable,)
