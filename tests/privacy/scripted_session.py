"""A scripted patient session through the real app and real audio services, run by
test_privacy.py inside `unshare -n` and `strace -f`. Arguments: STATE_DIR.

It writes nothing itself; whatever files appear are the kiosk's own doing."""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path

from kiosk.content.loader import load_content
from kiosk.core.settings import Settings
from kiosk.logs.kiosk_log import setup_logging
from kiosk.logs.usage import UsageCounts, usage_path
from kiosk.speech.factory import make_speaker
from kiosk.ui.app import KioskApp
from kiosk.voice.listener import ProcessListener


async def session(state_dir: Path) -> None:
    settings = Settings(state_dir=state_dir)
    setup_logging(settings.log_path)
    usage = UsageCounts(usage_path(state_dir))
    speaker = make_speaker(log_path=settings.speech_log_path)
    content = load_content(settings.content_dir)
    # The real listener too: its child process opens the microphone through PortAudio.
    listener = ProcessListener(
        settings.content_dir, content.sections, log_path=str(settings.voice_log_path)
    )
    app = KioskApp(settings, content, speaker, listener=listener, count=usage.add)
    async with app.run_test(size=(80, 24)) as pilot:
        deadline = time.monotonic() + 20
        while not (app.speech_available and app.voice_available) and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        if not (app.speech_available and app.voice_available):
            raise SystemExit("speech or voice did not come up: the session would prove little")
        for key in ["space", "8", "2", "slash", "x", "slash", "6", "0", "full_stop", "3"]:
            await pilot.press(key)
            await asyncio.sleep(0.4)
        app.controller.end_session()
        await pilot.pause()
    usage.flush()
    wait_closed = getattr(speaker, "wait_closed", None)
    if wait_closed is not None:
        wait_closed(5)


if __name__ == "__main__":
    asyncio.run(session(Path(sys.argv[1])))
