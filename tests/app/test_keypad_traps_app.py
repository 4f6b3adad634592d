"""Issue #12's keypad traps in the real Textual app (Pilot), with a recording fake speaker, on
the fixture content (tests/fixtures/content)."""

from __future__ import annotations

import pytest
from textual.containers import ScrollableContainer
from textual.widgets import Static

from kiosk.content.loader import load_content
from kiosk.core.views import ScreenKind
from kiosk.speech.fakes import RecordingSpeaker
from tests.support.apps import build_app
from tests.support.clocks import FakeClock
from tests.support.paths import FIXTURE
from tests.support.screen import screen_text

STAFF_KEYS = ("slash", "4", "slash", "6", "slash", "4")  # README: the default staff sequence
EIGHTH = load_content(FIXTURE).sections[7]  # the topic on key 8


def last_said(speaker: RecordingSpeaker) -> str:
    _, sentences, first = speaker.spoken[-1]
    return " ".join(sentences[first:])


async def test_pause_continue_three_times_never_opens_the_staff_prompt() -> None:
    app, _ = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "8", *["slash", "asterisk"] * 3, "asterisk")
        await pilot.pause()
        assert app.screen is app.kiosk_screen
        assert "Cleaning mode" not in screen_text(app)
        assert app.controller.location.section_id == EIGHTH.id


async def test_leaving_the_staff_prompt_leaves_no_options_armed() -> None:
    app, _ = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", *STAFF_KEYS)
        assert "Staff only" in screen_text(app)
        await pilot.press("full_stop")
        assert app.screen is app.kiosk_screen
        await pilot.press("0")
        assert app.controller.location.kind is ScreenKind.HELP


async def test_the_staff_prompt_says_what_it_shows() -> None:
    app, speaker = build_app(staff_pin="2468")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", *STAFF_KEYS)
        await pilot.pause()
        shown = [
            str(app.screen.query_one(f"#{name}", Static).content)
            for name in ("staff-title", "staff-message")
        ]
        assert "Press dot to go back." in shown[1]
        assert last_said(speaker) == f"{shown[0]}. {shown[1]}"
        await pilot.press("1", "2", "enter")  # a wrong PIN: its message is shown and said
        await pilot.pause()
        message = str(app.screen.query_one("#staff-message", Static).content)
        assert message != shown[1] and last_said(speaker) == message


async def test_captions_move_on_without_speech(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = FakeClock()
    app, _ = build_app(speaker=RecordingSpeaker(available=False), clock=clock)
    captions: list[str] = []
    show_caption = app.caption

    def caption(text: str) -> None:  # what the controller captions, whatever shows it
        captions.append(text)
        show_caption(text)

    monkeypatch.setattr(app, "caption", caption)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("space")
        script = app.controller.view.script
        assert captions[-1] == script[0] == "Getting started"
        for _ in range(6):
            clock.now += 2.0
            await pilot.pause(0.6)  # the app ticks twice a second
        assert app.controller.narration.cursor > 0
        assert captions[-1] == script[app.controller.narration.cursor]
        assert script[1] in captions


async def test_page_down_on_the_orientation_scrolls_the_page() -> None:
    app, speaker = build_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("space")
        body = app.kiosk_screen.query_one(ScrollableContainer)
        await pilot.pause()
        assert body.max_scroll_y > 0  # at 60x20 the orientation does not fit
        await pilot.press("pagedown")
        await pilot.pause()
        assert body.scroll_y > 0
        assert "There are no more topics" not in last_said(speaker)


async def test_privacy_screen_blanks_everything_and_keys_keep_working() -> None:
    app, speaker = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "slash", "9")
        await pilot.pause()
        assert screen_text(app).strip() == ""
        backgrounds = {
            segment.style.bgcolor.get_truecolor()
            if segment.style and segment.style.bgcolor
            else None
            for strip in app.screen._compositor.render_strips()
            for segment in strip
        }
        assert backgrounds == {(0, 0, 0)}  # all black: no scrollbar, status bar or highlight
        assert last_said(speaker).startswith("Screen off.")
        await pilot.press("8", "2")
        assert app.controller.location.section_id == EIGHTH.id
        assert screen_text(app).strip() == ""
        await pilot.press("slash", "9")
        await pilot.pause()
        assert EIGHTH.title in screen_text(app)


async def test_ending_the_session_turns_the_screen_back_on() -> None:
    app, _ = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "slash", "9", "slash", "full_stop")
        await pilot.pause()
        assert "Press any key to start" in screen_text(app)
