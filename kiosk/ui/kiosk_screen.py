"""The one screen the patient sees: a title, the page, a caption line, hints and disclaimer."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from kiosk.ui.blocks import BlockWidget
from kiosk.views import ScreenKind, View, ViewBlockKind

HEADER_BLOCKS = (ViewBlockKind.TITLE, ViewBlockKind.POSITION)
DISCLAIMER = (
    "For education only, not medical advice. Ask your care team. "
    "In an emergency, tell a staff member now."
)


class KioskScreen(Screen[None], inherit_bindings=False):
    """Renders a `View`; every key goes to the app, which hands it to the controller."""

    def compose(self) -> ComposeResult:
        with Horizontal(id="header"):
            yield Static("", id="title")
            yield Static("", id="position")
        yield Static("", id="notice", classes="hidden")
        yield VerticalScroll(id="body", can_focus=False)
        yield Static("", id="caption")
        yield Static("", id="status", classes="hidden")
        yield Static("", id="hints")
        yield Static(DISCLAIMER, id="disclaimer")

    def __init__(self) -> None:
        super().__init__()
        self._view: View | None = None
        self._blocks: list[BlockWidget] = []
        self._selected: int | None = None
        self._spoken: int | None = None
        self._focus_block = -1

    # ----- Display ---------------------------------------------------------------------

    def show(self, view: View, selected: int | None) -> None:
        body = self.query_one("#body", VerticalScroll)
        if view is not self._view:
            self._view = view
            self._spoken = None
            body.remove_children()
            self._blocks = [BlockWidget(block) for block in view.blocks]
            body.mount_all(self._blocks)
            body.scroll_home(animate=False)
            self.query_one("#title", Static).update(view.title)
            self.query_one("#position", Static).update(view.position)
            hints = "  ".join(f"{key}: {label}" for key, label in view.hints)
            if view.kind is ScreenKind.WELCOME:
                hints = "Press any key to start."
            self.query_one("#hints", Static).update(hints)
        self._selected = selected
        self._refresh_blocks()

    def highlight(self, sentence: int | None) -> None:
        self._spoken = sentence
        self._refresh_blocks()

    def scroll(self, pages: int) -> None:
        body = self.query_one("#body", VerticalScroll)
        if pages > 0:
            body.scroll_page_down(animate=False)
        else:
            body.scroll_page_up(animate=False)

    def caption(self, text: str) -> None:
        self.query_one("#caption", Static).update(text)

    def notice(self, text: str) -> None:
        notice = self.query_one("#notice", Static)
        notice.update(text)
        notice.set_class(not text, "hidden")

    def set_status(self, text: str) -> None:
        status = self.query_one("#status", Static)
        status.update(text)
        status.set_class(not text, "hidden")

    # ----- drawing ---------------------------------------------------------------------

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
            widget.set_state(spoken, index == chosen_block)
        self._focus_block = spoken_block if spoken_block >= 0 else chosen_block
        # After the refresh: new blocks are laid out by then, and the latest target wins.
        self.call_after_refresh(self._scroll_to_focus)

    def _scroll_to_focus(self) -> None:
        view, focus = self._view, self._focus_block
        if view is None or not 0 <= focus < len(self._blocks):
            return
        if view.blocks[focus].kind in HEADER_BLOCKS:
            # Shown in the header, not the body: keep the top of the page in view.
            self.query_one("#body", VerticalScroll).scroll_home(animate=False)
        else:
            self._blocks[focus].scroll_visible(animate=False)
