"""Speakers without audio: `NullSpeaker` for kiosks with speech off or no audio at all, and
`RecordingSpeaker`, a fake for fast UI tests."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from kiosk.core.speaker import (
    EventHandler,
    SentenceStarted,
    SpeechAvailability,
    SpeechEvent,
    UtteranceFinished,
)
from kiosk.speech.lexicon import Lexicon

NO_SPEECH_REASON = "Speech is turned off on this kiosk."


class NullSpeaker:
    """Says it cannot speak (the UI shows captions) and otherwise does nothing."""

    def __init__(self, reason: str = NO_SPEECH_REASON) -> None:
        self.reason = reason

    def start(self, on_event: EventHandler) -> None:
        on_event(SpeechAvailability(False, self.reason))

    def speak(self, utterance_id: int, sentences: Sequence[str], first: int = 0) -> None:
        pass

    def play_tone(self, utterance_id: int) -> None:
        pass

    def stop(self) -> None:
        pass

    def set_volume(self, volume: float) -> None:
        pass

    def set_rate(self, words_per_minute: int) -> None:
        pass

    def set_voice(self, voice: str | None) -> None:
        pass

    def set_lexicon(self, lexicon: Lexicon) -> None:
        pass

    def close(self) -> None:
        pass


class RecordingSpeaker:
    """Records every call as a tuple, e.g. ('speak', 7, ('A.', 'B.'), 0), ('stop',).

    With `auto_finish=True` a `speak` reports SentenceStarted for each sentence and then
    UtteranceFinished synchronously, inside the call; otherwise the test drives progress with
    `start_sentence`, `finish` or `advance`. `set_available` simulates audio coming and going.
    """

    def __init__(self, *, auto_finish: bool = False, available: bool = True) -> None:
        self.calls: list[tuple[Any, ...]] = []
        self.events: list[SpeechEvent] = []
        self.auto_finish = auto_finish
        self.available = available
        self.current: tuple[int, tuple[str, ...], int] | None = None
        self.position: int | None = None  # index of the sentence "playing"
        self._on_event: EventHandler | None = None

    # The Speaker protocol
    def start(self, on_event: EventHandler) -> None:
        self.calls.append(("start",))
        self._on_event = on_event
        self._emit(SpeechAvailability(self.available, "" if self.available else "no audio"))

    def speak(self, utterance_id: int, sentences: Sequence[str], first: int = 0) -> None:
        self.calls.append(("speak", utterance_id, tuple(sentences), first))
        self.current = (utterance_id, tuple(sentences), first)
        self.position = None
        if self.auto_finish:
            while self.advance():
                pass

    def play_tone(self, utterance_id: int) -> None:
        self.calls.append(("tone", utterance_id))
        self.current = (utterance_id, ("<tone>",), 0)
        self.position = None
        if self.auto_finish:
            while self.advance():
                pass

    def stop(self) -> None:
        self.calls.append(("stop",))
        self.current = None
        self.position = None

    def set_volume(self, volume: float) -> None:
        self.calls.append(("volume", volume))

    def set_rate(self, words_per_minute: int) -> None:
        self.calls.append(("rate", words_per_minute))

    def set_voice(self, voice: str | None) -> None:
        self.calls.append(("voice", voice))

    def set_lexicon(self, lexicon: Lexicon) -> None:
        self.calls.append(("lexicon", len(lexicon)))

    def close(self) -> None:
        self.calls.append(("close",))

    # Driving it from a test
    @property
    def spoken(self) -> list[tuple[int, tuple[str, ...], int]]:
        return [(call[1], call[2], call[3]) for call in self.calls if call[0] == "speak"]

    def start_sentence(self, index: int) -> None:
        """Report that sentence `index` of the current utterance began playing."""
        if self.current is None:
            raise RuntimeError("nothing is being spoken")
        self.position = index
        self._emit(SentenceStarted(self.current[0], index))

    def finish(self) -> None:
        """Report the current utterance played to the end."""
        if self.current is None:
            raise RuntimeError("nothing is being spoken")
        utterance_id = self.current[0]
        self.current = None
        self.position = None
        self._emit(UtteranceFinished(utterance_id))

    def advance(self) -> bool:
        """Start the next sentence, or finish after the last; False when nothing is playing."""
        if self.current is None:
            return False
        _, sentences, first = self.current
        following = first if self.position is None else self.position + 1
        if following < len(sentences):
            self.start_sentence(following)
        else:
            self.finish()
        return True

    def set_available(self, available: bool, reason: str = "") -> None:
        self.available = available
        self._emit(SpeechAvailability(available, reason))

    def _emit(self, event: SpeechEvent) -> None:
        self.events.append(event)
        if self._on_event is not None:
            self._on_event(event)
