"""A pipe that worker processes write their stdout and stderr into, drained into a bounded log.

C libraries (ALSA, JACK, PortAudio, eSpeak, onnxruntime) write straight onto fd 2, behind
Python's back, so no logging handler can bound what they print. Instead a worker's fds 1 and 2
are the write end of this pipe, and two daemon threads of the process holding the read end
turn what arrives into a bounded log:
- the drain thread only reads, all the time, so a library's write never blocks on a full pipe
  (which could stall an audio callback). If the writer falls behind (a slow or hung disk), what
  does not fit in `MAX_PENDING_BYTES` is dropped and counted, and the count is written later;
- the writer thread splits lines, writes each distinct line once and counts its repeats
  (`repeats`), stamps the time and appends through `BoundedFile` (rotated by size). A failed
  write is counted and noted once writing works again, never raised.

One pipe per log file and process, made on first use by `shared_log_pipe` and kept until the
process ends: the pipe keeps its own write end, so a worker's exit is no end of file, and a
worker restarted onto the same log goes on with the same counts, so the block of noise every
restart prints is written once, not once per restart. Counts still unwritten are written at
exit. What the workers log is counts and events only: this writes what they print, nothing else.
"""

from __future__ import annotations

import array
import atexit
import contextlib
import fcntl
import functools
import os
import sys
import termios
import threading
import time
from pathlib import Path

from kiosk.logs.bounded_file import BACKUPS, MAX_BYTES, BoundedFile
from kiosk.logs.repeats import LineSplitter, RepeatCollapser

READ_BYTES = 65536
PIPE_BYTES = 1 << 20  # room for a burst while the drain thread waits for the GIL
MAX_PENDING_BYTES = 1 << 20  # read but not yet written; beyond this, output is dropped
EXIT_FLUSH_S = 2.0  # at exit, wait at most this long per log for the last lines
DRAIN_SETTLE_S = 0.02


class LogPipe:
    def __init__(
        self,
        path: Path,
        *,
        max_bytes: int = MAX_BYTES,
        backups: int = BACKUPS,
        collapser: RepeatCollapser | None = None,
        file: BoundedFile | None = None,
    ) -> None:
        self.path = path
        self._file = file or BoundedFile(path, max_bytes=max_bytes, backups=backups)
        self._collapser = collapser or RepeatCollapser()
        self._splitter = LineSplitter()
        self._read_fd, self._write_fd = os.pipe()  # neither is inherited unless handed over
        with contextlib.suppress(OSError, AttributeError):
            fcntl.fcntl(self._write_fd, fcntl.F_SETPIPE_SZ, PIPE_BYTES)
        self._lock = threading.Condition()
        self._chunks: list[bytes] = []
        self._pending_bytes = 0
        self._dropped_bytes = 0  # read but dropped: the writer was behind
        self._lost_lines = 0  # given to the file but not written (full or read-only disk)
        self._flush_asked = 0  # flushes asked for, and done: a flush waits for its turn
        self._flush_done = 0
        self._closed = False
        self._drain = threading.Thread(target=self._drain_loop, name="log-drain", daemon=True)
        self._writer = threading.Thread(target=self._write_loop, name="log-writer", daemon=True)
        self._drain.start()
        self._writer.start()

    @property
    def write_fd(self) -> int:
        """The end to give a worker as its fds 1 and 2 (this process keeps it open too)."""
        return self._write_fd

    def flush(self, timeout: float = 5.0) -> bool:
        """Write everything the workers have printed so far, with the repeat counts.
        True if done within `timeout`."""
        if self._closed:
            return True  # nothing more will be written (and the read end may be gone)
        deadline = time.monotonic() + timeout
        while _unread(self._read_fd) and time.monotonic() < deadline:
            time.sleep(0.01)  # still in the pipe: let the drain thread take it
        # The drain thread may hold a read it has not handed over yet (the pipe is empty the
        # moment it reads): give it that moment, so the last lines come before the counts.
        time.sleep(DRAIN_SETTLE_S)
        with self._lock:
            self._flush_asked += 1
            ticket = self._flush_asked
            self._lock.notify_all()
            while self._flush_done < ticket and self._writer.is_alive():
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._lock.wait(remaining)
        return True

    def close(self, timeout: float = 5.0) -> None:
        """Flush and stop. Workers still holding the write end keep the drain thread alive
        until they end; what they print meanwhile is no longer written."""
        self.flush(timeout)
        with self._lock:
            self._closed = True
            self._lock.notify_all()
        with contextlib.suppress(OSError):
            os.close(self._write_fd)
        self._writer.join(timeout)
        self._file.close()

    # Threads -------------------------------------------------------------------------------
    def _drain_loop(self) -> None:
        while True:
            try:
                data = os.read(self._read_fd, READ_BYTES)
            except OSError:
                data = b""
            if not data:  # every write end closed: the pipe is finished
                with contextlib.suppress(OSError):
                    os.close(self._read_fd)
                return
            with self._lock:
                if self._closed:
                    continue  # keep draining, so a worker still writing never blocks
                if self._pending_bytes + len(data) > MAX_PENDING_BYTES:
                    self._dropped_bytes += len(data)
                else:
                    self._chunks.append(data)
                    self._pending_bytes += len(data)
                self._lock.notify_all()

    def _write_loop(self) -> None:
        while True:
            with self._lock:
                while not (self._chunks or self._dropped_bytes or self._closed) and (
                    self._flush_done == self._flush_asked
                ):
                    wait = self._collapser.seconds_to_summary()
                    if wait <= 0:
                        break
                    self._lock.wait(wait)
                chunks, self._chunks, self._pending_bytes = self._chunks, [], 0
                dropped, self._dropped_bytes = self._dropped_bytes, 0
                flushing, closed = self._flush_asked, self._closed
            # A bug here must not stop the writer: keep going, write less.
            with contextlib.suppress(Exception):
                self._write(chunks, dropped, final=closed or flushing != self._flush_done)
            with self._lock:
                self._flush_done = flushing
                self._lock.notify_all()
            if closed:
                return

    def _write(self, chunks: list[bytes], dropped: int, *, final: bool) -> None:
        lines: list[str] = []
        if dropped:
            lines.append(f"(log: {dropped} bytes of output dropped: the log fell behind)")
        for chunk in chunks:
            for line in self._splitter.feed(chunk):
                lines.extend(self._collapser.feed(line))
        if final:
            for line in self._splitter.flush():
                lines.extend(self._collapser.feed(line))
        if final or self._collapser.summary_due():
            lines.extend(self._collapser.summary())
        if not lines:
            return
        lost_before = self._lost_lines
        if lost_before:
            lines.insert(0, f"(log: {lost_before} lines could not be written ({self._file.error}))")
        stamp = time.strftime("%Y-%m-%d %H:%M:%S")
        data = [f"{stamp} {line}\n".encode() for line in lines]
        if self._file.write(data):
            self._lost_lines = 0
        else:  # the note about earlier losses is not itself counted as a lost line
            self._lost_lines = len(lines) if not lost_before else lost_before + len(lines) - 1


def _unread(fd: int) -> int:
    """Bytes waiting in the pipe."""
    count = array.array("i", [0])
    try:
        fcntl.ioctl(fd, termios.FIONREAD, count, True)
    except OSError:
        return 0
    return count[0]


_shared: dict[Path, LogPipe] = {}
_shared_lock = threading.Lock()


def shared_log_pipe(path: Path) -> LogPipe | None:
    """This process's pipe into `path`, started on first use; None if it cannot be made
    (no file descriptors or threads left): the caller then sends the output elsewhere."""
    key = Path(os.path.abspath(path))
    with _shared_lock:
        pipe = _shared.get(key)
        if pipe is None:
            try:
                pipe = LogPipe(key)
            except (OSError, RuntimeError):
                return None
            _shared[key] = pipe
            _register_exit_flush()
        return pipe


def close_shared_log_pipe(path: Path, timeout: float = 5.0) -> None:
    """Flush and stop this process's pipe into `path`, if there is one (tests, tools)."""
    with _shared_lock:
        pipe = _shared.pop(Path(os.path.abspath(path)), None)
    if pipe is not None:
        pipe.close(timeout)


@functools.cache
def _register_exit_flush() -> None:
    atexit.register(_flush_all)


def _flush_all() -> None:
    # At exit: the counts still unwritten, so the log says how often each line came. Python's
    # own buffered output goes into the pipe first: the interpreter flushes it only after the
    # exit handlers, when the log's threads may be gone.
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    with _shared_lock:
        pipes = list(_shared.values())
    for pipe in pipes:
        pipe.flush(EXIT_FLUSH_S)
