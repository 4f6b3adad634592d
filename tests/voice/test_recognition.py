"""Recognition on speech the suite synthesizes with Flite and eSpeak NG (voices, babble).

A reduced corpus, heard through exactly the kiosk's pipeline with the real recognizer (Moonshine,
prepared by scripts/setup); `kiosk bench listen` runs the full one and reports the targets. A
target that is met is asserted as it is. One that is not yet met is asserted at the floor this
corpus reached, so a regression fails; the target and the figure stand beside it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from kiosk.bench import corpus
from kiosk.commands.phrases import SectionName
from kiosk.core.voice_events import Decision
from kiosk.voice.pipeline import Pipeline
from tests.support.paths import CONTENT
from tests.voice.conftest import needs_audio_tools

pytestmark = [needs_audio_tools(), pytest.mark.slow]

SENTENCES = (
    "number four", "say that again", "main menu", "previous sentence", "louder", "goodbye",
    "help", "next", "section two", "about this information",
)  # fmt: skip
# Near misses written for this test alone (they appear nowhere else in the repository), then
# some of the benchmark's own.
REJECTS = (
    ("the lift is next to the help desk", "near_miss"),
    ("louder music is not allowed", "near_miss"),
    ("say goodbye to your sister for me", "near_miss"),
    ("is number four the blue door", "near_miss"),
    ("next patient please", "near_miss"), ("stop that Tom", "near_miss"),
    ("go back to sleep", "near_miss"), ("what time is the bus", "oov"),
    ("good morning doctor", "oov"), ("my daughter parked on the third floor", "oov"),
)  # fmt: skip
# Two Flite voices (recorded human speakers) and one eSpeak voice; eSpeak only without flite.
# Floors: what this corpus measured (targets in the tests' comments and in the benchmark).
FLOOR_CLEAN = 0.90  # measured 28/30 = 0.93
FLOOR_10DB = 0.23  # measured 8/30 = 0.27
FLOOR_NEAR_MISS = 0.03  # measured 1/42 = 0.024: eSpeak's "stop that Tom" heard as "Stop, lift, um."
VOICES = (
    ("flite:slt", "flite:rms", "en-us")
    if corpus.flite_available() else ("en-us", "en+f3", "en-gb-x-rp")
)  # fmt: skip


@dataclass(frozen=True)
class Outcome:
    clip: corpus.Clip
    decisions: list[tuple[Decision, str | None]]

    @property
    def accepted(self) -> str | None:
        """The command push-to-talk would act on: its first utterance that is not noise."""
        answer = next(((d, c) for d, c in self.decisions if d is not Decision.NOISE), None)
        return answer[1] if answer is not None and answer[0] is Decision.ACCEPT else None


@pytest.fixture(scope="module")
def pipeline(sections: list[SectionName]) -> Pipeline:
    from kiosk.voice.factory import build_pipeline

    built = build_pipeline(sections, CONTENT)
    assert built.recognizer.name == "moonshine", built.recognizer_problem
    return built


@pytest.fixture(scope="module")
def outcomes(pipeline: Pipeline) -> list[Outcome]:
    from kiosk.voice.audio import chunks
    from kiosk.voice.pipeline import decode_stream

    book = pipeline.phrasebook
    wanted = [(text, book.match(text)) for text in SENTENCES]
    clips = corpus.build(
        book, voices=VOICES, rates=(160,), snrs=(10,),
        sentences=[(t, c) for t, c in wanted if c is not None], rejects=REJECTS, noise_clips=3,
    )  # fmt: skip
    results = []
    for clip in clips:
        heard = decode_stream(pipeline, chunks(clip.pcm, pipeline.frame_bytes))
        results.append(
            Outcome(clip, [(r.decision, str(r.command) if r.command else None) for r in heard])
        )
    return results


def _accuracy(outcomes: list[Outcome], condition: str) -> float:
    chosen = [o for o in outcomes if o.clip.kind == "command" and o.clip.condition == condition]
    return sum(o.accepted == str(o.clip.expected) for o in chosen) / len(chosen)


def _false_accepts(outcomes: list[Outcome], kind: str) -> float:
    chosen = [o for o in outcomes if o.clip.kind == kind]
    return sum(o.accepted is not None for o in chosen) / len(chosen)


def test_the_recognizer_searches_for_every_phrase_but_those_only_written(
    pipeline: Pipeline,
) -> None:
    from kiosk.voice.moonshine.forms import WRITTEN_ONLY
    from kiosk.voice.moonshine.recognizer import MoonshineRecognizer

    recognizer = pipeline.recognizer
    assert isinstance(recognizer, MoonshineRecognizer)
    sentences = set(pipeline.phrasebook.sample_sentences())
    assert recognizer.trie.phrases() == sentences - WRITTEN_ONLY


def test_never_acts_on_a_wrong_command(outcomes: list[Outcome]) -> None:
    wrong = [o for o in outcomes if o.clip.kind == "command" and o.accepted is not None
             and o.accepted != str(o.clip.expected)]  # fmt: skip
    assert len(wrong) / len(outcomes) <= 0.02


def test_clean_command_accuracy(outcomes: list[Outcome]) -> None:
    # Target 0.95 (kiosk bench listen reports it).
    assert _accuracy(outcomes, "clean") >= FLOOR_CLEAN


def test_command_accuracy_at_10_db(outcomes: list[Outcome]) -> None:
    # Target 0.90 (eSpeak babble mixed at 10 dB; kiosk bench listen reports it).
    assert _accuracy(outcomes, "10db") >= FLOOR_10DB


def test_false_accepts_of_babble_alone(outcomes: list[Outcome]) -> None:
    assert _false_accepts(outcomes, "noise") <= 0.02  # the target


def test_false_accepts_of_other_speech(outcomes: list[Outcome]) -> None:
    # The target. Measured 0/18; 1/18 while "yeah" was searched for: Flite rms's "what time is
    # the bus" at 10 dB babble, cut at its pause after "what", was heard as "yeah" (forms.py).
    assert _false_accepts(outcomes, "oov") <= 0.02


def test_false_accepts_of_near_misses(outcomes: list[Outcome]) -> None:
    assert _false_accepts(outcomes, "near_miss") <= FLOOR_NEAR_MISS  # target 0.02


# In steady noise (white, pink, brown: fans, water, a kitchen) the verdict is decoded with
# silence after the speech. Given the noise to the end of the audio instead, Moonshine wrote
# nothing or "Six. Six. Six." for 5 of these 9 (docs/voice.md); with the silence 7 are heard:
# all in white and pink noise, and one of the three in brown, whose level moves enough that
# the room is not always taken for steady.
@pytest.fixture(scope="module")
def six_in_steady_noise(pipeline: Pipeline) -> list[str | None]:
    from kiosk.bench.recordings import noise_samples
    from kiosk.voice.audio import chunks
    from kiosk.voice.pipeline import decode_stream

    accepted = []
    for voice in VOICES:
        speech = corpus.normalise_level(corpus.trim(corpus.synthesize("six", voice, 160)))
        clip = corpus.pad(speech, 1.0, 1.0)
        for noise in ("white", "pink", "brown"):
            room = noise_samples(noise, len(clip), seed=5)
            mixed = corpus.mix(clip, room, 10, 0, active=speech)
            heard = decode_stream(pipeline, chunks(mixed.tobytes(), pipeline.frame_bytes))
            answer = next((r for r in heard if r.decision is not Decision.NOISE), None)
            ok = answer is not None and answer.decision is Decision.ACCEPT
            accepted.append(str(answer.command) if ok and answer is not None else None)
    return accepted


def test_a_command_in_steady_noise_is_heard(six_in_steady_noise: list[str | None]) -> None:
    assert sum(command == "select 6" for command in six_in_steady_noise) >= 7
    assert set(six_in_steady_noise) <= {"select 6", None}  # never another command


def test_listen_cli_prints_one_json_line_per_file(
    tmp_path: Path, outcomes: list[Outcome], capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    from kiosk.cli.listen import main

    clips = [o.clip for o in outcomes if o.clip.condition == "clean"][:3]
    paths = []
    for index, clip in enumerate(clips):
        path = tmp_path / f"clip{index}.wav"
        corpus.write_wav(path, clip.pcm)
        paths.append(str(path))
    assert main(["--json", "--content", str(CONTENT), *paths]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["file"] for line in lines] == paths
    for line in lines:
        assert set(line) == {"file", "text", "command", "value", "confidence", "ms"}
        assert 0.0 <= line["confidence"] <= 1.0


def test_an_unknown_recognizer_name_is_refused(tmp_path: Path) -> None:
    from kiosk.voice.factory import build_recognizer

    with pytest.raises(ValueError, match="unknown recognizer 'moonshin'"):
        build_recognizer(["next"], CONTENT, recognizer="moonshin", model_dir=tmp_path)
