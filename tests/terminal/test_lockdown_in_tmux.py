"""Lockdown in a real terminal: the signal keys Pilot cannot send (Ctrl+C, Ctrl+Z, Ctrl+\\)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator

import pytest

from tests.support.paths import REPO

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, check=True).stdout


def screen(session: str) -> str:
    return tmux("capture-pane", "-p", "-t", session)


def wait_for(session: str, text: str, timeout: float = 15.0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        shown = screen(session)
        if text in shown:
            return shown
        time.sleep(0.1)
    raise AssertionError(f"{text!r} not on screen:\n{screen(session)}")


@pytest.fixture
def kiosk_session() -> Iterator[str]:
    session = f"kiosk-test-{uuid.uuid4().hex[:8]}"
    # When the kiosk exits, the pane shows this marker instead of closing.
    command = f"{sys.executable} -m kiosk run --no-speech; echo KIOSK-EXITED-$?; sleep 60"
    tmux("new-session", "-d", "-s", session, "-x", "80", "-y", "24", "-c", str(REPO), command)
    try:
        wait_for(session, "Press any key to start")
        yield session
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)


def test_signal_keys_neither_exit_nor_suspend(kiosk_session: str) -> None:
    tmux("send-keys", "-t", kiosk_session, "Space")
    wait_for(kiosk_session, "Getting started")
    for key in ["C-c", "C-z", "C-\\", "C-q", "C-p", "C-d"]:
        tmux("send-keys", "-t", kiosk_session, key)
        time.sleep(0.4)
        shown = screen(kiosk_session)
        assert "KIOSK-EXITED" not in shown, key
        assert "Getting started" in shown, f"after {key}:\n{shown}"
    # Still answers a normal key afterwards.
    tmux("send-keys", "-t", kiosk_session, "8")
    wait_for(kiosk_session, "Section 8 of 9")
    assert "Traceback" not in screen(kiosk_session)
