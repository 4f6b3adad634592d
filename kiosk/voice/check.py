"""`kiosk check` support: phrase words the recognizer cannot pronounce, as plain messages.

No audio imports: the cmudict path is found without loading pocketsphinx's C extension.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from kiosk.commands.phrases import Phrasebook, PhraseError
from kiosk.content.model import Content
from kiosk.voice.lexicon import (
    CONTENT_DICT_NAME,
    PHRASE_DICT,
    check_dictionary,
    unknown_recognizer_words,
)


def cmudict_path() -> Path | None:
    spec = importlib.util.find_spec("pocketsphinx")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "model" / "en-us"
    return path / "cmudict-en-us.dict"


def unknown_recognizer_word_messages(content: Content) -> list[str]:
    """One message per problem: unknown words, bad dictionary lines, clashing phrases."""
    try:
        phrasebook = Phrasebook.load(sections=content.sections)
    except PhraseError as error:
        return list(error.problems)
    content_dict = content.directory / CONTENT_DICT_NAME
    messages = list(phrasebook.problems)
    messages += check_dictionary(content_dict) + check_dictionary(PHRASE_DICT)
    cmudict = cmudict_path()
    if cmudict is None or not cmudict.is_file():
        return [*messages, "the recognizer's dictionary (pocketsphinx) is not installed"]
    for unknown in unknown_recognizer_words(
        phrasebook.phrases(), [cmudict, content_dict, PHRASE_DICT], content_dict=content_dict
    ):
        messages.append(
            f"{unknown.used_in}: the recognizer cannot hear '{unknown.word}': "
            f"add its pronunciation to {unknown.add_to}"
        )
    return messages
