"""What one check found: passed or failed, in plain words, and what to do about a failure."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Result:
    ok: bool
    message: str
    advice: str = ""
