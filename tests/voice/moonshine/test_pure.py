"""Written forms, the phrase trie and the accept rule: pure logic, no model."""

from __future__ import annotations

from kiosk.core.voice_events import Decision
from kiosk.voice.moonshine.beginnings import Beginnings
from kiosk.voice.moonshine.forms import WRITTEN_ONLY, searched, with_endings, written_forms
from kiosk.voice.moonshine.judge import JudgeSettings, judge, least_acceptable_logp
from kiosk.voice.moonshine.trie import PhraseTrie, phrase_trie


def fake_encode(texts: list[str]) -> list[list[int]]:
    """One token per character: enough to test the trie's shape."""
    return [[ord(c) for c in text] for text in texts]


def test_written_forms_capitalise_and_spell_digits_both_ways() -> None:
    assert written_forms("number four") == ["Number four", "Number 4"]
    assert written_forms("i'm done") == ["I'm done"]
    assert written_forms("louder please") == ["Louder please", "Louder, please"]
    assert with_endings("Next") == ["Next", "Next.", "Next?", "Next!"]


def test_trie_holds_every_sentence_and_nothing_else() -> None:
    sentences = ["next", "next section", "number four", "zero"]
    trie = phrase_trie(sentences, fake_encode)
    assert trie.phrases() == set(sentences)
    assert trie.lookup(fake_encode(["Number 4."])[0]) == "number four"
    assert trie.lookup(fake_encode(["Next section?"])[0]) == "next section"
    assert trie.lookup(fake_encode(["Next sect"])[0]) == ""


def test_a_phrase_the_model_writes_for_any_short_sound_is_never_searched_for() -> None:
    assert "yeah" in WRITTEN_ONLY
    assert searched(["yes", "yeah", "yes please", "no"]) == ["yes", "yes please", "no"]


def test_a_shared_form_keeps_its_first_phrase() -> None:
    trie = PhraseTrie([("yes", [1, 2]), ("yeah", [1, 2])])
    assert trie.lookup([1, 2]) == "yes"


def test_a_phrase_close_to_the_free_transcript_is_accepted() -> None:
    judged = judge("Hero.", -1.0, "zero", -2.0)
    assert judged.decision is Decision.ACCEPT and judged.phrase == "zero"
    assert judged.confidence > 0.5


def test_a_near_miss_loses_to_its_free_transcript() -> None:
    judged = judge("Next patient, please.", -1.0, "next", -12.0)
    assert judged.decision is Decision.UNSURE and judged.phrase == ""


def test_a_sentence_three_words_longer_than_the_phrase_is_not_the_phrase() -> None:
    # Moonshine's decoder, made to choose, can find "yeah" as likely as a whole sentence.
    judged = judge("There are no more components.", -3.3, "yeah", -3.3)
    assert judged.decision is Decision.UNSURE and judged.phrase == ""
    assert judge("Press 5 to repeat the message.", -1.6, "five", -4.0).phrase == ""
    # A phrase said over and over is still the phrase, however long.
    assert judge("Help help help help help help", -2.0, "help", -2.5).phrase == "help"


def test_a_word_said_over_and_over_is_weighed_as_one_word() -> None:
    # People's recordings (scripts/fetch-recordings): KTuberling's "grass", Moonshine's figures.
    # Counted as two words it had the wider margin of a transcript with more words, and was yes.
    assert judge("Gross. Gross.", -2.29, "yes", -5.12).decision is Decision.UNSURE


def test_a_long_phrase_spelt_nearly_right_is_the_phrase_misheard() -> None:
    # Moonshine's own figures for the synthetic test part's voices (kiosk bench listen).
    heard, phrase = "What happens in vertebral plasti?", "what happens in vertebroplasty"
    assert judge(heard, -1.91, phrase, -5.28).decision is Decision.ACCEPT
    assert judge("Save that again", -1.67, "say that again", -4.90).decision is Decision.ACCEPT
    # A short word spelt alike is another word as often as the word misheard.
    assert judge("Black.", -1.82, "back", -4.97).decision is Decision.UNSURE
    # A near miss spells the phrase and more.
    assert judge("Louder please, nurse.", -1.0, "louder please", -4.5).decision is Decision.UNSURE


def test_an_unlikely_phrase_is_never_accepted_even_against_a_poor_transcript() -> None:
    settings = JudgeSettings()
    unlikely = settings.min_phrase_logp - 0.1
    judged = judge("Mumble mumble.", -30.0, "yes", unlikely, settings=settings)
    assert judged.decision is Decision.UNSURE


def test_no_words_is_noise_and_hesitation_is_noise() -> None:
    assert judge("", -0.2, "yes", -15.0).decision is Decision.NOISE
    assert judge("Hmm.", -0.5, "", float("-inf")).decision is Decision.NOISE
    assert judge("Hello there.", -0.5, "", float("-inf")).decision is Decision.UNSURE


def test_in_a_loud_room_a_longer_phrase_may_be_less_likely() -> None:
    # 15 dB over the room: the loud room's floor (-4 nats) for one word, half a nat lower for
    # each word more; in a quiet room the floor is the same for every phrase.
    loud = 15.0
    assert judge("Main menu.", -3.0, "main menu", -4.3, loud).decision is Decision.ACCEPT
    assert judge("Menu.", -3.0, "menu", -4.3, loud).decision is Decision.UNSURE
    assert judge("Describe a key.", -4.0, "describe a key", -4.9, loud).decision is Decision.ACCEPT
    assert judge("Describe a key.", -4.0, "describe a key", -5.1, loud).decision is Decision.UNSURE
    quiet = 30.0
    assert judge("Bone cement.", -6.5, "bone cement", -7.3, quiet).decision is Decision.UNSURE


def test_only_the_start_of_a_phrase_is_waited_for() -> None:
    beginnings = Beginnings(["number four", "back", "back to the start", "next"])
    assert beginnings.only_a_start("number") and beginnings.only_a_start("back to the")
    assert not beginnings.only_a_start("back")  # a whole phrase: answered at once
    assert not beginnings.only_a_start("number four") and not beginnings.only_a_start("hello")
    # One word misheard: waited for when it is nearest to a start that is not a phrase itself.
    assert beginnings.misheard_start("mumber")
    assert not beginnings.misheard_start("black")  # nearest "back", a phrase: as "back" is
    assert not beginnings.misheard_start("mumber four") and not beginnings.misheard_start("tree")


def test_a_second_recognizer_agreeing_in_a_quiet_room_widens_the_margin() -> None:
    # Moonshine's own figures for a Flite voice saying "options" (kiosk bench listen).
    quiet, loud = 34.0, 15.0
    assert judge("Auctions,", -0.69, "options", -5.77, quiet).decision is Decision.UNSURE
    agreed = judge("Auctions,", -0.69, "options", -5.77, quiet, agreed=True)
    assert agreed.decision is Decision.ACCEPT and agreed.phrase == "options"
    # In a loud room pocketsphinx takes background talk for commands: its word does not count.
    assert judge("Auctions,", -0.69, "options", -5.77, loud, agreed=True).phrase == ""
    # Nor does it for another word spelling the phrase and more, or a letter named (people's
    # recordings: "sixth" and "Q" were accepted as six and two when it did).
    assert judge("Sixth,", -0.7, "six", -2.88, quiet, agreed=True).decision is Decision.UNSURE
    assert judge("Q..", -0.64, "two", -4.2, quiet, agreed=True).decision is Decision.UNSURE
    assert judge("Fourteen.", -0.9, "four", -3.5, quiet, agreed=True).decision is Decision.UNSURE
    # Written as one word, the phrase itself is no "more": the agreement counts.
    assert judge("Pagedown.", -1.23, "page down", -2.62, quiet, agreed=True).phrase == "page down"


def test_the_phrase_search_stops_only_where_the_judge_could_never_accept() -> None:
    # Every phrase the judge accepts lies at or above the search's bound, in every room.
    transcripts = [
        "",
        "Uh.",
        "Auctions,",
        "Next patient, please.",
        "Eight, eight, eight, eight",
        "What happens in vertebral plasti?",
        "Shall we get a cup of tea, then?",
    ]
    phrases = ["options", "next", "eight", "what happens in vertebroplasty", "tea"]
    accepted = 0
    for text in transcripts:
        for free_logp in (-0.5, -3.0, -9.0):
            for snr_db in (5.0, 15.0, 35.0):
                for steady in (False, True):
                    lowest = least_acceptable_logp(text, free_logp, 4, snr_db, JudgeSettings(),
                                                   steady_noise=steady)  # fmt: skip
                    for phrase in phrases:
                        for phrase_logp in [-0.25 * k for k in range(64)]:
                            for agreed in (False, True):
                                verdict = judge(text, free_logp, phrase, phrase_logp, snr_db,
                                                steady_noise=steady, agreed=agreed)  # fmt: skip
                                if verdict.decision is Decision.ACCEPT:
                                    accepted += 1
                                    assert lowest is not None and phrase_logp > lowest - 1e-9
    assert accepted > 100  # the grid reaches acceptances, so the bound was tested
    # A sentence longer than every phrase takes none: the search is skipped.
    assert least_acceptable_logp("Shall we get a cup of tea, then?", -2.0, 4, 35.0,
                                 JudgeSettings()) is None  # fmt: skip
    # In a quiet room the bound is the quiet floor; in a loud one it is far higher.
    assert least_acceptable_logp("Auctions,", -0.7, 4, 35.0, JudgeSettings()) == -7.0
    assert least_acceptable_logp("Auctions,", -0.7, 4, 15.0, JudgeSettings()) == -4.7
