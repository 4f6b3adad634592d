"""The visible label of anything on screen is a valid voice phrase (WCAG 2.5.3)."""

from __future__ import annotations

from pathlib import Path

from kiosk.commands.command import Command, CommandId
from kiosk.commands.keymap import KeyMap
from kiosk.commands.phrases import Phrasebook
from kiosk.content.loader import load_content
from kiosk.core.views import ScreenKind, hints_for


def test_hint_labels_and_topic_titles_are_phrases(content_dir: Path) -> None:
    content = load_content(content_dir)
    book = Phrasebook.load(sections=content.sections)
    for kind in ScreenKind:
        for _, label in hints_for(kind, KeyMap.default()):
            assert book.match(label) is not None, f"'{label}' on the {kind.value} screen"
    for number, section in enumerate(content.sections, start=1):
        assert book.match(section.title) == Command(CommandId.OPEN, section.id)
        assert book.match(f"number {number}") == Command(CommandId.SELECT, number)
        for synonym in section.synonyms:
            assert book.match(synonym) == Command(CommandId.OPEN, section.id)
    assert book.match(content.about.title) == Command(CommandId.ABOUT)
    assert book.match(content.help.title) == Command(CommandId.HELP)
