"""Content edited, corrupted or removed while the kiosk runs: good edits load, the rest is
rejected and the last good content stays."""

from __future__ import annotations

import shutil
from pathlib import Path

from kiosk.content.watch import ContentWatcher


def test_nothing_changed(fixture_copy: Path) -> None:
    assert ContentWatcher(fixture_copy).poll() is None


def test_good_edit_is_loaded(fixture_copy: Path) -> None:
    watcher = ContentWatcher(fixture_copy)
    after = fixture_copy / "sections" / "08-after.md"
    after.write_text(after.read_text().replace("title: After your visit", "title: Going home"))
    result = watcher.poll()
    assert result is not None and result.content is not None
    assert result.content.sections[7].title == "Going home"
    assert watcher.poll() is None


def test_corrupted_file_is_rejected_with_its_problem(fixture_copy: Path) -> None:
    watcher = ContentWatcher(fixture_copy)
    (fixture_copy / "sections" / "08-after.md").write_bytes(b"\xff\x00garbage")
    result = watcher.poll()
    assert result is not None and result.content is None
    assert any("08-after.md:1" in str(p) for p in result.problems)


def test_removed_folder_is_rejected(fixture_copy: Path) -> None:
    watcher = ContentWatcher(fixture_copy)
    shutil.rmtree(fixture_copy)
    result = watcher.poll()
    assert result is not None and result.content is None
    assert "does not exist" in str(result.problems[0])
