"""The small Markdown subset content uses: paragraphs, `- ` lists, `#` headings, links.

The kiosk renders text itself (so it can highlight the sentence being spoken), so it needs
the body as plain-text blocks rather than as rendered Markdown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]*)\)")
EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(\S(?:.*?\S)?)\1")
HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(.*)$")


class BlockKind(str, Enum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    ITEM = "item"


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    text: str  # plain text: links reduced to their words, emphasis markers removed
    line: int  # 1-based line within the body


@dataclass(frozen=True)
class Link:
    text: str
    target: str
    line: int  # 1-based line within the body


def find_links(body: str) -> list[Link]:
    return [
        Link(match.group(1), match.group(2), number)
        for number, line in enumerate(body.splitlines(), start=1)
        for match in LINK.finditer(line)
    ]


def plain(text: str) -> str:
    """Inline Markdown to plain text: `[Risks](#risks)` -> `Risks`, `**word**` -> `word`."""
    text = LINK.sub(r"\1", text)
    text = EMPHASIS.sub(r"\2", text)
    return " ".join(text.split())


def parse_blocks(body: str) -> list[Block]:
    """Split a body into headings, paragraphs and list items, each as plain text."""
    blocks: list[Block] = []
    pending: list[str] = []
    pending_kind = BlockKind.PARAGRAPH
    pending_line = 0

    def flush() -> None:
        nonlocal pending
        if pending:
            blocks.append(Block(pending_kind, plain(" ".join(pending)), pending_line))
        pending = []

    for number, line in enumerate(body.splitlines(), start=1):
        stripped = line.strip()
        heading = HEADING.match(stripped)
        item = LIST_ITEM.match(line)
        if not stripped:
            flush()
        elif heading:
            flush()
            blocks.append(Block(BlockKind.HEADING, plain(heading.group(2)), number))
        elif item:
            flush()
            pending, pending_kind, pending_line = [item.group(1)], BlockKind.ITEM, number
        else:
            if not pending:
                pending_kind, pending_line = BlockKind.PARAGRAPH, number
            pending.append(stripped)
    flush()
    return [block for block in blocks if block.text]
