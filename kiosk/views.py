"""What each screen shows and says, built from one model so screen and speech never disagree.

Pure logic: no Textual, no audio. A `View` is a list of blocks (title, paragraphs, list items,
numbered choices, notes); its spoken script is the sentences of those blocks in order, each
sentence remembering where it sits so the screen can highlight the one being spoken.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from kiosk.commands.command import Command, CommandId
from kiosk.commands.keymap import KeyContext, KeyMap, key_label
from kiosk.content.markdown import BlockKind, parse_blocks
from kiosk.content.model import Content, Page
from kiosk.content.sentences import Span, sentence_spans

PAGE_SIZE = 9  # a keypad has digits 1-9 for choosing
NOT_REVIEWED = "Note: this information has not yet been reviewed by this clinic."


class ScreenKind(str, Enum):
    WELCOME = "welcome"
    ORIENTATION = "orientation"
    HOME = "home"
    SECTION = "section"
    HELP = "help"
    ABOUT = "about"

    @property
    def context(self) -> KeyContext:
        if self in (ScreenKind.HOME, ScreenKind.ORIENTATION):
            return KeyContext.LIST
        return KeyContext.READING


class ViewBlockKind(str, Enum):
    TITLE = "title"
    POSITION = "position"
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    ITEM = "item"  # a bullet point
    CHOICE = "choice"  # a numbered item the patient can choose
    NOTE = "note"


@dataclass(frozen=True)
class ViewBlock:
    kind: ViewBlockKind
    text: str
    number: int = 0  # CHOICE: the digit that chooses it
    target: str = ""  # CHOICE: the section id it opens


@dataclass(frozen=True)
class Sentence:
    text: str
    block: int  # index into View.blocks
    span: Span  # where in that block's text


@dataclass(frozen=True)
class View:
    kind: ScreenKind
    title: str
    blocks: tuple[ViewBlock, ...]
    sentences: tuple[Sentence, ...]
    position: str = ""  # "Section 3 of 9"
    choices: tuple[ViewBlock, ...] = ()
    hints: tuple[tuple[str, str], ...] = field(default_factory=tuple)

    @property
    def script(self) -> list[str]:
        return [s.text for s in self.sentences]

    def choice_sentence(self, choice_index: int) -> int:
        """Index of the sentence that speaks choice number `choice_index` (0-based)."""
        block = self.blocks.index(self.choices[choice_index])
        return next(i for i, s in enumerate(self.sentences) if s.block == block)


def _build(
    kind: ScreenKind,
    title: str,
    blocks: list[ViewBlock],
    *,
    position: str = "",
    hints: tuple[tuple[str, str], ...] = (),
) -> View:
    sentences: list[Sentence] = []
    for index, block in enumerate(blocks):
        if block.kind in (ViewBlockKind.TITLE, ViewBlockKind.HEADING, ViewBlockKind.CHOICE):
            # Titles and choices are spoken whole, as one unit.
            sentences.append(Sentence(block.text, index, Span(0, len(block.text))))
            continue
        for span in sentence_spans(block.text):
            sentences.append(Sentence(span.of(block.text), index, span))
    choices = tuple(b for b in blocks if b.kind is ViewBlockKind.CHOICE)
    return View(kind, title, tuple(blocks), tuple(sentences), position, choices, hints)


def _page_blocks(page: Page) -> list[ViewBlock]:
    kinds = {
        BlockKind.HEADING: ViewBlockKind.HEADING,
        BlockKind.PARAGRAPH: ViewBlockKind.PARAGRAPH,
        BlockKind.ITEM: ViewBlockKind.ITEM,
    }
    return [ViewBlock(kinds[b.kind], b.text) for b in parse_blocks(page.body)]


def page_count(content: Content) -> int:
    return max(1, -(-len(content.sections) // PAGE_SIZE))


def choices_on_page(content: Content, page: int) -> list[ViewBlock]:
    start = page * PAGE_SIZE
    return [
        ViewBlock(ViewBlockKind.CHOICE, f"{number}. {section.title}", number, section.id)
        for number, section in enumerate(content.sections[start : start + PAGE_SIZE], start=1)
    ]


def hints_for(kind: ScreenKind, keymap: KeyMap) -> tuple[tuple[str, str], ...]:
    """The few keys shown at the bottom of a screen, taken from the live key map."""
    wanted = [
        (Command(CommandId.ACTIVATE), "open" if kind.context is KeyContext.LIST else "read"),
        (Command(CommandId.BACK), "back"),
        (Command(CommandId.HELP), "help"),
        (Command(CommandId.ABOUT), "about"),
        (Command(CommandId.LOUDER), "louder"),
        (Command(CommandId.SOFTER), "softer"),
    ]
    if kind.context is KeyContext.READING:
        wanted[1:1] = [
            (Command(CommandId.NEXT), "next sentence"),
            (Command(CommandId.NEXT_SECTION), "next section"),
        ]
    hints = []
    for command, label in wanted:
        keys = keymap.keypad_label(command, kind.context)
        if keys:
            hints.append((keys, label))
    return tuple(hints)


def welcome_view(content: Content, wake_phrase: str = "") -> View:
    """The welcome page; in hands-free mode it also invites the wake phrase."""
    blocks = [ViewBlock(ViewBlockKind.TITLE, content.welcome.title), *_page_blocks(content.welcome)]
    if wake_phrase:
        blocks.append(ViewBlock(ViewBlockKind.NOTE, f'Or say "{wake_phrase}".'))
    return _build(ScreenKind.WELCOME, content.welcome.title, blocks)


def list_view(content: Content, keymap: KeyMap, *, page: int, orientation: bool) -> View:
    """The home list of topics, or the orientation (its text, then the same topics)."""
    kind = ScreenKind.ORIENTATION if orientation else ScreenKind.HOME
    title = content.orientation.title if orientation else "Topics"
    blocks = [ViewBlock(ViewBlockKind.TITLE, title)]
    if orientation:
        blocks += _page_blocks(content.orientation)
    pages = page_count(content)
    choices = choices_on_page(content, page)
    position = f"Page {page + 1} of {pages}" if pages > 1 else ""
    blocks.append(
        ViewBlock(ViewBlockKind.PARAGRAPH, f"There are {len(content.sections)} topics. "
                  "Press a number to choose one.")
    )  # fmt: skip
    blocks += choices
    if pages > 1:
        blocks.append(
            ViewBlock(ViewBlockKind.NOTE, "For more topics, press Page Down or say more.")
        )
    return _build(kind, title, blocks, position=position, hints=hints_for(kind, keymap))


def section_view(content: Content, keymap: KeyMap, section_id: str) -> View:
    index = content.index_of(section_id)
    section = content.sections[index]
    position = f"Section {index + 1} of {len(content.sections)}"
    blocks = [
        ViewBlock(ViewBlockKind.TITLE, section.title),
        ViewBlock(ViewBlockKind.POSITION, f"{position}."),
        *_page_blocks(section),
    ]
    if not content.review.is_reviewed:
        blocks.append(ViewBlock(ViewBlockKind.NOTE, NOT_REVIEWED))
    if index + 1 < len(content.sections):
        following = content.sections[index + 1].title
        blocks.append(ViewBlock(ViewBlockKind.NOTE, f"End of this section. Next: {following}."))
    else:
        blocks.append(ViewBlock(ViewBlockKind.NOTE, "End of the last section."))
    return _build(
        ScreenKind.SECTION,
        section.title,
        blocks,
        position=position,
        hints=hints_for(ScreenKind.SECTION, keymap),
    )


def help_view(content: Content, keymap: KeyMap, context: KeyContext) -> View:
    """The help page, then the keys of the screen it was opened from, from the live key map."""
    blocks = [ViewBlock(ViewBlockKind.TITLE, content.help.title), *_page_blocks(content.help)]
    blocks.append(ViewBlock(ViewBlockKind.HEADING, "Keys"))
    for keys, action in keymap.help_lines(context):
        blocks.append(ViewBlock(ViewBlockKind.ITEM, f"{keys}: {action}."))
    blocks.append(ViewBlock(ViewBlockKind.HEADING, "More options"))
    options = keymap.keys_for(Command(CommandId.OPTIONS), context)
    if options:
        text = f"Press {key_label(options[0])} first, then one of these keys."
        blocks.append(ViewBlock(ViewBlockKind.PARAGRAPH, text))
    for keys, action in keymap.help_lines(KeyContext.OPTIONS):
        blocks.append(ViewBlock(ViewBlockKind.ITEM, f"{keys}: {action}."))
    return _build(
        ScreenKind.HELP, content.help.title, blocks, hints=hints_for(ScreenKind.HELP, keymap)
    )


def about_view(content: Content, keymap: KeyMap) -> View:
    review = content.review
    blocks = [ViewBlock(ViewBlockKind.TITLE, content.about.title), *_page_blocks(content.about)]
    if review.source:
        blocks.append(ViewBlock(ViewBlockKind.PARAGRAPH, f"Source: {review.source}."))
    if review.is_reviewed:
        blocks.append(
            ViewBlock(
                ViewBlockKind.PARAGRAPH,
                f"Reviewed by {review.reviewed_by} on {review.reviewed_on}.",
            )
        )
        if review.next_review:
            blocks.append(ViewBlock(ViewBlockKind.PARAGRAPH, f"Next review: {review.next_review}."))
    else:
        blocks.append(ViewBlock(ViewBlockKind.NOTE, NOT_REVIEWED))
    return _build(
        ScreenKind.ABOUT, content.about.title, blocks, hints=hints_for(ScreenKind.ABOUT, keymap)
    )
