"""Repeated library noise is written once and counted (pure logic: `kiosk.logs.repeats`)."""

from __future__ import annotations

import re

from kiosk.logs.repeats import CUT_MARK, LineSplitter, RepeatCollapser
from tests.support.clocks import FakeClock

ALSA = "ALSA lib pcm.c:2666:(snd_pcm_open_noupdate) Unknown PCM cards.pcm.rear"
JACK = "jack server is not running or cannot be started"


def collapser(clock: FakeClock, **options: int) -> RepeatCollapser:
    return RepeatCollapser(clock=clock, wall_clock=lambda: 1_700_000_000.0, **options)


def test_a_line_is_written_once_then_counted() -> None:
    clock = FakeClock(1000.0)
    lines = collapser(clock)
    written = []
    for _ in range(512):  # the block every worker restart prints, 512 restarts
        written += lines.feed(ALSA) + lines.feed(JACK)
    assert written == [ALSA, JACK]
    assert lines.pending_repeats == 2 * 511
    summary = lines.summary()
    assert len(summary) == 2
    assert summary[0].startswith(ALSA + " (repeated 511 more times since ")
    assert re.fullmatch(re.escape(JACK) + r" \(repeated 511 more times since [\d-]+ [\d:]+\)",
                        summary[1])  # fmt: skip
    # Counted from zero again, and the lines are still known: no repeat of the full block.
    assert lines.summary() == []
    assert lines.feed(ALSA) == []
    assert lines.summary()[0].startswith(ALSA + " (repeated 1 more time since ")


def test_the_counts_are_due_every_so_often() -> None:
    clock = FakeClock(1000.0)
    lines = collapser(clock)
    lines.feed(ALSA)
    lines.feed(ALSA)
    assert not lines.summary_due()
    assert lines.seconds_to_summary() == 3600.0
    clock.now += 3600.0
    assert lines.summary_due()
    assert len(lines.summary()) == 1
    assert not lines.summary_due()


def test_memory_is_bounded_and_a_forgotten_line_keeps_its_count() -> None:
    clock = FakeClock(1000.0)
    lines = collapser(clock, max_distinct=3)
    assert lines.feed("a") == ["a"]
    lines.feed("a")  # a repeat of "a", counted
    lines.feed("b")
    lines.feed("c")
    # A fourth distinct line forgets the least recently seen ("a"), writing its count first.
    out = lines.feed("d")
    assert out[0].startswith("a (repeated 1 more time since ") and out[1:] == ["d"]
    assert lines.feed("a") == ["a"]  # forgotten, so written again (and "b" is forgotten now)
    assert lines.feed("c") == []


def test_the_splitter_joins_pieces_and_keeps_lines_whole() -> None:
    splitter = LineSplitter()
    # ALSA writes one line in several writes: the pieces make one line, not three.
    assert splitter.feed(b"ALSA lib ") == []
    assert splitter.feed(b"pcm.c:2666: Unknown PCM\nJack") == ["ALSA lib pcm.c:2666: Unknown PCM"]
    assert splitter.feed(b"\r\n\n   \n") == ["Jack"]  # CR LF ends a line; blank lines dropped
    assert splitter.feed(b"no newline at the end") == []
    assert splitter.flush() == ["no newline at the end"]
    assert splitter.flush() == []


def test_the_splitter_cleans_and_cuts() -> None:
    splitter = LineSplitter(max_chars=20)
    assert splitter.feed(b"\x1b[31mred\x1b[0m \xff\xfe\n") == ["?[31mred?[0m \ufffd\ufffd"]
    long = splitter.feed(b"x" * 50 + b"\n")
    assert long == ["x" * 20 + CUT_MARK]
    # A line with no end in sight is cut once it passes the limit, and its rest is dropped.
    out = splitter.feed(b"y" * 200)
    assert out == ["y" * 20 + CUT_MARK]
    assert splitter.feed(b"y" * 1000) == []
    assert splitter.feed(b"yyy\nnext\n") == ["next"]
