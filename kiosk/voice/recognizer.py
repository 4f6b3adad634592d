"""Persistent pocketsphinx decoders: the command grammar and a phone loop, fed the same audio.

Built once per phrase set (a few hundred milliseconds) and reused for every utterance, unlike
SpeechRecognition's `recognize_sphinx`, which builds a decoder per call and crashes on its second
grammar call under pocketsphinx 5. Audio is streamed in while the person speaks, so when the
endpointer says "done" only the end of the search is left to compute.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pocketsphinx

from kiosk.voice.levels import level_db
from kiosk.voice.lexicon import read_dictionary
from kiosk.voice.recognition import RATE, Utterance, Verdict
from kiosk.voice.rejection import Evidence, RejectionSettings, decide, score_ratio

MODEL_DIR = Path(pocketsphinx.get_model_path())
ACOUSTIC_MODEL = MODEL_DIR / "en-us" / "en-us"
CMUDICT = MODEL_DIR / "en-us" / "cmudict-en-us.dict"
PHONE_LM = MODEL_DIR / "en-us" / "en-us-phone.lm.bin"

# dither: a silent virtual microphone gives exact zeros, whose log spectrum ruins the features.
# seed: the same recording gives the same answer (tests and benchmarks repeat).
# cmn live: the streamed decoder carries its channel estimate from one utterance to the next.
# bestpath off: on a grammar it turned partial phrases into whole ones at no cost.
# pocketsphinx.Decoder's keyword arguments (None: the option is off).
DecoderOptions = dict[str, str | int | float | bool | None]
DECODER_OPTIONS: DecoderOptions = {
    "hmm": str(ACOUSTIC_MODEL),
    "dict": str(CMUDICT),
    "lm": None,
    "loglevel": "FATAL",
    "dither": True,
    "seed": 1,
    "cmn": "live",
    "bestpath": False,
}
PHONE_LOOP_OPTIONS: DecoderOptions = {
    "hmm": str(ACOUSTIC_MODEL),
    "allphone": str(PHONE_LM),
    "lm": None,
    "loglevel": "FATAL",
    "dither": True,
    "seed": 1,
    "cmn": "live",
    "lw": 2.0,
    "beam": 1e-20,
    "pbeam": 1e-20,
}


CHATTER_WORDS = Path(__file__).resolve().parent.parent / "data" / "chatter_words.txt"
CHATTER_PREFIX = "chatter_"  # dictionary names of chatter words, so a hypothesis tells them apart
# Prior odds of chatter against a command: how much better chatter words must fit the sound before
# the utterance counts as chatter. Chosen on synthetic voices and real recordings of people
# (docs/voice.md): 1e-22 kept 2 points more synthetic commands but accepted 16 % of people's
# words and prompts that were not commands, against 9 % here; 1e-14 accepts 5 % and loses 5
# more points of commands.
CHATTER_WEIGHT = 1e-18


def read_chatter_words(path: Path = CHATTER_WORDS) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [w for line in lines if not line.startswith("#") for w in line.split()]


def _weight(probability: float) -> str:
    # JSGF weights are plain decimals; the grammar syntax has no exponent notation.
    return f"{probability:.30f}"


def jsgf(sentences: Iterable[str], chatter: Sequence[str] = (), name: str = "kiosk") -> str:
    """A JSGF grammar: exactly `sentences`, or else any string of `chatter` words."""
    body = " | ".join(f"( {sentence} )" for sentence in sentences)
    if not chatter:
        return f"#JSGF V1.0;\ngrammar {name};\npublic <top> = {body} ;\n"
    words = " | ".join(chatter)
    return (
        f"#JSGF V1.0;\ngrammar {name};\n"
        f"public <top> = /{_weight(1 - CHATTER_WEIGHT)}/ <command> | /{_weight(CHATTER_WEIGHT)}/ "
        "<chatter> ;\n"
        f"<command> = {body} ;\n<chatter> = <word>+ ;\n<word> = {words} ;\n"
    )


@dataclass(frozen=True)
class Decoded:
    """One utterance as the two decoders saw it (natural-log scores)."""

    text: str  # best phrase; "" when the grammar preferred chatter or reached no phrase
    grammar_score: float
    phone_score: float
    frames: int  # 10 ms feature frames
    # (first, last) 10 ms frames the phrase put down to silence or noise, not to its words
    unspoken: tuple[tuple[int, int], ...] = ()


def log_score(probability: float) -> float:
    # The Python binding returns scores as probabilities; tiny ones may underflow to 0.
    return math.log(probability) if probability > 0 else -1e9


# How fast a room's echo of the last word dies away: 60 dB in a second, a reverberant hall.
# (A waiting room is usually quicker; a slower decay here only forgives more.)
ECHO_DECAY_DB_PER_FRAME = 0.6


def speech_in(pcm: bytes, spans: Iterable[tuple[int, int]], above_db: float) -> float:
    """Seconds of loud audio inside these 10 ms frame spans (speech a phrase left unexplained).

    "stop that, Tom" decoded as "stop" puts "that, Tom" down to silence; so does a first
    utterance decoded before the decoder knows the microphone. Real silence is quiet, but in a
    room the last word rings on: a frame that is no louder than that echo, dying away from the
    frame before the silence, is the room's and not more speech.
    """
    step = RATE // 100

    def level(frame: int) -> float:
        return level_db(pcm[2 * frame * step : 2 * (frame + 1) * step])

    loud = 0
    for first, last in spans:
        echo_db = level(first - 1) if first > 0 else -200.0
        for frame in range(first, last + 1):
            echo_db -= ECHO_DECAY_DB_PER_FRAME
            if level(frame) > max(above_db, echo_db):
                loud += 1
    return loud / 100


def add_words(decoder: pocketsphinx.Decoder, dictionaries: Sequence[Path]) -> None:
    """Give the decoder the pronunciations of the kiosk's own dictionaries (lexicon.py)."""
    entries = [e for path in dictionaries for e in read_dictionary(path)]
    for index, (word, phones) in enumerate(entries):
        # Known words keep cmudict's pronunciations; ours add to them as variants.
        name = word if decoder.lookup_word(word) is None else None
        if name is None:
            base = word.split("(")[0]
            variant = 2
            while decoder.lookup_word(f"{base}({variant})") is not None:
                variant += 1
            name = f"{base}({variant})"
        decoder.add_word(name, phones, index == len(entries) - 1)


class Recognizer:
    """Decode one utterance at a time against the grammar and the phone loop, and judge it
    (rejection.py): the kiosk's recognizer before Moonshine, and its fallback."""

    name = "pocketsphinx"

    def __init__(
        self,
        sentences: Sequence[str],
        dictionaries: Sequence[Path] = (),
        *,
        chatter_words: Sequence[str] | None = None,
        settings: RejectionSettings | None = None,
    ) -> None:
        self.settings = settings or RejectionSettings()
        self._channel_known = False  # the decoders have not yet adapted to this microphone
        self._dictionaries = list(dictionaries)
        self._chatter_source = (
            read_chatter_words() if chatter_words is None else list(chatter_words)
        )
        self.grammar = pocketsphinx.Decoder(**DECODER_OPTIONS)
        self.phones = pocketsphinx.Decoder(**PHONE_LOOP_OPTIONS)
        add_words(self.grammar, self._dictionaries)
        self._search_number = 0
        self.skipped: list[str] = []  # sentences left out: a word has no pronunciation
        self.set_sentences(sentences)
        self._in_utterance = False

    def set_sentences(self, sentences: Sequence[str]) -> None:
        """Build and switch to a grammar for these sentences (when sections change)."""
        usable = []
        self.skipped = []
        for sentence in sentences:
            if all(self.grammar.lookup_word(w) is not None for w in sentence.split()):
                usable.append(sentence)
            else:
                self.skipped.append(sentence)
        if not usable:
            raise ValueError("no phrase can be pronounced by the recognizer")
        # Command words are chatter words too: "next patient please" must be able to be chatter.
        command_words = {w for sentence in usable for w in sentence.split()}
        chatter = []
        for word in dict.fromkeys([*self._chatter_source, *sorted(command_words)]):
            phones = self.grammar.lookup_word(word)
            if phones is None:
                continue
            name = CHATTER_PREFIX + word.replace("'", "")
            if self.grammar.lookup_word(name) is None:
                self.grammar.add_word(name, phones, False)
            chatter.append(name)
        old = f"kiosk{self._search_number}"
        self._search_number += 1
        new = f"kiosk{self._search_number}"
        self.grammar.add_jsgf_string(new, jsgf(usable, chatter))
        self.grammar.activate_search(new)
        if self._search_number > 1:
            self.grammar.remove_search(old)

    def forget_channel(self) -> None:
        """Start the feature computation afresh: another microphone, room and speaker.

        Live mean normalisation forgets the last channel, and the dither starts again from its
        seed, so the same recording decodes the same whatever came before it."""
        self.grammar.reinit_feat()
        self.phones.reinit_feat()
        self._channel_known = False

    def start(self, room_db: float = -120.0) -> None:
        self.grammar.start_utt()
        self.phones.start_utt()
        self._in_utterance = True

    def add(self, pcm: bytes) -> None:
        self.grammar.process_raw(pcm, False, False)
        self.phones.process_raw(pcm, False, False)

    def words_so_far(self, quiet_s: float) -> str:
        return self.partial()

    def abandon(self) -> None:
        if self._in_utterance:
            self.decode_end()

    def finish(self, utterance: Utterance) -> Verdict:
        decoded = self.decode_end()
        if not self._channel_known:
            # The decoders' live mean normalisation starts from a stock guess at the microphone,
            # so a first utterance can come out as nonsense ("carry on" for a question). Having
            # heard it once they know this channel: decode it again.
            self._channel_known = True
            self.start()
            self.add(utterance.pcm)
            decoded = self.decode_end()
        evidence = Evidence(
            text=decoded.text,
            grammar_score=decoded.grammar_score,
            phone_score=decoded.phone_score,
            frames=decoded.frames,
            speech_s=len(utterance.pcm) / 2 / RATE,
            level_db=utterance.level_db,
            snr_db=utterance.snr_db,
            unexplained_s=speech_in(utterance.pcm, decoded.unspoken, utterance.speech_floor_db),
        )
        decision, confidence = decide(evidence, self.settings)
        return Verdict(
            decoded.text, decision, confidence, score_ratio(evidence), evidence.unexplained_s
        )

    def partial(self) -> str:
        """The best phrase so far in this utterance ("" for chatter or nothing yet)."""
        hyp = self.grammar.hyp()
        text = hyp.hypstr if hyp is not None else ""
        return "" if CHATTER_PREFIX in text else text

    def decode_end(self) -> Decoded:
        """End the utterance and say what the grammar and the phone loop made of it."""
        self.grammar.end_utt()
        self.phones.end_utt()
        self._in_utterance = False
        grammar_hyp = self.grammar.hyp()
        phone_hyp = self.phones.hyp()
        text = grammar_hyp.hypstr if grammar_hyp is not None else ""
        if CHATTER_PREFIX in text:
            text = ""
        return Decoded(
            text=text,
            grammar_score=log_score(grammar_hyp.score) if grammar_hyp is not None else -1e9,
            phone_score=log_score(phone_hyp.score) if phone_hyp is not None else 0.0,
            frames=int(self.grammar.n_frames()),
            unspoken=self._unspoken() if text else (),
        )

    def _unspoken(self) -> tuple[tuple[int, int], ...]:
        return tuple(
            (segment.start_frame, segment.end_frame)
            for segment in self.grammar.seg() or []
            if segment.word.startswith(("<", "[")) and segment.end_frame >= segment.start_frame
        )
