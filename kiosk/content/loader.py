"""Load and validate a content directory.

    content/
      sections/*.md   one file per section, shown in `order`
      kiosk/*.md      the kiosk's own pages: welcome, orientation, help, about
      kiosk/wording.toml  the kiosk's own sentences (kiosk.content.wording); where it or
                      a key is missing, the shipped text, with a warning

Every problem names its file and line. `load_content` raises `ContentError` listing all of
them, so the kiosk can refuse bad content (or keep serving the last good one) with a clear
message instead of a traceback.
"""

from __future__ import annotations

import re
from pathlib import Path

from kiosk.content.frontmatter import ParsedFile, parse_front_matter
from kiosk.content.markdown import find_links
from kiosk.content.model import Content, Page
from kiosk.content.paths import KIOSK_DIR, SECTIONS_DIR
from kiosk.content.problems import ContentError, Problem
from kiosk.content.wording import Wording
from kiosk.content.wording_file import SHIPPED_PATH, WORDING_FILE, load_shipped, parse_wording

KIOSK_PAGES = ("welcome", "orientation", "help", "about")
REQUIRED_FIELDS = ("id", "title", "summary")
SECTION_FIELDS = frozenset({"id", "title", "order", "summary", "synonyms"})
PAGE_FIELDS = frozenset({"id", "title", "summary"})
ABOUT_FIELDS = PAGE_FIELDS | {"source", "reviewed_by", "reviewed_on", "next_review"}
MAX_SECTIONS = 99

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SYNONYM_PATTERN = re.compile(r"^[A-Za-z' ]+$")
# C0 controls but tab and newline, DEL, and C1 controls: these could drive the terminal.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x80-\x9f]")


def load_content(directory: Path) -> Content:
    """Load `directory`; raise `ContentError` naming every problem if it cannot be served."""
    content, problems = check_content(directory)
    if content is None or any(p.is_error for p in problems):
        raise ContentError(problems)
    return content


def check_content(directory: Path) -> tuple[Content | None, list[Problem]]:
    """Validate `directory`; return the content (None when unusable) and all problems."""
    problems: list[Problem] = []
    if not directory.is_dir():
        return None, [Problem(directory, 0, "the content folder does not exist")]
    section_files = sorted((directory / SECTIONS_DIR).glob("*.md"))
    if not section_files:
        problems.append(
            Problem(directory / SECTIONS_DIR, 0, "no sections found (expected *.md files here)")
        )

    sections: list[Page] = []
    for path in section_files:
        page = _load_page(path, SECTION_FIELDS, problems, needs_order=True)
        if page is not None:
            sections.append(page)

    pages: dict[str, Page] = {}
    for name in KIOSK_PAGES:
        path = directory / KIOSK_DIR / f"{name}.md"
        if not path.is_file():
            problems.append(Problem(path, 0, f"the kiosk page '{name}' is missing"))
            continue
        allowed = ABOUT_FIELDS if name == "about" else PAGE_FIELDS
        page = _load_page(path, allowed, problems, needs_order=False)
        if page is None:
            continue
        if page.id != name:
            problems.append(Problem(path, 1, f"this page's id must be '{name}', not '{page.id}'"))
        pages[name] = page

    _check_unique(sections, list(pages.values()), problems)
    if len(sections) > MAX_SECTIONS:
        problems.append(Problem(directory / SECTIONS_DIR, 0, f"more than {MAX_SECTIONS} sections"))
    _check_links(sections + list(pages.values()), {s.id for s in sections}, problems)
    wording = _load_wording(directory / KIOSK_DIR / WORDING_FILE, problems)

    if any(p.is_error for p in problems) or len(pages) != len(KIOSK_PAGES) or wording is None:
        return None, problems
    content = Content(
        sections=tuple(sorted(sections, key=lambda s: s.order)),
        welcome=pages["welcome"],
        orientation=pages["orientation"],
        help=pages["help"],
        about=pages["about"],
        directory=directory,
        wording=wording,
    )
    return content, problems


def _load_wording(path: Path, problems: list[Problem]) -> Wording | None:
    """The content folder's wording; a key it lacks, or the whole file, is the shipped one's.
    The shipped folder's own file has nothing to fall back on: it must be complete."""
    shipped, shipped_problems = load_shipped()
    if not path.is_file():
        if shipped is None:
            problems.append(Problem(path, 0, "the kiosk's wording file is missing"))
            problems.extend(shipped_problems)
            return None
        problems.append(
            Problem(
                path,
                0,
                f"there is no wording file here: the kiosk says its shipped text ({SHIPPED_PATH})",
                is_error=False,
            )
        )
        return shipped
    text = _read_text(path, problems)
    if text is None:
        return None
    is_shipped = path.resolve() == SHIPPED_PATH.resolve()
    wording, found = parse_wording(path, text, None if is_shipped else shipped)
    problems.extend(found)
    return wording


def _read_text(path: Path, problems: list[Problem]) -> str | None:
    try:
        raw = path.read_bytes()
    except OSError as error:
        problems.append(Problem(path, 0, f"cannot be read: {error.strerror}"))
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        problems.append(
            Problem(path, line, f"is not UTF-8 text (byte 0x{raw[error.start]:02x}); save as UTF-8")
        )
        return None
    for number, line_text in enumerate(text.splitlines(), start=1):
        match = CONTROL_CHARACTERS.search(line_text.replace("\r", ""))
        if match:
            problems.append(
                Problem(
                    path,
                    number,
                    f"contains a control character (U+{ord(match.group()):04X}); remove it",
                )
            )
    return text.lstrip("\ufeff")


def _load_page(
    path: Path, allowed: frozenset[str], problems: list[Problem], *, needs_order: bool
) -> Page | None:
    text = _read_text(path, problems)
    if text is None:
        return None
    parsed, parse_problems = parse_front_matter(path, text)
    problems.extend(parse_problems)
    if parsed is None:
        return None
    before = len(problems)
    for key, line in parsed.field_lines.items():
        if key not in allowed:
            problems.append(
                Problem(
                    path,
                    line,
                    f"unknown field '{key}' (allowed here: {', '.join(sorted(allowed))})",
                )
            )
    required = (*REQUIRED_FIELDS, "order") if needs_order else REQUIRED_FIELDS
    for key in required:
        if not parsed.fields.get(key):
            line = parsed.field_lines.get(key, 1)
            problems.append(Problem(path, line, f"the field '{key}' is missing or empty"))
    page_id = parsed.fields.get("id", "")
    if page_id and not ID_PATTERN.match(page_id):
        problems.append(
            Problem(
                path,
                parsed.field_lines["id"],
                f"id '{page_id}' may use only lowercase letters, digits and single hyphens",
            )
        )
    order = _parse_order(path, parsed, problems) if needs_order else 0
    synonyms = _parse_synonyms(path, parsed, problems)
    if not parsed.body.strip():
        problems.append(Problem(path, parsed.body_line, "the page has no text"))
    if len(problems) > before:
        return None
    extra = {k: v for k, v in parsed.fields.items() if k not in SECTION_FIELDS}
    return Page(
        id=page_id,
        title=parsed.fields["title"],
        summary=parsed.fields["summary"],
        body=parsed.body,
        path=path,
        body_line=parsed.body_line,
        order=order,
        synonyms=synonyms,
        extra=extra,
    )


def _parse_order(path: Path, parsed: ParsedFile, problems: list[Problem]) -> int:
    raw = parsed.fields.get("order", "")
    if not raw:
        return 0
    if not raw.isdigit() or int(raw) < 1:
        problems.append(
            Problem(
                path,
                parsed.field_lines["order"],
                f"order must be a whole number from 1, not {raw!r}",
            )
        )
        return 0
    return int(raw)


def _parse_synonyms(path: Path, parsed: ParsedFile, problems: list[Problem]) -> tuple[str, ...]:
    raw = parsed.fields.get("synonyms", "")
    synonyms = tuple(s.strip() for s in raw.split(",") if s.strip())
    for synonym in synonyms:
        if not SYNONYM_PATTERN.match(synonym):
            problems.append(
                Problem(
                    path,
                    parsed.field_lines["synonyms"],
                    f"synonym {synonym!r} may use only letters, spaces and apostrophes",
                )
            )
    return synonyms


def _check_unique(sections: list[Page], pages: list[Page], problems: list[Problem]) -> None:
    seen_ids: dict[str, Path] = {}
    for page in [*sections, *pages]:
        if page.id in seen_ids:
            problems.append(
                Problem(page.path, 1, f"id '{page.id}' is already used by {seen_ids[page.id]}")
            )
        else:
            seen_ids[page.id] = page.path
    seen_orders: dict[int, Path] = {}
    for section in sections:
        if section.order in seen_orders:
            problems.append(
                Problem(
                    section.path,
                    1,
                    f"order {section.order} is already used by {seen_orders[section.order]}",
                )
            )
        else:
            seen_orders[section.order] = section.path


def _check_links(pages: list[Page], section_ids: set[str], problems: list[Problem]) -> None:
    for page in pages:
        for link in find_links(page.body):
            line = page.body_line + link.line - 1
            if not link.target.startswith("#"):
                problems.append(
                    Problem(
                        page.path,
                        line,
                        f"link to {link.target!r}: a kiosk cannot open web links; "
                        "link to a section as (#section-id) or write the address as text",
                    )
                )
            elif link.target[1:] not in section_ids:
                problems.append(
                    Problem(
                        page.path, line, f"link to a section that does not exist: {link.target!r}"
                    )
                )
