"""The one screen the patient sees: the page first, then a few fixed lines under it.

Layout (issue #12, large print): the content region takes every row but the fixed area (the
device status line, the key hints and the disclaimer line, shared out by `kiosk.ui.layout`:
at most 2 rows below 30 rows of height, 4 above, one more while a device problem lasts).
The page's title and position scroll with its text, so they are highlighted when spoken like
any other sentence. What is said but is not on the page (a message) shows in a box at the
bottom of the content region, and the inactivity warning, cleaning mode and listening cover
the content region: none of them grows the fixed area.

Whatever is spoken is scrolled into view every time it changes: the highlighted sentence
(its own rows, when its paragraph is taller than the screen) and the ▶ item; and wherever
the patient is told to press a number to choose a topic, the topics are brought into view
with it. A list that runs past the bottom shows how many topics are below; when that happens
as the patient is told to choose, the screen reports it (`TopicsBelow`) for it to be said.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.geometry import Region
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from kiosk.core.views import (
    WELCOME_HINT,
    ScreenKind,
    View,
    ViewBlock,
    ViewBlockKind,
    mentions_choosing,
    more_below_text,
)
from kiosk.ui.blocks import BlockWidget, has_gap_after
from kiosk.ui.layout import (
    HINT_GAP,
    Footer,
    hint_text,
    keep_topics_whole,
    plan_footer,
    reveal,
    status_lines,
    too_small,
    too_small_text,
    wrap_words,
)

MESSAGE_GUTTER = 2  # the message box's left bar and right padding
MIN_PAGE_ROWS = 3  # fewer rows of page beside a message are not worth showing
BODY_GUTTER = 3  # the page's padding and scroll bar
COMPACT_HEIGHT = 20  # below this, no blank row under a section's header


class Page(VerticalScroll):
    """The scrolling page. When it grows or shrinks (a message box comes or goes, a status
    line appears), what is being said is brought back into view."""

    def on_resize(self) -> None:
        screen = self.screen
        if isinstance(screen, KioskScreen):
            self.call_after_refresh(screen.keep_focus_in_view)


class KioskScreen(Screen[None], inherit_bindings=False):
    """Renders a `View`; every key goes to the app, which hands it to the controller."""

    class TopicsBelow(Message):
        """`caption`, telling the patient to choose a topic, is laid out with `hidden` of the
        list's topics below the bottom of the screen."""

        def __init__(self, caption: str, hidden: int) -> None:
            super().__init__()
            self.caption = caption
            self.hidden = hidden

    def compose(self) -> ComposeResult:
        with Vertical(id="content"):
            yield Page(id="body", can_focus=False)
            yield Static("", id="more-below", classes="hidden")
            yield Static("", id="message", classes="hidden")
            yield Static("", id="notice", classes="hidden")
        yield Static("", id="status", classes="hidden")
        yield Static("", id="hints")
        yield Static("", id="disclaimer")
        yield Static("", id="too-small")

    def __init__(self) -> None:
        super().__init__()
        self._view: View | None = None
        self._blocks: list[BlockWidget] = []
        self._selected: int | None = None
        self._spoken: int | None = None
        self._focus_block = -1
        self._caption = ""
        self._status = ""
        self._notice = ""
        self._message_dismissed = False
        self._paged = False  # the patient paged the page since the last thing was said
        self._choices_below = 0
        self._report_below_for = ""  # the caption telling to choose, while it stands
        self._reported_below = -1  # the count last reported for it
        self.footer = Footer((), "")

    def on_mount(self) -> None:
        self._lay_out_fixed_area()

    def on_resize(self, event: events.Resize) -> None:
        self._lay_out_fixed_area()
        self.call_after_refresh(self.keep_focus_in_view)

    # ----- Display ---------------------------------------------------------------------

    def show(self, view: View, selected: int | None) -> None:
        body = self.query_one("#body", VerticalScroll)
        if view is not self._view:
            self._view = view
            self._spoken = None
            self._paged = False
            body.remove_children()
            self._blocks = [
                BlockWidget(
                    block,
                    gap=has_gap_after(view, index),
                    suffix=view.position if view.choices and index == 0 else "",
                    companion=self._companion(view, index),
                    width=self.size.width - BODY_GUTTER,
                )
                for index, block in enumerate(view.blocks)
            ]
            body.mount_all(self._blocks)
            body.set_class(view.kind is ScreenKind.WELCOME, "welcome")
            body.scroll_home(animate=False)
            self._lay_out_fixed_area()
        if selected != self._selected:
            self._paged = False
        self._selected = selected
        self._refresh_blocks()

    def highlight(self, sentence: int | None) -> None:
        self._spoken = sentence
        self._paged = False
        self._show_message()
        self._refresh_blocks()

    def scroll(self, pages: int) -> bool:
        """Scroll the page; False when it was already at that end."""
        body = self.query_one("#body", VerticalScroll)
        y = round(body.scroll_y)
        room = y < body.max_scroll_y if pages > 0 else y > 0
        page = body.scrollable_content_region.height
        # The patient has moved on from the last message (it may have told them to choose a
        # topic, with the topics in view: they need not be once the page has moved).
        self._message_dismissed = True
        self._paged = True
        self._show_message()
        self._scroll_page_to(y + pages * page, None)
        self.call_after_refresh(self._update_more_below)
        return room

    def caption(self, text: str) -> None:
        """What is being said. A sentence of the page is already highlighted on it; anything
        else shows in the message box at the bottom of the content region."""
        self._caption = text
        self._message_dismissed = False
        self._report_below_for = text if mentions_choosing(text) else ""
        self._reported_below = -1
        if mentions_choosing(text):
            self._paged = False  # the topics come back into view with it
        self._show_message()
        self.call_after_refresh(self.keep_focus_in_view)

    def notice(self, text: str) -> None:
        """The inactivity warning, cleaning mode, listening: they cover the content region."""
        self._notice = text
        notice = self.query_one("#notice", Static)
        notice.update(text)
        notice.set_class(not text, "hidden")
        self.query_one("#content").set_class(bool(text), "covered")
        self._lay_out_fixed_area()
        self.call_after_refresh(self.keep_focus_in_view)

    def set_status(self, text: str) -> None:
        self._status = text
        self._lay_out_fixed_area()
        self.call_after_refresh(self.keep_focus_in_view)

    def set_privacy(self, on: bool) -> None:
        """The privacy screen (Section 508 405.1): blank everything, keep layout and scroll."""
        self.set_class(on, "privacy")

    # ----- what tests and the controller may ask ------------------------------------------

    @property
    def caption_text(self) -> str:
        """The latest caption: what is being said (a page sentence or a message)."""
        return self._caption

    def choices_below(self) -> int:
        """How many of the list's topics are below the bottom of the screen just now."""
        return self._choices_below

    # ----- the fixed area -------------------------------------------------------------

    def _lay_out_fixed_area(self) -> None:
        width, height = self.size
        if not (width and height):
            return
        small = too_small(width, height)
        self.set_class(small, "too-small")
        self.set_class(height < COMPACT_HEIGHT, "compact")
        self.query_one("#too-small", Static).update(too_small_text(width))
        status = self.query_one("#status", Static)
        status_rows = status_lines(self._status, width)
        status.update("\n".join(status_rows))
        status.set_class(not status_rows, "hidden")
        view = self._view
        if view is None:
            hints: tuple[tuple[str, str], ...] = ()
        elif view.kind is ScreenKind.WELCOME:
            # Covered, the welcome page is cleaning mode: no key starts anything then.
            hints = () if self._notice else (("", WELCOME_HINT),)
        else:
            hints = view.hints
        self.footer = plan_footer(width, height, hints, len(status_rows))
        hint_line = self.query_one("#hints", Static)
        hint_line.update(self._hint_text(self.footer))
        hint_line.set_class(not self.footer.hint_rows, "hidden")
        disclaimer = self.query_one("#disclaimer", Static)
        own_row = bool(self.footer.disclaimer) and not self.footer.together
        disclaimer.update(self.footer.disclaimer if own_row else "")
        disclaimer.set_class(not own_row, "hidden")
        self._show_message()

    def _fixed_rows(self) -> int:
        return len(status_lines(self._status, self.size.width)) + self.footer.rows

    @staticmethod
    def _hint_text(footer: Footer) -> Text:
        text = Text()
        for number, row in enumerate(footer.hint_rows):
            if number:
                text.append("\n")
            for index, hint in enumerate(row):
                if index:
                    text.append(HINT_GAP)
                keys, what = hint
                if keys:
                    text.append(keys, "bold")
                    text.append(hint_text(hint)[len(keys) :])
                else:
                    text.append(what, "bold")
        if footer.together:
            text.append(HINT_GAP)
            text.append(footer.disclaimer, "#ffffff on #000000")
        return text

    # ----- drawing ---------------------------------------------------------------------

    def _show_message(self) -> None:
        text, view = self._caption, self._view
        on_page = False
        if (
            view is not None
            and self._spoken is not None
            and 0 <= self._spoken < len(view.sentences)
        ):
            on_page = view.sentences[self._spoken].text == text
        message = self.query_one("#message", Static)
        show = bool(text) and not on_page and not self._message_dismissed
        message.update(text if show else "")
        message.set_class(not show, "hidden")
        # A message that would leave the page only a row or two (the options list on a small
        # screen) takes the whole content region instead.
        width, height = self.size
        rows = len(wrap_words(text, width - MESSAGE_GUTTER)) if show else 0
        page_rows = height - self._fixed_rows() - rows
        self.query_one("#content").set_class(show and page_rows < MIN_PAGE_ROWS, "replaced")

    def _refresh_blocks(self) -> None:
        view = self._view
        if view is None:
            return
        spoken_block, spoken_span = -1, None
        if self._spoken is not None and 0 <= self._spoken < len(view.sentences):
            sentence = view.sentences[self._spoken]
            spoken_block, spoken_span = sentence.block, sentence.span
        chosen_block = -1
        if self._selected is not None and view.choices:
            chosen_block = view.blocks.index(view.choices[self._selected])
        for index, widget in enumerate(self._blocks):
            spoken = spoken_span if index == spoken_block else None
            companion = spoken_span if index + 1 == spoken_block else None
            widget.set_state(spoken, index == chosen_block, companion if widget.companion else None)
        if 0 <= spoken_block < len(view.blocks) and self._is_companion(view, spoken_block):
            spoken_block -= 1  # the position is drawn with its title
        self._focus_block = spoken_block if spoken_block >= 0 else chosen_block
        # After the refresh: new blocks are laid out by then, and the latest target wins.
        self.call_after_refresh(self.keep_focus_in_view)

    @staticmethod
    def _is_companion(view: View, index: int) -> bool:
        """A section's position, drawn with the title before it."""
        return (
            view.blocks[index].kind is ViewBlockKind.POSITION
            and index > 0
            and view.blocks[index - 1].kind is ViewBlockKind.TITLE
        )

    @classmethod
    def _companion(cls, view: View, index: int) -> ViewBlock | None:
        following = index + 1
        if following < len(view.blocks) and cls._is_companion(view, following):
            return view.blocks[following]
        return None

    def keep_focus_in_view(self) -> None:
        """The page changed size: what is said stays in view, unless the patient has paged
        away from it since it was said."""
        if self._paged:
            self._update_more_below()
        else:
            self._scroll_to_focus()

    def _scroll_to_focus(self) -> None:
        body = self.query_one("#body", VerticalScroll)
        target = self._target()
        if target is not None:
            window = body.scrollable_content_region.height
            y = reveal(round(body.scroll_y), window, (target.y, target.bottom))
            self._scroll_page_to(y, (target.y, target.bottom))
        self._update_more_below()

    def _scroll_page_to(self, y: int, target: tuple[int, int] | None) -> None:
        """Scroll the page to `y`, or as near as keeps the topics whole wherever a sentence
        telling the patient to choose one is in view."""
        body = self.query_one("#body", VerticalScroll)
        view = self._view
        choices = choosing = None
        if view is not None and view.choices and self._blocks:
            first = view.blocks.index(view.choices[0])
            last = view.blocks.index(view.choices[-1])
            span = self._span(first, last)
            choices = (span.y, span.bottom)
            choosing = [
                (widget.virtual_region.y, widget.virtual_region.bottom)
                for block, widget in zip(view.blocks, self._blocks, strict=True)
                if block.kind is not ViewBlockKind.CHOICE and mentions_choosing(block.text)
            ]
        window = body.scrollable_content_region.height
        last_y = round(body.max_scroll_y)
        y = keep_topics_whole(
            max(0, min(last_y, y)), window, last_y, choices, choosing or [], target
        )
        if y != round(body.scroll_y):
            body.scroll_to(y=y, animate=False, immediate=True)

    def _target(self) -> Region | None:
        """The part of the page that must be in view: what is being said, and the topics
        wherever the patient is told to choose one."""
        view, focus = self._view, self._focus_block
        if view is None or not self._blocks:
            return None
        window = self.query_one("#body", VerticalScroll).scrollable_content_region.height
        region = None
        if 0 <= focus < len(self._blocks):
            region = self._focus_region(self._blocks[focus], window)
        choosing = mentions_choosing(self._caption) or (
            0 <= focus < len(view.blocks) and mentions_choosing(view.blocks[focus].text)
        )
        if view.choices and choosing:
            first = view.blocks.index(view.choices[0])
            last = view.blocks.index(view.choices[-1])
            choices = self._span(first, last)
            with_focus = choices if region is None else choices.union(region)
            if with_focus.height <= window:
                return with_focus
            if choices.height <= window:
                return choices
            return Region(choices.x, choices.y, choices.width, window)
        return region

    def _focus_region(self, widget: BlockWidget, window: int) -> Region:
        region = widget.virtual_region
        if region.height <= window:
            return region
        rows = widget.spoken_rows()  # a paragraph taller than the screen: its sentence
        if rows is None:
            return Region(region.x, region.y, region.width, window)
        first, last = rows
        return Region(region.x, region.y + first, region.width, last - first + 1)

    def _span(self, first: int, last: int) -> Region:
        return self._blocks[first].virtual_region.union(self._blocks[last].virtual_region)

    def _update_more_below(self) -> None:
        view = self._view
        body = self.query_one("#body", VerticalScroll)
        hidden = 0
        if view is not None and view.choices and self._blocks and body.size.height:
            bottom = body.scroll_offset.y + body.scrollable_content_region.height
            for choice in view.choices:
                widget = self._blocks[view.blocks.index(choice)]
                if widget.virtual_region.bottom > bottom:
                    hidden += 1
        marker = self.query_one("#more-below", Static)
        text = more_below_text(hidden)
        changed = (hidden > 0) != (self._choices_below > 0)
        self._choices_below = hidden
        marker.update(f"\u25bc {text}" if text else "")  # ▼
        marker.set_class(not text, "hidden")
        if changed:
            # The marker takes a row from the page: bring what is said back into view.
            self.call_after_refresh(self.keep_focus_in_view)
        elif self._reporting_below() and hidden != self._reported_below:
            # Laid out, marker and all (a count before the layout, or before the marker
            # took its row, is corrected by the next).
            self._reported_below = hidden
            self.post_message(self.TopicsBelow(self._caption, hidden))

    def _reporting_below(self) -> bool:
        return (
            bool(self._report_below_for)
            and self._report_below_for == self._caption
            and not self._message_dismissed
        )
