"""Front matter: a deliberately small `key: value` format a nurse can edit without surprises.

    ---
    id: risks
    title: Risks
    ---
    Body in Markdown...

Flat keys only (no nesting, no quoting rules), so every mistake can be reported with its line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kiosk.content.problems import Problem

FENCE = "---"


@dataclass(frozen=True)
class ParsedFile:
    fields: dict[str, str]
    field_lines: dict[str, int]
    body: str
    body_line: int


def parse_front_matter(path: Path, text: str) -> tuple[ParsedFile | None, list[Problem]]:
    """Split `text` into front matter fields and body; report every malformed line."""
    lines = text.splitlines()
    if not lines or lines[0].strip() != FENCE:
        return None, [Problem(path, 1, f"the file must start with a line '{FENCE}' (front matter)")]
    try:
        closing = next(i for i in range(1, len(lines)) if lines[i].strip() == FENCE)
    except StopIteration:
        return None, [Problem(path, 1, f"the front matter is not closed by a line '{FENCE}'")]

    problems: list[Problem] = []
    fields: dict[str, str] = {}
    field_lines: dict[str, int] = {}
    for index in range(1, closing):
        line_number = index + 1
        line = lines[index]
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, colon, value = line.partition(":")
        key = key.strip()
        if not colon or not key:
            problems.append(Problem(path, line_number, f"expected 'key: value', found {line!r}"))
            continue
        if key in fields:
            problems.append(
                Problem(
                    path,
                    line_number,
                    f"'{key}' is given twice (first on line {field_lines[key]})",
                )
            )
            continue
        fields[key] = value.strip()
        field_lines[key] = line_number

    # The body starts at its first non-blank line, so body line numbers are exact.
    start = closing + 1
    while start < len(lines) and not lines[start].strip():
        start += 1
    body = "\n".join(lines[start:]).rstrip()
    body_line = start + 1
    return ParsedFile(fields, field_lines, body, body_line), problems
