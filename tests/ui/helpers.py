"""Screens at the sizes a large font leaves (issue #12), and what a patient can see on them.

Every check here reads the screen as rendered (the compositor's strips), not the widgets'
idea of themselves: a sentence is "on screen" when its highlighted characters are drawn.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

from textual.pilot import Pilot
from textual.widget import Widget

from kiosk.speech.fakes import RecordingSpeaker
from kiosk.ui.app import KioskApp
from kiosk.ui.layout import fixed_rows_allowed, too_small
from tests.support.apps import build_app, clock_of
from tests.support.screen import RGB, contrast_ratio, rendered_colour_pairs, rgb, rows

SIZES = [(80, 24), (60, 20), (40, 15)]
SIZE_IDS = [f"{w}x{h}" for w, h in SIZES]
# Stepping through every sentence takes ~10 s a size on the fixture and ~30 s on the shipped
# content: those run at the two ends only, the usual screen and the big font.
ENDS = [(80, 24), (40, 15)]
END_IDS = [f"{w}x{h}" for w, h in ENDS]
YELLOW = (255, 255, 0)
SETTLE_PAUSES = 2  # a refresh, then the scroll made after it
BLOCK_CHARACTERS = re.compile("[\u2580-\u259f]")


def content_rows(app: KioskApp) -> range:
    """The screen rows of the content region (everything else is the fixed area)."""
    region = app.kiosk_screen.query_one("#content").region
    return range(region.y, region.bottom)


def fixed_rows(app: KioskApp) -> int:
    screen = app.kiosk_screen
    return screen.size.height - screen.query_one("#content").region.height


def fixed_rows_ok(app: KioskApp) -> tuple[bool, str]:
    """The fixed area's height against the rule: 2 rows below 30 of height, 4 above, one
    more while a device problem shows."""
    screen = app.kiosk_screen
    problem = bool(screen._status)
    allowed = fixed_rows_allowed(screen.size.height, device_problem=problem)
    used = fixed_rows(app)
    return used <= allowed, f"{used} fixed rows, {allowed} allowed"


def highlighted_text(app: KioskApp) -> str:
    """The characters drawn black on yellow in the content region (the sentence being said
    and the chosen item), joined as they read, spaces normalised."""
    strips = app.screen._compositor.render_strips()
    found = []
    for row in content_rows(app):
        for segment in strips[row]:
            style = segment.style
            if style is not None and style.bgcolor is not None and rgb(style.bgcolor) == YELLOW:
                found.append(segment.text)
            else:
                found.append(" ")
    return normalise("".join(found))


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def visible_text(app: KioskApp) -> str:
    """The content region's text as one line: what a patient sees of the page (without the
    scroll bar and the message box's bar, drawn with block characters)."""
    lines = rows(app)
    text = " ".join(lines[row] for row in content_rows(app))
    return normalise(BLOCK_CHARACTERS.sub(" ", text))


def colour_pairs(app: KioskApp, screen_rows: range | None = None) -> set[tuple[RGB, RGB]]:
    """(foreground, background) of every visible character drawn in `screen_rows`."""
    return rendered_colour_pairs(app, screen_rows)


def low_contrast(pairs: set[tuple[RGB, RGB]], least: float) -> dict[tuple[RGB, RGB], float]:
    return {p: round(contrast_ratio(*p), 2) for p in pairs if contrast_ratio(*p) < least}


def in_view(app: KioskApp, widget: Widget) -> bool:
    """Whether every row of `widget` is inside the content region as drawn."""
    region = widget.region  # screen coordinates, clipped to what is shown
    whole = widget.size.height
    shown = content_rows(app)
    return region.height == whole and region.y in shown and region.bottom - 1 in shown


async def settle(pilot: Pilot[None]) -> None:
    """Let layout and the scrolls that follow it finish."""
    for _ in range(SETTLE_PAUSES):
        await pilot.pause()


# ----- the screens of the snapshot tests --------------------------------------------------


@dataclass(frozen=True)
class Screen:
    name: str
    setup: Callable[[Pilot[None], RecordingSpeaker], Awaitable[None]]
    voice: bool = False  # voice on: with no microphone, a device problem shows


async def step_through_every_sentence(
    content: Path, titles: list[str], size: tuple[int, int]
) -> None:
    """Open section 1 of `content`, step through every sentence of every section (2, then 6
    for the next section) and check each is highlighted, whole and on screen, with the fixed
    area within its rule (issue #12): the same walk for the fixture and the shipped content."""
    app, _ = build_app(content, voice_enabled=False)
    async with app.run_test(size=size) as pilot:
        await pilot.press("space", "1")
        for number, title in enumerate(titles, start=1):
            view = app.controller.view
            assert view.title == title
            for index, sentence in enumerate(view.sentences):
                if index:
                    await pilot.press("2")  # next sentence
                await settle(pilot)
                assert app.controller.narration.cursor == index
                assert highlighted_text(app) == normalise(sentence.text), (
                    f"section {number}, sentence {index + 1} is not whole on screen",
                    rows(app),
                )
                ok, why = fixed_rows_ok(app)
                assert ok, why
            await pilot.press("6")  # next section


async def _press(pilot: Pilot[None], *keys: str) -> None:
    await pilot.press(*keys)
    await settle(pilot)


async def welcome(pilot: Pilot[None], speaker: RecordingSpeaker) -> None:
    await settle(pilot)


async def orientation(pilot: Pilot[None], speaker: RecordingSpeaker) -> None:
    await _press(pilot, "space")


async def topic_list(pilot: Pilot[None], speaker: RecordingSpeaker) -> None:
    await _press(pilot, "space", "home", "down", "down", "down")


async def section_mid_reading(pilot: Pilot[None], speaker: RecordingSpeaker) -> None:
    await _press(pilot, "space", "4")
    speaker.start_sentence(7)  # well into the long paragraph of "While you wait"
    await settle(pilot)


async def help_page(pilot: Pilot[None], speaker: RecordingSpeaker) -> None:
    await _press(pilot, "space", "1", "0")


async def about_page(pilot: Pilot[None], speaker: RecordingSpeaker) -> None:
    await _press(pilot, "space", "slash", "0")


async def options_list(pilot: Pilot[None], speaker: RecordingSpeaker) -> None:
    await _press(pilot, "space", "2", "slash")


async def inactivity_warning(pilot: Pilot[None], speaker: RecordingSpeaker) -> None:
    await _press(pilot, "space", "2")
    speaker.finish()
    await settle(pilot)
    app = pilot.app
    assert isinstance(app, KioskApp)
    clock_of(app).now += 61
    app.controller.tick()
    await settle(pilot)


async def device_problem(pilot: Pilot[None], speaker: RecordingSpeaker) -> None:
    await _press(pilot, "space", "6")  # with voice on and no microphone: a status line


SCREENS = [
    Screen("welcome", welcome),
    Screen("orientation", orientation),
    Screen("topic_list", topic_list),
    Screen("section_mid_reading", section_mid_reading),
    Screen("help", help_page),
    Screen("about", about_page),
    Screen("options_list", options_list),
    Screen("inactivity_warning", inactivity_warning),
    Screen("device_problem", device_problem, voice=True),
]
SCREEN_IDS = [screen.name for screen in SCREENS]


def shows_text(width: int, height: int) -> bool:
    return not too_small(width, height)
