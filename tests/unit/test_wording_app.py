"""The running app takes a reloaded wording file: the status line and the staff prompt say the
new text (tests/unit/test_wording.py checks the file itself)."""

from __future__ import annotations

import os
import shutil

from kiosk.content.wording_file import SHIPPED_PATH
from tests.support.apps import build_app
from tests.support.content import MakeContent
from tests.support.screen import screen_text


async def test_a_reload_changes_the_status_line_and_the_staff_prompt(
    make_content: MakeContent,
) -> None:
    root = make_content(2)
    wording = root / "kiosk" / "wording.toml"
    shutil.copyfile(SHIPPED_PATH, wording)
    app, speaker = build_app(root, voice_enabled=True)  # no listener: voice is unavailable
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Voice commands unavailable: please use the keys." in screen_text(app)
        text = wording.read_text("utf-8")
        text = text.replace("Voice commands unavailable: please use the keys.", "No voice today.")
        wording.write_text(text.replace('title = "Staff only"', 'title = "Staff door"'), "utf-8")
        os.utime(wording, ns=(1, 1))  # a new signature even within the clock's resolution
        app._reload_content_if_changed()
        await pilot.pause()
        assert "No voice today." in screen_text(app)
        assert "Voice commands unavailable" not in screen_text(app)
        app.open_staff_prompt()
        await pilot.pause()
        assert speaker.spoken[-1][1][0].startswith("Staff door. ")
        assert "Staff door" in screen_text(app)
