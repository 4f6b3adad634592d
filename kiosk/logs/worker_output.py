"""Where a worker process's stdout and stderr go: its log, through a `LogPipe`, from the start.

The speech worker (a fresh interpreter, started with subprocess) and the voice listener
(multiprocessing 'spawn') load C libraries that write straight onto fds 1 and 2, and the
terminal is the kiosk's screen. The kiosk process holds one `LogPipe` per log file and gives
each worker the pipe's write end as fds 1 and 2; the worker calls `point_output_at` with it
before it imports any audio library. A worker that was given no pipe (the kiosk could not make
one, or someone started it by hand) makes a pipe of its own with `own_output`, so its output
is bounded either way; only the counting of repeats across restarts is lost then.
"""

from __future__ import annotations

import os
import stat
from multiprocessing import context, reduction
from pathlib import Path
from typing import Any

from kiosk.logs.pipe import shared_log_pipe


def point_output_at(fd: int) -> None:
    """fds 1 and 2 -> `fd`, fd 0 -> /dev/null (a worker never reads the terminal). `fd` is
    closed afterwards unless it is one of 0, 1 and 2: fds 1 and 2 are its copies now."""
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    if fd > 2:
        os.close(fd)
    null_in = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null_in, 0)
    os.close(null_in)


def own_output(log_path: Path | None) -> int:
    """A new fd for this process's output: into a pipe of its own to `log_path`, else
    /dev/null. A copy, so the caller may close it (the pipe keeps its own write end)."""
    if log_path is not None and str(log_path) != os.devnull:
        pipe = shared_log_pipe(log_path)
        if pipe is not None:
            return os.dup(pipe.write_fd)
    return os.open(os.devnull, os.O_WRONLY)


def is_pipe(fd: int) -> bool:
    try:
        return stat.S_ISFIFO(os.fstat(fd).st_mode)
    except OSError:
        return False


class SpawnedLog:
    """The kiosk's log pipe for `path`, as a 'spawn' child receives it with its arguments.

    Pickled in the parent while multiprocessing spawns a child, it starts (or reuses) the
    parent's `LogPipe` for `path` and hands the child a copy of its write end: in the child,
    `fd` is that copy. Pickled any other way, or if the pipe cannot be made, `fd` is None and
    the child uses `own_output`.
    """

    def __init__(self, path: str, fd: int | None = None) -> None:
        self.path = path
        self.fd = fd

    def __reduce__(self) -> tuple[Any, ...]:
        if self.path != os.devnull and context.get_spawning_popen() is not None:
            pipe = shared_log_pipe(Path(self.path))
            if pipe is not None:
                return (_received, (self.path, reduction.DupFd(pipe.write_fd)))
        return (SpawnedLog, (self.path,))

    def output_fd(self) -> int:
        """In the child: where fds 1 and 2 should point."""
        if self.fd is not None:
            return self.fd
        return own_output(None if self.path == os.devnull else Path(self.path))


def _received(path: str, duplicate: Any) -> SpawnedLog:
    return SpawnedLog(path, duplicate.detach())
