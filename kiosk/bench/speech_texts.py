"""The texts `kiosk bench speech` speaks: the longest content section, read as the kiosk reads
it, and a 4,000-word text; and a content folder that holds them, for the whole kiosk.

A section is read with the kiosk's own loader and parser (`kiosk.content`): its title, then
each block's sentences as the kiosk splits them, a heading whole. A title or heading has no
full stop of its own; one is added here (and to any sentence without end punctuation), so
that joined into one text for plain pyttsx3, or written back into a content file, each still
ends where the kiosk ends it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from kiosk.content.markdown import BlockKind, parse_blocks
from kiosk.content.model import Page
from kiosk.content.paths import SECTIONS_DIR, SHIPPED_CONTENT_DIR
from kiosk.content.problems import ContentError
from kiosk.content.sentences import split_sentences

CONTENT_DIR = SHIPPED_CONTENT_DIR / SECTIONS_DIR
BUILT_IN_PARAGRAPH = (
    "A compression fracture is a break in one of the bones of the spine. "
    "It often happens when bones are weak, for example because of osteoporosis. "
    "Many people feel sudden back pain, and the pain may get worse when they stand or walk. "
    "Your care team can explain the treatments, how long recovery takes, and what to expect. "
    "Some fractures heal with rest, pain medicine and a back brace over several weeks. "
    "For others, doctors may suggest a procedure that puts bone cement into the broken bone."
)


def longest_section() -> tuple[str, list[str]]:
    """(file name, [title, sentences...]) of the longest content section, or a built-in one."""
    from kiosk.content.loader import load_content

    best: tuple[int, str, list[str]] = (0, "built-in paragraph", [])
    try:
        sections = load_content(CONTENT_DIR.parent).sections if CONTENT_DIR.is_dir() else ()
    except ContentError:
        sections = ()
    for section in sorted(sections, key=lambda s: s.path.name):
        sentences = section_sentences(section)
        words = sum(len(s.split()) for s in sentences)
        if words > best[0]:
            best = (words, section.path.name, sentences)
    if not best[2]:
        return best[1], ["About compression fractures.", *split_sentences(BUILT_IN_PARAGRAPH)]
    return best[1], best[2]


def section_sentences(section: Page) -> list[str]:
    """What the kiosk says of a section's own text: its title, then its blocks' sentences."""
    spoken = [section.title]
    for block in parse_blocks(section.body):
        if block.kind is BlockKind.HEADING:
            spoken.append(block.text)  # the kiosk says a heading whole
        else:
            spoken.extend(split_sentences(block.text))
    return [_ended(sentence) for sentence in spoken]


def _ended(sentence: str) -> str:
    return sentence if sentence[-1] in ".!?:" else sentence + "."


def synthetic_text(words: int = 4000) -> list[str]:
    base = split_sentences(BUILT_IN_PARAGRAPH)
    sentences: list[str] = []
    count = 0
    while count < words:
        for sentence in base:
            sentences.append(sentence)
            count += len(sentence.split())
            if count >= words:
                break
    return sentences


def bench_content(texts: dict[str, list[str]], folder: Path) -> Path:
    """The shipped kiosk pages with one section per benchmark text, in order."""
    shipped = CONTENT_DIR.parent
    shutil.copytree(shipped / "kiosk", folder / "kiosk")
    (folder / "sections").mkdir()
    for order, (name, sentences) in enumerate(texts.items(), start=1):
        body = "\n\n".join(" ".join(sentences[i : i + 5]) for i in range(1, len(sentences), 5))
        front = f"---\nid: text-{order}\ntitle: {sentences[0].rstrip('.')}\norder: {order}\n"
        front += f"summary: The benchmark text {name}.\n---\n"
        (folder / "sections" / f"{order:02d}.md").write_text(front + body + "\n")
    return folder
