"""One block of a view on screen, with the spoken sentence or the chosen item highlighted."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.widgets import Static

from kiosk.content.sentences import Span
from kiosk.views import ViewBlock, ViewBlockKind

# Highlights never rely on colour alone: reverse video plus bold and a marker for choices.
SPOKEN = Style(color="#000000", bgcolor="#ffff00", bold=True)
CHOSEN = Style(color="#000000", bgcolor="#ffff00", bold=True)
HEADING = Style(color="#ffff00", bold=True)
CHOICE_MARKER = "\u25b6 "  # ▶


def render_block(block: ViewBlock, spoken: Span | None, chosen: bool) -> Text:
    if block.kind is ViewBlockKind.CHOICE:
        marker = CHOICE_MARKER if chosen else "  "
        text = Text(marker + block.text)
        if chosen or spoken is not None:
            text.stylize(CHOSEN)
        return text
    prefix = "\u2022 " if block.kind is ViewBlockKind.ITEM else ""  # •
    text = Text(prefix + block.text)
    if block.kind is ViewBlockKind.HEADING:
        text.stylize(HEADING)
    if spoken is not None:
        text.stylize(SPOKEN, spoken.start + len(prefix), spoken.end + len(prefix))
    return text


class BlockWidget(Static):
    """A paragraph, list item, heading, note or numbered choice."""

    def __init__(self, block: ViewBlock) -> None:
        super().__init__(classes=f"block {block.kind.value}")
        self.block = block
        self._spoken: Span | None = None
        self._chosen = False
        self.update(render_block(block, None, False))

    def set_state(self, spoken: Span | None, chosen: bool) -> None:
        if (spoken, chosen) == (self._spoken, self._chosen):
            return
        self._spoken, self._chosen = spoken, chosen
        self.update(render_block(self.block, spoken, chosen))
