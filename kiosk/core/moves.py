"""Moving within a screen: the list's pointer, its pages of nine, a page's sentences, the
sections in turn, scrolling. Pure logic, no Textual and no audio."""

from __future__ import annotations

from typing import Protocol

from kiosk.commands.command import Command
from kiosk.core.narration import Narration
from kiosk.core.navigation import LIST_PROMPT, Location, Navigation
from kiosk.core.views import ScreenKind, choices_on_page, more_below_text, page_count

END_OF_PAGE = "This is the end of the page."
TOP_OF_PAGE = "This is the top of the page."
LAST_TOPIC = "This is the last topic. "  # said before the topic the pointer stays on
FIRST_TOPIC = "This is the first topic. "
LAST_SECTION = "This is the last section."
FIRST_SECTION = "This is the first section."
END_OF_LIST = "This is the end of the list."
TOP_OF_LIST = "This is the top of the list."
NO_MORE_TOPICS = "There are no more topics."
NO_TOPIC_NUMBER = "There is no topic {number}. There are {count}. {prompt}"


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
            message = NO_TOPIC_NUMBER.format(number=number, count=len(choices), prompt=LIST_PROMPT)
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
            edge = LAST_TOPIC if direction > 0 else FIRST_TOPIC
            self.navigation.point_at(location.selected, before=edge)
            return
        self.navigation.point_at(selected)

    def step_sentence(self, direction: int) -> None:
        target = self.narration.cursor + direction
        if not 0 <= target < len(self.navigation.view.sentences):
            self.narration.say(END_OF_PAGE if direction > 0 else TOP_OF_PAGE)
            return
        self.narration.read_from(target)

    def step_section(self, direction: int) -> None:
        location, content = self.navigation.location, self.navigation.content
        if location.kind is not ScreenKind.SECTION:
            self.step(direction)
            return
        index = content.index_of(location.section_id) + direction
        if not 0 <= index < len(content.sections):
            self.narration.say(LAST_SECTION if direction > 0 else FIRST_SECTION)
            return
        self.navigation.open_section(content.sections[index].id)

    def more(self) -> None:
        """The list's next nine topics, round to the first."""
        pages = page_count(self.navigation.content)
        location = self.navigation.location
        if not location.on_list or pages == 1:
            self.narration.say(NO_MORE_TOPICS)
            return
        self._show_list_page((location.page + 1) % pages)

    def page(self, direction: int) -> None:
        """9 / 3 while reading, Page Up / Page Down anywhere: scroll. A list's next nine
        come after its last row, its previous nine before its first."""
        if self.scroller.scroll(direction):
            return
        location = self.navigation.location
        if not location.on_list:
            self.narration.say(END_OF_PAGE if direction > 0 else TOP_OF_PAGE)
            return
        page = location.page + direction
        if 0 <= page < page_count(self.navigation.content):
            self._show_list_page(page)
            return
        self.narration.say(END_OF_LIST if direction > 0 else TOP_OF_LIST)

    def on_topics_below(self, caption: str, hidden: int) -> None:
        """The screen shows `caption`, which tells the patient to choose a topic, with
        `hidden` topics below its bottom: say so after it, as the screen shows (issue #12).
        Not while the list is read aloud: reading goes on to every topic, each in view."""
        on_list = self.navigation.location.on_list
        if hidden > 0 and on_list and self.narration.saying(caption):
            self.narration.say_next(more_below_text(hidden))

    def _show_list_page(self, page: int) -> None:
        self.navigation.visit(Location(self.navigation.location.kind, page=page))
