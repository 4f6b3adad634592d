"""The prepared model: refused when missing or damaged, prepared only from the right sources."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kiosk.voice.moonshine.files import DECODER, MODEL_DIR, ModelFiles, ModelProblem, verified
from kiosk.voice.moonshine.prepare import prepare, wheel_model_dir


def test_a_missing_model_says_to_run_setup(tmp_path: Path) -> None:
    with pytest.raises(ModelProblem, match="scripts/setup"):
        verified(tmp_path / "nowhere")


def test_a_truncated_model_is_refused(tmp_path: Path, model_files: ModelFiles) -> None:
    copy = tmp_path / "model"
    shutil.copytree(model_files.folder, copy)
    data = (copy / DECODER).read_bytes()
    (copy / DECODER).write_bytes(data[: len(data) // 2])
    with pytest.raises(ModelProblem, match="damaged"):
        verified(copy)


def test_preparation_refuses_a_source_with_the_wrong_hash(tmp_path: Path) -> None:
    source = tmp_path / "base-en"
    shutil.copytree(wheel_model_dir(), source)
    with (source / "encoder_model.ort").open("r+b") as model:
        model.seek(1000)
        model.write(b"\xff" * 16)
    target = tmp_path / "prepared"
    with pytest.raises(ModelProblem, match=r"encoder_model\.ort is damaged"):
        prepare(source, tmp_path / "no-wheel.whl", target)
    assert not target.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_the_kiosk_reads_the_model_from_the_fixed_folder(model_files: ModelFiles) -> None:
    assert model_files.folder == MODEL_DIR
    assert MODEL_DIR.parts[-3:] == ("share", "kiosk", "moonshine-base-en")


def test_preparation_replaces_the_old_model_whole(tmp_path: Path, model_files: ModelFiles) -> None:
    import zipfile

    from kiosk.voice.moonshine.prepare import TOKENIZER_IN_WHEEL, is_current

    wheel = tmp_path / "tokenizer.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.write(model_files.tokenizer, TOKENIZER_IN_WHEEL)
    target = tmp_path / "share" / "moonshine-base-en"
    target.mkdir(parents=True)
    (target / "stale.onnx").write_bytes(b"an older version")
    prepare(wheel_model_dir(), wheel, target)
    assert is_current(target)
    assert sorted(p.name for p in target.iterdir()) == sorted(
        p.name for p in model_files.folder.iterdir()
    )
    assert [p.name for p in target.parent.iterdir()] == ["moonshine-base-en"]


def test_a_damaged_model_falls_back_to_pocketsphinx_and_says_why(
    tmp_path: Path, model_files: ModelFiles
) -> None:
    from kiosk.voice.factory import build_pipeline
    from tests.support.paths import CONTENT
    from tests.voice.conftest import FIXTURE_SECTIONS

    copy = tmp_path / "model"
    shutil.copytree(model_files.folder, copy)
    (copy / DECODER).write_bytes(b"not a model")
    pipeline = build_pipeline(FIXTURE_SECTIONS, CONTENT, model_dir=copy)
    assert pipeline.recognizer.name == "pocketsphinx"
    assert "damaged" in pipeline.recognizer_problem
    missing = build_pipeline(FIXTURE_SECTIONS, CONTENT, model_dir=tmp_path / "none")
    assert "has not been prepared" in missing.recognizer_problem
    sound = build_pipeline(FIXTURE_SECTIONS, CONTENT, model_dir=model_files.folder)
    assert (sound.recognizer.name, sound.recognizer_problem) == ("moonshine", "")
