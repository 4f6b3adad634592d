"""Pronunciations are content too: an edited `pronunciations/speech.toml` reaches the voice
without a restart, and a broken one keeps the last good pronunciations."""

from __future__ import annotations

from pathlib import Path

from tests.support.apps import build_app


def lexicon_calls(calls: list[tuple[object, ...]]) -> list[tuple[object, ...]]:
    return [call for call in calls if call[0] == "lexicon"]


async def test_edited_pronunciations_reach_the_voice(fixture_copy: Path) -> None:
    app, speaker = build_app(fixture_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        lexicon = fixture_copy / "pronunciations" / "speech.toml"
        lexicon.parent.mkdir(exist_ok=True)
        lexicon.write_text('[words]\nkyphoplasty = "kyfo-plasty"\nsacrum = "say-krum"\n')
        app._reload_content_if_changed()
        assert lexicon_calls(speaker.calls) == [("lexicon", 2)]

        lexicon.write_text("[words\nbroken")
        app._reload_content_if_changed()
        assert lexicon_calls(speaker.calls) == [("lexicon", 2)]  # the last good ones stay
