"""Shared fixtures for the voice tests: the phrasebook, sections, and a small content folder."""

from __future__ import annotations

import shutil

import pytest

from kiosk.commands.phrases import Phrasebook, SectionName, load_templates
from kiosk.voice.pipeline import Pipeline
from tests.support.paths import CONTENT

FIXTURE_SECTIONS = [
    SectionName("risks", "risks", "fixture/risks.md"),
    SectionName("risks", "side effects", "fixture/risks.md"),
    SectionName("kyphoplasty", "what happens in kyphoplasty", "fixture/kyphoplasty.md"),
    SectionName("kyphoplasty", "balloon treatment", "fixture/kyphoplasty.md"),
    SectionName("benefits", "benefits", "fixture/benefits.md"),
]


@pytest.fixture(scope="session")
def sections() -> list[SectionName]:
    """The real content's section names when it loads, else a small fixture."""
    try:
        from kiosk.voice.factory import load_sections

        return load_sections(CONTENT)
    except Exception:
        return FIXTURE_SECTIONS


@pytest.fixture(scope="session")
def phrasebook(sections: list[SectionName]) -> Phrasebook:
    return Phrasebook(load_templates(), sections)


@pytest.fixture(scope="module")
def pipeline(sections: list[SectionName]) -> Pipeline:
    """The kiosk's own pipeline (Moonshine when its model is prepared), one for each module."""
    from kiosk.voice.factory import build_pipeline

    return build_pipeline(sections, CONTENT)


def needs_audio_tools() -> pytest.MarkDecorator:
    missing = [tool for tool in ("espeak-ng", "sox") if shutil.which(tool) is None]
    return pytest.mark.skipif(bool(missing), reason=f"needs {', '.join(missing)}")
