"""Anonymous usage counts, kept in one small JSON file in the state directory.

Only counts of events ("sessions", "keys", "section:risks"...), never what anyone said or typed:
event names must look like `word` or `word:content-id` and anything else is dropped, so a
transcript can never end up in the file by mistake.

The kiosk runs unattended for weeks, so nothing here may stop or disturb it:
- `add` and `flush` never raise and never print (the terminal is the kiosk's screen). When the
  file cannot be written (full disk, read-only folder) the counts stay in memory and the next
  flush tries again;
- a flush re-reads the file and adds what was counted since, so counts survive restarts, and
  it replaces the file atomically (temporary file in the same folder, then `os.replace`), so
  a crash or power cut leaves either the old file or the new one;
- a damaged file is set aside as `usage.json.<time>.corrupt` and counting starts again; only
  the newest `KEEP_SET_ASIDE` are kept, so a file damaged again and again cannot fill the disk;
- a temporary file left by a power cut in the middle of a save is removed at the next start.
"""

from __future__ import annotations

import contextlib
import glob
import json
import logging
import os
import re
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

log = logging.getLogger(__name__)
# A library logger with a NullHandler: without it, logging's "last resort" handler would print
# warnings to stderr whenever the application has not set logging up (and stderr is the screen).
log.addHandler(logging.NullHandler())

USAGE_FILE = "usage.json"
FORMAT_VERSION = 1
FLUSH_EVERY_S = 60.0
# `word`, `word_word` or `word:content-id`: what event names look like; sentences do not match.
EVENT_PATTERN = re.compile(r"[a-z][a-z_]{0,39}(?::[a-z0-9]+(?:-[a-z0-9]+)*)?")
MAX_EVENT_LENGTH = 80
KEEP_SET_ASIDE = 3  # newest damaged counts files kept for staff to look at
STALE_TEMPORARY_S = 600.0  # a save takes milliseconds: a temporary this old was abandoned

# The events the kiosk counts, in the order `kiosk stats` shows them, in plain words.
EVENT_LABELS: dict[str, str] = {
    "sessions": "Sessions (someone started using the kiosk)",
    "sections_opened": "Sections opened",
    "keys": "Keys pressed",
    "voice_commands": "Voice commands understood",
    "voice_rejected": "Voice commands not understood",
    "resets": "Returns to the welcome screen",
    "errors": "Errors (details in the log)",
}
SECTION_PREFIX = "section:"
_TEMPORARY_SUFFIX = ".tmp"


class UsageFileError(ValueError):
    """The counts file exists but is not a counts file (damaged or edited by hand)."""


@dataclass
class Snapshot:
    """What the counts file holds."""

    counts: Counter[str] = field(default_factory=Counter)
    since: str = ""  # ISO time the counting started (file first written)
    updated: str = ""  # ISO time of the last successful write

    def to_json(self) -> dict[str, object]:
        return {
            "version": FORMAT_VERSION,
            "since": self.since,
            "updated": self.updated,
            "counts": dict(sorted(self.counts.items())),
        }


def usage_path(state_dir: Path) -> Path:
    return state_dir / USAGE_FILE


def valid_event(event: object) -> bool:
    return (
        isinstance(event, str)
        and len(event) <= MAX_EVENT_LENGTH
        and EVENT_PATTERN.fullmatch(event) is not None
    )


def read_snapshot(path: Path) -> Snapshot | None:
    """The file's contents; None when there is no file. Raises `UsageFileError` if damaged and
    OSError if it cannot be read. Never changes anything (used by `kiosk stats`)."""
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        return None
    except UnicodeDecodeError:
        raise UsageFileError(f"{path} is not a text file") from None
    return parse_snapshot(text, path)


def parse_snapshot(text: str, path: Path) -> Snapshot:
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as error:
        raise UsageFileError(f"{path} is not valid JSON ({error.msg})") from None
    if not isinstance(raw, Mapping) or not isinstance(raw.get("counts"), Mapping):
        raise UsageFileError(f"{path} has no 'counts' table")
    counts: Counter[str] = Counter()
    for event, value in raw["counts"].items():
        if not valid_event(event) or type(value) is not int or value < 0:
            raise UsageFileError(f"{path} has a bad entry {event!r}")
        counts[event] = value
    since, updated = raw.get("since", ""), raw.get("updated", "")
    return Snapshot(
        counts,
        since if isinstance(since, str) else "",
        updated if isinstance(updated, str) else "",
    )


def _now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class UsageCounts:
    """Counts events in memory and merges them into `path` on `flush` (and every minute).

    Thread-safe: speech and voice events arrive on their own threads.
    """

    def __init__(
        self,
        path: Path,
        *,
        flush_every: float = FLUSH_EVERY_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.path = path
        self._flush_every = flush_every
        self._clock = clock
        self._lock = threading.Lock()
        self._pending: Counter[str] = Counter()  # counted since the last successful write
        self._saved = Snapshot()  # the file as last read or written
        self._last_attempt = clock()
        self._failing = False  # log a failure once per streak, not once a minute for weeks
        self._remove_stale_temporaries()
        try:
            self._saved = self._load()
        except _Unreadable as error:
            self._report_failure(f"cannot read {path}: {error.cause}")

    # Public ---------------------------------------------------------------------------------
    def add(self, event: str, n: int = 1) -> None:
        """Count `n` more `event`s. Never raises; invalid names are dropped (and logged)."""
        try:
            if not valid_event(event) or type(n) is not int or n < 0:
                log.warning("usage: ignored invalid event name or count")
                return
            with self._lock:
                self._pending[event] += n
                due = self._clock() - self._last_attempt >= self._flush_every
            if due:
                self.flush()
        except Exception:  # counting must never take the kiosk down
            log.exception("usage: could not count an event")

    def flush(self) -> bool:
        """Merge what was counted into the file. True if written; never raises."""
        try:
            with self._lock:
                self._last_attempt = self._clock()
                return self._write_locked()
        except Exception:
            log.exception("usage: unexpected error writing %s", self.path)
            return False

    def counts(self) -> Counter[str]:
        """Everything counted: what the file held plus what is not written yet."""
        with self._lock:
            return self._saved.counts + self._pending

    @property
    def unsaved(self) -> int:
        with self._lock:
            return sum(self._pending.values())

    # Internals (called with the lock held) ----------------------------------------------------
    def _load(self) -> Snapshot:
        """The file now; a damaged one is set aside; an unreadable one counts as empty."""
        try:
            snapshot = read_snapshot(self.path)
        except UsageFileError as error:
            self._set_aside(str(error))
            return Snapshot()
        except OSError as error:
            raise _Unreadable(error) from None
        return snapshot or Snapshot()

    def _write_locked(self) -> bool:
        try:
            current = self._load()  # merge with what is there now (another run may have written)
        except _Unreadable as error:
            self._report_failure(f"cannot read {self.path}: {error.cause}")
            return False
        merged = Snapshot(
            current.counts + self._pending,
            current.since or _now_iso(),
            _now_iso(),
        )
        try:
            self._replace_atomically(json.dumps(merged.to_json(), indent=1) + "\n")
        except OSError as error:
            self._saved = current
            self._report_failure(f"cannot write {self.path}: {error.strerror or error}")
            return False
        self._saved = merged
        self._pending.clear()
        if self._failing:
            log.info("usage: counts saved again to %s", self.path)
        self._failing = False
        return True

    def _replace_atomically(self, text: str) -> None:
        directory = self.path.parent
        directory.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(
            prefix=self._temporary_prefix, suffix=_TEMPORARY_SUFFIX, dir=directory
        )
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())  # the data is on disk before the name points at it
            os.replace(temporary, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise

    def _set_aside(self, reason: str) -> None:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        target = self.path.with_name(f"{self.path.name}.{stamp}.corrupt")
        try:
            os.replace(self.path, target)
            log.warning("usage: %s; set aside as %s, counting starts again", reason, target.name)
        except OSError as error:
            # Could not rename: the next successful write replaces the damaged file anyway.
            log.warning("usage: %s; could not set it aside (%s)", reason, error.strerror)
        self._prune_set_aside()

    def _prune_set_aside(self) -> None:
        # The time stamp in the name sorts oldest first; the newest few are enough to see
        # what went wrong.
        pattern = f"{glob.escape(self.path.name)}.*.corrupt"
        try:
            set_aside = sorted(self.path.parent.glob(pattern))
        except OSError:  # an unreadable folder: nothing could be set aside there either
            return
        for old in set_aside[:-KEEP_SET_ASIDE]:
            with contextlib.suppress(OSError):
                old.unlink()

    @property
    def _temporary_prefix(self) -> str:
        return f".{self.path.name}."

    def _remove_stale_temporaries(self) -> None:
        pattern = f"{glob.escape(self._temporary_prefix)}*{_TEMPORARY_SUFFIX}"
        try:
            for temporary in self.path.parent.glob(pattern):
                with contextlib.suppress(OSError):
                    if time.time() - temporary.stat().st_mtime > STALE_TEMPORARY_S:
                        temporary.unlink()
        except OSError:  # an unreadable folder: the save reports it
            pass

    def _report_failure(self, message: str) -> None:
        if not self._failing:
            log.warning("usage: %s; counts kept in memory, will retry", message)
        self._failing = True


class _Unreadable(Exception):
    def __init__(self, cause: OSError) -> None:
        super().__init__(str(cause))
        self.cause = cause.strerror or str(cause)
