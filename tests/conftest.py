"""Shared fixtures: the shipped content folder, small content built per test, and the private
sound server. The helpers behind them are in tests/support/."""

from __future__ import annotations

import itertools
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.bench.pulse import Capture, PulseServer
from tests.support.content import MakeContent, write_content
from tests.support.paths import CONTENT, FIXTURE


@pytest.fixture
def content_dir() -> Path:
    """The shipped content. For tests about it; other tests build their own (`make_content`)."""
    return CONTENT


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A private copy of the shipped content, for tests that break it."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


@pytest.fixture
def fixture_copy(tmp_path: Path) -> Path:
    """A private copy of the fixture content (tests/fixtures/content), for tests that edit it."""
    target = tmp_path / "fixture-content"
    shutil.copytree(FIXTURE, target)
    return target


@pytest.fixture
def make_content(tmp_path: Path) -> MakeContent:
    """Build a valid content folder with `count` sections named s1, s2, ... (a new folder on
    every call; see tests/support/content.py)."""
    built = itertools.count(1)

    def build(count: int = 3) -> Path:
        return write_content(tmp_path / f"content-{next(built)}-{count}", count)

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
