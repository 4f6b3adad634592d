"""The real model and tokenizer: the phrases the trie holds, and the ids the model emits."""

from __future__ import annotations

import numpy as np
import pytest

from kiosk.bench import corpus
from kiosk.commands.phrases import Phrasebook, normalise
from kiosk.voice.moonshine.files import ModelFiles
from kiosk.voice.moonshine.forms import WRITTEN_ONLY, searched
from kiosk.voice.moonshine.model import MoonshineModel
from kiosk.voice.moonshine.search import hear
from kiosk.voice.moonshine.tokens import Tokens
from kiosk.voice.moonshine.trie import phrase_trie
from tests.voice.conftest import needs_audio_tools


@pytest.fixture(scope="module")
def tokens(model_files: ModelFiles) -> Tokens:
    return Tokens(model_files.tokenizer)


def test_the_trie_covers_exactly_the_kiosks_phrases(tokens: Tokens, phrasebook: Phrasebook) -> None:
    sentences = phrasebook.sample_sentences()
    assert set(sentences) >= WRITTEN_ONLY  # "yeah": a phrase, taken only as the model writes it
    trie = phrase_trie(searched(sentences), tokens.encode_all)
    assert trie.phrases() == set(sentences) - WRITTEN_ONLY


def test_phrases_encode_to_the_models_own_ids(tokens: Tokens) -> None:
    # Ids read off the model's own transcripts of these words (and the vendor's tokenizer).
    assert tokens.encode_all(["Zero.", "Nine.", "Number 4."]) == [
        [28933, 29889], [405, 457, 29889], [9681, 29871, 29946, 29889]
    ]  # fmt: skip
    assert tokens.decode([28933, 29889]) == "Zero."


# "yeah" among them: a phrase the search never looks for, so the model must write it itself.
TEXTS = ["zero", "section two", "number four", "louder please", "next", "yeah"]


@needs_audio_tools()
@pytest.mark.parametrize("text", TEXTS)
def test_what_the_model_writes_is_what_the_tokenizer_encodes(
    model_files: ModelFiles, tokens: Tokens, text: str
) -> None:
    model = MoonshineModel(model_files)
    speech = corpus.pad(corpus.trim(corpus.synthesize(text, "flite:slt", 160)), 0.15, 0.1)
    audio = np.array(speech, np.float32) / 32768.0
    heard = hear(model, audio, None)
    written = tokens.decode(heard.free_ids)
    assert normalise(written) == text
    assert tokens.encode_all([written])[0] == list(heard.free_ids)


@needs_audio_tools()
def test_a_new_synonym_in_content_is_heard_with_no_code_change() -> None:
    from kiosk.commands.phrases import SectionName
    from kiosk.voice.audio import chunks
    from kiosk.voice.factory import build_pipeline
    from kiosk.voice.pipeline import decode_stream
    from tests.support.paths import CONTENT
    from tests.voice.conftest import FIXTURE_SECTIONS

    before = build_pipeline(FIXTURE_SECTIONS, CONTENT)
    assert before.phrasebook.match("possible problems") is None
    synonym = SectionName("risks", "possible problems", "fixture/risks.md")
    after = build_pipeline([*FIXTURE_SECTIONS, synonym], CONTENT, previous=before)
    assert after.recognizer is before.recognizer  # the model is not loaded again
    spoken = corpus.trim(corpus.synthesize("possible problems", "flite:slt", 150))
    speech = corpus.pad(spoken, 0.5, 1.0)
    pcm = corpus.room_tone(speech, seed=3).tobytes()
    heard = [r for r in decode_stream(after, chunks(pcm, after.frame_bytes)) if r.command]
    assert [str(r.command) for r in heard] == ["open risks"]


@needs_audio_tools()
def test_the_phrase_search_cut_short_finds_the_same_phrase_or_none(
    model_files: ModelFiles, tokens: Tokens
) -> None:
    from kiosk.voice.moonshine.search import best_phrase

    model = MoonshineModel(model_files)
    trie = phrase_trie(["options", "next", "the two treatments at a glance"], tokens.encode_all)
    speech = corpus.pad(corpus.trim(corpus.synthesize("options", "en-us", 160)), 0.15, 0.1)
    logp, state = model.start(model.encode(np.array(speech, np.float32) / 32768.0))
    phrase, phrase_logp = best_phrase(model, logp, state, trie)
    assert phrase == "options"
    assert best_phrase(model, logp, state, trie, lowest=phrase_logp - 1.0)[0] == "options"
    assert best_phrase(model, logp, state, trie, lowest=phrase_logp + 0.01) == ("", -np.inf)
