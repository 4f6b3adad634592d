"""Where things are on the laid-out page: what must be in view (what is being said, and the
topics wherever the patient is told to choose one), and how many topics are below the
screen. Read from the block widgets' regions; nothing here scrolls or draws."""

from __future__ import annotations

from collections.abc import Sequence

from textual.geometry import Region

from kiosk.core.views import View, ViewBlock, ViewBlockKind
from kiosk.ui.blocks import BlockWidget


def is_companion(view: View, index: int) -> bool:
    """A section's position, drawn with the title before it."""
    return (
        view.blocks[index].kind is ViewBlockKind.POSITION
        and index > 0
        and view.blocks[index - 1].kind is ViewBlockKind.TITLE
    )


def companion(view: View, index: int) -> ViewBlock | None:
    """The block drawn with block `index` (its title's position), if there is one."""
    following = index + 1
    if following < len(view.blocks) and is_companion(view, following):
        return view.blocks[following]
    return None


def choices_span(view: View, blocks: Sequence[BlockWidget]) -> Region | None:
    """The rows of the list's topics, from the first to the last."""
    if not (view.choices and blocks):
        return None
    first = blocks[view.blocks.index(view.choices[0])].virtual_region
    return first.union(blocks[view.blocks.index(view.choices[-1])].virtual_region)


def choosing_rows(view: View, blocks: Sequence[BlockWidget]) -> list[tuple[int, int]]:
    """The rows of each sentence of the page that tells the patient to choose a topic."""
    return [
        (widget.virtual_region.y, widget.virtual_region.bottom)
        for block, widget in zip(view.blocks, blocks, strict=True)
        if block.kind is not ViewBlockKind.CHOICE and view.wording.mentions_choosing(block.text)
    ]


def focus_region(widget: BlockWidget, window: int) -> Region:
    """The rows of `widget` to keep in view: all of it, or its spoken sentence's rows when
    the paragraph is taller than the screen."""
    region = widget.virtual_region
    if region.height <= window:
        return region
    rows = widget.spoken_rows()
    if rows is None:
        return Region(region.x, region.y, region.width, window)
    first, last = rows
    return Region(region.x, region.y + first, region.width, last - first + 1)


def target_region(
    view: View, blocks: Sequence[BlockWidget], focus: int, caption: str, window: int
) -> Region | None:
    """The part of the page that must be in view: block `focus` (what is being said), and
    the topics wherever the patient is told to choose one (by `caption` or the focus)."""
    if not blocks:
        return None
    region = focus_region(blocks[focus], window) if 0 <= focus < len(blocks) else None
    told = view.wording.mentions_choosing
    choosing = told(caption) or (0 <= focus < len(view.blocks) and told(view.blocks[focus].text))
    choices = choices_span(view, blocks)
    if choices is None or not choosing:
        return region
    with_focus = choices if region is None else choices.union(region)
    if with_focus.height <= window:
        return with_focus
    if choices.height <= window:
        return choices
    return Region(choices.x, choices.y, choices.width, window)


def choices_below(view: View, blocks: Sequence[BlockWidget], bottom: int) -> int:
    """How many of the list's topics end below row `bottom` of the page."""
    if not blocks:
        return 0
    return sum(
        1
        for choice in view.choices
        if blocks[view.blocks.index(choice)].virtual_region.bottom > bottom
    )
