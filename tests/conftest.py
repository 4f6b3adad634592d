"""Shared fixtures: the real content folder and small sample content built per test."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kiosk.bench.pulse import Capture, PulseServer

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


@pytest.fixture(scope="session")
def pulse() -> Iterator[PulseServer]:
    if shutil.which("pulseaudio") is None:
        pytest.skip("pulseaudio is not installed")
    with PulseServer() as server:
        yield server


@pytest.fixture(scope="session")
def capture(pulse: PulseServer) -> Iterator[Capture]:
    """One recording for the whole session: it also keeps the null sink out of its idle mode,
    in which it holds a newly started stream back for about 2 s."""
    with pulse.record() as recording:
        yield recording


@pytest.fixture
def own_pulse(pulse: PulseServer) -> Iterator[PulseServer]:
    """A sound server of the test's own, so breaking it disturbs no other test."""
    with PulseServer() as server:
        yield server
