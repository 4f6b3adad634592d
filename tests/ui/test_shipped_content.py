"""The shipped content (content/) keeps the screen rules of issue #12 at 80x24, 60x20 and
40x15: checked on properties (what is highlighted, what is in view), never on pictures, so a
clinician's edit fails here only when it breaks a rule, with the rule named.

- Wherever the patient is told to press a number to choose a topic, all the topics are on
  screen with it: as the orientation and the topic list open, and while each of their
  sentences is said.
- Every sentence of every section is on screen, whole, while it is highlighted (at 80x24 and
  40x15: the size between adds time, not cases).
- The fixed area stays within its rows.
"""

from __future__ import annotations

import pytest

from kiosk.commands.keymap import KeyMap
from kiosk.content.loader import load_content
from kiosk.core.views import ViewBlockKind, list_view
from tests.support.apps import build_app
from tests.support.paths import CONTENT
from tests.support.screen import rows
from tests.ui.helpers import (
    END_IDS,
    ENDS,
    SIZE_IDS,
    SIZES,
    fixed_rows_ok,
    highlighted_text,
    normalise,
    settle,
    step_through_every_sentence,
    visible_text,
)

SHIPPED = load_content(CONTENT)
mentions_choosing = SHIPPED.wording.mentions_choosing
TITLES = [section.title for section in SHIPPED.sections]


def all_titles_visible(text: str) -> bool:
    return all(f"{n}. {title}" in text for n, title in enumerate(TITLES[:9], start=1))


@pytest.mark.parametrize("orientation", [True, False], ids=["orientation", "topics"])
def test_only_the_list_prompt_tells_the_patient_to_choose(orientation: bool) -> None:
    """A sentence saying "press a number" away from the list could be on screen without it:
    on the orientation, such sentences belong at the top of content/kiosk/orientation.md."""
    view = list_view(SHIPPED, KeyMap.default(), page=0, orientation=orientation)
    first_choice = view.blocks.index(view.choices[0])
    telling = [i for i, block in enumerate(view.blocks) if mentions_choosing(block.text)]
    assert telling == [first_choice - 1], [view.blocks[i].text for i in telling]
    assert view.blocks[first_choice - 1].kind is ViewBlockKind.PARAGRAPH


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
@pytest.mark.parametrize("home", [False, True], ids=["orientation", "topics"])
async def test_the_topics_are_on_screen_whenever_the_patient_is_told_to_choose(
    size: tuple[int, int], home: bool
) -> None:
    for voice in (False, True):  # and with a device problem shown
        app, _ = build_app(CONTENT, voice_enabled=voice)
        async with app.run_test(size=size) as pilot:
            await pilot.press("space", *(["home"] if home else []))
            await settle(pilot)
            assert all_titles_visible(visible_text(app)), rows(app)
            view = app.controller.view
            for index, sentence in enumerate(view.sentences):
                app.controller.read_from(index)
                await settle(pilot)
                text = visible_text(app)
                assert normalise(sentence.text) in highlighted_text(app), (index, rows(app))
                if mentions_choosing(text):
                    assert all_titles_visible(text), (index, rows(app))
                ok, why = fixed_rows_ok(app)
                assert ok, why


@pytest.mark.slow
@pytest.mark.parametrize("size", ENDS, ids=END_IDS)
async def test_every_sentence_of_every_section_is_on_screen_when_highlighted(
    size: tuple[int, int],
) -> None:
    await step_through_every_sentence(CONTENT, TITLES, size)
