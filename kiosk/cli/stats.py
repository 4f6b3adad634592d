"""`kiosk stats [--config FILE] [--json]`: how much the kiosk is used, for staff.

Reads `usage.json` in the state directory (see kiosk/logs/usage.py) without changing it, and prints
the counts in plain words, with section titles from the content when it can be read.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import TextIO

from kiosk.core.settings import SettingsError, load_settings
from kiosk.logs.usage import (
    EVENT_LABELS,
    SECTION_PREFIX,
    Snapshot,
    UsageFileError,
    read_snapshot,
    usage_path,
)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="kiosk stats", description=__doc__.splitlines()[0])
    parser.add_argument("--config", type=Path, help="configuration file (or $KIOSK_CONFIG)")
    parser.add_argument("--json", action="store_true", help="print the raw counts as JSON")
    args = parser.parse_args(argv)
    out = sys.stdout
    try:
        settings = load_settings(args.config)
    except SettingsError as error:
        sys.stderr.write(f"kiosk stats: the configuration was refused:\n  {error}\n")
        return 2
    path = usage_path(settings.state_dir)
    try:
        snapshot = read_snapshot(path)
    except UsageFileError as error:
        sys.stderr.write(
            f"kiosk stats: the counts file is damaged ({error}).\n"
            "  The kiosk sets it aside and starts counting again by itself.\n"
        )
        return 1
    except OSError as error:
        sys.stderr.write(f"kiosk stats: cannot read {path}: {error.strerror}\n")
        return 1
    if args.json:
        data = (snapshot or Snapshot()).to_json()
        data["file"] = str(path)
        out.write(json.dumps(data, indent=2) + "\n")
        return 0
    if snapshot is None:
        out.write(f"Nothing has been counted yet (no file at {path}).\n")
        return 0
    titles = _section_titles(settings.content_dir)
    write_report(snapshot, titles, out)
    return 0


def write_report(snapshot: Snapshot, titles: dict[str, str], out: TextIO) -> None:
    counts = snapshot.counts
    since, updated = _when(snapshot.since), _when(snapshot.updated)
    out.write(f"Kiosk use since {since} (last saved {updated}).\n\n")
    rows = [(label, counts.get(event, 0)) for event, label in EVENT_LABELS.items()]
    _table(rows, out)
    sections = Counter(
        {
            k.removeprefix(SECTION_PREFIX): v
            for k, v in counts.items()
            if k.startswith(SECTION_PREFIX)
        }
    )
    if sections:
        out.write("\nSections, most opened first:\n")
        _table([(titles.get(s, s), n) for s, n in sections.most_common()], out)
    others = {
        k: v
        for k, v in counts.items()
        if k not in EVENT_LABELS and not k.startswith(SECTION_PREFIX)
    }
    if others:
        out.write("\nOther counts:\n")
        _table(sorted(others.items()), out)


def _table(rows: list[tuple[str, int]], out: TextIO) -> None:
    width = max(len(label) for label, _ in rows)
    for label, number in rows:
        out.write(f"  {label:<{width}}  {number:>8,}\n")


def _when(iso: str) -> str:
    try:
        moment = datetime.fromisoformat(iso).astimezone()  # shown in the kiosk's local time
    except ValueError:
        return "an unknown date"
    return f"{moment.day} {moment:%B %Y, %H:%M}"


def _section_titles(content_dir: Path) -> dict[str, str]:
    """Section id -> title; empty when the content cannot be read (ids are shown instead)."""
    try:
        from kiosk.content.loader import check_content

        content, _ = check_content(content_dir)
    except Exception:  # the numbers matter more than the titles
        return {}
    if content is None:
        return {}
    return {section.id: section.title for section in content.sections}
