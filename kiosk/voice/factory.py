"""Build the recognition pipeline for a content folder (used by the listener and the CLIs)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from kiosk.commands.phrases import Phrasebook, SectionName, load_templates, section_names
from kiosk.content.loader import load_content
from kiosk.voice.lexicon import CONTENT_DICT_NAME, PHRASE_DICT
from kiosk.voice.pipeline import Pipeline
from kiosk.voice.recognizer import Recognizer


def dictionaries(content_dir: Path) -> list[Path]:
    return [content_dir / CONTENT_DICT_NAME, PHRASE_DICT]


def load_sections(content_dir: Path) -> list[SectionName]:
    return section_names(load_content(content_dir).sections)


def build_pipeline(
    sections: Sequence[SectionName], content_dir: Path, extra_phrases: Sequence[str] = ()
) -> Pipeline:
    phrasebook = Phrasebook(load_templates(), sections)
    sentences = [*phrasebook.sample_sentences(), *extra_phrases]
    recognizer = Recognizer(sentences, dictionaries(content_dir))
    return Pipeline(recognizer, phrasebook, extra_phrases=extra_phrases)
