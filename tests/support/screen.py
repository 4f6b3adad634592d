"""Reading the screen as Textual drew it (the compositor's strips), not the widgets' idea of
themselves."""

from __future__ import annotations

from rich.color import Color
from textual.app import App

RGB = tuple[int, int, int]


def rows(app: App[None]) -> list[str]:
    """Every terminal row of the screen as plain text."""
    return [
        "".join(segment.text for segment in strip)
        for strip in app.screen._compositor.render_strips()
    ]


def screen_text(app: App[None]) -> str:
    """Everything on screen as plain text, one line per terminal row."""
    return "\n".join(rows(app))


def status_line(app: App[None]) -> str:
    """The device status line as drawn ("" while it is hidden), not the rest of the screen:
    what it says may also be said, and so captioned elsewhere."""
    widget = app.screen.query_one("#status")
    if "hidden" in widget.classes:
        return ""
    region = widget.region
    return " ".join(row.strip() for row in rows(app)[region.y : region.bottom])


def rendered_colour_pairs(app: App[None], screen_rows: range | None = None) -> set[tuple[RGB, RGB]]:
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
            pairs.add((rgb(foreground, (255, 255, 255)), rgb(background, (0, 0, 0))))
    return pairs


def rgb(color: Color, default: RGB = (0, 0, 0)) -> RGB:
    """A colour as red, green and blue; `default` for the terminal's own colour."""
    if color.is_default:
        return default
    triplet = color.get_truecolor()
    return (triplet.red, triplet.green, triplet.blue)


def contrast_ratio(a: RGB, b: RGB) -> float:
    """WCAG's contrast ratio of two colours, from 1 to 21."""

    def luminance(colour: RGB) -> float:
        channels = []
        for value in colour:
            c = value / 255
            channels.append(c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4)
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]

    lighter, darker = sorted((luminance(a), luminance(b)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
