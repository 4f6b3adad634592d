"""Problems found in content files, each naming the file and line."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    path: Path
    line: int  # 1-based; 0 when the problem is about the file or folder as a whole
    message: str
    is_error: bool = True

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else f"{self.path}"
        kind = "error" if self.is_error else "warning"
        return f"{where}: {kind}: {self.message}"


class ContentError(Exception):
    """Content that cannot be served. `problems` lists every error found, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = [p for p in problems if p.is_error]
        super().__init__("\n".join(str(p) for p in self.problems))
