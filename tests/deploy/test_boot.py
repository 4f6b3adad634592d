"""The deployment booted for real: Cage running foot (deploy/foot.ini) running the kiosk, as
an unprivileged user, on a virtual screen; grim's picture of that screen is checked.

- the cells deploy/README.md gives for each screen and text size are the ones a boot gets;
- foot covers the whole screen and the kiosk draws every cell of it, down to the last row;
- once started, the kiosk's text runs from the top of the screen to the bottom.

`scripts/setup --dev` installs what this needs (tests/deploy/boot.py, NEEDED).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest

from tests.deploy.boot import (
    FOOT_INI,
    HEADLESS_SIZE,
    Grid,
    Sandbox,
    Screen,
    WinSize,
    documented_cells,
    font_setting,
    foot_padding,
    grid_of,
    ink_rows,
    missing_packages,
    unpainted_share,
)

MISSING = missing_packages()
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        bool(MISSING),
        reason=f"not installed: {', '.join(MISSING)} (scripts/setup --dev installs them)",
    ),
]

FULL_HD = (1920, 1080)
KEY = "KP_Enter"  # the keypad's Enter: any key starts
DEFAULT_SIZE = int(font_setting(FOOT_INI.read_text())[1])
PAD = foot_padding(FOOT_INI.read_text())


@dataclass(frozen=True)
class Seen:
    """What one boot showed: the first steady screen, and (x11) the screen after a key."""

    resolution: tuple[int, int]
    first: Screen
    win: WinSize
    grid: Grid
    after_key: Screen | None


@pytest.fixture(scope="session")
def sandbox() -> Iterator[Sandbox]:
    with Sandbox.create() as made:
        yield made


@pytest.fixture(scope="session")
def seen(sandbox: Sandbox) -> Callable[[tuple[int, int], int], Seen]:
    """Boot once per screen and size, whichever tests ask."""
    boots: dict[tuple[tuple[int, int], int], Seen] = {}

    def boot(resolution: tuple[int, int], size: int) -> Seen:
        if (resolution, size) not in boots:
            with sandbox.boot(resolution, size) as booted:
                first = booted.settle()
                win = booted.winsize()
                after_key = None
                if booted.display:  # the x11 screen has a keyboard
                    booted.press(KEY)
                    # (Captions move on at the reading rate: half a second still is enough.)
                    after_key = booted.settle(steady=0.5)
            boots[resolution, size] = Seen(resolution, first, win, grid_of(win, PAD), after_key)
        return boots[resolution, size]

    return boot


@pytest.mark.parametrize(
    ("resolution", "size", "cells"),
    documented_cells(),
    ids=[f"{w}x{h}-size{size}" for (w, h), size, _ in documented_cells()],
)
def test_documented_cells_are_what_a_boot_gets(
    seen: Callable[[tuple[int, int], int], Seen],
    resolution: tuple[int, int],
    size: int,
    cells: str,
) -> None:
    booted = seen(resolution, size)
    assert booted.win.cells == cells, (
        f"deploy/README.md says {cells} for {resolution} at size={size}; the boot got "
        f"{booted.win.cells} ({booted.grid.cell_width}x{booted.grid.cell_height}-pixel cells)"
    )


@pytest.mark.parametrize(
    "resolution", [HEADLESS_SIZE, FULL_HD], ids=["headless-1280x720", "x11-1920x1080"]
)
def test_the_kiosk_fills_the_screen(
    seen: Callable[[tuple[int, int], int], Seen], resolution: tuple[int, int]
) -> None:
    booted = seen(resolution, DEFAULT_SIZE)
    screen, grid = booted.first, booted.grid
    width, height = resolution
    assert (screen.width, screen.height) == resolution
    # foot is full screen: its grid is as many cells as fit inside its padding, no fewer.
    assert 0 <= width - 2 * PAD[0] - grid.cols * grid.cell_width < grid.cell_width, grid
    assert 0 <= height - 2 * PAD[1] - grid.rows * grid.cell_height < grid.cell_height, grid
    # The kiosk drew every cell (an app stuck at 80x24 would leave foot's background showing).
    assert unpainted_share(screen, grid, screen.pixel(0, 0)) < 0.01
    # Its text reaches the screen's last rows (the key hints), and the welcome, centred, sits
    # in the middle of the screen, not squeezed into its top quarter.
    inked = ink_rows(screen, grid)
    assert any(inked[-2:]), "nothing on the two bottom rows: the kiosk does not reach the bottom"
    text_rows = [row for row, ink in enumerate(inked[:-3]) if ink]
    assert text_rows, "no welcome text above the fixed rows"
    middle = (text_rows[0] + text_rows[-1]) / 2
    assert len(inked) / 4 <= middle <= 3 * len(inked) / 4, f"welcome text on rows {text_rows}"


def test_once_started_the_text_runs_down_the_whole_screen(
    seen: Callable[[tuple[int, int], int], Seen],
) -> None:
    booted = seen(FULL_HD, DEFAULT_SIZE)
    assert booted.after_key is not None
    assert booted.after_key != booted.first, f"{KEY} changed nothing on the screen"
    inked = ink_rows(booted.after_key, booted.grid)
    quarter = len(inked) / 4
    for number in range(4):
        rows = inked[round(number * quarter) : round((number + 1) * quarter)]
        assert any(rows), f"no text in quarter {number + 1} of the screen: {inked}"
    assert sum(inked) >= len(inked) / 2, f"text on only {sum(inked)} of {len(inked)} rows"
