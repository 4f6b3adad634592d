"""Where things are, for every test folder (instead of `Path(__file__).parents[2]` in each)."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CONTENT = REPO / "content"  # the shipped content: only tests about it should read it
FIXTURE = REPO / "tests" / "fixtures" / "content"  # made-up content, built like content/
README = REPO / "README.md"
