"""Moving within a screen: the list's pointer, its pages of nine, a page's sentences, the
sections in turn, scrolling. Pure logic, no Textual and no audio."""

from __future__ import annotations

from typing import Protocol

from kiosk.commands.command import Command
from kiosk.core.narration import Narration
from kiosk.core.navigation import Location, Navigation
from kiosk.core.views import ScreenKind, choices_on_page, page_count


class Scroller(Protocol):
    def scroll(self, pages: int) -> bool:
        """Scroll `pages` screens down (up when negative); False when already at that end."""
        ...


class Moves:
    def __init__(self, navigation: Navigation, narration: Narration, scroller: Scroller) -> None:
        self.navigation = navigation
        self.narration = narration
        self.scroller = scroller

    def select(self, command: Command) -> None:
        """A digit, or "topic N": 0 is help; else the topic of that number on this page."""
        number = int(command.value or 0)
        navigation = self.navigation
        if number == 0:
            navigation.open_page(ScreenKind.HELP)
            return
        page = navigation.location.page if navigation.location.on_list else 0
        choices = choices_on_page(navigation.content, page)
        if number > len(choices):
            said = navigation.wording.lists
            message = said.no_topic_number.format(
                number=number, count=len(choices), prompt=said.choose
            )
            self.narration.say(message)
            return
        navigation.open_section(choices[number - 1].target)

    def activate(self) -> None:
        """Enter: open the topic the pointer is on, or read on."""
        location = self.navigation.location
        if location.on_list:
            self.navigation.open_section(self.navigation.view.choices[location.selected].target)
        else:
            self.narration.read_on()

    def step(self, direction: int) -> None:
        """Down / up: the next or previous topic on a list, else sentence."""
        location = self.navigation.location
        if not location.on_list:
            self.step_sentence(direction)
            return
        count = len(self.navigation.view.choices)
        if direction > 0 and not location.heard:
            # EZ Access: the pointer starts on item 1 unannounced, so the first Down speaks
            # item 1 rather than skipping to item 2 (issue #12).
            selected = location.selected
        else:
            selected = location.selected + direction
        if not 0 <= selected < count:
            said = self.navigation.wording.lists
            edge = said.last_topic if direction > 0 else said.first_topic
            self.navigation.point_at(location.selected, before=edge)
            return
        self.navigation.point_at(selected)

    def step_sentence(self, direction: int) -> None:
        target = self.narration.cursor + direction
        if not 0 <= target < len(self.navigation.view.sentences):
            said = self.navigation.wording.lists
            self.narration.say(said.end_of_page if direction > 0 else said.top_of_page)
            return
        self.narration.read_from(target)

    def step_section(self, direction: int) -> None:
        location, content = self.navigation.location, self.navigation.content
        if location.kind is not ScreenKind.SECTION:
            self.step(direction)
            return
        index = content.index_of(location.section_id) + direction
        if not 0 <= index < len(content.sections):
            said = self.navigation.wording.section
            self.narration.say(said.at_last if direction > 0 else said.at_first)
            return
        self.navigation.open_section(content.sections[index].id)

    def more(self) -> None:
        """The list's next nine topics, round to the first."""
        pages = page_count(self.navigation.content)
        location = self.navigation.location
        if not location.on_list or pages == 1:
            self.narration.say(self.navigation.wording.lists.no_more_topics)
            return
        self._show_list_page((location.page + 1) % pages)

    def page(self, direction: int) -> None:
        """9 / 3 while reading, Page Up / Page Down anywhere: scroll. A list's next nine
        come after its last row, its previous nine before its first."""
        if self.scroller.scroll(direction):
            return
        location = self.navigation.location
        said = self.navigation.wording.lists
        if not location.on_list:
            self.narration.say(said.end_of_page if direction > 0 else said.top_of_page)
            return
        page = location.page + direction
        if 0 <= page < page_count(self.navigation.content):
            self._show_list_page(page)
            return
        self.narration.say(said.end_of_list if direction > 0 else said.top_of_list)

    def on_topics_below(self, caption: str, hidden: int) -> None:
        """The screen shows `caption`, which tells the patient to choose a topic, with
        `hidden` topics below its bottom: say so after it, as the screen shows (issue #12).
        Not while the list is read aloud: reading goes on to every topic, each in view."""
        on_list = self.navigation.location.on_list
        if hidden > 0 and on_list and self.narration.saying(caption):
            self.narration.say_next(self.navigation.wording.more_below(hidden))

    def _show_list_page(self, page: int) -> None:
        self.navigation.visit(Location(self.navigation.location.kind, page=page))
