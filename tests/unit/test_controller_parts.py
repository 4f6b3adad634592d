"""The controller's parts, each with one job: the input gate's one rule for keys and voice,
one activity per key, the key layers, and Narration as the only writer of speech state."""

from __future__ import annotations

import pytest

from kiosk.commands.command import Command, CommandId
from kiosk.commands.keymap import KeyContext, KeyMap
from kiosk.commands.keystate import KeyLayer
from kiosk.content.loader import load_content
from kiosk.content.wording_file import shipped_wording
from kiosk.core.controller import Controller
from kiosk.core.input_gate import Admission, InputGate
from kiosk.core.key_input import KeyInput
from kiosk.core.narration import Narration
from kiosk.core.session import Phase, SessionRules, SessionTimer
from kiosk.core.session_flow import Defaults
from kiosk.speech.fakes import RecordingSpeaker
from tests.support.clocks import FakeClock
from tests.support.display import RecordingDisplay
from tests.support.paths import FIXTURE


def gate(phase: Phase, *, welcome: bool = False) -> InputGate:
    timer = SessionTimer(SessionRules(), 0.0)
    timer.phase = phase
    return InputGate(timer, lambda: welcome)


NO, STOP, NEXT, OPEN = (Command(CommandId.NO), Command(CommandId.STOP),
                        Command(CommandId.NEXT), Command(CommandId.OPEN, "risks"))  # fmt: skip


@pytest.mark.parametrize("command", [None, NO, STOP, NEXT, OPEN])
def test_cleaning_ignores_keys_and_voice_alike(command: Command | None) -> None:
    assert gate(Phase.CLEANING).admit(command) is Admission.IGNORE
    assert gate(Phase.CLEANING).closed


def test_the_warning_is_answered_by_anything_but_a_spoken_no() -> None:
    assert gate(Phase.WARNING).admit(None) is Admission.ANSWER_WARNING
    assert gate(Phase.WARNING).admit(OPEN) is Admission.ANSWER_WARNING
    assert gate(Phase.WARNING).admit(NO) is Admission.END_SESSION


def test_the_welcome_screen_starts_a_session() -> None:
    welcome = gate(Phase.WELCOME, welcome=True)
    assert welcome.admit(None) is Admission.START_SESSION  # a key does nothing else
    assert welcome.admit(NEXT) is Admission.START_SESSION  # the orientation is the answer
    assert welcome.admit(OPEN) is Admission.START_THEN_RUN
    assert welcome.admit(STOP) is Admission.RUN  # stop only stops
    assert gate(Phase.ACTIVE).admit(OPEN) is Admission.RUN


def layer(keys: KeyInput) -> KeyLayer:
    """The layer now: read through a call, as each key changes it (mypy would otherwise keep
    what an earlier assert said about `keys.layer`)."""
    return keys.layer


def test_the_layer_a_key_is_pressed_in_lasts_one_key() -> None:
    keys = KeyInput(KeyMap.default(), wording=shipped_wording)
    assert keys.arm_options().startswith("Options. ")
    assert layer(keys) is KeyLayer.OPTIONS
    assert keys.command_for("0", KeyContext.READING) == Command(CommandId.ABOUT)
    assert layer(keys) is KeyLayer.FIRST
    keys.arm_describe()
    assert keys.command_for("full_stop", KeyContext.READING) == "dot: go back."
    assert keys.command_for("ctrl+c", KeyContext.READING) == (
        "Ctrl+c: that key is not used here. Press 0 for help."
    )


def test_speech_voice_and_keys_break_the_staff_sequence() -> None:
    keys = KeyInput(KeyMap.default(), ("slash", "4", "slash", "6"), wording=shipped_wording)
    assert not any(keys.staff_sequence_completed(k) for k in ("slash", "4", "slash"))
    keys.forget_sequence()
    assert not keys.staff_sequence_completed("6")
    assert [keys.staff_sequence_completed(k) for k in ("slash", "4", "slash", "6")] == [
        False, False, False, True,
    ]  # fmt: skip


def test_one_activity_per_key(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = FakeClock()
    controller = Controller(
        load_content(FIXTURE), KeyMap.default(), RecordingSpeaker(), RecordingDisplay(),
        defaults=Defaults(), clock=clock,
    )  # fmt: skip
    controller.end_session()
    controller.handle_key("x")  # starts the session
    seen: list[float] = []
    monkeypatch.setattr(controller.session, "activity", seen.append)
    clock.now += 1
    controller.handle_key("8")
    assert len(seen) == 1


def test_speech_state_is_read_only_outside_narration() -> None:
    for name in ("view", "cursor", "paused", "reading", "volume", "rate", "silent"):
        assert isinstance(getattr(Narration, name), property)
        assert getattr(Narration, name).fset is None
