"""Content built per test, so that a unit test never depends on the shipped sections (a
clinician's edit of content/ must not break one)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Protocol

from tests.support.paths import FIXTURE


def section_text(
    section_id: str = "sample",
    title: str = "Sample",
    order: int = 1,
    body: str = "A short sentence. Another one.",
    extra: str = "",
) -> str:
    """One section file: front matter (`extra` is more of it, one `key: value` a line), then
    the body."""
    return (
        f"---\nid: {section_id}\ntitle: {title}\norder: {order}\n"
        f"summary: A summary.\n{extra}---\n{body}\n"
    )


def write_content(root: Path, count: int = 3, kiosk: Path = FIXTURE / "kiosk") -> Path:
    """A valid content folder at `root`: the kiosk pages of `kiosk` (the fixture content's by
    default) and `count` sections with ids s1, s2, ..., titled "Topic 1", "Topic 2", ...,
    each of two sentences."""
    (root / "sections").mkdir(parents=True)
    shutil.copytree(kiosk, root / "kiosk")
    for number in range(1, count + 1):
        (root / "sections" / f"{number:02d}.md").write_text(
            section_text(f"s{number}", f"Topic {number}", number,
                         f"Topic {number} first sentence. Topic {number} second sentence.")
        )  # fmt: skip
    return root


def long_titled_topics(root: Path) -> Path:
    """`root`'s sections replaced by nine whose titles take two rows each at 40 columns, so
    the list is taller than a 40x15 screen."""
    for number in range(1, 10):
        title = f"Topic {number} with a title long enough to wrap"
        (root / "sections" / f"{number:02d}.md").write_text(
            section_text(f"s{number}", title, number, "One sentence. Two sentences.")
        )
    return root


def unreviewed(content: Path) -> Path:
    """`content` (a copy: it is edited in place) with its about page's review fields removed,
    as content/ ships until staff fill them in."""
    about = content / "kiosk" / "about.md"
    lines = about.read_text().splitlines(keepends=True)
    fields = ("reviewed_by:", "reviewed_on:", "next_review:")
    about.write_text("".join(line for line in lines if not line.startswith(fields)))
    return content


class MakeContent(Protocol):
    """The `make_content` fixture: `make_content(12)` is a new content folder of 12 sections
    (see `write_content`)."""

    def __call__(self, count: int = 3) -> Path: ...
