"""`kiosk check [DIR]`: everything a content editor needs to know before a release.

- every content error, naming the file and line (exit status 1 if there is any), the
  kiosk's own wording (kiosk/wording.toml) included, and every warning, such as a wording
  key the folder lacks (the kiosk then says its shipped text);
- the reading grade of each section (warning above grade 8);
- that the source map names only sections that exist;
- words the voice may mispronounce, and words the recognizer cannot pronounce, each with the
  file to add them to.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from kiosk.content.loader import check_content
from kiosk.content.markdown import parse_blocks
from kiosk.content.model import Content, Page
from kiosk.content.paths import KIOSK_DIR, SHIPPED_CONTENT_DIR
from kiosk.content.problems import Problem
from kiosk.content.wording_file import SHIPPED_PATH, WORDING_FILE

MAX_GRADE = 8.0
SOURCE_MAP_SECTION = re.compile(r"`([a-z0-9-]+)`")
PLACEHOLDER = re.compile(r"\{\w+\}")


def reading_grade(page: Page) -> float:
    """Flesch-Kincaid grade of a page's text (textstat 0.7.3: offline syllable counts)."""
    import textstat

    text = " ".join(
        block.text if block.text.rstrip().endswith((".", "!", "?")) else block.text + "."
        for block in parse_blocks(page.body)
    )
    return float(textstat.flesch_kincaid_grade(text))


def check_source_map(path: Path, content: Content) -> list[Problem]:
    """Every section the source map names must exist; every row must name one."""
    problems: list[Problem] = []
    section_ids = {s.id for s in content.sections}
    in_table = False
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if not line.startswith("|"):
            in_table = False
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if cells and cells[0] == "#":
            in_table = True
            continue
        if not in_table or set(cells[0]) <= {"-", ":"}:
            continue
        named = SOURCE_MAP_SECTION.findall(cells[-1])
        if not named:
            problems.append(Problem(path, number, "this row names no section"))
        for section_id in named:
            if section_id not in section_ids:
                problems.append(Problem(path, number, f"no section has the id '{section_id}'"))
    return problems


def pronunciation_warnings(content: Content) -> list[str]:
    from kiosk.speech.lexicon import (
        SPEECH_LEXICON,
        Lexicon,
        likely_mispronounced,
        load_english_words,
        load_lexicon,
    )

    lexicon_path = content.directory / SPEECH_LEXICON
    lexicon = load_lexicon(lexicon_path) if lexicon_path.is_file() else Lexicon()
    known = load_english_words()
    pages = [*content.sections, content.welcome, content.orientation, content.help, content.about]
    words: dict[str, Path] = {}
    for page in pages:
        text = " ".join([page.title, page.summary, page.body])
        for word in likely_mispronounced(text, lexicon, known):
            words.setdefault(word, page.path)
    # The kiosk's own sentences are said too (without the values it fills in).
    wording = content.directory / KIOSK_DIR / WORDING_FILE
    said = " ".join(PLACEHOLDER.sub(" ", text) for text in content.wording.messages().values())
    for word in likely_mispronounced(said, lexicon, known):
        words.setdefault(word, wording if wording.is_file() else SHIPPED_PATH)
    return [
        f"{path}: the voice may mispronounce '{word}': add it to {lexicon_path}"
        for word, path in sorted(words.items())
    ]


def recognizer_warnings(content: Content) -> list[str]:
    try:
        from kiosk.voice.check import unknown_recognizer_word_messages
    except ImportError:
        return []
    return unknown_recognizer_word_messages(content)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="kiosk check", description=__doc__.splitlines()[0])
    parser.add_argument("directory", nargs="?", type=Path, default=SHIPPED_CONTENT_DIR)
    parser.add_argument(
        "--source-map",
        type=Path,
        help="the source map to verify (default: docs/source-map.md beside the content folder)",
    )
    args = parser.parse_args(argv)
    directory: Path = args.directory
    content, problems = check_content(directory)
    source_map = args.source_map or directory.resolve().parent / "docs" / "source-map.md"
    if content is not None and source_map.is_file():
        problems += check_source_map(source_map, content)

    for problem in problems:
        print(problem)
    errors = [p for p in problems if p.is_error]
    if content is None or errors:
        print(
            f"\n{len(errors)} error(s): the kiosk will not show this content until they are fixed."
        )
        return 1

    print(f"{'Section':<40} {'Grade':>6}")
    warnings = sum(not p.is_error for p in problems)
    for page in content.sections:
        grade = reading_grade(page)
        flag = "  <- above grade 8: use shorter sentences and words" if grade > MAX_GRADE else ""
        warnings += bool(flag)
        print(f"{page.path.name:<40} {grade:>6.1f}{flag}")
    advice = pronunciation_warnings(content) + recognizer_warnings(content)
    for line in advice:
        print(f"warning: {line}")
    warnings += len(advice)
    print(f"\n{len(content.sections)} sections, no errors, {warnings} warning(s).")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
