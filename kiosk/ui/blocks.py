"""One block of a view on screen, with the spoken sentence or the chosen item highlighted."""

from __future__ import annotations

from rich.console import Console
from rich.style import Style
from rich.text import Text
from textual.widgets import Static

from kiosk.content.sentences import Span
from kiosk.core.views import View, ViewBlock, ViewBlockKind

# Highlights never rely on colour alone: reverse video plus bold and a marker for choices.
# Nothing else on screen is black on yellow: the status line and the warning box have styles
# of their own (kiosk.tcss), so the patient always knows which text is being read.
SPOKEN = Style(color="#000000", bgcolor="#ffff00", bold=True)
CHOSEN = Style(color="#000000", bgcolor="#ffff00", bold=True)
HEADING = Style(color="#ffff00", bold=True)
TITLE = Style(color="#ffff00", bold=True, underline=True)
POSITION = Style(color="#ffffff")
CHOICE_MARKER = "\u25b6 "  # ▶
BULLET = "\u2022 "  # •
_MEASURE = Console(width=1000, color_system=None)  # only measures text for wrapping
SPOKEN_BACKGROUND = (255, 255, 0)


def render_block(
    block: ViewBlock,
    spoken: Span | None,
    chosen: bool,
    suffix: str = "",
    companion: ViewBlock | None = None,
    companion_spoken: Span | None = None,
    width: int = 0,
) -> Text:
    if block.kind is ViewBlockKind.CHOICE:
        marker = CHOICE_MARKER if chosen else "  "
        text = Text(marker + block.text)
        if chosen or spoken is not None:
            text.stylize(CHOSEN)
        return text
    if block.kind is ViewBlockKind.ITEM:
        return _bullet(block.text, spoken, width)
    text = Text(block.text)
    if block.kind is ViewBlockKind.HEADING:
        text.stylize(HEADING)
    elif block.kind is ViewBlockKind.TITLE:
        text.stylize(TITLE)
    if spoken is not None:
        text.stylize(SPOKEN, spoken.start, spoken.end)
    if suffix:
        # A list's page ("Page 1 of 2"), shown beside its title.
        text.append("  " + suffix, POSITION)
    if companion is not None:
        # A section's position ("Section 3 of 9."), beside its title where both fit on one
        # row, else under it; highlighted on its own when it is the sentence being said.
        beside = width > 0 and len(text.plain) + 3 + len(companion.text) <= width
        text.append("   " if beside else "\n")
        start = len(text.plain)
        text.append(companion.text, POSITION)
        if companion_spoken is not None:
            text.stylize(SPOKEN, start + companion_spoken.start, start + companion_spoken.end)
    return text


def _bullet(item: str, spoken: Span | None, width: int) -> Text:
    """A list item with a hanging indent: its wrapped rows line up after the bullet."""
    text = Text(item)
    if spoken is not None:
        text.stylize(SPOKEN, spoken.start, spoken.end)
    if width <= len(BULLET):
        return Text(BULLET) + text
    lines = text.wrap(_MEASURE, width - len(BULLET))
    out = Text()
    for number, line in enumerate(lines):
        if number:
            out.append("\n")
        out.append(BULLET if number == 0 else " " * len(BULLET))
        line.rstrip()
        out.append_text(line)
    return out


LEADS_INTO_LIST = (ViewBlockKind.PARAGRAPH, ViewBlockKind.ITEM)


def has_gap_after(view: View, index: int) -> bool:
    """Whether a blank row follows block `index`: between paragraphs; not inside a list nor
    between a list and the sentence leading into it, not under a heading or a list's title,
    nor between a list's prompt and its choices."""
    blocks = view.blocks
    if index + 1 >= len(blocks):
        return False
    kind, following = blocks[index].kind, blocks[index + 1].kind
    if kind is ViewBlockKind.HEADING:
        return False
    if kind is ViewBlockKind.TITLE:
        # A title is a heading for what follows; one that carries its section's position
        # is the page's header, with a blank row under it (not on very short screens).
        return following is ViewBlockKind.POSITION or not view.choices
    if following is ViewBlockKind.CHOICE:
        return kind is not ViewBlockKind.PARAGRAPH and kind is not ViewBlockKind.CHOICE
    # A list sits under the sentence that leads into it, its items one under the other.
    return following is not ViewBlockKind.ITEM or kind not in LEADS_INTO_LIST


class BlockWidget(Static):
    """A title, paragraph, list item, heading, note or numbered choice. A title may carry
    its section's position (`companion`), drawn beside or under it; a title with one and a
    list item are drawn to the widget's width (a guess until the first layout)."""

    def __init__(
        self,
        block: ViewBlock,
        *,
        gap: bool = True,
        suffix: str = "",
        companion: ViewBlock | None = None,
        width: int = 0,
    ) -> None:
        classes = f"block {block.kind.value}" + (" gap" if gap else "")
        super().__init__(classes=classes)
        self.block = block
        self.suffix = suffix
        self.companion = companion
        self._spoken: Span | None = None
        self._companion_spoken: Span | None = None
        self._chosen = False
        self._width = width  # a guess until the first layout tells
        self._draw()

    def set_state(
        self, spoken: Span | None, chosen: bool, companion_spoken: Span | None = None
    ) -> None:
        state = (spoken, chosen, companion_spoken)
        if state == (self._spoken, self._chosen, self._companion_spoken):
            return
        self._spoken, self._chosen, self._companion_spoken = state
        self._draw()

    def on_resize(self) -> None:
        drawn_to_width = self.companion is not None or self.block.kind is ViewBlockKind.ITEM
        if drawn_to_width and self.size.width != self._width:
            self._width = self.size.width
            # After this layout pass: a change of height made inside it would not be seen.
            self.call_after_refresh(self._draw)

    def _draw(self) -> None:
        self.update(
            render_block(
                self.block,
                self._spoken,
                self._chosen,
                self.suffix,
                self.companion,
                self._companion_spoken,
                self._width,
            )
        )

    def spoken_rows(self) -> tuple[int, int] | None:
        """The first and last row (within this block) of the highlighted text, as drawn."""
        width, height = self.size
        highlighted = self._spoken is not None or self._companion_spoken is not None
        if not (width and height) or not (highlighted or self._chosen):
            return None
        rows = []
        for row, strip in enumerate(self.render_lines(self.size.region)):
            for segment in strip:
                background = segment.style.bgcolor if segment.style else None
                if background is not None and segment.text.strip():
                    triplet = background.get_truecolor()
                    if (triplet.red, triplet.green, triplet.blue) == SPOKEN_BACKGROUND:
                        rows.append(row)
                        break
        return (rows[0], rows[-1]) if rows else None
