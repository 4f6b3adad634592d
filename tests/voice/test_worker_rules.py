"""What the listener passes on to the UI, hands-free and push-to-talk (pure rules, no audio)."""

from __future__ import annotations

import time
from multiprocessing import Pipe
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, cast

import pytest

from kiosk.commands.command import Command, CommandId
from kiosk.commands.phrases import SectionName
from kiosk.core.voice_events import Decision, Heard
from kiosk.voice.listener import _remember
from kiosk.voice.messages import (
    Close,
    ListenOnce,
    SetHandsFree,
    SetKioskSpeaking,
    SetSections,
    WorkerCommand,
)
from kiosk.voice.worker import WorkerSettings, _handle, _obey, _State

if TYPE_CHECKING:
    from kiosk.voice.pipeline import Pipeline


def passed(state: _State, decision: Decision) -> list[Heard]:
    ours, theirs = Pipe()
    command = Command(CommandId.HELP) if decision is Decision.ACCEPT else None
    result = SimpleNamespace(text="help", command=command, confidence=0.9,
                             decision=decision, noisy=False)  # fmt: skip
    _handle(ours, result, state)
    heard = []
    while theirs.poll():
        heard.append(theirs.recv())
    return heard


@pytest.mark.parametrize("decision", [Decision.ACCEPT, Decision.UNSURE])
def test_hands_free_between_turns_only_the_wake_phrase_counts(decision: Decision) -> None:
    state = _State(hands_free=True, wake_phrase="hello kiosk", kiosk_speaking=False)
    assert passed(state, decision) == []
    assert [h.decision for h in passed(state, Decision.WAKE)] == [Decision.WAKE]


def test_hands_free_after_the_wake_phrase_one_command_is_taken() -> None:
    state = _State(hands_free=True, wake_phrase="hello kiosk", kiosk_speaking=False)
    state.once_until = time.monotonic() + 10  # the turn the wake phrase opened
    assert [h.decision for h in passed(state, Decision.UNSURE)] == [Decision.UNSURE]
    assert passed(state, Decision.ACCEPT) == []  # the turn took its one answer


def test_while_the_kiosk_speaks_even_a_turn_hears_only_the_wake_phrase() -> None:
    state = _State(hands_free=True, wake_phrase="hello kiosk", kiosk_speaking=True)
    state.once_until = time.monotonic() + 10
    assert passed(state, Decision.ACCEPT) == []
    assert len(passed(state, Decision.WAKE)) == 1


def test_push_to_talk_takes_one_answer() -> None:
    state = _State(hands_free=False, wake_phrase="", kiosk_speaking=False)
    state.once_until = time.monotonic() + 10
    assert len(passed(state, Decision.ACCEPT)) == 1
    assert state.once_until == 0.0


def test_commands_cross_the_pipe_as_they_were_sent() -> None:
    ours, theirs = Pipe()
    commands: list[WorkerCommand] = [
        ListenOnce(),
        SetHandsFree(True, "hello kiosk"),
        SetKioskSpeaking(True),
        SetSections((SectionName("risks", "risks", "08-risks.md"),)),
        Close(),
    ]
    for command in commands:
        ours.send(command)
    assert [theirs.recv() for _ in commands] == commands


def test_the_worker_obeys_the_commands_that_need_no_new_grammar() -> None:
    state = _State(hands_free=False, wake_phrase="", kiosk_speaking=False)
    settings = WorkerSettings(content_dir=Path("content"), sections=[])
    pipeline = cast("Pipeline", object())  # not used by these two commands
    assert _obey(SetKioskSpeaking(True), pipeline, state, settings) is pipeline
    assert state.kiosk_speaking
    assert not state.listening
    _obey(ListenOnce(), pipeline, state, settings)
    assert state.listening


def test_a_restarted_worker_starts_from_the_settings_last_sent() -> None:
    settings = WorkerSettings(content_dir=Path("content"), sections=[])
    name = SectionName("risks", "risks", "08-risks.md")
    for command in (SetHandsFree(True, "hello kiosk"), SetKioskSpeaking(True),
                    SetSections((name,)), ListenOnce(), Close()):  # fmt: skip
        _remember(settings, command)
    assert (settings.hands_free, settings.wake_phrase) == (True, "hello kiosk")
    assert settings.kiosk_speaking
    assert settings.sections == [name]
