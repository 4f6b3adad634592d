"""`kiosk bench listen --recordings DIR`: labelled real recordings as a benchmark."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk.bench import corpus
from kiosk.bench.listen import main as bench_main
from kiosk.bench.recordings import RecordingsError, load_recordings, read_labels
from kiosk.commands.command import CommandId
from kiosk.commands.phrases import Phrasebook
from tests.support.paths import CONTENT
from tests.voice.conftest import needs_audio_tools


def test_a_bad_labels_line_is_named_by_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "labels.tsv").write_text("# comment\nvoices/a.wav\tnext\nno tab here\n")
    with pytest.raises(RecordingsError, match=r"labels\.tsv:3: expected 'file<TAB>what was said'"):
        read_labels(tmp_path)


def test_a_missing_labels_file_says_so(tmp_path: Path) -> None:
    with pytest.raises(RecordingsError, match=r"labels\.tsv: cannot be read"):
        read_labels(tmp_path)


@needs_audio_tools()
def test_commands_and_other_speech_are_told_apart_by_the_label(
    tmp_path: Path, phrasebook: Phrasebook
) -> None:
    (tmp_path / "people").mkdir()
    for name, text in (("next", "next"), ("hat", "hat")):
        speech = corpus.pad(corpus.synthesize(text, "en-us", 160), 0.3, 0.5)
        corpus.write_wav(tmp_path / "people" / f"{name}.wav", speech.tobytes())
    (tmp_path / "labels.tsv").write_text("people/next.wav\tnext\npeople/hat.wav\t-\n")
    clips = load_recordings(tmp_path, phrasebook)
    assert [(c.kind, c.voice) for c in clips] == [
        ("command", "people"),
        ("recorded_other", "people"),
    ]
    assert clips[0].expected is not None and clips[0].expected.id is CommandId.NEXT
    assert clips[1].expected is None
    padded = load_recordings(tmp_path, phrasebook, pad=True)
    added = bytes(2 * int(0.3 * corpus.RATE))  # digital silence, before and after
    assert padded[0].pcm.startswith(added) and padded[0].pcm.endswith(added)
    assert len(padded[0].pcm) - len(clips[0].pcm) == 2 * int(0.8 * corpus.RATE)


@needs_audio_tools()
@pytest.mark.slow
def test_the_bench_reports_accuracy_and_false_accepts_per_source(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for source, text in (("a", "next"), ("a", "help"), ("b", "what time is the bus")):
        (tmp_path / source).mkdir(exist_ok=True)
        speech = corpus.pad(corpus.normalise_level(corpus.synthesize(text, "en-us", 160)), 0.4, 1)
        corpus.write_wav(tmp_path / source / f"{text[:4]}.wav", speech.tobytes())
    (tmp_path / "labels.tsv").write_text("a/next.wav\tnext\na/help.wav\thelp\nb/what.wav\t-\n")
    argv = ["--recordings", str(tmp_path), "--content", str(CONTENT), "--json", "--workers", "1"]
    assert bench_main([*argv, "--baseline-every", "1"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["clips"] == 3 and report["commands"] == 2
    assert set(report["by_source"]) == {"a", "b"}
    assert report["by_source"]["a"]["commands"] == 2
    assert report["by_source"]["b"]["false_accept"] in (0.0, 1.0)
    assert 0.0 <= report["accuracy_recorded"] <= 1.0
    assert report["recognizer"] == "moonshine"
    # --baseline-every 1: every baseline hears every recording.
    assert set(report["baselines"]) == {
        "pocketsphinx_pipeline",
        "recognize_sphinx",
        "moonshine_free",
    }
    for baseline in report["baselines"].values():
        assert baseline["clips"] == 3 and 0.0 <= baseline["accuracy_recorded"] <= 1.0
