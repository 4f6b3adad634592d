"""The scrolling page: the view's blocks, the highlighted sentence and ▶ item, and the
scrolling that keeps what is said in view (issue #12).

Whatever is spoken is scrolled into view every time it changes: the highlighted sentence
(its own rows, when its paragraph is taller than the screen) and the ▶ item; and wherever
the patient is told to press a number to choose a topic, the topics are brought into view
with it. After each layout the page tells its screen how many topics are below its bottom.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.containers import VerticalScroll
from textual.geometry import Region

from kiosk.core.views import ScreenKind, View
from kiosk.ui.blocks import BlockWidget, has_gap_after
from kiosk.ui.layout import keep_topics_whole, reveal
from kiosk.ui.page_regions import (
    choices_below,
    choices_span,
    choosing_rows,
    companion,
    is_companion,
    target_region,
)

BODY_GUTTER = 3  # the page's padding and scroll bar


class Page(VerticalScroll):
    def __init__(self, on_counted: Callable[[int], None], *, id: str) -> None:
        super().__init__(id=id, can_focus=False)
        self._on_counted = on_counted  # told how many topics are below, after each layout
        self.view: View | None = None
        self._blocks: list[BlockWidget] = []
        self._selected: int | None = None
        self.spoken: int | None = None  # the highlighted sentence
        self._focus_block = -1
        self._caption = ""
        self._paged = False  # the patient paged the page since the last thing was said

    def on_resize(self) -> None:
        # A message box came or went, a status line appeared: keep what is said in view.
        self.call_after_refresh(self.keep_focus_in_view)

    def show(self, view: View, selected: int | None) -> bool:
        """Show `view` with the ▶ on `selected`; True when it is a new view."""
        new = view is not self.view
        if new:
            self.view = view
            self.spoken = None
            self._paged = False
            self.remove_children()
            width = self.screen.size.width - BODY_GUTTER
            self._blocks = [
                BlockWidget(
                    block,
                    gap=has_gap_after(view, index),
                    suffix=view.position if view.choices and index == 0 else "",
                    companion=companion(view, index),
                    width=width,
                )
                for index, block in enumerate(view.blocks)
            ]
            self.mount_all(self._blocks)
            self.set_class(view.kind is ScreenKind.WELCOME, "welcome")
            self.scroll_home(animate=False)
        if selected != self._selected:
            self._paged = False
        self._selected = selected
        self._refresh_blocks()
        return new

    def highlight(self, sentence: int | None) -> None:
        self.spoken = sentence
        self._paged = False
        self._refresh_blocks()

    def said(self, caption: str) -> None:
        """`caption` is being said: when it tells to choose, the topics come into view."""
        self._caption = caption
        if self.view is not None and self.view.wording.mentions_choosing(caption):
            self._paged = False

    def spoken_text(self) -> str | None:
        view, spoken = self.view, self.spoken
        if view is None or spoken is None or not 0 <= spoken < len(view.sentences):
            return None
        return view.sentences[spoken].text

    def page_by(self, pages: int) -> bool:
        """Scroll by `pages` screens; False when it was already at that end."""
        y = round(self.scroll_y)
        room = y < self.max_scroll_y if pages > 0 else y > 0
        self._paged = True
        self._scroll_page_to(y + pages * self.scrollable_content_region.height, None)
        self.call_after_refresh(self.count_below)
        return room

    def keep_focus_in_view(self) -> None:
        """The page changed size: what is said stays in view, unless the patient has paged
        away from it since it was said."""
        if not self._paged:
            target = self._target()
            if target is not None:
                window = self.scrollable_content_region.height
                y = reveal(round(self.scroll_y), window, (target.y, target.bottom))
                self._scroll_page_to(y, (target.y, target.bottom))
        self.count_below()

    def count_below(self) -> None:
        hidden = 0
        if self.view is not None and self.size.height:
            bottom = self.scroll_offset.y + self.scrollable_content_region.height
            hidden = choices_below(self.view, self._blocks, bottom)
        self._on_counted(hidden)

    def _refresh_blocks(self) -> None:
        view = self.view
        if view is None:
            return
        spoken_block, spoken_span = -1, None
        if self.spoken is not None and 0 <= self.spoken < len(view.sentences):
            sentence = view.sentences[self.spoken]
            spoken_block, spoken_span = sentence.block, sentence.span
        chosen_block = -1
        if self._selected is not None and view.choices:
            chosen_block = view.blocks.index(view.choices[self._selected])
        for index, widget in enumerate(self._blocks):
            spoken = spoken_span if index == spoken_block else None
            companion = spoken_span if index + 1 == spoken_block else None
            widget.set_state(spoken, index == chosen_block, companion if widget.companion else None)
        if 0 <= spoken_block < len(view.blocks) and is_companion(view, spoken_block):
            spoken_block -= 1  # the position is drawn with its title
        self._focus_block = spoken_block if spoken_block >= 0 else chosen_block
        # After the refresh: new blocks are laid out by then, and the latest target wins.
        self.call_after_refresh(self.keep_focus_in_view)

    def _scroll_page_to(self, y: int, target: tuple[int, int] | None) -> None:
        """Scroll to `y`, or as near as keeps the topics whole wherever a sentence telling
        the patient to choose one is in view."""
        choices, choosing = None, []
        if self.view is not None:
            span = choices_span(self.view, self._blocks)
            choices = None if span is None else (span.y, span.bottom)
            choosing = choosing_rows(self.view, self._blocks) if span else []
        window = self.scrollable_content_region.height
        last_y = round(self.max_scroll_y)
        y = keep_topics_whole(max(0, min(last_y, y)), window, last_y, choices, choosing, target)
        if y != round(self.scroll_y):
            self.scroll_to(y=y, animate=False, immediate=True)

    def _target(self) -> Region | None:
        if self.view is None:
            return None
        window = self.scrollable_content_region.height
        return target_region(self.view, self._blocks, self._focus_block, self._caption, window)
