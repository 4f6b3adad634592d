"""A site's own wording (content/kiosk/wording.toml in its content folder) reaches the
screen's fixed lines and markers too, not only what is said: the welcome hint, the "more
below" marker, the words that bring the topics into view, the too-small line."""

from __future__ import annotations

from pathlib import Path

from tests.support.apps import build_app
from tests.support.content import MakeContent, long_titled_topics
from tests.support.paths import CONTENT
from tests.support.screen import screen_text

SHIPPED_WORDING = CONTENT / "kiosk" / "wording.toml"


def with_site_wording(root: Path, **changes: str) -> Path:
    """`root` with the shipped wording file, `old = new` text replaced in it."""
    text = SHIPPED_WORDING.read_text()
    for old, new in changes.items():
        assert old in text
        text = text.replace(old, new)
    (root / "kiosk" / "wording.toml").write_text(text)
    return root


async def test_the_site_wording_is_on_the_screen(make_content: MakeContent) -> None:
    root = with_site_wording(
        long_titled_topics(make_content(9)),
        **{
            '"Press any key to start."': '"Touch any key to begin."',
            '"{count} more topics below."': '"{count} further topics underneath."',
        },
    )
    app, _ = build_app(root, voice_enabled=False)
    async with app.run_test(size=(40, 15)) as pilot:
        await pilot.pause()
        assert "Touch any key to begin." in screen_text(app)
        await pilot.press("space", "home")
        for _ in range(5):
            await pilot.pause()
        assert "further topics underneath." in screen_text(app)


async def test_the_site_too_small_line_is_on_the_screen(make_content: MakeContent) -> None:
    root = with_site_wording(make_content(3), **{'"Screen too small."': '"Too small."'})
    app, _ = build_app(root, voice_enabled=False)
    async with app.run_test(size=(30, 10)) as pilot:
        await pilot.press("space")
        await pilot.pause()
        assert "Too small." in screen_text(app)
