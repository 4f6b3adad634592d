"""The one screen the patient sees: the page first, then a few fixed lines under it.

Layout (issue #12, large print): the content region takes every row but the fixed area (the
device status line, the key hints and the disclaimer line, shared out by `kiosk.ui.layout`:
at most 2 rows below 30 rows of height, 4 above, one more while a device problem lasts).
The page's title and position scroll with its text, so they are highlighted when spoken like
any other sentence. What is said but is not on the page (a message) shows in a box at the
bottom of the content region, and the inactivity warning, cleaning mode and listening cover
the content region: none of them grows the fixed area.

The page (`kiosk.ui.page`) keeps whatever is spoken in view. A list that runs past the
bottom shows how many topics are below; when that happens as the patient is told to choose,
the screen reports it (`TopicsBelow`) for it to be said.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from kiosk.content.wording import Wording
from kiosk.content.wording_file import shipped_wording
from kiosk.core.views import ScreenKind, View
from kiosk.ui.layout import (
    HINT_GAP,
    Footer,
    hint_text,
    plan_footer,
    status_lines,
    too_small,
    too_small_text,
    wrap_words,
)
from kiosk.ui.page import Page

MESSAGE_GUTTER = 2  # the message box's left bar and right padding
MIN_PAGE_ROWS = 3  # fewer rows of page beside a message are not worth showing
COMPACT_HEIGHT = 20  # below this, no blank row under a section's header


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
            yield self._page
            yield Static("", id="more-below", classes="hidden")
            yield Static("", id="message", classes="hidden")
            yield Static("", id="notice", classes="hidden")
        yield Static("", id="status", classes="hidden")
        yield Static("", id="hints")
        yield Static("", id="disclaimer")
        yield Static("", id="too-small")

    def __init__(self) -> None:
        super().__init__()
        self._page = Page(self._topics_counted, id="body")
        self._caption = ""
        self._status = ""
        self._notice = ""
        self._message_dismissed = False
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
        if self._page.show(view, selected):
            self._lay_out_fixed_area()

    def highlight(self, sentence: int | None) -> None:
        self._page.highlight(sentence)
        self._show_message()

    def scroll(self, pages: int) -> bool:
        """Scroll the page; False when it was already at that end."""
        # The patient has moved on from the last message (it may have told them to choose a
        # topic, with the topics in view: they need not be once the page has moved).
        self._message_dismissed = True
        self._show_message()
        return self._page.page_by(pages)

    def caption(self, text: str) -> None:
        """What is being said. A sentence of the page is already highlighted on it; anything
        else shows in the message box at the bottom of the content region."""
        self._caption = text
        self._message_dismissed = False
        self._report_below_for = text if self._wording().mentions_choosing(text) else ""
        self._reported_below = -1
        self._page.said(text)
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

    def keep_focus_in_view(self) -> None:
        self._page.keep_focus_in_view()

    # ----- what tests and the controller may ask ------------------------------------------

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
        self.query_one("#too-small", Static).update(too_small_text(width, self._wording().screen))
        status = self.query_one("#status", Static)
        status_rows = status_lines(self._status, width)
        status.update("\n".join(status_rows))
        status.set_class(not status_rows, "hidden")
        view = self._page.view
        if view is None:
            hints: tuple[tuple[str, str], ...] = ()
        elif view.kind is ScreenKind.WELCOME:
            # Covered, the welcome page is cleaning mode: no key starts anything then.
            hints = () if self._notice else (("", self._wording().screen.welcome_hint),)
        else:
            hints = view.hints
        self.footer = plan_footer(width, height, hints, len(status_rows), self._wording().screen)
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
        text = self._caption
        on_page = self._page.spoken_text() == text
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

    def _wording(self) -> Wording:
        """The wording of the page shown (it follows a content reload); before the first
        page, the shipped one."""
        view = self._page.view
        return shipped_wording() if view is None else view.wording

    def _topics_counted(self, hidden: int) -> None:
        """The page is laid out with `hidden` topics below its bottom: show the marker, and
        report the count when the patient has just been told to choose."""
        marker = self.query_one("#more-below", Static)
        text = self._wording().more_below(hidden)
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
