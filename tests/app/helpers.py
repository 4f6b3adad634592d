"""Building the real app with sample content and a recording fake speaker."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from rich.color import Color
from textual.app import App

from kiosk.content.loader import load_content
from kiosk.core.settings import Settings
from kiosk.speech.fakes import RecordingSpeaker
from kiosk.ui.app import KioskApp, make_app

CONTENT = Path(__file__).resolve().parents[2] / "content"


class SteppingClock:
    """Each reading a second later, so quick test key presses are never filtered as bounces."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        self.now += 1.0
        return self.now


def build_app(
    content: Path = CONTENT, speaker: RecordingSpeaker | None = None, **settings: object
) -> tuple[KioskApp, RecordingSpeaker]:
    speaker = speaker or RecordingSpeaker()
    base = dataclasses.replace(Settings(), **settings)  # type: ignore[arg-type]
    return make_app(base, load_content(content), speaker, clock=SteppingClock()), speaker


def screen_text(app: App[None]) -> str:
    """Everything on screen as plain text, one line per terminal row."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


def rendered_colour_pairs(
    app: App[None], screen_rows: range | None = None
) -> set[tuple[tuple[int, int, int], tuple[int, int, int]]]:
    """(foreground, background) of every visible character actually rendered (in
    `screen_rows`, when given)."""
    strips = app.screen._compositor.render_strips()
    pairs = set()
    for row in screen_rows if screen_rows is not None else range(len(strips)):
        for segment in strips[row]:
            if not segment.text.strip() or segment.style is None:
                continue
            style = segment.style
            foreground = style.color or Color.parse("default")
            background = style.bgcolor or Color.parse("default")
            if style.reverse:
                foreground, background = background, foreground
            pairs.add((_rgb(foreground, (255, 255, 255)), _rgb(background, (0, 0, 0))))
    return pairs


def _rgb(color: Color, default: tuple[int, int, int]) -> tuple[int, int, int]:
    if color.is_default:
        return default
    triplet = color.get_truecolor()
    return (triplet.red, triplet.green, triplet.blue)


def contrast_ratio(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    def luminance(rgb: tuple[int, int, int]) -> float:
        channels = []
        for value in rgb:
            c = value / 255
            channels.append(c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4)
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]

    lighter, darker = sorted((luminance(a), luminance(b)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
