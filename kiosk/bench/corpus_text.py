"""What the synthetic corpus says, and who says it (see `kiosk.bench.corpus`).

The benchmark splits the corpus in two (`TUNING_VOICES`, `TEST_VOICES` and the sentence lists
below): a tuning part that parameters may be chosen on, and a test part with other voices, other
near misses, other sentences and other babble that no parameter is ever chosen on.
"""

from __future__ import annotations

# Flite voices from recorded human speech (US English) plus formant eSpeak voices.
FLITE_VOICES = ("flite:slt", "flite:rms", "flite:awb", "flite:kal16", "flite:slt+low",
                "flite:rms+high")  # fmt: skip
ESPEAK_VOICES = ("en-us", "en+f3", "en-gb-x-rp")
VOICES = FLITE_VOICES + ESPEAK_VOICES
# The benchmark's two parts: the voices parameters may be chosen on, and the voices of the test,
# never used to choose anything (`flite:slt+low` is slt's speaker at a lower pitch).
TUNING_VOICES = ("flite:slt", "flite:rms", "en-us")
TEST_VOICES = ("flite:awb", "flite:kal16", "en+f3", "flite:slt+low", "en-gb-x-rp")
RATES = (130, 160, 190)  # words per minute: slow (older listeners), default-ish, brisk
SNRS = (10, 5)
PAD_BEFORE_S = 0.4
PAD_AFTER_S = 1.0

# Sentences a waiting room might hear that are NOT commands. Near misses contain command words.
NEAR_MISSES = (
    "I want to go home",
    "next patient please",
    "stop that Tom",
    "can you help me find the toilet",
    "go back to sleep",
    "is this the next one",
    "I need more coffee",
    "read the paper later",
    "no I never said that",
    "yes I think so too",
    "where is the pharmacy",
    "turn the volume on the television down",
    "say hello to your mother",
    "the risks of driving at night",
    "she is in room number four",
    "my back hurts when I sit",
)
OUT_OF_VOCABULARY = (
    "what time is the bus",
    "hello there",
    "good morning doctor",
    "the weather is lovely today",
    "did you see the match last night",
    "my appointment is at half past ten",
    "could I have a glass of water",
    "where did I put my glasses",
    "the car park is full again",
    "thank you very much nurse",
    "excuse me",
    "mister Johnson to room three",
)
# The test part's own sentences: in no other list, test or document of the kiosk.
NEAR_MISSES_TEST = (
    "the next bus is at four",
    "can you help me stand up",
    "stop the car here",
    "I will be back in five minutes",
    "open the window a little",
    "is there more tea in the pot",
    "my son will take me home later",
    "please read me the letter from the bank",
    "yes but only after lunch",
    "no sugar in mine thanks",
    "pause the film for a minute",
    "the risks seem small to me",
    "she walked up the stairs slowly",
    "we have three options for dinner",
    "section two of the form is missing",
    "say that louder so grandad can hear",
)
OUT_OF_VOCABULARY_TEST = (
    "the parking meter only takes coins",
    "my grandson starts university in October",
    "have you seen my umbrella anywhere",
    "the sandwiches here are rather dry",
    "I am waiting for my husband",
    "the receptionist was very kind",
    "it rained all the way from Leeds",
    "which bus goes to the station",
    "my knee has been sore since Tuesday",
    "the doctor is running late today",
    "shall we get a cup of tea",
    "I forgot to bring my letter",
)
BABBLE_TEXT = (
    "The cafeteria on the ground floor is open until seven in the evening today.",
    "I told my daughter that the appointment would probably run late again.",
    "Could the family of Margaret Evans please come to the reception desk.",
    "We drove for almost an hour because the motorway was closed near the bridge.",
    "He said the new tablets made him feel dizzy in the mornings.",
    "There was a lovely programme about gardens on the radio yesterday.",
)
BABBLE_TEXT_TEST = (
    "The porter brought a wheelchair round to the front entrance just after lunch.",
    "My neighbour has been feeding the cat while I stay with my sister.",
    "They moved the blood test clinic to the other side of the building last spring.",
    "I usually take the early train but it was cancelled again this morning.",
    "Her grandson plays football every Saturday in the park near the river.",
    "We should ask at the desk whether the parking ticket can be stamped.",
)
