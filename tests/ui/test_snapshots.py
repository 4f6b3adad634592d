"""Every screen at 80x24, 60x20 and 40x15, as pictures (SVG) and as text, on the fixture
content (tests/fixtures/content), so that a clinician's edit of content/ never changes them.

The SVGs are in __snapshots__/test_snapshots/ (open one in a browser); the same screens as
plain text, one block per screen, are in __snapshots__/test_snapshots.ambr, for reading a
change in a diff. After a deliberate change of the layout or of the fixture content:
`.venv/bin/pytest tests/ui/test_snapshots.py --snapshot-update`, then look at what changed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from syrupy.assertion import SnapshotAssertion
from textual.pilot import Pilot

from tests.support.apps import build_app
from tests.support.paths import FIXTURE
from tests.support.screen import rows
from tests.ui.helpers import SCREEN_IDS, SCREENS, SIZE_IDS, SIZES, Screen


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
@pytest.mark.parametrize("screen", SCREENS, ids=SCREEN_IDS)
def test_screen_picture(
    screen: Screen, size: tuple[int, int], snap_compare: Callable[..., bool]
) -> None:
    app, speaker = build_app(FIXTURE, voice_enabled=screen.voice)

    async def run_before(pilot: Pilot[Any]) -> None:
        await screen.setup(pilot, speaker)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
@pytest.mark.parametrize("screen", SCREENS, ids=SCREEN_IDS)
async def test_screen_text(
    screen: Screen, size: tuple[int, int], snapshot: SnapshotAssertion
) -> None:
    app, speaker = build_app(FIXTURE, voice_enabled=screen.voice)
    async with app.run_test(size=size) as pilot:
        await screen.setup(pilot, speaker)
        text = "\n".join(row.rstrip() for row in rows(app))
    assert text == snapshot
