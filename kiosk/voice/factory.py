"""Build the recognition pipeline for a content folder (used by the listener and the CLIs).

The recognizer is Moonshine when its prepared model is there and sound, else pocketsphinx, with
the reason kept so the kiosk and `kiosk doctor` can say why in one sentence. Moonshine is given
pocketsphinx as its referee in a quiet room (referee.py, moonshine/recognizer.py).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.commands.phrases import Phrasebook, SectionName, load_templates, section_names
from kiosk.content.loader import load_content
from kiosk.voice.endpointer import Endpointer
from kiosk.voice.levels import speech_band_level_db
from kiosk.voice.lexicon import CONTENT_DICT_NAME, PHRASE_DICT
from kiosk.voice.moonshine.files import MODEL_DIR
from kiosk.voice.pipeline import Pipeline
from kiosk.voice.recognition import UtteranceRecognizer

if TYPE_CHECKING:
    from kiosk.voice.referee import Referee

RECOGNIZERS = ("auto", "moonshine", "pocketsphinx", "moonshine-free")
# Moonshine hears words through background talk that pocketsphinx could not, so its utterances
# may run on through a voice's quieter sounds (endpointer.py, hold_margin_db).
MOONSHINE_HOLD_MARGIN_DB = 9.0
# In a steady room the margins come down towards this (endpointer.py, steady_margin_db).
MOONSHINE_STEADY_MARGIN_DB = 6.0
# In a room of talk, what is this far under the speaker's loudest no longer holds an utterance
# open (endpointer.py, talker_drop_db). On the tuning part, end of speech to decision over
# every decided clip p95 421 to 252 ms, false accepts no higher (docs/voice.md).
MOONSHINE_TALKER_DROP_DB = 9.0
# Moonshine's endpointer: the rules above, and in a room steady in the speech band it also
# finds speech there (endpointer.py, levels.SPEECH_BAND_HZ).
MOONSHINE_ENDPOINTER = functools.partial(
    Endpointer,
    hold_margin_db=MOONSHINE_HOLD_MARGIN_DB,
    steady_margin_db=MOONSHINE_STEADY_MARGIN_DB,
    talker_drop_db=MOONSHINE_TALKER_DROP_DB,
    speech_level=speech_band_level_db,
)
log = logging.getLogger("kiosk.voice.factory")


def dictionaries(content_dir: Path) -> list[Path]:
    return [content_dir / CONTENT_DICT_NAME, PHRASE_DICT]


def load_sections(content_dir: Path) -> list[SectionName]:
    return section_names(load_content(content_dir).sections)


def moonshine_problem(model_dir: Path = MODEL_DIR) -> str:
    """Why Moonshine cannot be used here ("" when it can), without loading it."""
    from kiosk.voice.moonshine.files import ModelProblem, verified

    try:
        import onnxruntime  # noqa: F401
        import tokenizers  # noqa: F401
    except ImportError:
        return "The voice model's runtime (onnxruntime) is not installed."
    try:
        verified(model_dir)
    except ModelProblem as problem:
        return str(problem)
    return ""


def build_referee(content_dir: Path) -> Referee | None:
    """Pocketsphinx as Moonshine's referee, or None (Moonshine then decides alone)."""
    from kiosk.voice.referee import Referee

    try:
        return Referee(dictionaries(content_dir))
    except Exception:  # Moonshine works without it: nothing the kiosk must stop for
        log.exception("pocketsphinx could not be built as Moonshine's referee")
        return None


def build_recognizer(
    sentences: Sequence[str],
    content_dir: Path,
    *,
    recognizer: str = "auto",
    model_dir: Path = MODEL_DIR,
) -> tuple[UtteranceRecognizer, str]:
    """The recognizer to use, and why it is not Moonshine ("" when it is).

    "auto" falls back to pocketsphinx; naming one ("moonshine", "pocketsphinx", or the
    benchmark's "moonshine-free") gets that one or an error."""
    if recognizer not in RECOGNIZERS:  # a typo must not quietly run another recognizer
        raise ValueError(f"unknown recognizer {recognizer!r}: one of {', '.join(RECOGNIZERS)}")
    problem = ""
    if recognizer != "pocketsphinx":
        problem = moonshine_problem(model_dir)
        if not problem:
            from kiosk.voice.moonshine.files import ModelFiles
            from kiosk.voice.moonshine.recognizer import MoonshineRecognizer

            try:
                if recognizer == "moonshine-free":  # the baseline: the free transcript alone
                    return MoonshineRecognizer(
                        sentences, ModelFiles(model_dir), constrained=False
                    ), ""
                return MoonshineRecognizer(
                    sentences,
                    ModelFiles(model_dir),
                    referee=build_referee(content_dir),
                ), ""
            except Exception as error:  # a model that passes its checks and still fails to load
                log.exception("the voice model failed to load")
                problem = f"The voice model could not be loaded ({type(error).__name__})."
        if recognizer != "auto":
            raise RuntimeError(problem)
    from kiosk.voice.recognizer import Recognizer

    return Recognizer(sentences, dictionaries(content_dir)), problem


def build_pipeline(
    sections: Sequence[SectionName],
    content_dir: Path,
    extra_phrases: Sequence[str] = (),
    *,
    recognizer: str = "auto",
    model_dir: Path = MODEL_DIR,
    previous: Pipeline | None = None,
) -> Pipeline:
    """A pipeline for these sections. With `previous`, its recognizer is kept and given the
    new phrases (content changed, or hands-free was switched): no model is loaded again."""
    phrasebook = Phrasebook(load_templates(), sections)
    sentences = [*phrasebook.sample_sentences(), *extra_phrases]
    if previous is not None:
        previous.recognizer.set_sentences(sentences)
        chosen, problem = previous.recognizer, previous.recognizer_problem
    else:
        chosen, problem = build_recognizer(
            sentences, content_dir, recognizer=recognizer, model_dir=model_dir
        )
    endpointer = MOONSHINE_ENDPOINTER if chosen.name.startswith("moonshine") else Endpointer
    pipeline = Pipeline(chosen, phrasebook, extra_phrases=extra_phrases, endpointer=endpointer)
    pipeline.recognizer_problem = problem
    return pipeline
