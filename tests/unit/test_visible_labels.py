"""The visible label of anything on screen is a valid voice phrase (WCAG 2.5.3), on the fixture
content (tests/fixtures/content); test_shipped_labels.py checks the shipped content the same way."""

from __future__ import annotations

from kiosk.commands.command import Command, CommandId
from kiosk.commands.keymap import KeyMap
from kiosk.commands.phrases import Phrasebook
from kiosk.content.loader import load_content
from kiosk.content.model import Content
from kiosk.core.views import ScreenKind, hints_for
from tests.support.paths import FIXTURE


def check_labels_are_phrases(content: Content) -> None:
    """Every key hint, topic title, topic number and synonym, and the about and help titles,
    is a phrase that does what the label says."""
    book = Phrasebook.load(sections=content.sections)
    for kind in ScreenKind:
        for _, label in hints_for(kind, KeyMap.default(), content.wording):
            assert book.match(label) is not None, f"'{label}' on the {kind.value} screen"
    for number, section in enumerate(content.sections, start=1):
        assert book.match(section.title) == Command(CommandId.OPEN, section.id)
        assert book.match(f"number {number}") == Command(CommandId.SELECT, number)
        for synonym in section.synonyms:
            assert book.match(synonym) == Command(CommandId.OPEN, section.id)
    assert book.match(content.about.title) == Command(CommandId.ABOUT)
    assert book.match(content.help.title) == Command(CommandId.HELP)


def test_hint_labels_and_topic_titles_are_phrases() -> None:
    content = load_content(FIXTURE)
    assert all(section.synonyms for section in content.sections)  # the synonyms are checked
    check_labels_are_phrases(content)
