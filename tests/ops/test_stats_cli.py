"""`kiosk stats`: the counts in plain words, or as JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk.cli.stats import main
from kiosk.logs.usage import UsageCounts, usage_path
from tests.support.paths import FIXTURE


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(f'state_dir = "state"\ncontent_dir = "{FIXTURE}"\n')
    return path


def count(config: Path, **events: int) -> Path:
    path = usage_path(config.parent / "state")
    counts = UsageCounts(path)
    for event, n in events.items():
        counts.add(event.replace("__", ":").replace("_dash_", "-"), n)
    assert counts.flush()
    return path


def test_plain_words(config: Path, capsys: pytest.CaptureFixture[str]) -> None:
    count(config, sessions=12, keys=340, section__after=5, section__getting_dash_here=9)
    assert main(["--config", str(config)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Kiosk use since ")
    assert "Sessions (someone started using the kiosk)" in out
    lines = {" ".join(line.split()[:-1]): line.split()[-1] for line in out.splitlines() if line}
    assert lines["Sessions (someone started using the kiosk)"] == "12"
    assert lines["Keys pressed"] == "340"
    assert lines["Voice commands not understood"] == "0"
    # sections by title (from the content: the fixture's), most opened first
    assert out.index("Getting here") < out.index("After your visit")
    assert "getting-here" not in out


def test_json(config: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = count(config, sessions=3)
    assert main(["--config", str(config), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["counts"] == {"sessions": 3}
    assert data["file"] == str(path)


def test_nothing_counted_yet(config: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--config", str(config)]) == 0
    assert "Nothing has been counted yet" in capsys.readouterr().out


def test_damaged_file_is_reported_and_left_alone(
    config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = usage_path(config.parent / "state")
    path.parent.mkdir()
    path.write_text("{oops")
    assert main(["--config", str(config)]) == 1
    assert "damaged" in capsys.readouterr().err
    assert path.read_text() == "{oops"


def test_bad_configuration(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("colour = 3\n")
    assert main(["--config", str(bad)]) == 2
    assert "unknown setting 'colour'" in capsys.readouterr().err
