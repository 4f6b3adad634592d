"""A log file that cannot outgrow its bound: whole lines appended, rotated by size.

Before a write would take `path` past `max_bytes`, it is renamed `path.1` (`.1` to `.2` and so
on; the oldest, `path.<backups>`, is replaced), so the files never hold more than
(backups + 1) x max_bytes together. It never raises and never prints: on a full or read-only
disk `write` says False and the caller counts what was lost; the file is reopened at most every
`reopen_every` seconds, so a broken disk is not hammered.

Another process may rotate or truncate the same file (a second worker writing to its own pipe,
logrotate's copytruncate): the file is opened O_APPEND, its size is read from the file itself
before each write, and it is reopened whenever `path` no longer names it.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Sequence
from pathlib import Path

MAX_BYTES = 1_000_000
BACKUPS = 3
REOPEN_EVERY_S = 30.0


class BoundedFile:
    def __init__(
        self,
        path: Path,
        *,
        max_bytes: int = MAX_BYTES,
        backups: int = BACKUPS,
        reopen_every: float = REOPEN_EVERY_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.path = path
        self.max_bytes = max(2, max_bytes)
        self.backups = max(0, backups)
        self.error = ""  # why the last write failed, for the note written once it works again
        self._reopen_every = reopen_every
        self._clock = clock
        self._fd: int | None = None
        self._next_open = 0.0

    def write(self, lines: Sequence[bytes]) -> bool:
        """Append `lines` (each ending in a newline). False if any could not be written."""
        try:
            return self._write(list(lines))
        except Exception as error:  # a log must never take a worker or the kiosk down
            self._fail(error)
            return False

    def close(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)
            self._fd = None

    # Internals -----------------------------------------------------------------------------
    def _write(self, pending: list[bytes]) -> bool:
        fd = self._current()
        while pending and fd is not None:
            size = os.fstat(fd).st_size
            chunk: list[bytes] = []
            used = 0
            while pending and size + used + len(pending[0]) <= self.max_bytes:
                used += len(pending[0])
                chunk.append(pending.pop(0))
            if not chunk and size == 0:
                # One line longer than the whole file: its start, rather than nothing.
                chunk = [pending.pop(0)[: self.max_bytes - 1].rstrip(b"\n") + b"\n"]
            if chunk:
                _write_all(fd, b"".join(chunk))
            else:
                fd = self._rotate(fd)
        return not pending

    def _current(self) -> int | None:
        """The open file, reopened if `path` now names another file (rotated elsewhere)."""
        if self._fd is not None:
            try:
                named, ours = os.stat(self.path), os.fstat(self._fd)
                if (named.st_dev, named.st_ino) == (ours.st_dev, ours.st_ino):
                    return self._fd
            except FileNotFoundError:
                pass
            self.close()
        if self._clock() < self._next_open:
            return None
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_CLOEXEC, 0o600)
        return self._fd

    def _rotate(self, fd: int) -> int | None:
        named, ours = os.stat(self.path), os.fstat(fd)
        if (named.st_dev, named.st_ino) == (ours.st_dev, ours.st_ino):
            try:
                for number in range(self.backups - 1, 0, -1):
                    older = self._backup(number)
                    if older.exists():
                        os.replace(older, self._backup(number + 1))
                if self.backups:
                    os.replace(self.path, self._backup(1))
                else:
                    os.truncate(self.path, 0)
            except OSError:
                # Cannot rename (a folder turned read-only?): emptying the file loses its old
                # lines but keeps the bound, which matters more on a kiosk left for months.
                os.truncate(self.path, 0)
        # else another process rotated it a moment ago: just move on to the new file.
        self.close()
        return self._current()

    def _backup(self, number: int) -> Path:
        return self.path.with_name(f"{self.path.name}.{number}")

    def _fail(self, error: Exception) -> None:
        self.error = (error.strerror if isinstance(error, OSError) else None) or str(error)
        self.close()
        self._next_open = self._clock() + self._reopen_every


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
