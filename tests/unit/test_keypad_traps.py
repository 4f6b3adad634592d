"""Issue #12's keypad traps, driven on the controller with fakes: the staff sequence, captions
without speech, where am I, the first Down, Back, scrolling from the keypad, the privacy screen.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from kiosk.commands.command import Command, CommandId
from kiosk.commands.keymap import KeyContext, KeyMap
from kiosk.commands.keystate import KeyLayer, patient_can_press, patient_steps
from kiosk.content.loader import load_content
from kiosk.content.wording_file import shipped_wording
from kiosk.core.controller import Controller
from kiosk.core.narration import caption_seconds
from kiosk.core.session_flow import Defaults
from kiosk.core.settings import DEFAULT_STAFF_SEQUENCE
from kiosk.core.speaker import UtteranceFinished
from kiosk.core.staff import staff_sequence_problem
from kiosk.core.views import ScreenKind
from kiosk.speech.fakes import RecordingSpeaker
from tests.support.clocks import FakeClock
from tests.support.content import MakeContent
from tests.support.display import RecordingDisplay
from tests.support.paths import FIXTURE, README

KEYPAD = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9",
          "full_stop", "enter", "plus", "minus", "asterisk", "slash"]  # fmt: skip


Kiosk = tuple[Controller, RecordingSpeaker, RecordingDisplay, FakeClock]


def build(content: Path = FIXTURE, sequence: tuple[str, ...] = DEFAULT_STAFF_SEQUENCE) -> Kiosk:
    """The controller on `content` (the fixture content unless given), with a display whose
    page has room to scroll until the test says otherwise (`display.room = False`)."""
    speaker, display, clock = RecordingSpeaker(), RecordingDisplay(room=True), FakeClock()
    controller = Controller(
        load_content(content),
        KeyMap.default(),
        speaker,
        display,
        defaults=Defaults(volume=0.8, rate=160),
        clock=clock,
        staff_sequence=sequence,
    )
    controller.end_session()
    return controller, speaker, display, clock


@pytest.fixture
def kiosk() -> Kiosk:
    return build()


def press(kiosk: Kiosk, *keys: str) -> None:
    controller, _, _, clock = kiosk
    for key in keys:
        clock.now += 1.0  # a second apart: deliberate presses, never a double strike
        controller.handle_key(key)


def said(speaker: RecordingSpeaker) -> str:
    _, sentences, first = speaker.spoken[-1]
    return " ".join(sentences[first:])


# ----- defect 1: no documented patient use presses the staff sequence -------------------------


def test_pause_continue_three_times_is_a_patient_use_so_not_a_staff_sequence() -> None:
    keymap = KeyMap.default()
    old = ("slash", "asterisk") * 3  # the old default: "/ *" is the documented pause/continue
    assert patient_can_press(keymap, old)
    assert "patient" in staff_sequence_problem(old, keymap, shipped_wording())


def test_the_default_staff_sequence_takes_a_step_no_patient_use_takes() -> None:
    keymap = KeyMap.default()
    assert not patient_can_press(keymap, DEFAULT_STAFF_SEQUENCE)
    assert staff_sequence_problem(DEFAULT_STAFF_SEQUENCE, keymap, shipped_wording()) == ""
    # The step is the options key followed by a key with no second job.
    assert patient_steps(keymap, KeyLayer.OPTIONS, "4") == frozenset()


def test_key_layers_follow_the_documented_keys() -> None:
    keymap = KeyMap.default()
    assert patient_steps(keymap, KeyLayer.FIRST, "slash") == {KeyLayer.OPTIONS}
    assert patient_steps(keymap, KeyLayer.OPTIONS, "asterisk") == {KeyLayer.FIRST}
    assert patient_steps(keymap, KeyLayer.OPTIONS, "1") == {KeyLayer.DESCRIBE}
    assert patient_steps(keymap, KeyLayer.OPTIONS, "full_stop") == {KeyLayer.ANY_KEY}
    # Once "describe a key" is armed, or on the welcome screen, any key at all is documented.
    assert patient_steps(keymap, KeyLayer.DESCRIBE, "4") == {KeyLayer.FIRST}
    assert patient_steps(keymap, KeyLayer.ANY_KEY, "x") == {KeyLayer.FIRST}
    assert patient_steps(keymap, KeyLayer.FIRST, "x") == frozenset()  # "not used here"


def test_every_layer_the_sequence_may_start_in_counts() -> None:
    keymap = KeyMap.default()
    # Pressed after "/ 1", the "/" is only described and "4" then chooses topic 4.
    assert patient_can_press(keymap, ("slash", "1", "slash", "4"))
    # Pressed after "/", this "/" is "speak a command" and "4" then chooses topic 4.
    assert patient_can_press(keymap, ("slash", "4"))
    # But "/ 6" after that is a dead end from every layer.
    assert not patient_can_press(keymap, ("slash", "4", "slash", "6"))


def test_random_documented_patient_keys_never_open_the_staff_prompt() -> None:
    """A storm of keypad presses, each one a documented use where it is pressed."""
    kiosk = build()
    controller, _, display, _ = kiosk
    keymap = controller.keys.keymap
    rng = random.Random(12)
    for _ in range(4000):
        if controller.location.kind is ScreenKind.WELCOME:
            press(kiosk, rng.choice(KEYPAD))
            continue
        layer = controller.keys.layer
        usable = [k for k in KEYPAD if patient_steps(keymap, layer, k)]
        press(kiosk, rng.choice(usable))
    assert display.staff_prompts == 0


def test_old_trap_pause_three_times_now_pauses_and_continues(kiosk: Kiosk) -> None:
    controller, _, display, _ = kiosk
    press(kiosk, "x", "8")
    press(kiosk, *["slash", "asterisk"] * 3)
    assert display.staff_prompts == 0
    assert controller.location.section_id == "after"


def test_the_staff_sequence_opens_the_prompt(kiosk: Kiosk) -> None:
    _, _, display, _ = kiosk
    press(kiosk, "x", *DEFAULT_STAFF_SEQUENCE)
    assert display.staff_prompts == 1


# ----- defect 2: leaving the staff prompt leaves no key layer armed ----------------------------


def test_after_the_staff_sequence_zero_is_help_not_about() -> None:
    # A sequence ending on the options key: the prompt takes the next keys (its "." closes it).
    kiosk = build(FIXTURE, ("slash", "4", "slash", "6", "slash"))
    controller, _, display, _ = kiosk
    press(kiosk, "x", "slash", "4", "slash", "6", "slash")
    assert display.staff_prompts == 1
    press(kiosk, "0")
    assert controller.location.kind is ScreenKind.HELP


def test_the_old_sequence_left_the_options_key_armed() -> None:
    kiosk = build(FIXTURE, ("slash", "asterisk") * 3)
    controller, _, display, _ = kiosk
    press(kiosk, "x", *["slash", "asterisk"] * 3)
    assert display.staff_prompts == 1
    press(kiosk, "0")
    assert controller.location.kind is ScreenKind.HELP


# ----- defect 3: without speech, the captions move on at the reading rate ----------------------


def wait(kiosk: Kiosk, seconds: float) -> None:
    controller, _, _, clock = kiosk
    for _ in range(int(seconds * 2)):
        clock.now += 0.5
        controller.tick()


def test_captions_advance_through_the_page_without_speech(kiosk: Kiosk) -> None:
    controller, _, display, _ = kiosk
    controller.speech_available = False
    press(kiosk, "x")
    sentences = controller.view.script
    assert display.captions[-1] == sentences[0]
    first = caption_seconds(sentences[0], 160)
    wait(kiosk, first + 0.5)
    assert display.captions[-1] == sentences[1]
    assert display.highlighted == 1
    wait(kiosk, sum(caption_seconds(s, 160) for s in sentences) + 5)
    for sentence in sentences:  # the disclaimer and the instructions too
        assert sentence in display.captions
    assert not controller.narration.reading


def test_faster_reading_moves_the_captions_sooner() -> None:
    assert caption_seconds("one two three four five six seven eight", 260) < caption_seconds(
        "one two three four five six seven eight", 160
    )


def test_volume_keys_caption_their_announcement_without_speech(kiosk: Kiosk) -> None:
    controller, _, display, _ = kiosk
    controller.speech_available = False
    press(kiosk, "x", "8")
    assert controller.narration.reading  # the captions are running
    press(kiosk, "plus")
    assert display.captions[-1] == "Louder. Volume 9 of 10."
    press(kiosk, "minus")
    assert display.captions[-1] == "Softer. Volume 8 of 10."


def test_speech_coming_back_reads_on_aloud_from_the_caption(kiosk: Kiosk) -> None:
    controller, speaker, _, _ = kiosk
    controller.speech_available = False
    press(kiosk, "x", "8")
    wait(kiosk, caption_seconds(controller.view.script[0], 160) + 0.5)
    assert controller.narration.cursor == 1
    controller.speech_available = True
    assert speaker.spoken[-1][2] == 1


def test_late_speaker_events_do_not_move_silent_captions(kiosk: Kiosk) -> None:
    controller, speaker, _, _ = kiosk
    controller.speech_available = False
    press(kiosk, "x", "8")
    controller.on_speech_event(UtteranceFinished(speaker.spoken[-1][0]))
    assert controller.narration.reading


# ----- defect 6: where am I on the orientation -------------------------------------------------


def test_where_am_i_on_the_orientation_names_the_screen_and_how_to_choose(kiosk: Kiosk) -> None:
    _, speaker, _, _ = kiosk
    press(kiosk, "x", "slash", "2")
    text = said(speaker)
    assert text.startswith("Getting started")
    assert "start screen" in text
    assert "Press a number to choose a topic." in text
    assert "9 topics" in text


# ----- defect 7: the first Down speaks item 1 --------------------------------------------------


def test_first_down_on_a_list_speaks_item_one(kiosk: Kiosk) -> None:
    controller, speaker, display, _ = kiosk
    press(kiosk, "x", "down")
    assert said(speaker) == "Before your visit, 1 of 9."
    assert display.selected == 0
    press(kiosk, "down")
    assert said(speaker) == "Getting here, 2 of 9."
    controller.go_home()
    press(kiosk, "down")
    assert said(speaker) == "Before your visit, 1 of 9."


# ----- Back: the ▶ on the topic the patient came from ------------------------------------------


@pytest.mark.parametrize("keys", [("9",), ("6", "6", "6")])
def test_back_from_a_section_puts_the_pointer_on_that_topic(
    kiosk: Kiosk, keys: tuple[str, ...]
) -> None:
    controller, speaker, display, _ = kiosk
    press(kiosk, "x", *keys)
    section = controller.location.section_id
    press(kiosk, "full_stop")
    assert controller.location.kind is ScreenKind.ORIENTATION
    index = [c.target for c in controller.view.choices].index(section)
    assert display.selected == index
    # The pointer's row is what is highlighted (so the screen scrolls it into view) and said.
    assert display.highlighted == controller.view.choice_sentence(index)
    page = controller.navigation.content.section(section)
    assert page is not None
    title = page.title
    assert f"{title}, {index + 1} of 9." in said(speaker)
    press(kiosk, "enter")
    assert controller.location.section_id == section
    press(kiosk, "full_stop", "down")
    if index + 1 < 9:
        assert controller.location.selected == index + 1


# ----- scrolling from the keypad ---------------------------------------------------------------


def test_page_down_on_the_orientation_scrolls(kiosk: Kiosk) -> None:
    controller, speaker, display, _ = kiosk
    press(kiosk, "x", "pagedown")
    assert display.scrolled == [1]
    assert "There are no more topics" not in said(speaker)
    assert controller.location.kind is ScreenKind.ORIENTATION
    display.room = False
    press(kiosk, "pagedown")  # at the bottom of the only page
    assert "end of the list" in said(speaker)


def test_digits_keep_choosing_on_lists_and_scroll_while_reading(kiosk: Kiosk) -> None:
    controller, _, display, _ = kiosk
    press(kiosk, "x", "3")
    assert controller.location.section_id == "checking-in"
    press(kiosk, "3", "9", "pagedown", "pageup")
    assert display.scrolled == [1, -1, 1, -1]


def test_more_comes_after_the_last_row_of_a_long_list(make_content: MakeContent) -> None:
    kiosk = build(make_content(12))
    controller, _, display, _ = kiosk
    press(kiosk, "x", "pagedown")
    assert controller.location.page == 0  # there was room: it scrolled
    display.room = False
    press(kiosk, "pagedown")
    assert controller.location.page == 1
    assert display.view is not None and display.view.position == "Page 2 of 2"
    press(kiosk, "pageup")
    assert controller.location.page == 0


def test_reading_page_says_when_it_cannot_scroll_further(kiosk: Kiosk) -> None:
    _, speaker, display, _ = kiosk
    press(kiosk, "x", "8")
    display.room = False
    press(kiosk, "3")
    assert said(speaker) == "This is the end of the page."
    press(kiosk, "9")
    assert said(speaker) == "This is the top of the page."


# ----- the privacy screen ----------------------------------------------------------------------


def test_privacy_screen_toggles_announced_and_keys_keep_working(kiosk: Kiosk) -> None:
    controller, speaker, display, _ = kiosk
    press(kiosk, "x", "slash", "9")
    assert display.privacy_calls == [True]
    assert said(speaker).startswith("Screen off.")
    press(kiosk, "8")  # reading goes on with the screen off
    assert controller.location.section_id == "after"
    assert said(speaker).startswith("After your visit")
    press(kiosk, "2", "6", "slash", "2")
    assert controller.location.section_id == "questions"
    press(kiosk, "slash", "pageup")  # NumLock off: the same physical key
    assert display.privacy_calls == [True, False]
    assert said(speaker) == "Screen on."


def test_session_reset_turns_the_privacy_screen_off(kiosk: Kiosk) -> None:
    controller, _, display, _ = kiosk
    press(kiosk, "x", "slash", "9")
    controller.end_session()
    assert display.privacy_calls == [True, False]
    press(kiosk, "x")
    assert display.privacy_calls == [True, False]  # a new session starts with the screen on


def test_privacy_key_is_documented_on_the_options_layer() -> None:
    keymap = KeyMap.default()
    for key in ("9", "pageup"):
        assert keymap.lookup(key, KeyContext.READING, options=True) == Command(CommandId.PRIVACY)
    readme = README.read_text()
    assert "| `9` | screen off" in readme


def test_the_staff_keys_have_no_second_job() -> None:
    options = KeyMap.default().tables[KeyContext.OPTIONS]
    for key in set(DEFAULT_STAFF_SEQUENCE) - {"slash"}:
        assert key not in options
