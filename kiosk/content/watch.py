"""Notice when the content folder changes, so edits show without a restart.

A change is loaded and validated first: bad new content (or a folder that vanished) is
rejected with its problems, and the last good content keeps being served.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kiosk.content.loader import check_content
from kiosk.content.model import Content
from kiosk.content.problems import Problem

Signature = tuple[tuple[str, int, int], ...]


def signature(directory: Path) -> Signature:
    """Name, size and modification time of every file under `directory` (empty if none)."""
    try:
        files = sorted(p for p in directory.rglob("*") if p.is_file())
        return tuple((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in files)
    except OSError:
        return ()


@dataclass
class ReloadResult:
    content: Content | None  # new content to show, or None to keep the current one
    problems: list[Problem]  # why it was refused; or, with new content, its warnings


class ContentWatcher:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._seen = signature(directory)

    def poll(self) -> ReloadResult | None:
        """None when nothing changed; otherwise the new content or why it was rejected."""
        current = signature(self.directory)
        if current == self._seen:
            return None
        self._seen = current
        content, problems = check_content(self.directory)
        errors = [p for p in problems if p.is_error]
        if errors or content is None:
            return ReloadResult(None, errors)
        return ReloadResult(content, problems)
