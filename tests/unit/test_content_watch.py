"""Content edited, corrupted or removed while the kiosk runs: good edits load, the rest is
rejected and the last good content stays."""

from __future__ import annotations

import shutil
from pathlib import Path

from kiosk.content.watch import ContentWatcher


def test_nothing_changed(content_copy: Path) -> None:
    assert ContentWatcher(content_copy).poll() is None


def test_good_edit_is_loaded(content_copy: Path) -> None:
    watcher = ContentWatcher(content_copy)
    risks = content_copy / "sections" / "08-risks.md"
    risks.write_text(risks.read_text().replace("title: Risks", "title: Possible risks"))
    result = watcher.poll()
    assert result is not None and result.content is not None
    assert result.content.sections[7].title == "Possible risks"
    assert watcher.poll() is None


def test_corrupted_file_is_rejected_with_its_problem(content_copy: Path) -> None:
    watcher = ContentWatcher(content_copy)
    (content_copy / "sections" / "08-risks.md").write_bytes(b"\xff\x00garbage")
    result = watcher.poll()
    assert result is not None and result.content is None
    assert any("08-risks.md:1" in str(p) for p in result.problems)


def test_removed_folder_is_rejected(content_copy: Path) -> None:
    watcher = ContentWatcher(content_copy)
    shutil.rmtree(content_copy)
    result = watcher.poll()
    assert result is not None and result.content is None
    assert "does not exist" in str(result.problems[0])
