"""Pocketsphinx as a referee between two wordings of one utterance: which fits the sound better?

Moonshine writes words, and a word it has not heard in context it may write confidently wrong
("Free." for three, "Garden" for pardon). Pocketsphinx hears phones: aligned to the audio, the
kiosk's phrase and Moonshine's own transcript each get an acoustic score, and the better one
is the referee's answer. Each alignment is a grammar of one sentence, about 10 ms for a short
command on two cores (the whole command grammar, with its chatter words, takes 0.2 to 0.5 s).
The features are normalised over the utterance itself (batch CMN), so an answer does not
depend on what was heard before.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pocketsphinx

from kiosk.commands.phrases import normalise
from kiosk.voice.recognizer import DECODER_OPTIONS, add_words, log_score

REFEREE_OPTIONS = {**DECODER_OPTIONS, "cmn": "batch"}


class Referee:
    name = "pocketsphinx"

    def __init__(self, dictionaries: Sequence[Path] = ()) -> None:
        self.decoder = pocketsphinx.Decoder(**REFEREE_OPTIONS)
        add_words(self.decoder, dictionaries)
        self._searches = 0

    def prefers(self, pcm: bytes, phrase: str, rival: str) -> bool:
        """Does `phrase` fit this 16 kHz audio better than `rival`? False when either has a
        word pocketsphinx cannot pronounce: no opinion is not agreement."""
        words = [normalise(text).split() for text in (phrase, rival)]
        known = all(self.decoder.lookup_word(word) is not None for said in words for word in said)
        if not all(words) or not known:
            return False
        phrase_score, rival_score = (self._score(pcm, " ".join(w)) for w in words)
        return phrase_score > rival_score

    def _score(self, pcm: bytes, sentence: str) -> float:
        """The acoustic log score of the audio aligned to exactly this sentence."""
        self._searches += 1
        name = f"referee{self._searches}"
        grammar = f"#JSGF V1.0;\ngrammar {name};\npublic <top> = ( {sentence} ) ;\n"
        self.decoder.add_jsgf_string(name, grammar)
        self.decoder.activate_search(name)
        if self._searches > 1:
            self.decoder.remove_search(f"referee{self._searches - 1}")
        self.decoder.start_utt()
        self.decoder.process_raw(pcm, False, True)
        self.decoder.end_utt()
        hyp = self.decoder.hyp()
        return log_score(hyp.score) if hyp is not None else -1e9  # None: it never reached the end
