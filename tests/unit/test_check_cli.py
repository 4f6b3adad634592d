"""`kiosk check` on the shipped content and on broken content; the source map's coverage."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.cli.check import main as check_main
from kiosk.content.sentences import split_sentences

REPO = Path(__file__).resolve().parents[2]
SOURCE = REPO / "docs" / "source.txt"
SOURCE_MAP = REPO / "docs" / "source-map.md"
SHARED_SEED = REPO.parent / "shared" / "seeds" / "000_eb9828b868f597b8.txt"


def test_shipped_content_passes_check(capsys: pytest.CaptureFixture[str]) -> None:
    assert check_main([str(REPO / "content")]) == 0
    output = capsys.readouterr().out
    assert "no errors" in output
    grades = [float(g) for g in re.findall(r"\.md\s+(\d+\.\d)", output)]
    assert len(grades) == 9
    assert max(grades) <= 8.0


def test_broken_content_fails_with_file_and_line(
    content_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    risks = content_copy / "sections" / "08-risks.md"
    risks.write_text(risks.read_text().replace("title: Risks\n", ""))
    assert check_main([str(content_copy), "--source-map", str(SOURCE_MAP)]) == 1
    assert f"{risks}:1: error: the field 'title' is missing or empty" in capsys.readouterr().out


def test_source_map_naming_a_missing_section_fails(
    content_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "map.md"
    broken.write_text(SOURCE_MAP.read_text().replace("`timing`", "`timings`", 1))
    assert check_main([str(content_copy), "--source-map", str(broken)]) == 1
    assert "no section has the id 'timings'" in capsys.readouterr().out


def source_sentences() -> list[str]:
    sentences = []
    for line in SOURCE.read_text("utf-8").splitlines():
        line = line.strip().lstrip("\u2022").strip()
        if line:
            sentences += split_sentences(line)
    return sentences


def test_source_map_covers_every_sentence_of_the_source() -> None:
    table = SOURCE_MAP.read_text("utf-8")
    rows = [line for line in table.splitlines() if re.match(r"^\| \d+ \|", line)]
    mapped = " ".join(row.split("|")[2] for row in rows)
    missing = [s for s in source_sentences() if s.replace("|", "/") not in mapped]
    assert not missing


def test_bundled_source_is_the_seed() -> None:
    if not SHARED_SEED.exists():
        pytest.skip("the shared seed folder is not beside this checkout")
    assert SOURCE.read_bytes() == SHARED_SEED.read_bytes()


def test_key_figures_of_the_source_are_in_the_content() -> None:
    text = " ".join(p.read_text() for p in (REPO / "content" / "sections").glob("*.md"))
    for figure in ["75%", "eight weeks", "vertebroplasty", "kyphoplasty", "osteoporosis",
                   "balloon", "cement", "hollow needle", "infection", "allergic",
                   "numbness or tingling", "steroid", "tumor", "thoracic", "lumbar"]:  # fmt: skip
        assert figure.lower() in text.lower(), figure


def test_kiosk_refuses_bad_content_without_traceback(content_copy: Path) -> None:
    (content_copy / "sections" / "03-vertebroplasty.md").write_bytes(b"\xff\xfe")
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "run", "--content", str(content_copy)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "03-vertebroplasty.md:1: error: is not UTF-8 text" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
