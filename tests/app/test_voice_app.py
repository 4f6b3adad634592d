"""Voice commands in the real app, with a fake listener: push-to-talk, acting only on sure
commands, and a microphone that goes away and comes back; on the fixture content
(tests/fixtures/content)."""

from __future__ import annotations

from typing import Any

import pytest

from kiosk.commands.command import Command, CommandId
from kiosk.content.loader import load_content
from kiosk.core.views import ScreenKind
from kiosk.speech.fakes import RecordingSpeaker
from kiosk.ui.app import KioskApp
from kiosk.voice.fakes import FakeListener
from tests.support.apps import build_app
from tests.support.clocks import FakeClock
from tests.support.paths import FIXTURE
from tests.support.screen import screen_text, status_line

SECTIONS = load_content(FIXTURE).sections
SEVENTH, EIGHTH, NINTH = SECTIONS[6], SECTIONS[7], SECTIONS[8]  # on keys 7, 8 and 9


def build(listener: FakeListener, **settings: Any) -> tuple[KioskApp, RecordingSpeaker]:
    """The app with `listener`, a speaker that finishes at once, and `settings`."""
    return build_app(speaker=RecordingSpeaker(auto_finish=True), listener=listener, **settings)


async def test_push_to_talk_tone_then_listen_then_act() -> None:
    listener = FakeListener()
    app, speaker = build(listener)
    async with app.run_test(size=(80, 24)) as pilot:
        listener.replug()  # the microphone is there
        await pilot.press("space", "slash", "slash")
        assert ("tone", speaker.calls[-1][1]) == speaker.calls[-1]  # the listening tone
        await pilot.pause()
        assert ("listen_once",) in listener.calls  # listening only after the tone
        assert "Listening" in screen_text(app)
        listener.hear(Command(CommandId.OPEN, EIGHTH.id))
        await pilot.pause()
        assert app.controller.location.section_id == EIGHTH.id
        assert "Listening" not in screen_text(app)


@pytest.mark.parametrize(
    ("noisy", "advice"),
    [
        (False, "Sorry, I did not catch that. Say help, or press the help key"),
        (True, "Sorry, it is too noisy here for me to be sure. Come closer to the microphone"),
    ],
)
async def test_unsure_speech_is_never_acted_on(noisy: bool, advice: str) -> None:
    listener = FakeListener()
    app, speaker = build(listener)
    async with app.run_test(size=(80, 24)) as pilot:
        listener.replug()
        await pilot.press("space", "8")
        listener.hear(None, text="next patient please", noisy=noisy)
        await pilot.pause()
        assert app.controller.location.section_id == EIGHTH.id
        said = [s for _, sentences, _ in speaker.spoken for s in sentences]
        assert said[-1].startswith(advice)


async def test_voice_commands_work_from_the_welcome_screen() -> None:
    listener = FakeListener()
    app, _ = build(listener)
    async with app.run_test(size=(80, 24)) as pilot:
        listener.replug()
        listener.hear(Command(CommandId.SELECT, 7))
        await pilot.pause()
        assert app.controller.location.section_id == SEVENTH.id


async def test_microphone_unplugged_mid_session_then_back() -> None:
    listener = FakeListener()
    app, speaker = build(listener)
    async with app.run_test(size=(80, 24)) as pilot:
        listener.replug()
        await pilot.press("space", "8")
        listener.unplug()
        await pilot.pause()
        assert status_line(app) == app.content.wording.voice.unavailable
        said = [s for _, sentences, _ in speaker.spoken for s in sentences]
        assert said[-1] == app.content.wording.voice.unavailable  # as shown
        await pilot.press("6")  # keys keep working
        assert app.controller.location.section_id == NINTH.id
        await pilot.press("slash", "slash")
        said = [s for _, sentences, _ in speaker.spoken for s in sentences]
        assert said[-1] == app.content.wording.voice.unavailable  # push-to-talk says it too
        await pilot.pause()
        assert screen_text(app).count(app.content.wording.voice.unavailable) == 2  # and captions it
        listener.replug()
        await pilot.pause()
        # The status line is gone; the caption of what was said last stays until the next.
        assert screen_text(app).count(app.content.wording.voice.unavailable) == 1
        assert status_line(app) == ""


async def test_no_microphone_at_start_keys_only() -> None:
    listener = FakeListener(available=False)
    app, _ = build(listener)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.content.wording.voice.unavailable in screen_text(app)
        await pilot.press("space", "3")
        assert app.controller.location.kind is ScreenKind.SECTION


async def test_hands_free_settings_and_speaking_state_reach_the_listener() -> None:
    listener = FakeListener()
    app, speaker = build(listener, hands_free=True, wake_phrase="hello kiosk")
    async with app.run_test(size=(80, 24)) as pilot:
        assert ("set_hands_free", True, "hello kiosk") in listener.calls
        listener.replug()
        assert app.speaker is speaker
        speaker.auto_finish = False
        await pilot.press("space")  # the orientation is being spoken
        assert listener.kiosk_speaking is True
        await pilot.press("asterisk")  # stop
        assert listener.kiosk_speaking is False


async def test_inactivity_warning_answered_by_voice() -> None:
    listener = FakeListener()
    clock = FakeClock()
    app, _ = build_app(speaker=RecordingSpeaker(auto_finish=True), listener=listener, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        listener.replug()
        await pilot.press("space", "8")
        clock.now += 61
        await pilot.pause(0.7)
        assert "Are you still there?" in screen_text(app)
        listener.hear(Command(CommandId.MORE_TIME))
        await pilot.pause()
        assert "Are you still there?" not in screen_text(app)
        assert app.controller.location.section_id == EIGHTH.id


async def test_welcome_invites_the_wake_phrase_in_hands_free_mode() -> None:
    app, _ = build(FakeListener(), hands_free=True, wake_phrase="hello kiosk")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert 'Or say "hello kiosk".' in screen_text(app)
    app, _ = build(FakeListener())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "hello kiosk" not in screen_text(app)


async def test_the_fallback_recognizer_is_shown_and_said_once() -> None:
    from kiosk.core.voice_events import VoiceAvailability

    listener = FakeListener()
    app, speaker = build(listener)
    async with app.run_test(size=(80, 24)) as pilot:
        listener.available = True
        listener.emit(
            VoiceAvailability(True, "", "pocketsphinx", "The voice model has not been prepared.")
        )
        await pilot.pause()
        assert "Voice commands limited today" in screen_text(app)
        await pilot.press("space", "slash", "slash")  # the first push of the talk key
        said = " ".join(s for _, sentences, _ in speaker.spoken for s in sentences)
        assert app.content.wording.voice.limited in said and "To speak a command, press" in said
        assert ("listen_once",) not in listener.calls
        await pilot.press("slash", "slash")  # then it listens, and says it no more
        await pilot.pause()
        assert ("listen_once",) in listener.calls
        said_after = " ".join(s for _, sentences, _ in speaker.spoken for s in sentences)
        assert said_after.count(app.content.wording.voice.limited) == 1
