"""Moonshine as the kiosk's recognizer (the `UtteranceRecognizer` of voice/recognition.py).

Moonshine decodes a whole utterance at once, so the pause rule works by speculation: once a
pause in the speech is `SPECULATE_S` long, the audio so far is decoded. That answer tells the
endpointer whether the words are only the start of a phrase ("number ..."), and when the pause
turns out to be the end of the utterance it is the verdict, ready before the endpointer has
finished waiting. If speech resumes, the answer is dropped.

In a quiet, steady room, when Moonshine's best phrase falls just short of its free transcript
(a rare or short word written confidently wrong: "Auctions" for options), a referee, when it
was given one (pocketsphinx: referee.py, factory.py), is asked which of the two fits the sound
better; if the phrase does, the judge widens its margin (judge.py, `margin_agreed`). It is
asked about 3 utterances in a hundred, and takes about 20 ms.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from kiosk.commands.phrases import normalise
from kiosk.core.voice_events import Decision
from kiosk.voice.endpointer import STEADY_SPREAD_DB
from kiosk.voice.moonshine.beginnings import Beginnings
from kiosk.voice.moonshine.files import ModelFiles
from kiosk.voice.moonshine.forms import searched
from kiosk.voice.moonshine.judge import JudgeSettings, has_words, judge, least_acceptable_logp
from kiosk.voice.moonshine.model import MoonshineModel
from kiosk.voice.moonshine.repeats import first_saying
from kiosk.voice.moonshine.search import Heard, hear
from kiosk.voice.moonshine.tokens import Tokens
from kiosk.voice.moonshine.trie import PhraseTrie, phrase_trie
from kiosk.voice.recognition import RATE, Utterance, Verdict
from kiosk.voice.referee import Referee

log = logging.getLogger("kiosk.voice.moonshine")
SPECULATE_S = 0.09  # decode this far into a pause; the audio decoded ends here too...
# ...except in a loud room: there the word's last sounds are lost under the noise, the
# endpointer's last speech frame comes before the word's true end, and Moonshine, given the
# word with no sound after it, often writes nothing or the word over and over ("Zero Zero
# Zero"). In a loud, steady room (the room's level moved less than talk's before the
# utterance: fans, water, an extractor, a kitchen) the verdict is decoded on the utterance as
# the endpointer closed it. Not in talk: there the longer tail let "next patient please"
# through as "next" (tests/voice/test_recognition.py).
NOISY_TAIL_S = 0.21
# ...followed by this much digital silence. With the noise running on to the end of the audio
# Moonshine often writes nothing, or the word over and over; silence after it tells it the
# speech is over, and it writes the word once (docs/voice.md). Not in talk either: there,
# told the speech is over, it took a cut-off command for "Yeah." (the synthetic babble).
SILENCE_AFTER_S = 0.3


@dataclass(frozen=True)
class _Speculation:
    samples: int  # audio decoded (samples from the start of the utterance)
    snr_db: float  # its level above the room's noise floor
    heard: Heard
    text: str  # the free transcript


class MoonshineRecognizer:
    name = "moonshine"

    def __init__(
        self,
        sentences: Sequence[str],
        files: ModelFiles,
        *,
        settings: JudgeSettings | None = None,
        threads: int = 2,
        constrained: bool = True,
        referee: Referee | None = None,
    ) -> None:
        self.settings = settings or JudgeSettings()
        # False: the free transcript alone, matched exactly against the phrases (a benchmark
        # baseline that shows what the phrase search adds).
        self.constrained = constrained
        if not constrained:
            self.name = "moonshine-free"
        self.referee = referee
        self.model = MoonshineModel(files, threads)
        self.tokens = Tokens(files.tokenizer)
        self._sentences: frozenset[str] = frozenset()
        self._longest_words = 0
        self._beginnings = Beginnings([])
        self.trie = PhraseTrie([])
        self.set_sentences(sentences)
        self._audio: list[bytes] = []
        self._samples = 0
        self._pause_s = 0.0
        self._speculation: _Speculation | None = None
        self._room_db = -120.0

    def set_sentences(self, sentences: Sequence[str]) -> None:
        self.trie = phrase_trie(searched(sentences), self.tokens.encode_all)
        self._sentences = frozenset(sentences)
        self._longest_words = max((len(s.split()) for s in sentences), default=0)
        self._beginnings = Beginnings(sentences)

    def forget_channel(self) -> None:
        """Nothing to forget: each utterance is decoded, and refereed, on its own."""

    def start(self, room_db: float = -120.0) -> None:
        self._room_db = room_db
        self._audio = []
        self._samples = 0
        self._pause_s = 0.0
        self._speculation = None

    def add(self, pcm: bytes) -> None:
        self._audio.append(pcm)
        self._samples += len(pcm) // 2

    def abandon(self) -> None:
        self.start(self._room_db)

    def words_so_far(self, quiet_s: float) -> str:
        if quiet_s < self._pause_s:
            self._speculation = None  # speech resumed: what was decoded is not the utterance
        self._pause_s = quiet_s
        if quiet_s + 1e-6 < SPECULATE_S:
            return ""
        if self._speculation is None:
            self._speculation = self._decode(b"".join(self._audio), self._samples)
        said = normalise(self._speculation.text)
        if self._beginnings.only_a_start(said):
            return said  # only the start of a phrase ("number ..."): the pipeline waits
        verdict = self._verdict(self._speculation)
        if verdict.decision is Decision.UNSURE and self._beginnings.misheard_start(said):
            return said  # a misheard start of a phrase ("Mumber ..." for "number ..."): wait
        # A phrase, or "" for other talk: that is not waited for, so the answer comes quickly.
        return verdict.text

    def finish(self, utterance: Utterance) -> Verdict:
        speech = round(utterance.speech_until_s * RATE)
        steady = utterance.room_spread_db < STEADY_SPREAD_DB
        noisy = steady and utterance.snr_db < self.settings.noisy_below_db
        tail = round((NOISY_TAIL_S if noisy else SPECULATE_S) * RATE)
        end = min(len(utterance.pcm) // 2, speech + tail)
        speculation = self._speculation
        if noisy:
            speculation = self._decode(utterance.pcm, end, steady_noise=True)
        elif speculation is None or speculation.samples < speech:
            speculation = self._decode(utterance.pcm, end)
        self.start(self._room_db)
        verdict = self._verdict(speculation, steady_noise=noisy)
        if verdict.decision is Decision.UNSURE and steady and not noisy:
            # Not in a room of talk: there the words Moonshine wrote may be somebody else's.
            verdict = self._second_look(verdict, speculation, utterance.pcm)
        return verdict

    def _second_look(self, verdict: Verdict, speculation: _Speculation, pcm: bytes) -> Verdict:
        """The verdict with the referee's word, if it prefers the phrase that would need it."""
        referee = self.referee
        if referee is None:
            return verdict
        hoped = self._verdict(speculation, agreed=True)  # the judge knows where agreement counts
        if hoped.decision is not Decision.ACCEPT:
            return verdict  # not even agreement would make it a command: not worth asking
        audio = pcm[: speculation.samples * 2]  # exactly what Moonshine decoded
        try:
            prefers = referee.prefers(audio, hoped.text, speculation.text)
        except Exception:  # its failure must not cost Moonshine's own verdict
            log.exception("the referee failed: Moonshine alone from now on")
            self.referee = None
            return verdict
        return hoped if prefers else verdict

    def _decode(self, pcm: bytes, samples: int, steady_noise: bool = False) -> _Speculation:
        """What Moonshine heard in the first `samples` of the utterance; in a loud, steady
        room (`steady_noise`) with silence after it."""
        audio = np.frombuffer(pcm[: samples * 2], np.int16).astype(np.float32) / 32768.0
        silence = np.zeros(round(SILENCE_AFTER_S * RATE) if steady_noise else 0, np.float32)
        power = float(np.var(audio)) if len(audio) else 0.0
        snr_db = (10 * math.log10(power) if power > 1e-12 else -120.0) - self._room_db

        def worth_finding(ids: tuple[int, ...], free_logp: float) -> float | None:
            text = self.tokens.decode(ids)
            return least_acceptable_logp(text, free_logp, self._longest_words, snr_db,
                                         self.settings, steady_noise=steady_noise)  # fmt: skip

        trie = self.trie if self.constrained else None
        padded = np.concatenate([audio, silence])
        heard = hear(self.model, padded, trie, self._own_phrase, worth_finding)
        return _Speculation(samples, snr_db, heard, self.tokens.decode(heard.free_ids))

    def _own_phrase(self, ids: tuple[int, ...]) -> str:
        words = normalise(self.tokens.decode(ids))
        return words if words in self._sentences else ""

    def _verdict(
        self, speculation: _Speculation, steady_noise: bool = False, agreed: bool = False
    ) -> Verdict:
        heard = speculation.heard
        if not self.constrained:  # the baseline: the free transcript, exactly a phrase or not
            if heard.phrase:
                return Verdict(heard.phrase, Decision.ACCEPT, 1.0, 0.0)
            unsure = has_words(speculation.text)
            return Verdict("", Decision.UNSURE if unsure else Decision.NOISE, 0.0, -99.0)
        text, free_logp, phrase, phrase_logp = (
            speculation.text,
            heard.free_logp,
            heard.phrase,
            heard.phrase_logp,
        )
        said_once = None
        if steady_noise:
            said_once = first_saying(heard.free_ids, heard.free_token_logps, self.tokens.decode)
        if said_once is not None and said_once[0] in self._sentences:
            # A phrase written over and over, in steady noise: the model heard it once
            # (repeats.py). Not in talk, where the words repeated may be somebody else's.
            text, phrase = said_once[0], said_once[0]
            free_logp = phrase_logp = said_once[1]
        judgement = judge(
            text,
            free_logp,
            phrase,
            phrase_logp,
            speculation.snr_db,
            self.settings,
            steady_noise=steady_noise,
            agreed=agreed,
        )
        ratio = judgement.ratio if np.isfinite(judgement.ratio) else -99.0
        return Verdict(judgement.phrase, judgement.decision, judgement.confidence, ratio)
