"""Fixtures for the speech tests: a log of the speaker's events."""

from __future__ import annotations

import pytest

from tests.support.speech import EventLog


@pytest.fixture
def events() -> EventLog:
    return EventLog()
