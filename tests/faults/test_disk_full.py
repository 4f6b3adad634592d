"""The log disk full: the kiosk keeps serving and prints nothing on the terminal."""

from __future__ import annotations

import contextlib
import logging
import os
from pathlib import Path

import pytest

from kiosk.logs.kiosk_log import setup_logging
from kiosk.logs.usage import UsageCounts
from kiosk.speech.fakes import RecordingSpeaker
from tests.support.apps import build_app
from tests.support.screen import screen_text


async def test_log_on_a_full_disk(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    log_path = tmp_path / "kiosk.log"
    os.symlink("/dev/full", log_path)  # every write fails with "No space left on device"
    setup_logging(log_path)
    usage = UsageCounts(tmp_path / "usage.json")
    try:
        app, _speaker = build_app(speaker=RecordingSpeaker(available=False))
        app.count = usage.add
        async with app.run_test(size=(80, 24)) as pilot:
            for _ in range(3):
                logging.getLogger("kiosk").warning("a warning that cannot be written " * 50)
                await pilot.press("space", "8", "6", "full_stop")
            assert app.controller.location.kind.value == "orientation"
            assert "Traceback" not in screen_text(app)
        usage.flush()
    finally:
        root = logging.getLogger()
        for handler in list(root.handlers):
            if getattr(handler, "_kiosk_handler", False):
                root.removeHandler(handler)
                with contextlib.suppress(OSError):  # its last flush hits the full disk too
                    handler.close()
    captured = capfd.readouterr()
    assert "Traceback" not in captured.err
    assert "No space" not in captured.err
