"""The phrase templates: expansion, matching, validation."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.commands.command import Command, CommandId
from kiosk.commands.phrases import (
    Phrasebook,
    PhraseError,
    SectionName,
    expand,
    load_templates,
    normalise,
    parse_template,
)

NEAR_MISSES = [
    "I want to go home",
    "next patient please",
    "stop that, Tom",
    "can you help me find the toilet",
    "go back to sleep",
    "what time is the bus",
    "number forty",
    "hello",
    "",
]


def test_every_sample_sentence_maps_back_to_its_command(phrasebook: Phrasebook) -> None:
    for phrase in phrasebook.phrases():
        assert phrasebook.match(phrase.text) == phrase.command


def test_no_sentence_means_two_commands(phrasebook: Phrasebook) -> None:
    assert phrasebook.problems == []


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_unrelated_sentences_and_near_misses_match_nothing(
    phrasebook: Phrasebook, text: str
) -> None:
    assert phrasebook.match(text) is None


@pytest.mark.parametrize(
    ("text", "command"),
    [
        ("four", Command(CommandId.SELECT, 4)),
        ("Number 4", Command(CommandId.SELECT, 4)),
        ("section four", Command(CommandId.SELECT, 4)),
        ("zero", Command(CommandId.SELECT, 0)),
        ("next", Command(CommandId.NEXT)),
        ("down", Command(CommandId.NEXT)),
        ("previous", Command(CommandId.PREVIOUS)),
        ("up", Command(CommandId.PREVIOUS)),
        ("next sentence", Command(CommandId.NEXT_SENTENCE)),
        ("previous sentence", Command(CommandId.PREVIOUS_SENTENCE)),
        ("read", Command(CommandId.READ)),
        ("read all", Command(CommandId.READ)),
        ("Go back", Command(CommandId.BACK)),
        ("take me back", Command(CommandId.BACK)),
        ("home", Command(CommandId.HOME)),
        ("main menu", Command(CommandId.HOME)),
        ("help", Command(CommandId.HELP)),
        ("About this information", Command(CommandId.ABOUT)),
        ("say that again", Command(CommandId.REPEAT)),
        ("repeat", Command(CommandId.REPEAT)),
        ("stop", Command(CommandId.STOP)),
        ("pause", Command(CommandId.PAUSE)),
        ("continue", Command(CommandId.RESUME)),
        ("resume", Command(CommandId.RESUME)),
        ("louder", Command(CommandId.LOUDER)),
        ("softer", Command(CommandId.SOFTER)),
        ("quieter", Command(CommandId.SOFTER)),
        ("faster", Command(CommandId.FASTER)),
        ("slower", Command(CommandId.SLOWER)),
        ("Where am I?", Command(CommandId.WHERE_AM_I)),
        ("goodbye", Command(CommandId.END_SESSION)),
        ("I'm done", Command(CommandId.END_SESSION)),
        ("I\u2019m done", Command(CommandId.END_SESSION)),
        ("yes", Command(CommandId.YES)),
        ("no", Command(CommandId.NO)),
        ("more time", Command(CommandId.MORE_TIME)),
        ("more", Command(CommandId.MORE)),
    ],
)
def test_required_phrases(phrasebook: Phrasebook, text: str, command: Command) -> None:
    assert phrasebook.match(text) == command


def test_every_command_has_a_phrase_or_a_reason() -> None:
    templates = load_templates()
    for command_id in CommandId:
        assert command_id in templates.commands or command_id in templates.not_spoken, command_id


def test_section_titles_and_synonyms_open_their_section() -> None:
    sections = [
        SectionName("risks", "risks", "a.md"),
        SectionName("risks", normalise("Side effects"), "a.md"),
        SectionName("new-one", normalise("A brand-new section"), "b.md"),
    ]
    book = Phrasebook(load_templates(), sections)
    assert book.match("Side effects") == Command(CommandId.OPEN, "risks")
    assert book.match("open risks") == Command(CommandId.OPEN, "risks")
    assert book.match("go to a brand new section") == Command(CommandId.OPEN, "new-one")


def test_real_content_sections_are_phrases(phrasebook: Phrasebook) -> None:
    from tests.support.paths import CONTENT

    try:
        from kiosk.content.loader import load_content

        content = load_content(CONTENT)
    except Exception:
        pytest.skip("content/ is not loadable yet")
    for section in content.sections:
        assert phrasebook.match(section.title) == Command(CommandId.OPEN, section.id)
        for synonym in section.synonyms:
            assert phrasebook.match(synonym) == Command(CommandId.OPEN, section.id)


def test_a_section_name_that_clashes_with_a_command_is_reported() -> None:
    book = Phrasebook(load_templates(), [SectionName("x", "help", "x.md")])
    assert any("help" in problem and "x.md" in problem for problem in book.problems)


def test_template_syntax_expands_alternatives_and_options() -> None:
    sentences = [text for text, _, _ in expand(parse_template("(go | take me) back [please]"), {})]
    assert sorted(sentences) == ["go back", "go back please", "take me back", "take me back please"]


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("(go | back", "not closed"),
        ("go back)", "no matching"),
        ("go | back", "outside brackets"),
        ("(go | ) back", "empty alternative"),
        ("", "empty"),
    ],
)
def test_bad_templates_are_explained(template: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_template(template)


def test_template_file_errors_name_the_file_and_problem(tmp_path: Path) -> None:
    path = tmp_path / "phrases.toml"
    path.write_text(
        '[commands]\nnext = ["(next | down"]\nfly = ["fly"]\nback = ["{nowhere}"]\n'
        'select = ["number"]\n',
        encoding="utf-8",
    )
    with pytest.raises(PhraseError) as caught:
        load_templates(path)
    text = str(caught.value)
    assert str(path) in text
    assert "not closed" in text
    assert "'fly' is not a command id" in text
    assert "unknown list {nowhere}" in text
    assert "needs exactly the list {digit}" in text


def test_broken_toml_is_reported_with_the_file(tmp_path: Path) -> None:
    path = tmp_path / "phrases.toml"
    path.write_text("[commands\n", encoding="utf-8")
    with pytest.raises(PhraseError, match="not valid TOML"):
        load_templates(path)


def test_cli_lists_every_sentence(capsys: pytest.CaptureFixture[str]) -> None:
    from kiosk.cli.phrases import main
    from tests.support.paths import CONTENT

    if not (CONTENT / "sections").is_dir():
        pytest.skip("content/ not there yet")
    assert main(["--content", str(CONTENT)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "number four" in lines and "main menu" in lines
