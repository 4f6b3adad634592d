"""Shared fixtures: the real content folder and small sample content built per test."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CONTENT = REPO / "content"


@pytest.fixture
def content_dir() -> Path:
    return CONTENT


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A private copy of the shipped content, for tests that break it."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


def section_text(
    section_id: str = "sample",
    title: str = "Sample",
    order: int = 1,
    body: str = "A short sentence. Another one.",
    extra: str = "",
) -> str:
    return (
        f"---\nid: {section_id}\ntitle: {title}\norder: {order}\n"
        f"summary: A summary.\n{extra}---\n{body}\n"
    )


@pytest.fixture
def make_content(tmp_path: Path) -> Callable[[int], Path]:
    """Build a valid content folder with `count` sections named s1, s2, ..."""

    def build(count: int = 3) -> Path:
        root = tmp_path / f"content-{count}"
        (root / "sections").mkdir(parents=True)
        shutil.copytree(CONTENT / "kiosk", root / "kiosk")
        for number in range(1, count + 1):
            (root / "sections" / f"{number:02d}.md").write_text(
                section_text(f"s{number}", f"Topic {number}", number,
                             f"Topic {number} first sentence. Topic {number} second sentence.")
            )  # fmt: skip
        return root

    return build
