"""What is spoken is always on screen, the fixed area stays small, the topics are in view
wherever the patient is told to choose one (issue #12), at 80x24, 60x20 and 40x15 (every
sentence stepped through at the two ends), on the fixture content. Everything is read from
the screen as drawn."""

from __future__ import annotations

import pytest

from kiosk.content.loader import load_content
from kiosk.content.wording_file import shipped_wording
from kiosk.core.views import ScreenKind
from kiosk.speech.fakes import RecordingSpeaker
from kiosk.ui.blocks import CHOICE_MARKER
from tests.support.apps import build_app, clock_of
from tests.support.content import MakeContent, long_titled_topics
from tests.support.paths import FIXTURE
from tests.support.screen import rows, screen_text
from tests.ui.helpers import (
    END_IDS,
    ENDS,
    SCREEN_IDS,
    SCREENS,
    SIZE_IDS,
    SIZES,
    Screen,
    colour_pairs,
    content_rows,
    fixed_rows_ok,
    highlighted_text,
    low_contrast,
    normalise,
    settle,
    step_through_every_sentence,
    visible_text,
)

TITLES = [section.title for section in load_content(FIXTURE).sections]
mentions_choosing = shipped_wording().mentions_choosing  # the fixture has the shipped wording


@pytest.mark.parametrize("size", ENDS, ids=END_IDS)
async def test_every_sentence_of_every_section_is_on_screen_when_highlighted(
    size: tuple[int, int],
) -> None:
    await step_through_every_sentence(FIXTURE, TITLES, size)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
async def test_the_pointer_is_always_on_screen(size: tuple[int, int]) -> None:
    app, _ = build_app(FIXTURE, voice_enabled=False)
    async with app.run_test(size=size) as pilot:
        await pilot.press("space", "home")
        await settle(pilot)
        for key in ["down"] * 10 + ["up"] * 10:
            await pilot.press(key)
            await settle(pilot)
            selected = app.controller.location.selected
            marked = f"{CHOICE_MARKER}{selected + 1}. {TITLES[selected]}"
            assert marked in visible_text(app), (key, selected, rows(app))
            ok, why = fixed_rows_ok(app)
            assert ok, why


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
async def test_back_from_a_section_shows_the_pointer_on_it(size: tuple[int, int]) -> None:
    app, _ = build_app(FIXTURE, voice_enabled=False)
    async with app.run_test(size=size) as pilot:
        await pilot.press("space", "8")
        await pilot.press("full_stop")
        await settle(pilot)
        assert app.controller.view.choices
        selected = app.controller.location.selected
        marked = f"{CHOICE_MARKER}{selected + 1}. {TITLES[selected]}"
        assert marked in visible_text(app)


def all_titles_visible(text: str) -> bool:
    return all(f"{n}. {title}" in text for n, title in enumerate(TITLES, start=1))


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
@pytest.mark.parametrize("home", [False, True], ids=["orientation", "topics"])
async def test_the_topics_are_on_screen_whenever_the_patient_is_told_to_choose(
    size: tuple[int, int], home: bool
) -> None:
    app, _ = build_app(FIXTURE, voice_enabled=False)
    async with app.run_test(size=size) as pilot:
        await pilot.press("space", *(["home"] if home else []))
        await settle(pilot)
        assert all_titles_visible(visible_text(app)), rows(app)  # as the screen opens
        view = app.controller.view
        told = [i for i, s in enumerate(view.sentences) if mentions_choosing(s.text)]
        assert told
        for index in range(len(view.sentences)):
            app.controller.read_from(index)
            await settle(pilot)
            text = visible_text(app)
            assert normalise(view.sentences[index].text) in highlighted_text(app), rows(app)
            if mentions_choosing(text):
                assert all_titles_visible(text), (index, rows(app))
        # Said, not on the page: "There is no topic 0 ... press a number to choose a topic".
        await pilot.press("down", "down", "down")
        app.controller.say("There is no topic 12. There are 9. Press a number to choose a topic.")
        await settle(pilot)
        assert "Press a number to choose a topic." in visible_text(app)
        assert all_titles_visible(visible_text(app)), rows(app)


def said(speaker: RecordingSpeaker) -> list[str]:
    return [" ".join(sentences) for _, sentences, _ in speaker.spoken]


async def test_a_list_longer_than_the_screen_says_how_many_topics_are_below(
    make_content: MakeContent,
) -> None:
    root = long_titled_topics(make_content(9))
    app, _ = build_app(root, voice_enabled=False)
    async with app.run_test(size=(40, 15)) as pilot:
        await pilot.press("space", "home")
        await settle(pilot)
        below = app.kiosk_screen.choices_below()
        assert below > 0
        assert f"{below} more topics below." in visible_text(app)
        while app.controller.location.selected < 8:  # down to the last topic
            await pilot.press("down")
        await settle(pilot)
        assert app.kiosk_screen.choices_below() == 0
        assert "more topic" not in visible_text(app)
        ok, why = fixed_rows_ok(app)
        assert ok, why


async def test_more_below_is_said_after_a_message_telling_to_choose(
    make_content: MakeContent,
) -> None:
    """Shown and spoken (issue #12): after a message that tells the patient to choose, the
    count the screen shows is said, once the message is over; reading the list aloud goes
    on to every topic instead, so it says no count."""
    app, speaker = build_app(long_titled_topics(make_content(9)), voice_enabled=False)
    async with app.run_test(size=(40, 15)) as pilot:
        await pilot.press("space", "home")
        await settle(pilot)
        assert app.kiosk_screen.choices_below() > 0
        while speaker.advance():  # the list read aloud, to its end
            await settle(pilot)
        assert not [text for text in said(speaker) if "below" in text]

        await pilot.press("1", ".")  # a topic, and back: "Topics. Topic 1 ..., 1 of 9. Press..."
        await settle(pilot)
        message = said(speaker)[-1]
        assert mentions_choosing(message) and message.startswith("Topics.")
        below = app.kiosk_screen.choices_below()
        assert below > 0 and f"{below} more topics below." in visible_text(app)
        speaker.finish()
        await settle(pilot)
        assert said(speaker)[-1] == f"{below} more topics below."
        assert app.controller.narration.saying(f"{below} more topics below.")

        await pilot.press("1", ".")
        await settle(pilot)
        await pilot.press("down")  # a key before the message ends: nothing follows it
        speaker.finish()
        await settle(pilot)
        assert "below" not in said(speaker)[-1]


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
@pytest.mark.parametrize("screen", SCREENS, ids=SCREEN_IDS)
async def test_fixed_area_reflow_and_contrast_on_every_screen(
    screen: Screen, size: tuple[int, int]
) -> None:
    app, speaker = build_app(FIXTURE, voice_enabled=screen.voice)
    async with app.run_test(size=size) as pilot:
        await screen.setup(pilot, speaker)
        ok, why = fixed_rows_ok(app)
        assert ok, why
        body = app.kiosk_screen.query_one("#body")
        assert body.max_scroll_x == 0  # never sideways
        assert all(len(row.rstrip()) <= size[0] for row in rows(app))
        page = content_rows(app)
        body_low = low_contrast(colour_pairs(app, page), 7.0)  # AAA for the page
        rest = range(0, page.start), range(page.stop, size[1])
        other_low = low_contrast(set().union(*(colour_pairs(app, r) for r in rest)), 4.5)
        assert not body_low and not other_low, (body_low, other_low)


async def test_nothing_else_looks_like_the_sentence_being_read() -> None:
    app, speaker = build_app(FIXTURE, voice_enabled=True)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("space", "4")
        speaker.start_sentence(3)
        await settle(pilot)
        status = app.kiosk_screen.query_one("#status")
        assert status.display
        spoken = (0, 0, 0), (255, 255, 0)
        status_rows = range(status.region.y, status.region.bottom)
        assert spoken not in colour_pairs(app, status_rows)
        speaker.finish()
        await settle(pilot)
        clock_of(app).now += 61
        app.controller.tick()
        await settle(pilot)
        notice = app.kiosk_screen.query_one("#notice")
        assert "Are you still there?" in screen_text(app)
        warning_rows = range(notice.region.y, notice.region.bottom)
        assert spoken not in colour_pairs(app, warning_rows)


@pytest.mark.parametrize("size", [(39, 15), (40, 14), (30, 10)], ids=["39x15", "40x14", "30x10"])
async def test_below_40x15_one_line_says_the_screen_is_too_small_and_keys_still_work(
    size: tuple[int, int],
) -> None:
    app, speaker = build_app(FIXTURE, voice_enabled=False)
    async with app.run_test(size=size) as pilot:
        await pilot.press("space", "3")
        await settle(pilot)
        lines = [row for row in rows(app) if row.strip()]
        assert len(lines) == 1
        said = app.content.wording.screen
        assert lines[0].strip() in (said.too_small, said.too_small_short)
        assert app.controller.location.kind is ScreenKind.SECTION
        assert speaker.spoken[-1][1][0] == TITLES[2]


async def test_the_full_disclaimer_is_on_the_orientation_and_about_pages() -> None:
    app, _ = build_app(FIXTURE, voice_enabled=False)
    async with app.run_test(size=(40, 15)) as pilot:
        await pilot.press("space")
        script = " ".join(app.controller.view.script)
        assert "not medical advice" in script and "tell a staff member now" in script
        await pilot.press("slash", "0")
        assert app.controller.location.kind is ScreenKind.ABOUT
        script = " ".join(app.controller.view.script)
        assert "not medical advice" in script and "tell a staff member now" in script
        await pilot.press("full_stop", "1")
        await settle(pilot)
        assert "Education only, not medical advice" in screen_text(app)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
async def test_paging_never_shows_the_prompt_without_the_topics(size: tuple[int, int]) -> None:
    app, _ = build_app(FIXTURE, voice_enabled=False)
    async with app.run_test(size=size) as pilot:
        await pilot.press("space", "8", "full_stop")  # back: "... press a number to choose"
        await settle(pilot)
        assert all_titles_visible(visible_text(app)), rows(app)
        for key in ["pagedown"] * 4 + ["pageup"] * 4:
            await pilot.press(key)
            await settle(pilot)
            text = visible_text(app)
            if mentions_choosing(text):
                assert all_titles_visible(text), (key, rows(app))
            ok, why = fixed_rows_ok(app)
            assert ok, why
