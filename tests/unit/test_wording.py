"""The kiosk's own wording (content/kiosk/wording.toml): loading, checking, falling back to
the shipped text, placeholders, `kiosk check`, and reloading."""

from __future__ import annotations

import os
import re
import shutil
import tomllib
from collections.abc import Callable
from dataclasses import fields
from pathlib import Path

import pytest

from kiosk.cli.check import main as check_main
from kiosk.commands.keymap import KeyMap
from kiosk.content.loader import check_content, load_content
from kiosk.content.problems import ContentError
from kiosk.content.watch import ContentWatcher
from kiosk.content.wording import GROUPS
from kiosk.content.wording_file import SHIPPED_PATH, load_shipped, parse_wording, shipped_wording
from kiosk.core.views import help_view, list_view, section_view

MakeContent = Callable[[int], Path]


def wording_path(root: Path) -> Path:
    return root / "kiosk" / "wording.toml"


@pytest.fixture
def make_content(make_content: MakeContent) -> MakeContent:
    """Content with a copy of the shipped wording file, for the tests to edit."""

    def build(count: int = 3) -> Path:
        root = make_content(count)
        shutil.copyfile(SHIPPED_PATH, wording_path(root))
        return root

    return build


def edit(root: Path, old: str, new: str) -> Path:
    path = wording_path(root)
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), "utf-8")
    return path


def line_of(path: Path, start: str) -> int:
    lines = path.read_text("utf-8").splitlines()
    return next(n for n, line in enumerate(lines, start=1) if line.startswith(start))


def problems(root: Path) -> list[str]:
    _, found = check_content(root)
    return [str(p) for p in found]


# ----- the shipped file ------------------------------------------------------------------


def test_the_shipped_file_is_complete_and_valid() -> None:
    wording, found = load_shipped()
    assert found == [] and wording is not None
    data = tomllib.loads(SHIPPED_PATH.read_text("utf-8"))
    expected = {group: {f.name for f in fields(kind)} for group, kind in GROUPS.items()}
    assert {group: set(table) for group, table in data.items()} == expected


def test_every_shipped_message_takes_exactly_the_values_the_kiosk_fills_in() -> None:
    wording = shipped_wording()
    for group, kind in GROUPS.items():
        for f in fields(kind):
            text = getattr(getattr(wording, group), f.name)
            names = set(re.findall(r"\{(\w+)\}", text))
            assert names == set(f.metadata["placeholders"]), f"{group}.{f.name}"
            filled = text.format(**dict.fromkeys(names, "X"))
            assert "{" not in filled and filled.strip()


def test_the_shipped_content_has_the_shipped_wording(content_dir: Path) -> None:
    content = load_content(content_dir)
    assert content.wording == shipped_wording()
    assert problems(content_dir) == []


def test_the_three_voice_unavailable_sentences_are_one() -> None:
    # The status line, and what is said when voice commands stop or a talk key finds them off.
    assert shipped_wording().voice.unavailable == "Voice commands unavailable: please use the keys."


# ----- falling back to the shipped text --------------------------------------------------


def test_a_missing_key_takes_the_shipped_text_with_a_warning(make_content: MakeContent) -> None:
    root = make_content(2)
    path = edit(root, 'prompt = "Press a number to choose one."\n', "")
    content, found = check_content(root)
    assert content is not None
    assert content.wording.lists.prompt == "Press a number to choose one."
    (warning,) = found
    assert not warning.is_error
    assert str(warning).startswith(f"{path}:{line_of(path, '[lists]')}: warning: 'prompt'")
    assert "[lists]" in warning.message and "shipped text" in warning.message


def test_a_folder_without_the_file_gets_the_shipped_wording(make_content: MakeContent) -> None:
    root = make_content(2)
    wording_path(root).unlink()
    content, found = check_content(root)
    assert content is not None and content.wording == shipped_wording()
    assert [str(p) for p in found] == [
        f"{wording_path(root)}: warning: there is no wording file here: the kiosk says its "
        f"shipped text ({SHIPPED_PATH})"
    ]


def test_a_missing_key_is_an_error_where_there_is_nothing_to_fall_back_on(tmp_path: Path) -> None:
    path = tmp_path / "wording.toml"
    text = SHIPPED_PATH.read_text("utf-8").replace('title = "Staff only"\n', "")
    wording, found = parse_wording(path, text, None)
    assert wording is None
    assert [str(p) for p in found] == [
        f"{path}:{text.splitlines().index('[staff]') + 1}: error: 'title' is missing from [staff]"
    ]


# ----- errors, each with its file and line -----------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "message", "at"),
    [
        ('back = "back"', 'bakc = "back"', "unknown key 'bakc' in [hints]", ""),
        (
            'too_small = "The screen is too small for the text."',
            "too_small = 3",
            "double quotes",
            "",
        ),
        ('last = "End of the last section."', 'last = " "', "'last' is empty", ""),
        (
            "There are {count} topics.",
            "There are {number} topics.",
            "uses {number}, which",
            "count =",
        ),
        (
            "There are {count} topics.",
            "There are many topics.",
            "'count' must keep {count}",
            "count =",
        ),
        ("There are {count} topics.", "There are {count:>3} topics.", "uses {count:>3}", "count ="),
        ("Page {page} of {pages}", "Page {page} of {pages", "has a single { or }", "page ="),
        (
            'choose = "Press a number to choose a topic."',
            'choose = "Pick a topic."',
            "'choose' in [lists] must have the words of 'choosing_words' ('press a number')",
            "",
        ),
        # The groups the key map says: what each command does, how each key is said.
        ('where_am_i = "where am I"', 'where_am_i = ""', "'where_am_i' is empty", ""),
        (
            'describe_key = "describe the next key you press"',
            'describe_key = "describe {key}"',
            "uses {key}, which the kiosk does not fill in (it fills in: none)",
            "",
        ),
        ('full_stop = "dot"', 'fullstop = "dot"', "unknown key 'fullstop' in [key_names]", ""),
    ],
)
def test_a_wrong_value_is_an_error_on_its_line(
    make_content: MakeContent, old: str, new: str, message: str, at: str
) -> None:
    root = make_content(2)
    path = edit(root, old, new)
    line = line_of(path, at or new.split("=")[0])
    errors = [p for p in problems(root) if ": error: " in p]
    assert len(errors) == 1, errors
    assert message in errors[0]
    assert errors[0].startswith(f"{path}:{line}: error: ")
    with pytest.raises(ContentError):
        load_content(root)


def test_a_line_of_the_group_with_its_error(make_content: MakeContent) -> None:
    root = make_content(2)
    path = edit(root, "[status]", "[statuses]")
    found = problems(root)
    assert f"{path}:{line_of(path, '[statuses]')}: error: unknown group 'statuses'" in found[0]


def test_broken_toml_names_the_file_and_line(make_content: MakeContent) -> None:
    root = make_content(2)
    path = edit(root, 'title = "Topics"', 'title = "Topics')
    (problem,) = problems(root)
    line = line_of(path, 'title = "Topics')
    assert problem.startswith(f"{path}:{line}: error: ")
    assert "is not valid TOML" in problem


def test_kiosk_check_reports_a_broken_wording_file(
    make_content: MakeContent, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_content(2)
    path = edit(root, 'help = "help"', "help = help")
    assert check_main([str(root)]) == 1
    output = capsys.readouterr().out
    assert f"{path}:{line_of(path, 'help = help')}: error: is not valid TOML" in output


def test_kiosk_check_counts_a_wording_warning(
    make_content: MakeContent, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_content(2)
    assert check_main([str(root)]) == 0
    before = int(re.findall(r"no errors, (\d+) warning", capsys.readouterr().out)[0])
    edit(root, 'more_options = "More options"\n', "")
    assert check_main([str(root)]) == 0
    output = capsys.readouterr().out
    assert "warning: 'more_options' is missing from [help]" in output
    assert f"no errors, {before + 1} warning(s)" in output


def test_kiosk_check_reports_the_command_and_key_name_groups(
    make_content: MakeContent, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_content(2)
    path = edit(root, 'asterisk = "star"\n', "")
    assert check_main([str(root)]) == 0
    output = capsys.readouterr().out
    line = line_of(path, "[key_names]")
    assert (
        f"{path}:{line}: warning: 'asterisk' is missing from [key_names]: the kiosk says its "
        "shipped text, 'star'"
    ) in output
    edit(root, 'page_down = "scroll down"', "page_down = scroll down")
    assert check_main([str(root)]) == 1
    output = capsys.readouterr().out
    line = line_of(path, "page_down = scroll down")
    assert f"{path}:{line}: error: is not valid TOML" in output


# ----- the code says the content's wording -----------------------------------------------


def test_the_views_say_the_content_wording(make_content: MakeContent) -> None:
    root = make_content(2)
    edit(root, 'count = "There are {count} topics."', 'count = "{count} topics here."')
    edit(root, 'next = "End of this section. Next: {title}."', 'next = "Next up: {title}."')
    content = load_content(root)
    keymap = KeyMap.default()
    home = list_view(content, keymap, page=0, orientation=False)
    assert home.blocks[1].text.startswith("2 topics here. Press a number")
    assert section_view(content, keymap, "s1").blocks[-1].text == "Next up: Topic 2."
    assert home.wording is content.wording


def test_the_help_page_and_describe_key_say_the_content_wording(
    make_content: MakeContent,
) -> None:
    from kiosk.commands.command import Command, CommandId
    from kiosk.commands.keymap import KeyContext
    from kiosk.commands.keystate import KeyLayer
    from kiosk.core.key_input import KeyInput

    root = make_content(2)
    edit(root, 'stop = "stop speaking"', 'stop = "quiet, please"')
    edit(root, 'asterisk = "star"', 'asterisk = "the star key"')
    content = load_content(root)
    keymap = KeyMap.default()
    shown = [b.text for b in help_view(content, keymap, KeyContext.READING).blocks]
    assert "the star key or S: quiet, please." in shown
    assert "the star key: pause or continue reading." in shown  # its second job
    keys = KeyInput(keymap, wording=lambda: content.wording)
    keys.layer = KeyLayer.DESCRIBE
    assert keys.command_for("asterisk", KeyContext.READING) == "the star key: quiet, please."
    assert "the star key: pause or continue reading." in keys.arm_options()
    assert keys.keypad_keys(Command(CommandId.STOP), KeyContext.READING) == "the star key"


def test_the_joining_words_and_the_key_line_are_the_wording(make_content: MakeContent) -> None:
    from kiosk.commands.command import Command, CommandId
    from kiosk.commands.keymap import KeyContext
    from kiosk.commands.keystate import KeyLayer
    from kiosk.core.key_input import KeyInput

    root = make_content(2)
    edit(root, 'option = "{keys}: {what}."', 'option = "{keys} - {what}!"')
    edit(root, 'either_key = "{keys} or {key}"', 'either_key = "{keys}/{key}"')
    edit(root, 'then = "{keys} then {key}"', 'then = "{keys}, and then {key}"')
    edit(root, 'position_sentence = "{position}."', 'position_sentence = "({position})"')
    content = load_content(root)
    keymap = KeyMap.default()
    shown = [b.text for b in help_view(content, keymap, KeyContext.READING).blocks]
    assert "star/S - stop speaking!" in shown
    assert "slash - more options: the next key does its second job!" in shown
    keys = KeyInput(keymap, wording=lambda: content.wording)
    keys.layer = KeyLayer.DESCRIBE
    assert keys.command_for("plus", KeyContext.READING) == "plus - louder!"
    privacy = keys.keypad_keys(Command(CommandId.PRIVACY), KeyContext.READING)
    assert privacy == "slash, and then 9"
    assert section_view(content, keymap, "s1").blocks[1].text == "(Section 1 of 2)"


def test_the_choosing_words_are_the_wording(make_content: MakeContent) -> None:
    root = make_content(2)
    path = edit(root, 'choosing_words = "press a number"', 'choosing_words = "type a number"')
    # The prompts that tell the patient to choose must have the words.
    assert [p for p in problems(root) if "must have the words" in p] == [
        f"{path}:{line_of(path, key)}: error: '{key}' in [lists] must have the words of "
        "'choosing_words' ('type a number'), so the topics stay on screen with it"
        for key in ("prompt", "choose")
    ]
    edit(root, 'prompt = "Press a number to choose one."', 'prompt = "Type a number to pick."')
    edit(root, "Press a number to choose a topic.", "Type a number to choose a topic.")
    wording = load_content(root).wording
    assert wording.mentions_choosing("Type  a number to pick.")
    assert not wording.mentions_choosing("Press a number to choose one.")
    assert shipped_wording().mentions_choosing("Press a number to choose one.")


def test_a_reload_changes_a_message(make_content: MakeContent) -> None:
    root = make_content(2)
    watcher = ContentWatcher(root)
    path = edit(root, 'title = "Topics"', 'title = "All topics"')
    os.utime(path, ns=(1, 1))  # a new signature even within the clock's resolution
    result = watcher.poll()
    assert result is not None and result.content is not None
    view = list_view(result.content, KeyMap.default(), page=0, orientation=False)
    assert view.title == "All topics"


def test_a_broken_reload_keeps_the_last_good_wording(make_content: MakeContent) -> None:
    root = make_content(2)
    watcher = ContentWatcher(root)
    edit(root, 'title = "Topics"', 'title = "Topics')
    result = watcher.poll()
    assert result is not None and result.content is None
    assert "is not valid TOML" in str(result.problems[0])


def test_kiosk_check_lists_a_wording_word_the_voice_may_mispronounce(
    make_content: MakeContent, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_content(2)
    path = edit(root, 'title = "Topics"', 'title = "Zorblaxian topics"')
    assert check_main([str(root)]) == 0
    output = capsys.readouterr().out
    assert re.search(
        rf"{re.escape(str(path))}: the voice may mispronounce '(?i:zorblaxian)'", output
    )


def test_the_controller_says_the_wording_of_the_content_it_has(make_content: MakeContent) -> None:
    from kiosk.commands.command import Command, CommandId
    from kiosk.core.controller import Controller
    from kiosk.speech.fakes import RecordingSpeaker
    from tests.support.clocks import FakeClock
    from tests.support.display import RecordingDisplay

    root = make_content(2)
    content = load_content(root)
    speaker, display = RecordingSpeaker(), RecordingDisplay()
    controller = Controller(content, KeyMap.default(), speaker, display, clock=FakeClock(step=1.0))
    controller.handle_key("x")  # the session starts
    controller.handle(Command(CommandId.OPEN, "nowhere"))
    assert speaker.spoken[-1][1] == ("Sorry, there is no such topic.",)
    edit(root, "Sorry, there is no such topic.", "That topic is not here.")
    edit(root, 'not_used = "{key}: that key is not used here."', 'not_used = "{key} does nothing."')
    controller.replace_content(load_content(root))
    controller.handle(Command(CommandId.OPEN, "nowhere"))
    assert speaker.spoken[-1][1] == ("That topic is not here.",)
    controller.handle_key("x")
    assert speaker.spoken[-1][1][0].startswith("X does nothing. Press 0 for help.")
