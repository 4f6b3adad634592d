"""How the fixed rows of the screen are shared out: pure logic, no Textual.

The fixed area is everything outside the scrolling content region: the device status line,
the key hints and the disclaimer line. It takes at most 2 rows on a screen of fewer than 30
rows and at most 4 on a taller one (issue #12: the text comes first); a device problem may
add one line while it lasts. The hints are the view's, most needed first (help leads), and
as many as fit are shown; the full disclaimer is shown where it fits, its short form where
it does not (the full one is part of the orientation and About pages, which say it). The
disclaimer and the too-small text are the content's wording (`[screen]` in kiosk/wording.toml).
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.content.wording import ScreenWording

MIN_WIDTH = 40  # below 40x15 the screen only says it is too small for the text
MIN_HEIGHT = 15
TALL_HEIGHT = 30  # from this height on, the fixed area may take 4 rows instead of 2
PADDING = 2  # one column each side of every fixed line
HINT_GAP = "  "

Hint = tuple[str, str]  # (keys, what they do); keys "" for a plain instruction
Rows = tuple[int, int]  # [first, end) rows of the page
__all__ = [
    "HINT_GAP",
    "MIN_HEIGHT",
    "MIN_WIDTH",
    "PADDING",
    "TALL_HEIGHT",
    "Footer",
    "Hint",
    "Rows",
    "fixed_rows_allowed",
    "hint_text",
    "keep_topics_whole",
    "pack_hints",
    "plan_footer",
    "reveal",
    "status_lines",
    "too_small",
    "too_small_text",
    "wrap_words",
]


def fixed_rows_allowed(height: int, *, device_problem: bool) -> int:
    """The most rows the fixed area may take on a screen `height` rows tall."""
    return (2 if height < TALL_HEIGHT else 4) + (1 if device_problem else 0)


def too_small(width: int, height: int) -> bool:
    return width < MIN_WIDTH or height < MIN_HEIGHT


def too_small_text(width: int, said: ScreenWording) -> str:
    return said.too_small if len(said.too_small) <= width else said.too_small_short


def hint_text(hint: Hint) -> str:
    keys, what = hint
    return f"{keys}: {what}" if keys else what


def pack_hints(hints: tuple[Hint, ...], width: int, rows: int) -> list[list[Hint]]:
    """The first hints that fit in `rows` rows of `width` columns, in order, row by row;
    a hint is never split across rows."""
    packed: list[list[Hint]] = []
    used = 0
    for hint in hints:
        size = len(hint_text(hint))
        if packed and used + len(HINT_GAP) + size <= width:
            packed[-1].append(hint)
            used += len(HINT_GAP) + size
        elif size <= width and len(packed) < rows:
            packed.append([hint])
            used = size
        else:
            break
    return packed


@dataclass(frozen=True)
class Footer:
    """What the fixed lines under the content show."""

    hint_rows: tuple[tuple[Hint, ...], ...]  # each row's hints
    disclaimer: str  # the wording's disclaimer, its short form, or ""
    together: bool = False  # the disclaimer shares the (single) hint row

    @property
    def rows(self) -> int:
        own_row = bool(self.disclaimer) and not self.together
        return len(self.hint_rows) + (1 if own_row else 0)


def plan_footer(
    width: int,
    height: int,
    hints: tuple[Hint, ...],
    status_rows: int,
    said: ScreenWording,
) -> Footer:
    """Share out the fixed rows left after the status line (`status_rows` rows, 0 if none)."""
    disclaimer, short_disclaimer = said.disclaimer, said.short_disclaimer
    usable = width - PADDING
    left = max(0, fixed_rows_allowed(height, device_problem=status_rows > 0) - status_rows)
    if left == 0:
        return Footer((), "")
    if left == 1:
        # One row for both: as many hints as fit beside the short disclaimer, else hints only.
        room = usable - len(HINT_GAP) - len(short_disclaimer)
        beside = pack_hints(hints, room, 1) if room > 0 else []
        if beside or not hints:
            row = tuple(beside[0]) if beside else ()
            return Footer((row,) if row else (), short_disclaimer, together=bool(row))
        return Footer(_rows(hints, usable, 1), "")
    if left >= 3:
        # A tall screen: the full disclaimer, with two rows of hints if they leave it room.
        for hint_limit in (2, 1):
            rows = _rows(hints, usable, hint_limit)
            if _fits(disclaimer, usable, left - len(rows)):
                return Footer(rows, disclaimer)
        return Footer(_rows(hints, usable, 2), short_disclaimer)
    rows = _rows(hints, usable, 1)
    return Footer(rows, disclaimer if _fits(disclaimer, usable, 1) else short_disclaimer)


def _rows(hints: tuple[Hint, ...], width: int, rows: int) -> tuple[tuple[Hint, ...], ...]:
    return tuple(tuple(row) for row in pack_hints(hints, width, rows))


def _fits(text: str, width: int, rows: int) -> bool:
    return len(wrap_words(text, width)) <= rows


def wrap_words(text: str, width: int) -> list[str]:
    """`text` broken into rows of at most `width` columns at spaces (a longer word is cut)."""
    rows: list[str] = []
    for paragraph in text.split("\n"):
        row = ""
        for word in paragraph.split():
            while len(word) > width > 0:
                if row:
                    rows.append(row)
                    row = ""
                rows.append(word[:width])
                word = word[width:]
            if not row:
                row = word
            elif len(row) + 1 + len(word) <= width:
                row += " " + word
            else:
                rows.append(row)
                row = word
        rows.append(row)
    return rows


def reveal(y: int, window: int, target: Rows) -> int:
    """The scroll position nearest `y` that shows `target` (its top, if it is taller)."""
    first, end = target
    if end - first > window or first < y:
        return first
    if end > y + window:
        return end - window
    return y


def keep_topics_whole(
    y: int,
    window: int,
    last_y: int,
    choices: Rows | None,
    choosing: list[Rows],
    target: Rows | None = None,
) -> int:
    """A scroll position near `y` at which no sentence telling the patient to choose a topic
    (`choosing`) is in view unless every topic (`choices`) is too, still showing `target`.
    Where the topics cannot all fit, `y` as it is."""
    if choices is None or choices[1] - choices[0] > window:
        return y

    def allowed(top: int) -> bool:
        bottom = top + window
        whole = choices[0] >= top and choices[1] <= bottom
        seen = any(first < bottom and end > top for first, end in choosing)
        shows_target = target is None or (
            target[0] >= top and target[1] <= bottom
            if target[1] - target[0] <= window
            else target[0] == top
        )
        return (whole or not seen) and shows_target

    if allowed(y):
        return y
    candidates = {choices[0], choices[1] - window}
    for first, end in [*choosing, *([target] if target else [])]:
        candidates |= {first, end, first - window, end - window}
    fits = [c for c in (max(0, min(last_y, c)) for c in candidates) if allowed(c)]
    return min(fits, key=lambda c: (abs(c - y), c)) if fits else y


def status_lines(text: str, width: int) -> list[str]:
    """The device problems, one row each: in full where it fits, else its headline (the
    words before the first colon, or its first sentence); a headline still too long wraps.
    So a problem takes the one row it may add, and two at once take two rows."""
    usable = width - PADDING
    lines: list[str] = []
    for problem in (line.strip() for line in text.splitlines()):
        if not problem:
            continue
        if len(problem) > usable:
            problem = _headline(problem)
        lines += wrap_words(problem, usable) if len(problem) > usable else [problem]
    return lines


def _headline(problem: str) -> str:
    head, colon, _ = problem.partition(":")
    if colon:
        return head.strip() + "."
    first, stop, _ = problem.partition(". ")
    return first + "." if stop else problem
