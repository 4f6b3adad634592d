"""Privacy, proved from outside the process: a scripted session in a network namespace with
no interfaces, traced with strace (child processes and C libraries included), makes no network
connection, and writes no file but the kiosk's log and counts."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.bench.pulse import PulseServer
from tests.support.paths import REPO

SCRIPT = Path(__file__).with_name("scripted_session.py")
pytestmark = [
    pytest.mark.audio,
    pytest.mark.skipif(
        not (shutil.which("strace") and shutil.which("unshare")), reason="needs strace and unshare"
    ),
]
ALLOWED_FILES = {"kiosk.log", "usage.json", "speech.log", "voice.log"}


def tree(root: Path) -> dict[str, tuple[int, float]]:
    return {
        str(path.relative_to(root)): (path.stat().st_size, path.stat().st_mtime)
        for path in root.rglob("*")
        if path.is_file()
    }


def test_scripted_session_makes_no_connection_and_writes_only_log_and_counts(
    tmp_path: Path, pulse: PulseServer
) -> None:
    state, home, temp = tmp_path / "state", tmp_path / "home", tmp_path / "tmp"
    for folder in (state, home, temp):
        folder.mkdir()
    watched = {"state": state, "home": home, "tmp": temp, "content": REPO / "content"}
    before = {name: tree(root) for name, root in watched.items()}
    trace = tmp_path / "trace"
    env = {**os.environ, "HOME": str(home), "TMPDIR": str(temp), "PYTHONDONTWRITEBYTECODE": "1"}
    env["PYTHONPATH"] = str(REPO)
    result = subprocess.run(
        ["unshare", "-n", "strace", "-f", "-qq", "-e", "trace=connect,sendto,sendmsg,bind",
         "-o", str(trace), sys.executable, str(SCRIPT), str(state)],
        capture_output=True, text=True, env=env, timeout=120, cwd=REPO,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]

    calls = trace.read_text()
    families = set(re.findall(r"sa_family=(AF_\w+)", calls))
    assert families <= {"AF_UNIX", "AF_NETLINK"}, families  # local sockets only
    assert "AF_INET" not in calls
    assert "connect(" in calls  # the tracer saw the pulse connection: it was watching

    after = {name: tree(root) for name, root in watched.items()}
    for name in ("home", "tmp", "content"):
        assert after[name] == before[name], f"files changed in {name}"
    written = set(after["state"]) - set(before["state"])
    assert written <= ALLOWED_FILES, written
    assert {"kiosk.log", "usage.json"} <= written
    logs = "".join((state / name).read_text() for name in written if name.endswith(".log"))
    assert "Many treatments have some risks" not in logs  # events, never what was said
