"""The shipped content (content/) and its sources: it loads and passes `kiosk check`, its
labels are voice phrases, and the source map (docs/source-map.md) covers the source document
(docs/source.txt). A clinician's edit of content/ may fail here, and only here: the other unit
tests build their own content (`make_content`) or use the fixture content."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kiosk.cli.check import main as check_main
from kiosk.content.loader import check_content, load_content
from kiosk.content.sentences import split_sentences
from tests.support.paths import CONTENT, REPO
from tests.unit.test_visible_labels import check_labels_are_phrases

SOURCE = REPO / "docs" / "source.txt"
SOURCE_MAP = REPO / "docs" / "source-map.md"
SHARED_SEED = REPO.parent / "shared" / "seeds" / "000_eb9828b868f597b8.txt"


def test_shipped_content_loads() -> None:
    content = load_content(CONTENT)
    assert [s.order for s in content.sections] == list(range(1, 10))
    assert content.sections[7].title == "Risks"
    _, problems = check_content(CONTENT)
    assert [str(p) for p in problems if p.is_error] == []


def test_shipped_content_passes_check(capsys: pytest.CaptureFixture[str]) -> None:
    assert check_main([str(CONTENT)]) == 0
    output = capsys.readouterr().out
    assert "no errors" in output
    grades = [float(g) for g in re.findall(r"\.md\s+(\d+\.\d)", output)]
    assert len(grades) == 9
    assert max(grades) <= 8.0


def test_the_shipped_labels_are_phrases() -> None:
    """The visible label of anything on screen is a valid voice phrase (WCAG 2.5.3), so a
    clinician's new title or synonym that no phrase reaches fails here."""
    check_labels_are_phrases(load_content(CONTENT))


def test_the_source_map_is_checked_against_the_shipped_sections(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "map.md"
    broken.write_text(SOURCE_MAP.read_text().replace("`timing`", "`timings`", 1))
    assert check_main([str(CONTENT), "--source-map", str(broken)]) == 1
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
    text = " ".join(p.read_text() for p in (CONTENT / "sections").glob("*.md"))
    for figure in ["75%", "eight weeks", "vertebroplasty", "kyphoplasty", "osteoporosis",
                   "balloon", "cement", "hollow needle", "infection", "allergic",
                   "numbness or tingling", "steroid", "tumor", "thoracic", "lumbar"]:  # fmt: skip
        assert figure.lower() in text.lower(), figure
