"""The kiosk's own wording: every sentence it shows or says that is not section content.

One file, `kiosk/wording.toml` in the content folder, beside the kiosk's own pages, so a
clinician or translator reviews them in one place. It is loaded and checked with the rest of
the content (`kiosk.content.loader`), reloaded with it, and reported by `kiosk check`.

- One table per group (`[status]`, `[lists]`, ...), one key per message; each key is a typed
  attribute here (`wording.voice.unavailable`), so uses are easy to find and mypy checks them.
- A message the code fills in names its values in braces (`"There are {count} topics."`),
  filled with `str.format`. Each key declares the values the code supplies; a text must use
  every one of them (a value left out would leave the patient without the number or key it
  is about) and no other (the code has no value for it).
- The shipped file, `content/kiosk/wording.toml` in the checkout, is complete: it is the
  default. A content folder without the file, or without a key, gets the shipped text for it,
  with a warning naming the file and key. Where the content folder is the shipped one there
  is nothing to fall back on, so a missing key is an error there.
- Everything else is an error naming the file and line, and the kiosk keeps serving the last
  good content: broken TOML, an unknown group or key, a value that is not text or is empty,
  a stray brace, a value in braces the code does not supply or a supplied one left out.

This module is the typed wording (`[commands]` and `[key_names]`, which the key map looks
up by command id and key name, are in `kiosk.content.wording_commands`);
`kiosk.content.wording_file` reads and checks the file.
Pure: no Textual, no audio.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from functools import lru_cache
from typing import Any, get_type_hints

from kiosk.content.wording_commands import CommandWording, KeyNameWording
from kiosk.content.wording_commands import message_field as _text


@dataclass(frozen=True)
class ScreenWording:
    disclaimer: str = _text()
    short_disclaimer: str = _text()
    welcome_hint: str = _text()
    too_small: str = _text()
    too_small_short: str = _text()


@dataclass(frozen=True)
class HintWording:
    help: str = _text()
    back: str = _text()
    open: str = _text()
    read: str = _text()
    about: str = _text()
    louder: str = _text()
    softer: str = _text()
    next_sentence: str = _text()
    next_section: str = _text()
    then: str = _text("keys", "key")


@dataclass(frozen=True)
class ListWording:
    title: str = _text()
    page: str = _text("page", "pages")
    count: str = _text("count")
    prompt: str = _text()
    choosing_words: str = _text()
    more_pages: str = _text()
    more_below_one: str = _text()
    more_below: str = _text("count")
    choose: str = _text()
    choice: str = _text("title", "number", "count")
    back_on_list: str = _text("title", "choice", "prompt")
    first_screen: str = _text("prompt")
    no_such_topic: str = _text()
    no_topic_number: str = _text("number", "count", "prompt")
    last_topic: str = _text()
    first_topic: str = _text()
    end_of_page: str = _text()
    top_of_page: str = _text()
    end_of_list: str = _text()
    top_of_list: str = _text()
    no_more_topics: str = _text()


@dataclass(frozen=True)
class SectionWording:
    position: str = _text("number", "count")
    position_sentence: str = _text("position")
    next: str = _text("title")
    last: str = _text()
    at_last: str = _text()
    at_first: str = _text()
    not_reviewed: str = _text()


@dataclass(frozen=True)
class WelcomeWording:
    wake_phrase: str = _text("wake_phrase")


@dataclass(frozen=True)
class HelpWording:
    keys: str = _text()
    more_options: str = _text()
    options_first: str = _text("key")


@dataclass(frozen=True)
class AboutWording:
    source: str = _text("source")
    reviewed: str = _text("reviewed_by", "reviewed_on")
    next_review: str = _text("next_review")


@dataclass(frozen=True)
class WhereWording:
    """What "where am I?" says."""

    orientation: str = _text("title", "topics", "prompt", "help_key")
    orientation_pages: str = _text("title", "topics", "position", "prompt", "help_key")
    list: str = _text("title", "choice", "prompt")
    sentence: str = _text("number", "count")
    section: str = _text("title", "position", "sentence")
    page: str = _text("title", "sentence")


@dataclass(frozen=True)
class SpeechControlWording:
    louder: str = _text("level")
    softer: str = _text("level")
    loudest: str = _text()
    softest: str = _text()
    faster: str = _text("level", "steps")
    slower: str = _text("level", "steps")
    fastest: str = _text()
    slowest: str = _text()


@dataclass(frozen=True)
class SessionWording:
    still_there: str = _text()
    welcome_prompt: str = _text()
    cleaning: str = _text()
    more_time: str = _text()
    no_question: str = _text()


@dataclass(frozen=True)
class KeyWording:
    not_used: str = _text("key")
    for_help: str = _text("help_key")
    help_key: str = _text()
    options: str = _text("keys")
    option: str = _text("keys", "what")
    either_key: str = _text("keys", "key")
    then: str = _text("keys", "key")
    describe: str = _text()


@dataclass(frozen=True)
class PrivacyWording:
    screen_off: str = _text()
    turn_it_on: str = _text("keys")
    screen_on: str = _text()


@dataclass(frozen=True)
class StatusWording:
    speech_unavailable: str = _text()


@dataclass(frozen=True)
class VoiceWording:
    unavailable: str = _text()
    listening: str = _text()
    not_understood: str = _text("help_key")
    not_understood_noisy: str = _text("help_key")
    nothing_heard: str = _text("talk_key")
    talk_again: str = _text("talk_key")
    talk_key: str = _text()
    limited: str = _text()
    limited_status: str = _text()


@dataclass(frozen=True)
class StaffWording:
    title: str = _text()
    pin: str = _text()
    turned_off: str = _text()
    locked: str = _text()
    cleaning: str = _text("cleaning_key")
    back: str = _text("back_key")
    wrong_pin: str = _text("back_key")
    locked_out: str = _text("back_key")


@dataclass(frozen=True)
class Wording:
    """Every message, by group: `wording.<group>.<key>`, as in the file."""

    screen: ScreenWording
    hints: HintWording
    lists: ListWording
    section: SectionWording
    welcome: WelcomeWording
    help: HelpWording
    about: AboutWording
    where: WhereWording
    speech_controls: SpeechControlWording
    session: SessionWording
    keys: KeyWording
    commands: CommandWording  # kiosk.content.wording_commands
    key_names: KeyNameWording
    privacy: PrivacyWording
    status: StatusWording
    voice: VoiceWording
    staff: StaffWording

    def mentions_choosing(self, text: str) -> bool:
        """Whether `text` tells the patient to choose a topic by its number (it has the
        words `lists.choosing_words`): wherever it is said or shown, the topics must be on
        screen with it."""
        return _choosing_pattern(self.lists.choosing_words).search(text) is not None

    def messages(self) -> dict[str, str]:
        """Every message by "group.key", in the file's order."""
        return {
            f"{group}.{f.name}": getattr(getattr(self, group), f.name)
            for group, kind in _groups().items()
            for f in fields(kind)
        }

    def more_below(self, hidden: int) -> str:
        """What a list shows, and may say, when `hidden` of its topics are below the screen."""
        if hidden <= 0:
            return ""
        return (
            self.lists.more_below_one if hidden == 1 else self.lists.more_below.format(count=hidden)
        )


def _groups() -> dict[str, type[Any]]:
    hints = get_type_hints(Wording)
    return {f.name: hints[f.name] for f in fields(Wording)}


GROUPS = _groups()


@lru_cache(maxsize=8)
def _choosing_pattern(words: str) -> re.Pattern[str]:
    spaced = r"\s+".join(re.escape(word) for word in words.split())
    return re.compile(rf"(?<!\w){spaced}(?!\w)", re.IGNORECASE)
