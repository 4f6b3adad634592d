"""The log: written to the file, rotated, and never a byte on the screen (fds 1 and 2)."""

from __future__ import annotations

import errno
import logging
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.logs import kiosk_log as logs
from kiosk.logs.kiosk_log import setup_logging
from tests.support.paths import README


@pytest.fixture(autouse=True)
def restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in list(root.handlers):
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)
    logging.captureWarnings(False)
    logging.raiseExceptions = True


def ours() -> logging.Handler:
    found = [h for h in logging.getLogger().handlers if getattr(h, "_kiosk_handler", False)]
    assert len(found) == 1
    return found[0]


def test_logs_go_to_the_file(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    log_path = tmp_path / "state" / "kiosk.log"
    setup_logging(log_path)
    setup_logging(log_path)  # twice: still one handler
    logging.getLogger("kiosk.test").info("section opened: %s", "risks")
    warnings.warn("a library complains", UserWarning, stacklevel=1)
    ours().flush()
    text = log_path.read_text("utf-8")
    assert "INFO kiosk.test: section opened: risks" in text
    assert "a library complains" in text
    assert capfd.readouterr() == ("", "")


def test_rotates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(logs, "MAX_BYTES", 500)
    log_path = tmp_path / "kiosk.log"
    setup_logging(log_path)
    for number in range(100):
        logging.getLogger("kiosk.test").info("event %d", number)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert "kiosk.log.1" in names and len(names) <= 1 + logs.BACKUP_COUNT


def test_an_unwritable_log_folder_prints_nothing(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    setup_logging(blocker / "kiosk.log")  # the folder cannot exist: a file is in the way
    assert isinstance(ours(), logging.NullHandler)
    logging.getLogger("kiosk.test").error("this goes nowhere")
    assert capfd.readouterr() == ("", "")


def test_a_full_disk_prints_nothing(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    setup_logging(tmp_path / "kiosk.log")
    handler = ours()
    assert isinstance(handler, logging.StreamHandler)

    class FullDisk:
        def write(self, text: str) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

        def flush(self) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

        def seek(self, *args: object) -> int:
            return 0

        def tell(self) -> int:
            return 0

        def close(self) -> None:
            pass

    real_stream = handler.stream
    handler.stream = FullDisk()
    try:
        logging.getLogger("kiosk.test").error("disk is full")
    finally:
        handler.stream = real_stream
    assert capfd.readouterr() == ("", "")


def test_the_readme_lists_every_file_the_kiosk_writes_with_its_bound() -> None:
    from kiosk.core.settings import Settings
    from kiosk.logs import bounded_file as bounded_log
    from kiosk.logs import usage

    readme = README.read_text("utf-8")
    section = readme.split("\n### Logs\n", 1)[1].split("\n### ", 1)[0]
    rows = {
        line.split("|")[1].strip(): line.split("|")[3].strip()
        for line in section.splitlines()
        if line.startswith("| `")
    }
    settings = Settings()
    expected = {
        settings.log_path.name: (logs.MAX_BYTES, logs.BACKUP_COUNT),
        settings.speech_log_path.name: (bounded_log.MAX_BYTES, bounded_log.BACKUPS),
        settings.voice_log_path.name: (bounded_log.MAX_BYTES, bounded_log.BACKUPS),
    }
    for name, (size, backups) in expected.items():
        row = next(key for key in rows if key.startswith(f"`{name}`"))
        assert row == f"`{name}`, `{name}.1` .. `.{backups}`"
        megabytes = size // 1_000_000
        assert rows[row] == (
            f"rotated at {megabytes} MB, {backups} old files kept: "
            f"at most {(backups + 1) * megabytes} MB"
        )
    assert f"`{usage.USAGE_FILE}`" in rows
    assert rows[f"`{usage.USAGE_FILE}.<time>.corrupt`"] == f"the newest {usage.KEEP_SET_ASIDE} kept"
    assert f"`.{usage.USAGE_FILE}.<random>.tmp`" in rows
