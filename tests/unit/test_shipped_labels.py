"""On the shipped content (content/): the visible label of anything on screen is a valid voice
phrase (WCAG 2.5.3), so a clinician's new title or synonym that no phrase reaches fails here."""

from __future__ import annotations

from kiosk.content.loader import load_content
from tests.support.paths import CONTENT
from tests.unit.test_visible_labels import check_labels_are_phrases


def test_the_shipped_labels_are_phrases() -> None:
    check_labels_are_phrases(load_content(CONTENT))
