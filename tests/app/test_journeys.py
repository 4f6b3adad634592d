"""Every journey through the real Textual app (Pilot), with a recording fake speaker, on the
fixture content (tests/fixtures/content): a clinician's edit of content/ changes none of them."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.content.loader import load_content
from kiosk.core.settings import DEFAULT_STAFF_SEQUENCE as STAFF_SEQUENCE
from kiosk.core.views import ScreenKind
from kiosk.speech.fakes import RecordingSpeaker
from tests.support.apps import build_app
from tests.support.clocks import FakeClock
from tests.support.content import MakeContent, unreviewed
from tests.support.paths import FIXTURE
from tests.support.screen import contrast_ratio, rendered_colour_pairs, screen_text

SECTIONS = load_content(FIXTURE).sections


async def test_welcome_then_orientation_then_each_section_and_back() -> None:
    app, speaker = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert "Press any key to start" in screen_text(app)
        await pilot.press("space")
        assert app.controller.location.kind is ScreenKind.ORIENTATION
        assert "Getting started" in screen_text(app)
        assert len(SECTIONS) == 9  # every topic is on a number key
        for number, section in enumerate(SECTIONS, start=1):
            await pilot.press(str(number))
            assert app.controller.location.section_id == section.id
            assert f"Section {number} of 9" in screen_text(app)
            said = speaker.spoken[-1][1]
            assert said[0] == app.controller.view.title
            await pilot.press("full_stop")
            assert app.controller.location.kind is ScreenKind.ORIENTATION


async def test_arrows_and_enter_from_home() -> None:
    app, speaker = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "home")
        assert app.controller.location.kind is ScreenKind.HOME
        await pilot.press("down", "down", "down")  # the first Down says topic 1 (EZ Access)
        third = SECTIONS[2]
        assert f"\u25b6 3. {third.title}" in screen_text(app)
        assert speaker.spoken[-1][1] == (f"{third.title}, 3 of 9.",)
        await pilot.press("enter")
        assert app.controller.location.section_id == third.id
        await pilot.press("escape")
        assert app.controller.location.kind is ScreenKind.HOME


@pytest.mark.parametrize("setup", [(), ("2",), ("0",), ("slash", "0")])
async def test_help_and_about_from_every_screen(setup: tuple[str, ...], fixture_copy: Path) -> None:
    app, _ = build_app(unreviewed(fixture_copy))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", *setup)
        await pilot.press("0")
        assert app.controller.location.kind is ScreenKind.HELP
        assert "Keys" in screen_text(app)
        await pilot.press("full_stop", "slash", "0")
        now = app.controller.location  # read again: the keys moved it
        assert now.kind is ScreenKind.ABOUT
        assert "not yet been reviewed by this clinic" in screen_text(app)
        text = app.controller.view.script
        assert any("not medical advice" in s for s in text)


async def test_narrow_terminal_reflows_without_sideways_scrolling() -> None:
    app, _ = build_app()
    async with app.run_test(size=(40, 24)) as pilot:
        await pilot.press("space", "8")
        body = app.kiosk_screen.query_one("#body")
        assert body.max_scroll_x == 0
        lines = screen_text(app).splitlines()
        assert all(len(line) <= 40 for line in lines)
        assert SECTIONS[7].title in lines[0]


async def test_every_rendered_colour_pair_has_contrast_4_5() -> None:
    app, speaker = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        pairs = set(rendered_colour_pairs(app))
        await pilot.press("space")
        pairs |= rendered_colour_pairs(app)
        await pilot.press("8")
        speaker.start_sentence(3)
        await pilot.pause()
        pairs |= rendered_colour_pairs(app)
        app.kiosk_screen.set_status("Speech unavailable")
        await pilot.press("home", "down")
        pairs |= rendered_colour_pairs(app)
        await pilot.press(*STAFF_SEQUENCE)
        await pilot.pause()
        pairs |= rendered_colour_pairs(app)
    assert len(pairs) >= 3
    low = {pair: round(contrast_ratio(*pair), 2) for pair in pairs if contrast_ratio(*pair) < 4.5}
    assert not low


async def test_lockdown_keys_do_not_exit_or_open_anything() -> None:
    app, _ = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        for key in ["ctrl+c", "ctrl+q", "ctrl+z", "ctrl+backslash", "ctrl+p", "tab", "ctrl+d"]:
            await pilot.press(key)
            assert app.is_running
            assert app.screen is app.kiosk_screen
        assert app.controller.location.kind is ScreenKind.ORIENTATION


async def test_dev_mode_ctrl_q_quits() -> None:
    app, _ = build_app(dev=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running


async def test_staff_exit_with_pin() -> None:
    app, _ = build_app(staff_pin="2468")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", *STAFF_SEQUENCE)
        assert "Staff only" in screen_text(app)
        await pilot.press("1", "1", "1", "1", "enter")
        assert "Wrong PIN" in screen_text(app)
        await pilot.press("2", "4", "6", "8", "enter")
        await pilot.pause()
        assert not app.is_running
        assert app.exit_reason == "staff exit"


async def test_staff_exit_off_without_pin_and_prompt_cancels() -> None:
    app, _ = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", *STAFF_SEQUENCE)
        assert "Staff exit is turned off" in screen_text(app)
        await pilot.press("1", "2", "3", "4", "enter", "full_stop")
        assert app.is_running
        assert app.screen is app.kiosk_screen


async def test_speech_unavailable_is_shown_plainly() -> None:
    app, speaker = build_app(speaker=RecordingSpeaker(available=False))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Speech unavailable" in screen_text(app)
        await pilot.press("space", "8")
        assert SECTIONS[7].title in screen_text(app)
        speaker.set_available(True)
        await pilot.pause()
        assert "Speech unavailable" not in screen_text(app)


async def test_more_than_nine_sections_page_with_more(make_content: MakeContent) -> None:
    app, _ = build_app(make_content(12))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "home")
        assert "Page 1 of 2" in screen_text(app)
        await pilot.press("pagedown")
        assert "Page 2 of 2" in screen_text(app)
        await pilot.press("2")
        assert app.controller.location.section_id == "s11"


async def test_inactivity_warning_and_reset_in_the_app() -> None:
    clock = FakeClock()
    app, _ = build_app(speaker=RecordingSpeaker(auto_finish=True), clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "8")
        clock.now += 61
        await pilot.pause(0.7)  # the app ticks twice a second
        assert "Are you still there?" in screen_text(app)
        clock.now += 31
        await pilot.pause(0.7)
        assert app.controller.location.kind is ScreenKind.WELCOME
        assert "Are you still there?" not in screen_text(app)
        assert "Press any key to start" in screen_text(app)


async def test_cleaning_mode_from_the_staff_prompt() -> None:
    app, speaker = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", *STAFF_SEQUENCE)
        await pilot.press("asterisk")
        assert "Cleaning mode" in screen_text(app)
        spoken = len(speaker.spoken)
        await pilot.press("8", "enter", "0")
        assert len(speaker.spoken) == spoken


async def test_content_removed_while_running_keeps_serving(fixture_copy: Path) -> None:
    import shutil

    app, _ = build_app(fixture_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "8")
        shutil.rmtree(fixture_copy)
        app._reload_content_if_changed()
        await pilot.press("6")
        assert SECTIONS[8].title in screen_text(app)
        assert app.controller.location.section_id == SECTIONS[8].id


async def test_content_edited_while_running_shows_the_edit(fixture_copy: Path) -> None:
    app, _ = build_app(fixture_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "8")
        eighth = fixture_copy / "sections" / "08-after.md"
        title = f"title: {SECTIONS[7].title}\n"
        assert title in eighth.read_text()
        eighth.write_text(eighth.read_text().replace(title, "title: Once you are home\n"))
        app._reload_content_if_changed()
        await pilot.pause()
        assert "Once you are home" in screen_text(app)


async def test_every_key_but_volume_stops_speech_first_in_the_app() -> None:
    app, speaker = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "8")
        keys = ["2", "8", "6", "4", "5", "5", "1", "0", "full_stop", "enter", "asterisk",
                "slash", "2", "7", "pagedown", "x", "escape", "up", "down", "3"]  # fmt: skip
        for key in keys:
            before = len(speaker.calls)
            await pilot.press(key)
            assert speaker.calls[before] == ("stop",), key
        for key in ["plus", "minus"]:
            before = len(speaker.calls)
            await pilot.press(key)
            assert ("stop",) not in speaker.calls[before:], key
