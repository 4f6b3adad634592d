"""`kiosk check` and `kiosk run` on broken content: every problem names its file and line, and
the source map may name only sections that exist. (The shipped content and its source map:
test_shipped_content.py.)"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.cli.check import main as check_main

SMALL_MAP = """# Source map

| # | Source sentence | Section |
|---|---|---|
| 1 | Bring a list of your medicines. | `before`, `medicines` |
| 2 | Some tests are done on the same day. | `tests` |
"""


def test_broken_content_fails_with_file_and_line(
    fixture_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    after = fixture_copy / "sections" / "08-after.md"
    after.write_text(after.read_text().replace("title: After your visit\n", ""))
    assert check_main([str(fixture_copy)]) == 1
    assert f"{after}:1: error: the field 'title' is missing or empty" in capsys.readouterr().out


def test_source_map_naming_a_missing_section_fails(
    fixture_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "map.md"
    good.write_text(SMALL_MAP)
    assert check_main([str(fixture_copy), "--source-map", str(good)]) == 0
    capsys.readouterr()
    broken = tmp_path / "broken-map.md"
    broken.write_text(SMALL_MAP.replace("`tests`", "`timings`"))
    assert check_main([str(fixture_copy), "--source-map", str(broken)]) == 1
    assert f"{broken}:6: error: no section has the id 'timings'" in capsys.readouterr().out


def test_kiosk_refuses_bad_content_without_traceback(fixture_copy: Path) -> None:
    (fixture_copy / "sections" / "03-checking-in.md").write_bytes(b"\xff\xfe")
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "run", "--content", str(fixture_copy)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "03-checking-in.md:1: error: is not UTF-8 text" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
