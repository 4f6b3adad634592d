"""The content model: sections a patient navigates, the kiosk's own pages and its wording.

Pure data, no Textual and no audio. Built by `kiosk.content.loader.load_content`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kiosk.content.wording import Wording


@dataclass(frozen=True)
class Page:
    """One Markdown file with front matter: a section or one of the kiosk's own pages."""

    id: str
    title: str
    summary: str
    body: str
    path: Path
    body_line: int  # 1-based line in `path` where the body starts (for error messages)
    order: int = 0
    synonyms: tuple[str, ...] = ()
    extra: dict[str, str] = field(default_factory=dict)  # about.md's source and review fields


@dataclass(frozen=True)
class Review:
    """Who reviewed the content for this clinic, and when. Empty until staff fill it in."""

    source: str = ""
    reviewed_by: str = ""
    reviewed_on: str = ""
    next_review: str = ""

    @property
    def is_reviewed(self) -> bool:
        return bool(self.reviewed_by and self.reviewed_on)


@dataclass(frozen=True)
class Content:
    """Everything the kiosk shows: the sections in menu order, its own pages, and its own
    sentences (prompts, status lines, announcements: `kiosk/wording.toml`)."""

    sections: tuple[Page, ...]
    welcome: Page
    orientation: Page
    help: Page
    about: Page
    directory: Path
    wording: Wording

    @property
    def review(self) -> Review:
        return Review(
            source=self.about.extra.get("source", ""),
            reviewed_by=self.about.extra.get("reviewed_by", ""),
            reviewed_on=self.about.extra.get("reviewed_on", ""),
            next_review=self.about.extra.get("next_review", ""),
        )

    def section(self, section_id: str) -> Page | None:
        return next((s for s in self.sections if s.id == section_id), None)

    def index_of(self, section_id: str) -> int:
        """0-based position of a section in menu order; -1 when there is none."""
        return next((i for i, s in enumerate(self.sections) if s.id == section_id), -1)
