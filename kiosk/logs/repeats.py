"""Library noise as log lines, each written once and then only counted. Pure logic.

ALSA, JACK and PortAudio print the same block of complaints every time a worker opens the
audio devices, and a worker with no microphone is restarted every few seconds: left alone, the
same few dozen lines would be written thousands of times a day. So a line is written the first
time it is seen; after that it is only counted, and the count is written with the line once
`summary_every` seconds have passed since the last counts (and when the log is flushed):
"ALSA lib ... (repeated 720 more times since 2026-12-01 08:45:52)".

Memory is bounded too: at most `max_distinct` lines are remembered (the least recently seen is
forgotten first, its count written out), each cut to `max_chars`.
"""

from __future__ import annotations

import re
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

MAX_LINE_CHARS = 1000
MAX_DISTINCT = 512
SUMMARY_EVERY_S = 3600.0
CUT_MARK = " [cut]"
# Terminal control characters (colour escapes, carriage returns) would garble the log and
# make identical lines look different; tabs are kept.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


class LineSplitter:
    """Bytes as they come out of a pipe, in pieces of any size -> whole text lines.

    A library may write one line in several writes, so an unfinished line waits for its
    newline (or for `flush`); one longer than `max_chars` is cut so memory stays bounded.
    """

    def __init__(self, max_chars: int = MAX_LINE_CHARS) -> None:
        self._max_bytes = max_chars * 4  # enough bytes for max_chars in any UTF-8 text
        self._max_chars = max_chars
        self._partial = b""
        self._cutting = False  # dropping the rest of an overlong line, up to its newline

    def feed(self, data: bytes) -> list[str]:
        lines: list[str] = []
        *complete, rest = (self._partial + data).split(b"\n")
        for raw in complete:
            if self._cutting:
                self._cutting = False
                continue
            lines.append(self._text(raw))
        if self._cutting:
            rest = b""
        elif len(rest) > self._max_bytes:  # more bytes than max_chars can take: `_text` cuts
            lines.append(self._text(rest))
            rest, self._cutting = b"", True
        self._partial = rest
        return [line for line in lines if line]

    def flush(self) -> list[str]:
        """The unfinished last line, if any."""
        rest, self._partial, self._cutting = self._partial, b"", False
        text = self._text(rest)
        return [text] if text else []

    def _text(self, raw: bytes) -> str:
        text = _CONTROL.sub("?", raw.decode("utf-8", "replace").rstrip())
        if len(text) > self._max_chars:
            return text[: self._max_chars] + CUT_MARK
        return text


@dataclass
class _Seen:
    repeats: int = 0  # times seen since the line (or its last count) was written
    since: float = 0.0  # wall-clock time of the first of those repeats


class RepeatCollapser:
    def __init__(
        self,
        *,
        max_distinct: int = MAX_DISTINCT,
        summary_every: float = SUMMARY_EVERY_S,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        self._max_distinct = max(1, max_distinct)
        self._summary_every = summary_every
        self._clock = clock
        self._wall_clock = wall_clock
        self._seen: OrderedDict[str, _Seen] = OrderedDict()
        self._last_summary = clock()

    def feed(self, line: str) -> list[str]:
        """The lines to write now for `line`: itself if new, nothing if seen before."""
        seen = self._seen.get(line)
        if seen is not None:
            if seen.repeats == 0:
                seen.since = self._wall_clock()
            seen.repeats += 1
            self._seen.move_to_end(line)
            return []
        out: list[str] = []
        if len(self._seen) >= self._max_distinct:
            oldest, forgotten = self._seen.popitem(last=False)
            out.extend(self._count(oldest, forgotten))
        self._seen[line] = _Seen()
        out.append(line)
        return out

    def seconds_to_summary(self) -> float:
        return self._summary_every - (self._clock() - self._last_summary)

    def summary_due(self) -> bool:
        return self.seconds_to_summary() <= 0

    def summary(self) -> list[str]:
        """The counts since the last summary, one line each; the lines stay remembered."""
        self._last_summary = self._clock()
        out: list[str] = []
        for line, seen in self._seen.items():
            out.extend(self._count(line, seen))
            seen.repeats = 0
        return out

    @property
    def pending_repeats(self) -> int:
        return sum(seen.repeats for seen in self._seen.values())

    def _count(self, line: str, seen: _Seen) -> list[str]:
        if seen.repeats == 0:
            return []
        times = "time" if seen.repeats == 1 else "times"
        since = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(seen.since))
        return [f"{line} (repeated {seen.repeats} more {times} since {since})"]
