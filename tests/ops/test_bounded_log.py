"""The workers' log files stay within their bound whatever is written (`BoundedFile`, `LogPipe`)."""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from pathlib import Path

import pytest

from kiosk.logs.bounded_file import BoundedFile
from kiosk.logs.pipe import LogPipe


def files(folder: Path) -> dict[str, int]:
    return {path.name: path.stat().st_size for path in folder.iterdir()}


def test_rotates_and_keeps_a_few_old_files(tmp_path: Path) -> None:
    log = BoundedFile(tmp_path / "voice.log", max_bytes=1000, backups=2)
    for number in range(2000):
        assert log.write([f"line {number:05d} {'x' * 30}\n".encode()])
    sizes = files(tmp_path)
    assert set(sizes) == {"voice.log", "voice.log.1", "voice.log.2"}
    assert all(size <= 1000 for size in sizes.values())
    assert (tmp_path / "voice.log").read_text().splitlines()[-1].startswith("line 01999")
    lines = (tmp_path / "voice.log.1").read_text().splitlines()
    assert all(line.endswith("x" * 30) for line in lines)  # rotated between lines, never inside


def test_a_line_longer_than_the_file_is_cut(tmp_path: Path) -> None:
    log = BoundedFile(tmp_path / "speech.log", max_bytes=100, backups=1)
    assert log.write([b"y" * 500 + b"\n"])
    assert (tmp_path / "speech.log").read_bytes() == b"y" * 99 + b"\n"


def test_follows_a_rotation_made_by_another_process(tmp_path: Path) -> None:
    path = tmp_path / "speech.log"
    log = BoundedFile(path, max_bytes=10_000, backups=3)
    log.write([b"first\n"])
    os.replace(path, tmp_path / "speech.log.1")  # e.g. another worker's pipe rotated it
    log.write([b"second\n"])
    assert path.read_text() == "second\n"
    assert (tmp_path / "speech.log.1").read_text() == "first\n"
    path.write_text("")  # logrotate's copytruncate
    log.write([b"third\n"])
    assert path.read_text() == "third\n"


def test_a_full_disk_is_counted_never_raised(tmp_path: Path) -> None:
    now = [0.0]
    path = tmp_path / "voice.log"
    os.symlink("/dev/full", path)  # every write fails with "No space left on device"
    log = BoundedFile(path, reopen_every=30.0, clock=lambda: now[0])
    assert not log.write([b"lost\n"])
    assert log.error == "No space left on device"
    path.unlink()
    assert not log.write([b"lost too: not retried yet\n"])  # a broken disk is not hammered
    now[0] = 31.0
    assert log.write([b"written\n"])
    assert path.read_text() == "written\n"


def test_the_pipe_notes_lost_lines_once_writing_works_again(tmp_path: Path) -> None:
    path = tmp_path / "voice.log"
    os.symlink("/dev/full", path)
    now = [0.0]
    pipe = LogPipe(path, file=BoundedFile(path, clock=lambda: now[0]))
    try:
        os.write(pipe.write_fd, b"one\ntwo\n")
        pipe.flush()
        path.unlink()
        now[0] = 60.0
        os.write(pipe.write_fd, b"three\n")
        pipe.flush()
    finally:
        pipe.close()
    lines = [line.split(" ", 2)[2] for line in path.read_text().splitlines()]
    assert lines == ["(log: 2 lines could not be written (No space left on device))", "three"]


class StuckDisk(BoundedFile):
    """A disk that hangs until released (a failing SD card, a hung mount)."""

    def __init__(self, path: Path) -> None:
        # Room for all of the flood once stamped (about 10 MB), so the note about what was
        # dropped is never itself rotated out of the last backup: that would hide the count.
        super().__init__(path, max_bytes=1_000_000, backups=20)
        self.release = threading.Event()

    def write(self, lines: Sequence[bytes]) -> bool:
        self.release.wait(30)
        return super().write(lines)


def test_a_stuck_disk_never_blocks_the_writing_process(tmp_path: Path) -> None:
    """A library writing to fd 2 must never block on a full pipe (it could be the audio
    thread): the drain keeps reading, and what the writer cannot take is dropped and counted."""
    path = tmp_path / "voice.log"
    disk = StuckDisk(path)
    pipe = LogPipe(path, file=disk)
    try:
        # Far more than the pipe and the pending budget hold (1 MB each), while the disk hangs.
        chunk = b"".join(b"noise %07d\n" % n for n in range(5000))
        done = threading.Event()

        def flood() -> None:
            for _ in range(60):
                os.write(pipe.write_fd, chunk)
            done.set()

        threading.Thread(target=flood, daemon=True).start()
        assert done.wait(20), "the writer blocked on the pipe"
        disk.release.set()
        assert pipe.flush(10)
    finally:
        disk.release.set()
        pipe.close()
    text = "".join(log.read_text() for log in sorted(tmp_path.glob("voice.log*")))
    assert "bytes of output dropped: the log fell behind)" in text
    assert all(size <= 1_000_000 for size in files(tmp_path).values())


@pytest.mark.parametrize("size", [1, 10_000])
def test_nothing_written_in_the_pipe_is_lost_when_there_is_room(tmp_path: Path, size: int) -> None:
    path = tmp_path / "speech.log"
    pipe = LogPipe(path)
    try:
        for number in range(size):
            os.write(pipe.write_fd, b"distinct %d\n" % number)
        os.write(pipe.write_fd, b"unfinished line")
        assert pipe.flush()
    finally:
        pipe.close()
    lines = path.read_text().splitlines()
    assert len(lines) == size + 1 and lines[-1].endswith(" unfinished line")
