"""Reading and checking a wording file (`kiosk/wording.toml`), and the shipped one.

What the file holds and the rules it must keep: `kiosk.content.wording`. Every problem names
the file and line, like the rest of the content's (`kiosk.content.problems`).
"""

from __future__ import annotations

import re
import string
import tomllib
from dataclasses import fields
from functools import lru_cache
from pathlib import Path
from typing import Any, cast

from kiosk.content.paths import KIOSK_DIR, SHIPPED_CONTENT_DIR
from kiosk.content.problems import Problem
from kiosk.content.wording import GROUPS, Wording

WORDING_FILE = "wording.toml"  # in the content folder's kiosk/ folder (KIOSK_DIR)
SHIPPED_PATH = SHIPPED_CONTENT_DIR / KIOSK_DIR / WORDING_FILE
# The [lists] texts that tell the patient to choose a topic by its number.
CHOOSING_PROMPTS = ("prompt", "choose")

_TABLE_LINE = re.compile(r"^\s*\[\s*([A-Za-z0-9_-]+)\s*\]")
_KEY_LINE = re.compile(r"^\s*(?:([A-Za-z0-9_-]+)\s*\.\s*)?([A-Za-z0-9_-]+)\s*=")
_TOML_WHERE = re.compile(r"\s*\(at line (\d+), column \d+\)")


def _line_numbers(text: str) -> dict[str, int]:
    """The line of each table ("group") and key ("group.key"), for the problems' messages.
    tomllib reports none; the file's simple shape (tables of `key = "text"`) is enough."""
    lines: dict[str, int] = {}
    table = ""
    in_multiline = False
    for number, line in enumerate(text.splitlines(), start=1):
        quotes = line.count('"""') + line.count("'''")
        if in_multiline:
            in_multiline = quotes % 2 == 0
            continue
        if match := _TABLE_LINE.match(line):
            table = match.group(1)
            lines.setdefault(table, number)
        elif match := _KEY_LINE.match(line):
            group = match.group(1) or table
            lines.setdefault(f"{group}.{match.group(2)}" if group else match.group(2), number)
            lines.setdefault(group, number)
        in_multiline = quotes % 2 == 1
    return lines


def parse_wording(
    path: Path, text: str, fallback: Wording | None
) -> tuple[Wording | None, list[Problem]]:
    """Read a wording file's `text`; a missing key takes `fallback`'s text, with a warning
    (an error when `fallback` is None). None when the file has an error."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        where = _TOML_WHERE.search(message)
        line = int(where.group(1)) if where else 0
        reason = _TOML_WHERE.sub("", message)
        advice = 'each line is name = "text", with the text in double quotes'
        return None, [Problem(path, line, f"is not valid TOML ({reason}): {advice}")]

    lines = _line_numbers(text)
    problems: list[Problem] = []
    values: dict[str, dict[str, str]] = {}
    for group, table in data.items():
        line = lines.get(group, 0)
        if group not in GROUPS:
            known = ", ".join(f"[{name}]" for name in GROUPS)
            problems.append(Problem(path, line, f"unknown group '{group}' (known: {known})"))
            continue
        if not isinstance(table, dict):
            problems.append(Problem(path, line, f"'{group}' must be a group: write [{group}]"))
            continue
        values[group] = {}
        for key, value in table.items():
            problem = _check_value(path, lines, group, key, value)
            if problem is not None:
                problems.append(problem)
            else:
                values[group][key] = value

    groups: dict[str, Any] = {}
    for group, kind in GROUPS.items():
        texts: dict[str, str] = {}
        written = data.get(group)
        for f in fields(kind):
            if f.name in values.get(group, {}):
                texts[f.name] = values[group][f.name]
            elif isinstance(written, dict) and f.name in written:
                texts[f.name] = ""  # there but wrong: already reported
            else:
                texts[f.name] = _missing(path, lines, group, f.name, fallback, problems)
        groups[group] = kind(**texts)
    wording = Wording(**groups)
    _check_choosing(path, lines, wording, values, problems)
    if any(p.is_error for p in problems):
        return None, problems
    return wording, problems


def _check_value(
    path: Path, lines: dict[str, int], group: str, key: str, value: object
) -> Problem | None:
    line = lines.get(f"{group}.{key}", lines.get(group, 0))
    declared = {f.name: tuple(f.metadata["placeholders"]) for f in fields(GROUPS[group])}
    if key not in declared:
        known = ", ".join(declared)
        return Problem(path, line, f"unknown key '{key}' in [{group}] (known here: {known})")
    if not isinstance(value, str):
        return Problem(path, line, f"'{key}' must be text in double quotes")
    if not value.strip():
        return Problem(path, line, f"'{key}' is empty")
    supplied = declared[key]
    try:
        parts = list(string.Formatter().parse(value))
    except ValueError:
        return Problem(
            path, line, f"'{key}' has a single {{ or }}: write {{{{ or }}}} to show a brace"
        )
    used: set[str] = set()
    for _, name, spec, conversion in parts:
        if name is None:
            continue
        if name not in supplied or spec or conversion:
            offered = ", ".join(f"{{{p}}}" for p in supplied) or "none"
            shown = (
                "{"
                + name
                + (f"!{conversion}" if conversion else "")
                + (f":{spec}" if spec else "")
                + "}"
            )
            return Problem(
                path,
                line,
                f"'{key}' uses {shown}, which the kiosk does not fill in (it fills in: {offered})",
            )
        used.add(name)
    left_out = [p for p in supplied if p not in used]
    if left_out:
        names = ", ".join(f"{{{p}}}" for p in left_out)
        return Problem(path, line, f"'{key}' must keep {names}: the kiosk fills in the value")
    return None


def _missing(
    path: Path,
    lines: dict[str, int],
    group: str,
    key: str,
    fallback: Wording | None,
    problems: list[Problem],
) -> str:
    line = lines.get(group, 0)
    if fallback is None:
        problems.append(Problem(path, line, f"'{key}' is missing from [{group}]"))
        return ""
    shipped = cast(str, getattr(getattr(fallback, group), key))
    problems.append(
        Problem(
            path,
            line,
            f"'{key}' is missing from [{group}]: the kiosk says its shipped text, {shipped!r}",
            is_error=False,
        )
    )
    return shipped


def _check_choosing(
    path: Path,
    lines: dict[str, int],
    wording: Wording,
    values: dict[str, dict[str, str]],
    problems: list[Problem],
) -> None:
    """The list's prompts must have the words that keep the topics on screen with them."""
    lists = values.get("lists", {})
    if not wording.lists.choosing_words:
        return  # missing and already reported
    for key in CHOOSING_PROMPTS:
        text = getattr(wording.lists, key)
        if key not in lists and "choosing_words" not in lists:
            continue  # both shipped
        if text and not wording.mentions_choosing(text):
            line = lines.get(f"lists.{key}", lines.get("lists.choosing_words", 0))
            problems.append(
                Problem(
                    path,
                    line,
                    f"'{key}' in [lists] must have the words of 'choosing_words' "
                    f"({wording.lists.choosing_words!r}), so the topics stay on screen with it",
                )
            )


# ----- the shipped wording ---------------------------------------------------------------


def load_shipped() -> tuple[Wording | None, list[Problem]]:
    """The shipped file, complete (no fallback); re-read only when it changes."""
    try:
        stat = SHIPPED_PATH.stat()
    except OSError:
        return None, [Problem(SHIPPED_PATH, 0, "the kiosk's shipped wording file is missing")]
    return _load_shipped((stat.st_mtime_ns, stat.st_size))


@lru_cache(maxsize=1)
def _load_shipped(_signature: tuple[int, int]) -> tuple[Wording | None, list[Problem]]:
    # `_signature` (modification time and size) only keys the cache.
    try:
        text = SHIPPED_PATH.read_text("utf-8").lstrip("\ufeff")
    except (OSError, UnicodeDecodeError) as error:
        return None, [Problem(SHIPPED_PATH, 0, f"cannot be read: {error}")]
    return parse_wording(SHIPPED_PATH, text, None)


def shipped_wording() -> Wording:
    """The shipped wording, for code that has no content at hand: the settings' check, made
    before any content is loaded, and the screen before its first page (every other caller
    hands in the content's wording). Should the shipped file be broken, every text is
    empty: content that needs the shipped text is then refused by the loader, naming the
    file's problems, so none is ever shown."""
    wording, _ = load_shipped()
    if wording is not None:
        return wording
    return Wording(
        **{
            group: kind(**dict.fromkeys((f.name for f in fields(kind)), ""))
            for group, kind in GROUPS.items()
        }
    )
