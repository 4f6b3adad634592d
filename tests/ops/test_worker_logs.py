"""The worker processes' logs (speech.log, voice.log) are bounded, count repeated noise instead
of writing it again, and never stop a worker, with real child processes writing on fd 2 behind
Python's back as ALSA, JACK and PortAudio do."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.logs.bounded_file import BACKUPS, MAX_BYTES
from kiosk.logs.pipe import close_shared_log_pipe
from tests.support.paths import CONTENT, REPO

ALSA = b"ALSA lib pcm.c:2666:(snd_pcm_open_noupdate) Unknown PCM cards.pcm.rear\n"
REPEATED = re.compile(r" \(repeated (\d+) more times? since [\d-]+ [\d:]+\)$")

# A worker started by hand (no log pipe given): it redirects like the speech worker does, then
# floods fds 1 and 2 with C-level writes and logs through Python.
FLOOD = f"""
import logging, os, sys, time
from pathlib import Path
from kiosk.speech.worker import redirect_output
redirect_output(Path(sys.argv[1]))
for number in range(60_000):  # 6 MB of lines that differ: only rotation can bound them
    os.write(1, b"distinct %06d " % number + b"x" * 84 + b"\\n")
    if number % 1000 == 0:
        time.sleep(0.002)  # bursts, as libraries print, not one 6 MB write
time.sleep(0.2)
for _ in range(20_000):
    os.write(2, {ALSA!r})
time.sleep(0.2)
logging.basicConfig(stream=sys.stderr, format="speech %(message)s")
logging.warning("no audio output")
print("done", file=sys.stderr)
"""


def child(*args: str, stdio: Path) -> subprocess.CompletedProcess[bytes]:
    with stdio.open("wb") as screen:  # stands for the kiosk's terminal
        return subprocess.run(
            [sys.executable, "-c", FLOOD, *args],
            stdout=screen, stderr=screen, cwd=REPO, timeout=120, check=False,
            env={**os.environ, "PYTHONPATH": str(REPO)},
        )  # fmt: skip


def logs(folder: Path, name: str) -> list[Path]:
    """`name` and its rotated copies, oldest first (name.3, name.2, name.1, name)."""
    found = list(folder.glob(f"{name}.*"))
    return [*sorted(found, key=lambda path: -int(path.suffix[1:])), folder / name]


def plain(line: str) -> str:
    """A log line without its time stamp."""
    return line.split(" ", 2)[2]


def test_a_worker_flooding_fd_2_stays_within_the_bound(tmp_path: Path) -> None:
    log = tmp_path / "state" / "speech.log"
    screen = tmp_path / "screen"
    result = child(str(log), stdio=screen)
    assert result.returncode == 0
    assert screen.read_bytes() == b""  # not a byte on the kiosk's screen
    files = logs(log.parent, "speech.log")
    assert len(files) <= BACKUPS + 1
    assert all(path.stat().st_size <= MAX_BYTES for path in files)
    lines = [plain(line) for path in files for line in path.read_text().splitlines()]
    # A writer that falls behind (a loaded machine) drops lines and says so: counts may then
    # be lower and fewer files written, never the bound higher.
    dropped = any("bytes of output dropped" in line for line in lines)
    if not dropped:
        assert [path.name for path in files] == [
            f"speech.log.{n}" for n in range(BACKUPS, 0, -1)
        ] + ["speech.log"]
    if dropped:
        # Dropping cuts the stream wherever the pipe's reads fell, mid-line too, and may take
        # a repeat count's lines with it: then only the newest lines, the note and the bound
        # are promised (and the bound was checked above).
        # (after "done" only the counts written at exit: one per variant a cut line made)
        newest = [line for line in lines if not REPEATED.search(line)]
        assert newest[-2:] == ["speech no audio output", "done"], lines[-6:]
        return
    # The newest lines are kept, and the 20,000 identical ALSA lines are one line and, when
    # the worker ends, one count.
    alsa = ALSA.decode().strip()
    assert lines[-4:-1] == [alsa, "speech no audio output", "done"]
    assert lines.count(alsa) == 1
    count = REPEATED.search(lines[-1])
    assert lines[-1].startswith(alsa) and count is not None
    assert 1 <= int(count.group(1)) <= 19_999
    assert int(count.group(1)) == 19_999


def test_a_full_disk_never_stops_a_worker(tmp_path: Path) -> None:
    log = tmp_path / "speech.log"
    os.symlink("/dev/full", log)  # every write to the log fails: No space left on device
    screen = tmp_path / "screen"
    result = child(str(log), stdio=screen)
    assert result.returncode == 0
    assert screen.read_bytes() == b""


def wait_for_workers(pid: Callable[[], int | None], count: int, timeout: float) -> set[int]:
    """Distinct worker pids seen: each is a worker restarted after failing to find a device."""
    pids: set[int] = set()
    deadline = time.monotonic() + timeout
    while len(pids) < count and time.monotonic() < deadline:
        current = pid()
        if current:
            pids.add(current)
        time.sleep(0.01)
    return pids


def assert_written_once_and_counted(log: Path, message: str, restarts: int) -> None:
    files = logs(log.parent, log.name)
    lines = [plain(text) for path in files for text in path.read_text().splitlines()]
    # Every worker printed it; it is written once, and the rest are one count.
    written = [text for text in lines if message in text and not REPEATED.search(text)]
    assert len(written) == 1, lines
    counted = [text for text in lines if message in text and REPEATED.search(text)]
    assert len(counted) == 1, lines
    match = REPEATED.search(counted[0])
    assert match is not None and int(match.group(1)) >= restarts - 1
    # Nothing the workers printed is written twice: the noise of each restart is counted.
    uncounted = [text for text in lines if not REPEATED.search(text)]
    assert len(uncounted) == len(set(uncounted)), lines


@pytest.mark.slow
def test_voice_restarting_without_a_microphone_writes_its_noise_once(tmp_path: Path) -> None:
    """The reported defect: voice.log grew by the same ALSA/JACK block at every restart."""
    pytest.importorskip("pocketsphinx")
    from kiosk.content.loader import load_content
    from kiosk.voice.listener import ProcessListener

    log = tmp_path / "voice.log"
    listener = ProcessListener(
        CONTENT, load_content(CONTENT).sections, log_path=str(log),
        device="no such microphone", retry_s=0.05,
    )  # fmt: skip
    listener._settings.recognizer = "pocketsphinx"  # loads faster than Moonshine; same logging
    listener.start(lambda event: None)
    try:
        restarts = len(wait_for_workers(lambda: listener.pid, 5, 60))
    finally:
        listener.close()
        time.sleep(0.5)  # the last worker's final lines
        close_shared_log_pipe(log)
    assert restarts >= 3
    assert_written_once_and_counted(log, "no microphone", restarts)
    assert log.stat().st_size < 20_000  # one block of noise, not one a restart


@pytest.mark.slow
def test_speech_restarting_without_a_speaker_writes_its_noise_once(tmp_path: Path) -> None:
    from kiosk.speech.process_speaker import ProcessSpeaker

    log = tmp_path / "speech.log"
    speaker = ProcessSpeaker(log_path=log, device="no such speaker", retry_delays=(0.05,))
    speaker.start(lambda event: None)
    try:
        restarts = len(wait_for_workers(lambda: speaker.worker_pid, 5, 60))
    finally:
        speaker.close()
        speaker.wait_closed(5)
        close_shared_log_pipe(log)
    assert restarts >= 3
    reason = "no audio output: No output device matching 'no such speaker'"
    assert_written_once_and_counted(log, reason, restarts)
