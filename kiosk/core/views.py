"""What each screen shows and says, built from one model so screen and speech never disagree.

Pure logic: no Textual, no audio. A `View` is a list of blocks (title, paragraphs, list items,
numbered choices, notes); its spoken script is the sentences of those blocks in order, each
sentence remembering where it sits so the screen can highlight the one being spoken.

Lists serve the choice first (issue #12): the topics come straight after the title, on the
orientation too, so that wherever the patient is told to press a number to choose a topic
the topics can be on screen with it, down to a 40x15 terminal. The orientation's own text
follows the list, except its first paragraphs when they tell the patient to press a number
to choose a topic: they lead into the list instead. Such a sentence anywhere else in the
orientation could be on screen without the topics (`tests/ui/test_shipped_content.py`
checks the shipped content).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum

from kiosk.commands.command import Command, CommandId
from kiosk.commands.keymap import KeyContext, KeyMap, key_label
from kiosk.content.markdown import BlockKind, parse_blocks
from kiosk.content.model import Content, Page
from kiosk.content.sentences import Span, sentence_spans

PAGE_SIZE = 9  # a keypad has digits 1-9 for choosing
NOT_REVIEWED = "Note: this information has not yet been reviewed by this clinic."
# The fixed rows of every screen show the disclaimer, in full where it fits and else in its
# short form; the orientation and About pages also have it in full in their text, and say it.
DISCLAIMER = (
    "For education only, not medical advice. Ask your care team. "
    "In an emergency, tell a staff member now."
)
SHORT_DISCLAIMER = "Education only, not medical advice"
WELCOME_HINT = "Press any key to start."
CHOOSING = re.compile(r"\bpress a number\b", re.IGNORECASE)


def mentions_choosing(text: str) -> bool:
    """Whether `text` tells the patient to choose a topic by its number: wherever it is said
    or shown, the topics must be on screen with it."""
    return CHOOSING.search(text) is not None


def more_below_text(hidden: int) -> str:
    """What the screen shows, and the kiosk may say, when a list runs past the screen's end."""
    if hidden <= 0:
        return ""
    return f"{hidden} more topic{'s' if hidden != 1 else ''} below."


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
    """The few keys shown at the bottom of a screen, taken from the live key map, most needed
    first: where a narrow screen has room for only some, it shows the first ones. Help comes
    first on every screen, so it is always in the same place (WCAG 3.2.6)."""
    wanted = [
        (Command(CommandId.HELP), "help"),
        (Command(CommandId.BACK), "back"),
        (Command(CommandId.ACTIVATE), "open" if kind.context is KeyContext.LIST else "read"),
        (Command(CommandId.ABOUT), "about"),
        (Command(CommandId.LOUDER), "louder"),
        (Command(CommandId.SOFTER), "softer"),
    ]
    if kind.context is KeyContext.READING:
        wanted[3:3] = [
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
    """The home list of topics, or the orientation: the same topics first, then its text."""
    kind = ScreenKind.ORIENTATION if orientation else ScreenKind.HOME
    title = content.orientation.title if orientation else "Topics"
    blocks = [ViewBlock(ViewBlockKind.TITLE, title)]
    pages = page_count(content)
    choices = choices_on_page(content, page)
    position = f"Page {page + 1} of {pages}" if pages > 1 else ""  # shown beside the title
    text = _page_blocks(content.orientation) if orientation else []
    # The orientation's first sentences that tell the patient to choose a topic lead into the
    # list; without them the list has its own prompt.
    lead = []
    while text and mentions_choosing(text[0].text):
        lead.append(text.pop(0).text)
    prompt = " ".join(lead) if lead else "Press a number to choose one."
    count = f"There are {len(content.sections)} topics."
    blocks.append(ViewBlock(ViewBlockKind.PARAGRAPH, f"{count} {prompt}"))
    blocks += choices
    if pages > 1:
        blocks.append(
            ViewBlock(ViewBlockKind.NOTE, "For more topics, press Page Down or say more.")
        )
    blocks += text
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
