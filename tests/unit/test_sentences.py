"""Sentence splitting: the unit the kiosk speaks, highlights and steps through."""

from __future__ import annotations

import pytest

from kiosk.content.markdown import BlockKind, find_links, parse_blocks, plain
from kiosk.content.sentences import sentence_spans, split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One. Two! Three?", ["One.", "Two!", "Three?"]),
        ("Ask Dr. Smith. Then wait.", ["Ask Dr. Smith.", "Then wait."]),
        ("Use e.g. ice. Rest.", ["Use e.g. ice.", "Rest."]),
        ("About 75% of patients. More.", ["About 75% of patients.", "More."]),
        ("It costs 2.5 units. Fine.", ["It costs 2.5 units.", "Fine."]),
        ("Signed J. Smith today.", ["Signed J. Smith today."]),
        ("No full stop at the end", ["No full stop at the end"]),
        ('He said "stop." Then left.', ['He said "stop."', "Then left."]),
        ("  Spaces around.   ", ["Spaces around."]),
        ("", []),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_spans_point_into_the_text() -> None:
    text = "First one.  Second one."
    assert [span.of(text) for span in sentence_spans(text)] == ["First one.", "Second one."]


def test_blocks_headings_lists_and_wrapped_paragraphs() -> None:
    body = "## What it is\nA line\nthat wraps.\n\n- An item.\n- Another [link](#risks).\n"
    blocks = parse_blocks(body)
    assert [(b.kind, b.text, b.line) for b in blocks] == [
        (BlockKind.HEADING, "What it is", 1),
        (BlockKind.PARAGRAPH, "A line that wraps.", 2),
        (BlockKind.ITEM, "An item.", 5),
        (BlockKind.ITEM, "Another link.", 6),
    ]


def test_plain_and_links() -> None:
    assert plain("**Bold** and [Risks](#risks)") == "Bold and Risks"
    assert [(link.target, link.line) for link in find_links("a\n[x](#y) [z](#w)")] == [
        ("#y", 2),
        ("#w", 2),
    ]
