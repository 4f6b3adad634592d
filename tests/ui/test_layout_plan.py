"""The pure parts of the large-print layout: sharing out the fixed rows, scrolling rules,
and the list views' order (issue #12)."""

from __future__ import annotations

import pytest

from kiosk.commands.keymap import KeyMap
from kiosk.content.loader import load_content
from kiosk.content.wording_file import shipped_wording
from kiosk.core.views import ScreenKind, ViewBlockKind, hints_for, list_view
from kiosk.ui.layout import (
    fixed_rows_allowed,
    keep_topics_whole,
    pack_hints,
    plan_footer,
    reveal,
    too_small,
    wrap_words,
)
from tests.support.paths import FIXTURE

WORDING = shipped_wording()
SCREEN = WORDING.screen
HINTS = hints_for(ScreenKind.SECTION, KeyMap.default(), WORDING)
DISCLAIMER = SCREEN.disclaimer
SHORT_DISCLAIMER = SCREEN.short_disclaimer


@pytest.mark.parametrize("width", [40, 50, 60, 80, 100, 120, 200])
@pytest.mark.parametrize("height", [15, 20, 24, 29, 30, 40, 60])
@pytest.mark.parametrize("status_rows", [0, 1, 2, 3])
def test_the_footer_never_takes_more_than_its_rows(
    width: int, height: int, status_rows: int
) -> None:
    footer = plan_footer(width, height, HINTS, status_rows, SCREEN)
    allowed = fixed_rows_allowed(height, device_problem=status_rows > 0)
    assert footer.rows + status_rows <= max(allowed, status_rows)
    for row in footer.hint_rows:
        assert len("  ".join(f"{k}: {w}" for k, w in row)) <= width - 2
    if footer.disclaimer and not footer.together:
        assert len(wrap_words(footer.disclaimer, width - 2)) <= allowed - status_rows
    shown = [hint for row in footer.hint_rows for hint in row]
    assert shown == list(HINTS[: len(shown)])  # the most needed first, in order


def test_help_is_always_the_first_hint_and_shown() -> None:
    for kind in ScreenKind:
        assert hints_for(kind, KeyMap.default(), WORDING)[0][1] == "help"
    for width in (40, 60, 80):
        for status_rows in (0, 1, 2):
            footer = plan_footer(width, 15, HINTS, status_rows, SCREEN)
            assert footer.hint_rows[0][0][1] == "help"


def test_short_screens_get_the_short_disclaimer_and_tall_wide_ones_the_full_one() -> None:
    assert plan_footer(40, 15, HINTS, 0, SCREEN).disclaimer == SHORT_DISCLAIMER
    assert plan_footer(80, 24, HINTS, 0, SCREEN).disclaimer == SHORT_DISCLAIMER
    assert plan_footer(80, 30, HINTS, 0, SCREEN).disclaimer == DISCLAIMER
    assert plan_footer(120, 40, HINTS, 0, SCREEN).disclaimer == DISCLAIMER
    assert plan_footer(120, 24, HINTS, 0, SCREEN).disclaimer == DISCLAIMER  # fits one row


def test_one_row_left_shares_it_between_help_and_the_short_disclaimer() -> None:
    footer = plan_footer(80, 24, HINTS, 2, SCREEN)
    assert footer.together and footer.rows == 1
    assert footer.hint_rows[0][0][1] == "help"
    narrow = plan_footer(40, 15, HINTS, 2, SCREEN)  # no room for both: help wins
    assert narrow.rows == 1 and not narrow.disclaimer


def test_hints_are_never_split_across_rows() -> None:
    packed = pack_hints((("0", "help"), ("dot", "back"), ("Enter", "read")), 18, 2)
    assert packed == [[("0", "help"), ("dot", "back")], [("Enter", "read")]]


def test_sizes_below_40x15_are_too_small() -> None:
    assert not too_small(40, 15)
    assert too_small(39, 15) and too_small(40, 14)
    assert fixed_rows_allowed(29, device_problem=False) == 2
    assert fixed_rows_allowed(30, device_problem=True) == 5


def test_reveal_scrolls_the_least_and_shows_the_top_of_what_is_taller() -> None:
    assert reveal(0, 10, (3, 5)) == 0
    assert reveal(0, 10, (12, 14)) == 4
    assert reveal(8, 10, (3, 5)) == 3
    assert reveal(0, 10, (20, 35)) == 20


def test_a_choosing_sentence_is_never_in_view_without_all_the_topics() -> None:
    choices, telling = (2, 11), [(1, 2), (12, 13)]
    # Reading on below the list: the sentence under it scrolls out rather than the list.
    y = keep_topics_whole(3, 18, 20, choices, telling, target=(20, 21))
    assert y >= 13
    # Nothing to fix, nothing moved.
    assert keep_topics_whole(0, 18, 20, choices, telling, target=(0, 1)) == 0
    # Topics that cannot all fit: left as it is.
    assert keep_topics_whole(5, 5, 20, choices, telling) == 5


def test_lists_lead_with_the_topics() -> None:
    content = load_content(FIXTURE)
    for orientation in (True, False):
        view = list_view(content, KeyMap.default(), page=0, orientation=orientation)
        kinds = [block.kind for block in view.blocks]
        assert kinds[0] is ViewBlockKind.TITLE
        assert kinds[1] is ViewBlockKind.PARAGRAPH
        assert content.wording.mentions_choosing(view.blocks[1].text)
        assert kinds[2 : 2 + len(view.choices)] == [ViewBlockKind.CHOICE] * len(view.choices)
    start = list_view(content, KeyMap.default(), page=0, orientation=True)
    # The orientation's first sentence, "Press a number to choose a topic.", leads the list.
    assert start.blocks[1].text == "There are 9 topics. Press a number to choose a topic."
    assert "not medical advice" in " ".join(start.script)


def test_mentions_choosing_and_more_below() -> None:
    assert WORDING.mentions_choosing("There are 9. Press a number to choose a topic.")
    assert not WORDING.mentions_choosing("Press a topic's number to choose it.")
    assert shipped_wording().more_below(0) == ""
    assert shipped_wording().more_below(1) == "1 more topic below."
    assert shipped_wording().more_below(3) == "3 more topics below."


def test_each_device_problem_takes_one_row_shortened_to_its_headline_if_need_be() -> None:
    from kiosk.ui.layout import status_lines

    speech = shipped_wording().status.speech_unavailable
    voice = shipped_wording().voice.unavailable
    both = f"{voice}\n{speech}"
    assert status_lines(both, 80) == [voice, speech]
    assert status_lines(both, 40) == ["Voice commands unavailable.", "Speech unavailable."]
    assert status_lines("", 40) == []
    for width in (40, 60, 80):
        lines = status_lines(both, width)
        footer = plan_footer(width, 15, HINTS, len(lines), SCREEN)
        assert len(lines) + footer.rows <= fixed_rows_allowed(15, device_problem=True)
