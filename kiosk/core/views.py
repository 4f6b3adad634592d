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
checks the shipped content). Which words tell it is the wording's (`lists.choosing_words`).

Every sentence the kiosk adds to the content's own is the content's wording
(`kiosk/wording.toml`, `kiosk.content.wording`), so a reload changes it too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from kiosk.commands.command import Command, CommandId
from kiosk.commands.keymap import KeyContext, KeyMap, key_label
from kiosk.content.markdown import BlockKind, parse_blocks
from kiosk.content.model import Content, Page
from kiosk.content.sentences import Span, sentence_spans
from kiosk.content.wording import Wording

PAGE_SIZE = 9  # a keypad has digits 1-9 for choosing


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
    # The content's wording, for what the screen adds around the view (disclaimer, hints).
    wording: Wording = field(kw_only=True, compare=False, repr=False)

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
    wording: Wording,
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
    return View(
        kind, title, tuple(blocks), tuple(sentences), position, choices, hints, wording=wording
    )


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


def hints_for(kind: ScreenKind, keymap: KeyMap, wording: Wording) -> tuple[tuple[str, str], ...]:
    """The few keys shown at the bottom of a screen, taken from the live key map, most needed
    first: where a narrow screen has room for only some, it shows the first ones. Help comes
    first on every screen, so it is always in the same place (WCAG 3.2.6)."""
    said = wording.hints
    listing = kind.context is KeyContext.LIST
    wanted = [
        (Command(CommandId.HELP), said.help),
        (Command(CommandId.BACK), said.back),
        (Command(CommandId.ACTIVATE), said.open if listing else said.read),
        (Command(CommandId.ABOUT), said.about),
        (Command(CommandId.LOUDER), said.louder),
        (Command(CommandId.SOFTER), said.softer),
    ]
    if kind.context is KeyContext.READING:
        wanted[3:3] = [
            (Command(CommandId.NEXT), said.next_sentence),
            (Command(CommandId.NEXT_SECTION), said.next_section),
        ]
    hints = []
    for command, label in wanted:
        keys = keymap.keypad_label(command, kind.context, wording)
        if keys:
            hints.append((keys, label))
    return tuple(hints)


def welcome_view(content: Content, wake_phrase: str = "") -> View:
    """The welcome page; in hands-free mode it also invites the wake phrase."""
    blocks = [ViewBlock(ViewBlockKind.TITLE, content.welcome.title), *_page_blocks(content.welcome)]
    if wake_phrase:
        say = content.wording.welcome.wake_phrase.format(wake_phrase=wake_phrase)
        blocks.append(ViewBlock(ViewBlockKind.NOTE, say))
    return _build(ScreenKind.WELCOME, content.welcome.title, blocks, content.wording)


def list_view(content: Content, keymap: KeyMap, *, page: int, orientation: bool) -> View:
    """The home list of topics, or the orientation: the same topics first, then its text."""
    wording = content.wording
    said = wording.lists
    kind = ScreenKind.ORIENTATION if orientation else ScreenKind.HOME
    title = content.orientation.title if orientation else said.title
    blocks = [ViewBlock(ViewBlockKind.TITLE, title)]
    pages = page_count(content)
    choices = choices_on_page(content, page)
    # Shown beside the title.
    position = said.page.format(page=page + 1, pages=pages) if pages > 1 else ""
    text = _page_blocks(content.orientation) if orientation else []
    # The orientation's first sentences that tell the patient to choose a topic lead into the
    # list; without them the list has its own prompt.
    lead = []
    while text and wording.mentions_choosing(text[0].text):
        lead.append(text.pop(0).text)
    prompt = " ".join(lead) if lead else said.prompt
    count = said.count.format(count=len(content.sections))
    blocks.append(ViewBlock(ViewBlockKind.PARAGRAPH, f"{count} {prompt}"))
    blocks += choices
    if pages > 1:
        blocks.append(ViewBlock(ViewBlockKind.NOTE, said.more_pages))
    blocks += text
    hints = hints_for(kind, keymap, wording)
    return _build(kind, title, blocks, wording, position=position, hints=hints)


def section_view(content: Content, keymap: KeyMap, section_id: str) -> View:
    index = content.index_of(section_id)
    section = content.sections[index]
    said = content.wording.section
    position = said.position.format(number=index + 1, count=len(content.sections))
    blocks = [
        ViewBlock(ViewBlockKind.TITLE, section.title),
        ViewBlock(ViewBlockKind.POSITION, said.position_sentence.format(position=position)),
        *_page_blocks(section),
    ]
    if not content.review.is_reviewed:
        blocks.append(ViewBlock(ViewBlockKind.NOTE, said.not_reviewed))
    if index + 1 < len(content.sections):
        following = content.sections[index + 1].title
        blocks.append(ViewBlock(ViewBlockKind.NOTE, said.next.format(title=following)))
    else:
        blocks.append(ViewBlock(ViewBlockKind.NOTE, said.last))
    return _build(
        ScreenKind.SECTION,
        section.title,
        blocks,
        content.wording,
        position=position,
        hints=hints_for(ScreenKind.SECTION, keymap, content.wording),
    )


def help_view(content: Content, keymap: KeyMap, context: KeyContext) -> View:
    """The help page, then the keys of the screen it was opened from, from the live key map."""
    wording = content.wording
    said = wording.help
    blocks = [ViewBlock(ViewBlockKind.TITLE, content.help.title), *_page_blocks(content.help)]
    blocks.append(ViewBlock(ViewBlockKind.HEADING, said.keys))
    option = wording.keys.option  # "star or S: stop speaking."
    for keys, action in keymap.help_lines(context, wording):
        blocks.append(ViewBlock(ViewBlockKind.ITEM, option.format(keys=keys, what=action)))
    blocks.append(ViewBlock(ViewBlockKind.HEADING, said.more_options))
    options = keymap.keys_for(Command(CommandId.OPTIONS), context)
    if options:
        text = said.options_first.format(key=key_label(options[0], wording))
        blocks.append(ViewBlock(ViewBlockKind.PARAGRAPH, text))
    for keys, action in keymap.help_lines(KeyContext.OPTIONS, wording):
        blocks.append(ViewBlock(ViewBlockKind.ITEM, option.format(keys=keys, what=action)))
    hints = hints_for(ScreenKind.HELP, keymap, wording)
    return _build(ScreenKind.HELP, content.help.title, blocks, wording, hints=hints)


def about_view(content: Content, keymap: KeyMap) -> View:
    review = content.review
    said = content.wording.about
    blocks = [ViewBlock(ViewBlockKind.TITLE, content.about.title), *_page_blocks(content.about)]
    if review.source:
        text = said.source.format(source=review.source)
        blocks.append(ViewBlock(ViewBlockKind.PARAGRAPH, text))
    if review.is_reviewed:
        text = said.reviewed.format(reviewed_by=review.reviewed_by, reviewed_on=review.reviewed_on)
        blocks.append(ViewBlock(ViewBlockKind.PARAGRAPH, text))
        if review.next_review:
            text = said.next_review.format(next_review=review.next_review)
            blocks.append(ViewBlock(ViewBlockKind.PARAGRAPH, text))
    else:
        blocks.append(ViewBlock(ViewBlockKind.NOTE, content.wording.section.not_reviewed))
    hints = hints_for(ScreenKind.ABOUT, keymap, content.wording)
    return _build(ScreenKind.ABOUT, content.about.title, blocks, content.wording, hints=hints)
