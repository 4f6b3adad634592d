"""Where the patient is, and where "back" goes. Pure logic, no Textual and no audio.

`Navigation` owns the current `Location` and the `History` behind it (as frogmouth's
Navigation does), builds the location's `View`, shows it and hands it to `Narration`, which
keeps it: going somewhere is "set the location, render, read from the top", in `visit`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Generic, Protocol, TypeVar

from kiosk.commands.keymap import KeyContext, KeyMap
from kiosk.content.model import Content
from kiosk.content.wording import Wording
from kiosk.core.narration import Narration
from kiosk.core.views import (
    PAGE_SIZE,
    ScreenKind,
    View,
    about_view,
    help_view,
    list_view,
    section_view,
    welcome_view,
)

T = TypeVar("T")


@dataclass(frozen=True)
class Location:
    kind: ScreenKind
    section_id: str = ""
    page: int = 0  # list screens: which page of nine topics
    selected: int = 0  # list screens: the highlighted choice on that page (0-based)
    # List screens: whether the patient has been told which choice the pointer is on. Until
    # then the first Down speaks that choice instead of moving past it (as in EZ Access).
    heard: bool = False

    @property
    def on_list(self) -> bool:
        """A list of topics, where the digits choose (the screen's key context)."""
        return self.kind.context is KeyContext.LIST

    def with_selection(self, selected: int) -> Location:
        return replace(self, selected=selected, heard=True)


class History(Generic[T]):
    """A stack of places visited. `back` returns the previous place, or None at the start."""

    def __init__(self, limit: int = 50) -> None:
        self._stack: list[T] = []
        self._limit = limit

    def push(self, item: T) -> None:
        self._stack.append(item)
        del self._stack[: -self._limit]  # bounded: a kiosk runs for weeks

    def back(self) -> T | None:
        return self._stack.pop() if self._stack else None

    def clear(self) -> None:
        self._stack.clear()

    def __len__(self) -> int:
        return len(self._stack)


class Screen(Protocol):
    def show(self, view: View, selected: int | None) -> None: ...


class Navigation:
    def __init__(
        self,
        content: Content,
        keymap: KeyMap,
        narration: Narration,
        screen: Screen,
        *,
        wake_phrase: str = "",
        count: Callable[[str], None] = lambda event: None,
    ) -> None:
        self.content = content
        self.keymap = keymap
        self.narration = narration
        self.screen = screen
        self.wake_phrase = wake_phrase  # set only in hands-free mode: the welcome invites it
        self.count = count
        self.location = Location(ScreenKind.WELCOME)
        self.history: History[Location] = History()
        self._help_context = KeyContext.LIST  # help describes the keys of the screen before

    @property
    def view(self) -> View:
        return self.narration.view

    @property
    def wording(self) -> Wording:
        """What the kiosk says of its own: the content's, so a reload changes it."""
        return self.content.wording

    @property
    def context(self) -> KeyContext:
        return self.location.kind.context

    def visit(self, location: Location, *, remember: bool = False) -> None:
        """Go to `location`, shown and read from the top; "back" returns from it to where
        the patient was if `remember` (never to the welcome screen)."""
        if remember and self.location.kind is not ScreenKind.WELCOME:
            self.history.push(self.location)
        self.location = location
        self.render()
        self.narration.read_from(0)

    def render(self, *, keep_cursor: bool = False) -> None:
        view = self._build_view(self.location)
        self.narration.show(view, keep_cursor=keep_cursor)
        self.screen.show(view, self.location.selected if self.location.on_list else None)

    def welcome(self) -> None:
        """The welcome screen, shown and not read; nothing remembered."""
        self.history.clear()
        self.location = Location(ScreenKind.WELCOME)
        self.render()

    def start(self) -> None:
        """A new session: the orientation, nothing remembered."""
        self.history.clear()
        self.visit(Location(ScreenKind.ORIENTATION))

    def home(self) -> None:
        self.history.clear()
        self.visit(Location(ScreenKind.HOME))

    def open_section(self, section_id: str) -> None:
        if self.content.section(section_id) is None:
            self.narration.say(self.wording.lists.no_such_topic)
            return
        self.count("sections_opened")
        self.count(f"section:{section_id}")
        # Moving between sections replaces the place, so "back" returns to the topics.
        between = self.location.kind is ScreenKind.SECTION
        self.visit(Location(ScreenKind.SECTION, section_id), remember=not between)

    def open_page(self, kind: ScreenKind) -> None:
        if self.location.kind is kind:
            self.narration.read_from(0)
            return
        if kind is ScreenKind.HELP:
            self._help_context = self.context
        self.visit(Location(kind), remember=True)

    def back(self) -> None:
        leaving = self.location
        previous = self.history.back()
        if previous is None:
            if leaving.kind is ScreenKind.HOME:
                said = self.wording.lists
                self.narration.say(said.first_screen.format(prompt=said.choose))
                return
            previous = Location(ScreenKind.HOME)
        index = self.content.index_of(leaving.section_id)
        if leaving.kind is ScreenKind.SECTION and previous.on_list and index >= 0:
            # Back on the list with the pointer on the topic just left, in view and said, so
            # Enter opens what the patient can see (issue #12).
            self.location = replace(previous, page=index // PAGE_SIZE)
            self.render()
            self.point_at(index % PAGE_SIZE, back_from_topic=True)
            return
        self.visit(previous)

    def point_at(self, selected: int, *, before: str = "", back_from_topic: bool = False) -> None:
        """Put the list's pointer on choice `selected`, highlighted (so the screen scrolls it
        into view) and said, after `before`."""
        self.location = self.location.with_selection(selected)
        self.screen.show(self.view, selected)
        self.narration.point_at(self.view.choice_sentence(selected))
        choice = self.choice_phrase(selected)
        if back_from_topic:
            said = self.wording.lists
            choice = said.back_on_list.format(
                title=self.view.title, choice=choice, prompt=said.choose
            )
        self.narration.say(f"{before} {choice}" if before else choice)

    def choice_phrase(self, index: int) -> str:
        choice = self.view.choices[index]
        title = choice.text.partition(". ")[2]
        choices = len(self.view.choices)
        return self.wording.lists.choice.format(title=title, number=index + 1, count=choices)

    def replace_content(self, content: Content) -> None:
        """New content was loaded: show it, staying where the patient is if that still exists."""
        self.content = content
        if self.location.section_id and content.section(self.location.section_id) is None:
            self.history.clear()
            self.location = Location(ScreenKind.HOME)
        self.render(keep_cursor=True)

    def _build_view(self, location: Location) -> View:
        kind = location.kind
        if kind is ScreenKind.WELCOME:
            return welcome_view(self.content, self.wake_phrase)
        if location.on_list:
            orientation = kind is ScreenKind.ORIENTATION
            return list_view(self.content, self.keymap, page=location.page, orientation=orientation)
        if kind is ScreenKind.SECTION:
            return section_view(self.content, self.keymap, location.section_id)
        if kind is ScreenKind.HELP:
            return help_view(self.content, self.keymap, self._help_context)
        return about_view(self.content, self.keymap)
