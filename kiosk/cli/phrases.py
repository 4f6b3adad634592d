"""`kiosk phrases`: list every sentence the kiosk accepts, with its command."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from kiosk.commands.phrases import DEFAULT_PHRASES, Phrasebook, PhraseError
from kiosk.content.loader import load_content
from kiosk.content.problems import ContentError


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="kiosk phrases", description=__doc__)
    parser.add_argument("--content", type=Path, default=Path("content"), help="content folder")
    parser.add_argument("--phrases", type=Path, default=DEFAULT_PHRASES, help="phrases file")
    parser.add_argument("--commands", action="store_true", help="show the command of each")
    args = parser.parse_args(argv)
    try:
        sections = load_content(args.content).sections
        phrasebook = Phrasebook.load(args.phrases, sections)
    except (PhraseError, ContentError) as error:
        print(error, file=sys.stderr)
        return 1
    for problem in phrasebook.problems:
        print(problem, file=sys.stderr)
    for phrase in phrasebook.phrases():
        print(f"{phrase.text}\t{phrase.command}" if args.commands else phrase.text)
    return 1 if phrasebook.problems else 0
