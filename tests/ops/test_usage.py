"""Usage counts: counting, merging, damaged files, and a full or unusable disk."""

from __future__ import annotations

import errno
import json
import os
import tempfile
import time
from pathlib import Path
from typing import cast

import pytest

from kiosk.logs import usage
from kiosk.logs.usage import UsageCounts, read_snapshot, usage_path


def saved(path: Path) -> dict[str, int]:
    counts: dict[str, int] = json.loads(path.read_text("utf-8"))["counts"]
    return counts


def test_add_and_flush_write_json(tmp_path: Path) -> None:
    path = usage_path(tmp_path / "state")  # the folder is created on the first write
    counts = UsageCounts(path)
    counts.add("sessions")
    counts.add("keys", 5)
    counts.add("section:risks")
    assert counts.counts() == {"sessions": 1, "keys": 5, "section:risks": 1}
    assert not path.exists()  # nothing written until a flush
    assert counts.flush()
    data = json.loads(path.read_text("utf-8"))
    assert data["counts"] == {"keys": 5, "section:risks": 1, "sessions": 1}
    assert data["since"] and data["updated"] and data["version"] == 1
    assert counts.unsaved == 0
    assert [p.name for p in path.parent.iterdir()] == ["usage.json"]  # no temporary left over


def test_counts_merge_with_the_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "usage.json"
    first = UsageCounts(path)
    first.add("sessions", 2)
    first.flush()
    since = json.loads(path.read_text("utf-8"))["since"]
    second = UsageCounts(path)  # the kiosk restarted
    assert second.counts()["sessions"] == 2
    second.add("sessions")
    second.add("resets")
    first.add("keys", 3)  # an older instance flushing later must not lose anything
    second.flush()
    first.flush()
    assert saved(path) == {"sessions": 3, "resets": 1, "keys": 3}
    assert json.loads(path.read_text("utf-8"))["since"] == since


def test_flushes_by_itself_every_so_often(tmp_path: Path) -> None:
    now = [0.0]
    path = tmp_path / "usage.json"
    counts = UsageCounts(path, flush_every=60, clock=lambda: now[0])
    counts.add("keys")
    assert not path.exists()
    now[0] = 61.0
    counts.add("keys")
    assert saved(path) == {"keys": 2}


@pytest.mark.parametrize("text", ["{not json", '{"counts": {"keys": -1}}', "[]", "\xff\xfe"])
def test_a_damaged_file_is_set_aside(
    tmp_path: Path, text: str, capfd: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "usage.json"
    path.write_text(text, "latin-1")
    counts = UsageCounts(path)
    assert counts.counts() == {}
    aside = list(tmp_path.glob("usage.json.*.corrupt"))
    assert len(aside) == 1 and aside[0].read_text("latin-1") == text
    counts.add("sessions")
    assert counts.flush()
    assert saved(path) == {"sessions": 1}
    assert capfd.readouterr() == ("", "")


def test_only_the_newest_damaged_files_are_kept(tmp_path: Path) -> None:
    """A counts file damaged again and again (a failing disk) must not fill the folder."""
    older = [tmp_path / f"usage.json.2020010{day}T000000Z.corrupt" for day in range(1, 6)]
    for path in older:
        path.write_text("damaged long ago")
    (tmp_path / "usage.json").write_text("{not json")
    UsageCounts(tmp_path / "usage.json")
    kept = sorted(p.name for p in tmp_path.glob("usage.json.*.corrupt"))
    assert len(kept) == usage.KEEP_SET_ASIDE
    assert kept[:-1] == [p.name for p in older[-usage.KEEP_SET_ASIDE + 1 :]]
    assert (tmp_path / kept[-1]).read_text() == "{not json"  # the one just set aside


def test_a_temporary_left_by_a_power_cut_is_removed(tmp_path: Path) -> None:
    stale, fresh = tmp_path / ".usage.json.k2j4.tmp", tmp_path / ".usage.json.x9z1.tmp"
    for path in (stale, fresh):
        path.write_text('{"counts": {}}')
    an_hour_ago = time.time() - 3600
    os.utime(stale, (an_hour_ago, an_hour_ago))
    UsageCounts(tmp_path / "usage.json")
    assert not stale.exists()
    assert fresh.exists()  # it may be another kiosk process saving right now


def test_names_that_are_not_event_names_are_dropped(tmp_path: Path) -> None:
    counts = UsageCounts(tmp_path / "usage.json")
    for bad in ("open risks please", "section:Risks", "", "keys\n", "x" * 200, 3):
        counts.add(cast(str, bad))  # 3: a caller's wrong type, dropped too
    counts.add("keys", -2)
    counts.add("keys", True)  # bool is not a count
    assert counts.counts() == {}


def test_full_disk_keeps_counting_in_memory_and_retries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "usage.json"
    counts = UsageCounts(path)
    counts.add("sessions")
    assert counts.flush()

    def no_space(*args: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "replace", no_space)
    counts.add("keys", 4)
    assert counts.flush() is False  # reported, not raised
    counts.add("keys")
    assert counts.flush() is False
    assert counts.counts() == {"sessions": 1, "keys": 5}
    assert saved(path) == {"sessions": 1}  # the old file is intact
    assert [p.name for p in tmp_path.iterdir()] == ["usage.json"]  # temporaries removed
    monkeypatch.undo()  # space again
    assert counts.flush()
    assert saved(path) == {"sessions": 1, "keys": 5}
    assert capfd.readouterr() == ("", "")


def test_an_unusable_folder_never_raises(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    counts = UsageCounts(blocker / "usage.json")  # its "folder" is a file
    counts.add("sessions")
    assert counts.flush() is False
    assert counts.counts() == {"sessions": 1}
    directory_in_the_way = tmp_path / "usage.json"
    directory_in_the_way.mkdir()  # cannot even be read
    other = UsageCounts(directory_in_the_way)
    other.add("keys")
    assert other.flush() is False
    assert capfd.readouterr() == ("", "")


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write a read-only folder")
def test_a_read_only_folder_never_raises(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "usage.json"
    UsageCounts(path).flush()
    tmp_path.chmod(0o500)
    try:
        counts = UsageCounts(path)
        counts.add("sessions")
        assert counts.flush() is False
    finally:
        tmp_path.chmod(0o700)
    assert counts.flush()
    assert capfd.readouterr() == ("", "")


def test_read_snapshot_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "usage.json"
    assert read_snapshot(path) is None
    path.write_text("{broken")
    with pytest.raises(usage.UsageFileError):
        read_snapshot(path)
    assert path.read_text() == "{broken"


def test_a_read_only_file_system_never_raises(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    # The chmod test above cannot run as root; this one simulates what `mount -o ro` does.
    def read_only(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(tempfile, "mkstemp", read_only)
    counts = UsageCounts(tmp_path / "usage.json")
    counts.add("sessions")
    assert counts.flush() is False
    assert counts.counts() == {"sessions": 1}
    assert capfd.readouterr() == ("", "")
