"""Loading and validating content: every problem names its file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.content.loader import check_content, load_content
from kiosk.content.problems import ContentError
from tests.support.content import MakeContent, section_text, unreviewed


def errors(directory: Path) -> list[str]:
    _, problems = check_content(directory)
    return [str(p) for p in problems if p.is_error]


def write_section(root: Path, name: str, text: str | bytes) -> Path:
    path = root / "sections" / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_a_made_content_folder_loads(make_content: MakeContent) -> None:
    root = make_content(4)
    content = load_content(root)
    assert [s.order for s in content.sections] == [1, 2, 3, 4]
    assert content.sections[2].title == "Topic 3"
    assert errors(root) == []


def test_sections_sorted_by_order_not_file_name(make_content: MakeContent) -> None:
    root = make_content(2)
    write_section(root, "00-last.md", section_text("last", "Last", 9))
    content = load_content(root)
    assert [s.id for s in content.sections] == ["s1", "s2", "last"]


def test_missing_directory() -> None:
    problems = errors(Path("/nonexistent/content"))
    assert problems == ["/nonexistent/content: error: the content folder does not exist"]


def test_empty_directory(tmp_path: Path) -> None:
    (tmp_path / "sections").mkdir()
    problems = errors(tmp_path)
    assert any("no sections found" in p for p in problems)
    assert any("kiosk page 'welcome' is missing" in p for p in problems)


def test_missing_front_matter(make_content: MakeContent) -> None:
    root = make_content(1)
    path = write_section(root, "02.md", "Just text.\n")
    assert f"{path}:1: error: the file must start with a line '---' (front matter)" in errors(root)


def test_unclosed_front_matter(make_content: MakeContent) -> None:
    root = make_content(1)
    path = write_section(root, "02.md", "---\nid: x\ntitle: X\n")
    assert f"{path}:1: error: the front matter is not closed by a line '---'" in errors(root)


def test_missing_title_names_the_line(make_content: MakeContent) -> None:
    root = make_content(1)
    path = write_section(root, "02.md", "---\nid: two\norder: 2\nsummary: S.\n---\nText.\n")
    assert f"{path}:1: error: the field 'title' is missing or empty" in errors(root)


def test_bad_front_matter_line_and_unknown_field(make_content: MakeContent) -> None:
    root = make_content(1)
    text = section_text("two", "Two", 2, extra="colour: blue\nthis line has no colon\n")
    path = write_section(root, "02.md", text)
    found = errors(root)
    assert any(p.startswith(f"{path}:6: error: unknown field 'colour'") for p in found)
    assert any(p.startswith(f"{path}:7: error: expected 'key: value'") for p in found)


def test_duplicate_field(make_content: MakeContent) -> None:
    root = make_content(1)
    path = write_section(root, "02.md", section_text("two", "Two", 2, extra="title: Again\n"))
    assert f"{path}:6: error: 'title' is given twice (first on line 3)" in errors(root)


def test_duplicate_id_and_order(make_content: MakeContent) -> None:
    root = make_content(2)
    path = write_section(root, "03.md", section_text("s1", "Copy", 2))
    found = errors(root)
    assert any(p.startswith(f"{path}:1: error: id 's1' is already used by") for p in found)
    assert any(p.startswith(f"{path}:1: error: order 2 is already used by") for p in found)


def test_bad_order_and_id(make_content: MakeContent) -> None:
    root = make_content(1)
    path = write_section(root, "02.md", section_text("Bad ID", "Two", 0))
    found = errors(root)
    assert any(p.startswith(f"{path}:2: error: id 'Bad ID' may use only") for p in found)
    assert any(p.startswith(f"{path}:4: error: order must be a whole number") for p in found)


def test_empty_section(make_content: MakeContent) -> None:
    root = make_content(1)
    path = write_section(root, "02.md", section_text("two", "Two", 2, body="\n\n"))
    assert any(p.startswith(f"{path}:") and "has no text" in p for p in errors(root))


def test_binary_garbage(make_content: MakeContent) -> None:
    root = make_content(1)
    path = write_section(root, "02.md", b"---\nid: two\n\xff\xfe\x00garbage\n")
    assert any(p.startswith(f"{path}:3: error: is not UTF-8 text") for p in errors(root))


def test_terminal_control_characters(make_content: MakeContent) -> None:
    root = make_content(1)
    body = "Fine line.\nA line with \x1b[31mred\x1b[0m text."
    path = write_section(root, "02.md", section_text("two", "Two", 2, body=body))
    assert f"{path}:8: error: contains a control character (U+001B); remove it" in errors(root)


def test_links_to_missing_sections_and_the_web(make_content: MakeContent) -> None:
    root = make_content(1)
    body = "See [one](#s1).\nSee [nothing](#nowhere).\nVisit [us](https://example.org)."
    path = write_section(root, "02.md", section_text("two", "Two", 2, body=body))
    found = errors(root)
    assert f"{path}:8: error: link to a section that does not exist: '#nowhere'" in found
    assert any(p.startswith(f"{path}:9: error: link to 'https://example.org'") for p in found)
    assert not any(":7:" in p for p in found)


def test_bad_synonym(make_content: MakeContent) -> None:
    root = make_content(1)
    text = section_text("two", "Two", 2, extra="synonyms: fine words, bad-1\n")
    path = write_section(root, "02.md", text)
    assert any(p.startswith(f"{path}:6: error: synonym 'bad-1'") for p in errors(root))


def test_about_fields_only_in_about(make_content: MakeContent) -> None:
    root = make_content(1)
    path = write_section(root, "02.md", section_text("two", "Two", 2, extra="reviewed_by: Me\n"))
    assert any(p.startswith(f"{path}:6: error: unknown field 'reviewed_by'") for p in errors(root))


def test_load_content_raises_with_every_problem(make_content: MakeContent) -> None:
    root = make_content(1)
    write_section(root, "02.md", "no front matter")
    write_section(root, "03.md", b"\xff")
    with pytest.raises(ContentError) as raised:
        load_content(root)
    assert len(raised.value.problems) == 2


def test_review_fields(fixture_copy: Path) -> None:
    content = unreviewed(fixture_copy)
    assert not load_content(content).review.is_reviewed
    about = content / "kiosk" / "about.md"
    about.write_text(
        about.read_text().replace(
            "---\n", "---\nreviewed_by: Dr Jane Doe\nreviewed_on: 2026-11-01\n", 1
        )
    )
    review = load_content(content).review
    assert review.is_reviewed
    assert review.reviewed_by == "Dr Jane Doe"
    assert review.reviewed_on == "2026-11-01"
