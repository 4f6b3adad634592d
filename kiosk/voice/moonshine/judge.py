"""Accept, unsure or noise, from what the model heard. Pure logic.

Two tests decide, both in natural-log probabilities under the model (</s> included):
- the best kiosk phrase must be likely on its own (`min_phrase_logp`, stricter in a loud room,
  where background talk can sound like a short command, and stricter again for speech barely
  above the room, under `faint_below_db`: there the noise hides most of what was said, and a
  piece of other talk is heard as "yes", "no" or "back"; in those loud rooms a longer phrase
  may be a little less likely, by `noisy_per_word_logp` a word);
- it must come close to the model's own free transcript, the "anything else" competitor. How
  close depends on how the two compare in words (one thing said over and over counted once:
  "Gross. Gross." against "yes" is one word against one). The same number of words is a
  command heard a little wrong ("Reese" for risks, "Don't cement" for bone cement): a wide
  margin. A transcript with more words than the phrase is a near miss ("Next patient, please"
  against "next"), and one with fewer (nothing, or half a phrase) is not the phrase either:
  narrow margins. One three or more words longer (`reject_extra_words`) is a sentence, and
  takes no phrase at all. A long phrase that the transcript spells nearly letter for letter
  ("What happens in vertebral plasti?") is the phrase misheard, however the words fall: the
  wide margin of its own (`spelled_alike`).
A free transcript with words in it that is not a phrase is speech the kiosk did not understand
(unsure); no words, or only a hesitation, is noise.

In a quiet room a referee's word can widen the margin (`margin_agreed`): Moonshine writes a
rare or short command confidently wrong ("Auctions" for options, "Free." for three), and
pocketsphinx, which hears phones rather than words, may find that the phrase fits the sound
better than Moonshine's own words (referee.py; recognizer.py asks it only then). Not in a loud
room, nor in a room of talk.

In a loud, steady room (fans, water, an extractor) the recognizer decodes the utterance with
silence after it, and the model is then sure of what it heard: one floor of its own replaces
the loud and faint ones (`steady_min_phrase_logp`), and a transcript with no words takes no
phrase at all.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from difflib import SequenceMatcher

from kiosk.commands.phrases import normalise
from kiosk.core.voice_events import Decision
from kiosk.voice.moonshine.forms import FILLERS
from kiosk.voice.moonshine.repeats import unit_length


@dataclass(frozen=True)
class JudgeSettings:
    # Chosen on the tuning part of `kiosk bench listen` and on the recordings of people from
    # scripts/fetch-recordings (docs/voice.md): the most commands with at most 2 % false
    # accepts in every category. A wider same-words margin (4) keeps 5 more points of clean
    # synthetic commands but accepts 2.8 % of people's other words ("flower" as slower).
    min_phrase_logp: float = -7.0
    noisy_min_phrase_logp: float = -4.0  # when the speech stands < noisy_below_db over the room
    noisy_below_db: float = 20.0
    # Speech under faint_below_db over the room (found at all mostly in steady noise, where
    # the endpointer lowers its margins): stricter again, on the SNR alone. Chosen on people's
    # recordings in white, pink and brown noise at 10 and 5 dB (docs/voice.md): the loud
    # room's -4 there accepts 2.8 % of their other words at 5 dB; narrower margins do less.
    faint_min_phrase_logp: float = -3.0
    faint_below_db: float = 10.0
    # In a loud room each word of the phrase past the first lowers those floors by this much:
    # a phrase's log-probability falls with every word, while background talk matching a
    # long phrase word for word, close to the free transcript, is rare. Chosen on the tuning
    # part, replayed on the judge's inputs (babble at 10 dB: 0.135 to 0.177 of commands, no
    # more false accepts there), and on people's words in steady noise: a whole nat let
    # "Full time" through as "hold on" (0.014 to 0.016 of them accepted), half a nat none.
    noisy_per_word_logp: float = 0.5
    # In a loud, steady room the verdict is decoded with silence after the speech
    # (recognizer.py), and Moonshine is then sure of a command it heard: people's digits at 10
    # and 5 dB in white, pink and brown noise came out as the phrase itself, nearly all above
    # -1.5 nats, while their other words it took for "yes", "back" or "no" lay mostly below
    # -2. This floor replaces the loud and faint ones there.
    steady_min_phrase_logp: float = -2.5
    margin_same_words: float = 2.0
    margin_more_words: float = 3.0  # the free transcript has more words than the phrase
    margin_fewer_words: float = 1.0  # ...fewer (none at all included)
    # A phrase of at least `alike_min_letters` letters, spelt by the free transcript with at
    # least `alike_ratio` of its letters in common (difflib's ratio, spaces and punctuation
    # left out), is given `margin_alike`. Rare words and long phrases come out spelt nearly
    # right and split differently ("Save that again", "The two treatments added glance."), and
    # other talk is seldom spelt like a long phrase. Chosen on the tuning part (one command
    # more, nothing more accepted there or among people's recordings, quiet or in noise); short
    # words stay out of it: "flower" is 83 % alike "slower", "Black" 89 % alike "back".
    margin_alike: float = 4.0
    alike_ratio: float = 0.85
    alike_min_letters: int = 10
    # A free transcript this many words longer than the phrase is somebody's sentence, whatever
    # the phrase's probability: Moonshine's decoder gave "yeah" -3.3 nats against "There are
    # no more components" -3.3, and "five" -4.1 against "Press 5 to repeat the current message".
    # A near miss ("next patient please") is two words longer.
    reject_extra_words: int = 3
    # Added to the margin when pocketsphinx, asked in a quiet room, finds that the phrase fits
    # the sound better than the free transcript (and the transcript could be that phrase
    # misheard: `agreement_may_count`). Chosen on the tuning part, replayed on the judge's
    # inputs with the real referee (clean commands 156 to 168 of 192, nothing more accepted;
    # 2 nats: 164, 3: 166, 6: 168) and on people's recordings from scripts/fetch-recordings,
    # none of whose other words it let through (docs/voice.md).
    margin_agreed: float = 4.0
    scale: float = 1.0  # how fast confidence moves around the thresholds

    def agreement_counts(self, snr_db: float) -> bool:
        """Is the referee's word worth asking for at this SNR (a quiet room)?"""
        return snr_db >= self.noisy_below_db


@dataclass(frozen=True)
class Judgement:
    decision: Decision
    phrase: str  # "" unless accepted
    confidence: float
    ratio: float  # phrase minus free transcript log-probability


def has_words(free_text: str) -> bool:
    return any(word not in FILLERS for word in normalise(free_text).split())


def said_words(free_text: str) -> int:
    """How many words the free transcript says, one thing said over and over ("Help help help
    help") counted once (repeats.py)."""
    words = normalise(free_text).split()
    return unit_length(words) or len(words)


def another_sentence(free_text: str, phrase_words: int, settings: JudgeSettings) -> bool:
    """Is the free transcript so much longer than a phrase of `phrase_words` words that it is
    somebody's sentence, whatever the phrase's probability (`reject_extra_words`)?"""
    return said_words(free_text) - phrase_words >= settings.reject_extra_words


def heard_speech(free_text: str, steady_noise: bool) -> bool:
    """Decoded with silence after it (a loud, steady room), a transcript with no words in it is
    the model saying it heard no speech: a phrase near it is not taken ("tree" as three, an
    empty "" against it)."""
    return has_words(free_text) or not steady_noise


def spelled_alike(free_text: str, phrase: str, settings: JudgeSettings) -> bool:
    """Does the free transcript spell this long phrase nearly letter for letter?"""
    heard, meant = (normalise(text).replace(" ", "") for text in (free_text, phrase))
    if len(meant) < settings.alike_min_letters:
        return False
    return SequenceMatcher(None, heard, meant).ratio() >= settings.alike_ratio


def agreement_may_count(free_text: str, phrase: str) -> bool:
    """Could the free transcript be this phrase misheard, for the referee to confirm?

    Not when one spells the other and more ("Sixth" for six: another word, and pocketsphinx
    hears the same sounds in both), nor when it is a letter of the alphabet ("Q." for two):
    Moonshine writes a lone letter when it heard one named. People's recordings had both."""
    heard, meant = (normalise(text).replace(" ", "") for text in (free_text, phrase))
    if len(heard) == 1:
        return False
    longer, shorter = (heard, meant) if len(heard) >= len(meant) else (meant, heard)
    spells_more = longer.startswith(shorter) or longer.endswith(shorter)
    return longer == shorter or not spells_more


def margin_for(free_text: str, phrase: str, settings: JudgeSettings) -> float:
    if spelled_alike(free_text, phrase, settings):
        return settings.margin_alike
    free_words, phrase_words = said_words(free_text), len(phrase.split())
    if free_words == phrase_words:
        return settings.margin_same_words
    if free_words > phrase_words:
        return settings.margin_more_words
    return settings.margin_fewer_words


def _floor(snr_db: float, phrase_words: int, settings: JudgeSettings, steady: bool) -> float:
    """The least log-probability of a phrase of `phrase_words` words heard `snr_db` over the
    room."""
    if snr_db >= settings.noisy_below_db:
        return settings.min_phrase_logp
    extra_words = max(0, phrase_words - 1)
    if steady:
        loud = settings.steady_min_phrase_logp
    elif snr_db < settings.faint_below_db:
        loud = settings.faint_min_phrase_logp
    else:
        loud = settings.noisy_min_phrase_logp
    return loud - settings.noisy_per_word_logp * extra_words


def least_acceptable_logp(
    free_text: str,
    free_logp: float,
    longest_phrase_words: int,
    snr_db: float,
    settings: JudgeSettings,
    *,
    steady_noise: bool = False,
) -> float | None:
    """The least log-probability at which `judge` could accept any phrase of up to
    `longest_phrase_words` words against this free transcript, heard `snr_db` over the room,
    refereed or not; None when it could accept none (a sentence longer than every phrase, or,
    with silence after it, no words). The phrase search need look no further (search.py)."""
    if another_sentence(free_text, longest_phrase_words, settings):
        return None
    if not heard_speech(free_text, steady_noise):
        return None
    # Floors fall with a phrase's words, and the widest margin is a long phrase spelt alike.
    widest = max(
        settings.margin_alike,
        settings.margin_same_words,
        settings.margin_more_words,
        settings.margin_fewer_words,
    )
    if settings.agreement_counts(snr_db):
        widest += settings.margin_agreed
    floor = _floor(snr_db, longest_phrase_words, settings, steady_noise)
    return max(floor, free_logp - widest)


def judge(
    free_text: str,
    free_logp: float,
    phrase: str,
    phrase_logp: float,
    snr_db: float = 99.0,
    settings: JudgeSettings = JudgeSettings(),
    *,
    steady_noise: bool = False,  # a loud, steady room, decoded with silence after the speech
    agreed: bool = False,  # the referee found the phrase fits the sound better
) -> Judgement:
    ratio = phrase_logp - free_logp if phrase else -math.inf
    confidence = 0.0
    other_sentence = another_sentence(free_text, len(phrase.split()), settings)
    if phrase and heard_speech(free_text, steady_noise) and not other_sentence:
        floor = _floor(snr_db, len(phrase.split()), settings, steady_noise)
        # The weaker of the two tests, in nats past its threshold.
        margin = margin_for(free_text, phrase, settings)
        counts = settings.agreement_counts(snr_db) and agreement_may_count(free_text, phrase)
        if agreed and counts:
            margin += settings.margin_agreed
        slack = min(phrase_logp - floor, ratio + margin)
        confidence = 1.0 / (1.0 + math.exp(-slack / settings.scale))
        if slack >= 0:
            return Judgement(Decision.ACCEPT, phrase, round(confidence, 3), ratio)
    if not has_words(free_text):
        return Judgement(Decision.NOISE, "", 0.0, ratio)
    return Judgement(Decision.UNSURE, "", round(confidence, 3), ratio)
