"""Content that is served with warnings (a wording file missing, so the shipped text is
said) says so where staff look: the kiosk's log at start and on every reload, and
`kiosk doctor`. Before, only `kiosk check` told."""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path

import pytest

from kiosk.cli.doctor.config import check_content
from kiosk.core.settings import Settings
from tests.support.apps import build_app
from tests.support.paths import CONTENT


async def test_a_reload_logs_the_contents_warnings(
    fixture_copy: Path, caplog: pytest.LogCaptureFixture
) -> None:
    app, _ = build_app(fixture_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        first = next(iter(sorted((fixture_copy / "sections").glob("*.md"))))
        first.write_text(first.read_text() + "\nOne more sentence.\n")
        with caplog.at_level(logging.WARNING, logger="kiosk"):
            app._reload_content_if_changed()
    warnings = [r.getMessage() for r in caplog.records if "content warning" in r.getMessage()]
    assert warnings and "no wording file here" in warnings[0]


def test_doctor_reports_the_contents_warnings(fixture_copy: Path) -> None:
    served = check_content(dataclasses.replace(Settings(), content_dir=fixture_copy))
    assert served.ok and "1 warning(s)" in served.message and "no wording file" in served.message
    shipped = check_content(dataclasses.replace(Settings(), content_dir=CONTENT))
    assert shipped.ok and "warning" not in shipped.message
