"""Frames in, decisions out: endpointing -> recognizer -> rejection -> phrase match.

The same code serves the live microphone and recorded files: feed it 16 kHz mono 16-bit audio
in any chunk size; it returns a `Result` each time an utterance ends.
"""

from __future__ import annotations

import array
import random
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from kiosk.commands.command import Command
from kiosk.commands.phrases import Phrasebook
from kiosk.voice.endpointer import MIN_SPEECH_DB, SPEECH_MARGIN_DB, Endpointer, level_db
from kiosk.voice.events import Decision
from kiosk.voice.recognizer import Recognizer
from kiosk.voice.rejection import Evidence, RejectionSettings, decide, score_ratio

RATE = 16000
# An utterance that starts this soon after an accepted one and means the same command is that
# phrase's own tail, cut off by an early end ("section two" decided as "two" was still sounding).
TAIL_S = 0.35
# How fast a room's echo of the last word dies away: 60 dB in a second, a reverberant hall.
# (A waiting room is usually quicker; a slower decay here only forgives more.)
ECHO_DECAY_DB_PER_FRAME = 0.6
# A real microphone always hisses a little; a recording padded with digital silence does not,
# and then the room's noise floor reads -120 dB, so every faint sound counts as speech. People's
# words that were not commands (scripts/fetch-recordings) were accepted 11.1 % of the time with
# digital silence around them; with this hiss under everything, 3.3 % (4.1 % cut tight, was
# 6.0 %). -66 dBFS is a quiet room's floor, lost under any real microphone's own noise
# (docs/voice.md).
NOISE_FLOOR_RMS = 16.0
_HISS_SOURCE = random.Random(11)
_HISS = array.array("h", (round(_HISS_SOURCE.gauss(0.0, NOISE_FLOOR_RMS)) for _ in range(RATE)))


def with_noise_floor(frame: bytes, position: int) -> bytes:
    """`frame` (s16 samples) with the faint hiss added, taken from `position` in its cycle."""
    samples = array.array("h")
    samples.frombytes(frame)
    hiss = _HISS
    start = position % len(hiss)
    return array.array(
        "h",
        (
            max(-32768, min(32767, sample + hiss[(start + i) % len(hiss)]))
            for i, sample in enumerate(samples)
        ),
    ).tobytes()


@dataclass(frozen=True)
class Result:
    text: str
    command: Command | None
    confidence: float
    decision: Decision
    speech_start_s: float  # stream time (seconds of audio fed) where speech started
    speech_end_s: float  # stream time where the endpointer saw it end
    decided_at_s: float  # stream time of the frame that made the decision
    compute_s: float  # wall time spent deciding after that frame
    ratio: float  # rejection score per frame (for calibration and benchmarks)
    snr_db: float  # utterance level above the room's noise floor (same)
    noisy: bool  # the room was loud: the stricter threshold applied
    unexplained_s: float  # loud audio the phrase put down to silence (calibration)


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


class Pipeline:
    """One listening stream. Not thread-safe: one owner feeds it."""

    def __init__(
        self,
        recognizer: Recognizer,
        phrasebook: Phrasebook,
        *,
        settings: RejectionSettings | None = None,
        extra_phrases: Sequence[str] = (),
        clock: Callable[[], float] = time.perf_counter,
    ) -> None:
        self.recognizer = recognizer
        self.phrasebook = phrasebook
        self.settings = settings or RejectionSettings()
        self.extra_phrases = tuple(extra_phrases)  # heard but not commands (the wake phrase)
        self._clock = clock
        self.endpointer = Endpointer()
        self.frame_bytes: int = self.endpointer.frame_bytes
        self._pending = b""
        self._speech: list[bytes] = []
        self._in_speech = False
        self._fed_s = 0.0
        self._samples_fed = 0
        self._start_s = 0.0
        self._last_command: Command | None = None
        self._channel_known = False  # the decoders have not yet adapted to this microphone
        self._last_decided_s = -1.0

    def reset(self) -> None:
        """Forget any half-heard utterance (listening stopped, or the grammar changed)."""
        if self._in_speech:
            self.recognizer.finish()
        self.endpointer.restart()
        self._pending = b""
        self._speech = []
        self._in_speech = False

    def feed(self, pcm: bytes) -> list[Result]:
        """Add audio; return the utterances it completed."""
        results = []
        data = self._pending + pcm
        usable = len(data) // self.frame_bytes * self.frame_bytes
        self._pending = data[usable:]
        for offset in range(0, usable, self.frame_bytes):
            result = self._frame(data[offset : offset + self.frame_bytes])
            if result is not None:
                results.append(result)
        return results

    def flush(self) -> list[Result]:
        """End of the stream (end of a file): finish any utterance in progress, start afresh."""
        results = []
        if self._in_speech:
            speech = self.endpointer.end_stream(self._pending or bytes(2))
            if speech:
                self._add(speech)
            results.append(self._finish(self._clock()))
        self.reset()
        self.endpointer = Endpointer()  # the next stream is another recording, another room
        self._fed_s = 0.0
        self._samples_fed = 0  # its hiss starts its cycle afresh: the same file, the same answer
        self._last_command, self._last_decided_s = None, -1.0
        return results

    def forget_channel(self) -> None:
        """The next audio is another recording: another microphone, room and speaker.

        Its first utterance is decoded twice again, as the kiosk's first one is, so a file's
        result does not depend on the files decoded before it."""
        self.recognizer.forget_channel()
        self._channel_known = False

    def hear_room(self, pcm: bytes) -> None:
        """Audio that is not listened to: only its loudness is kept, to know the room's noise."""
        for offset in range(0, len(pcm) - self.frame_bytes + 1, self.frame_bytes):
            self.endpointer.observe(pcm[offset : offset + self.frame_bytes])

    def _frame(self, frame: bytes) -> Result | None:
        frame = with_noise_floor(frame, self._samples_fed)
        self._samples_fed += len(frame) // 2
        self._fed_s += len(frame) / 2 / RATE
        if self._in_speech and self.endpointer.quiet_frames:
            self.endpointer.patient = self._incomplete()
        speech = self.endpointer.process(frame)
        if speech is not None:
            self._add(speech)
        if self._in_speech and not self.endpointer.in_speech:
            return self._finish(self._clock())
        return None

    def _incomplete(self) -> bool:
        """In a pause: are the words so far only the start of a phrase ("number", "go to")?"""
        words = self.recognizer.partial()
        if not words:
            return False
        return self.phrasebook.match(words) is None and words not in self.extra_phrases

    def _add(self, speech: bytes) -> None:
        if not self._in_speech:
            self._in_speech = True
            self._start_s = self.endpointer.speech_start
            self.recognizer.start()
            self._speech = []
        self._speech.append(speech)
        self.recognizer.add(speech)

    def _finish(self, started: float) -> Result:
        self._in_speech = False
        pcm = b"".join(self._speech)
        self._speech = []  # the audio is dropped as soon as it is decided: never kept
        decoded = self.recognizer.finish()
        if not self._channel_known:
            # The decoders' live mean normalisation starts from a stock guess at the microphone,
            # so a first utterance can come out as nonsense ("carry on" for a question). Having
            # heard it once they know this channel: decode it again.
            self._channel_known = True
            self.recognizer.start()
            self.recognizer.add(pcm)
            decoded = self.recognizer.finish()
        text = decoded.text
        floor = max(MIN_SPEECH_DB, self.endpointer.floor_at_start + SPEECH_MARGIN_DB)
        evidence = Evidence(
            text=text,
            grammar_score=decoded.grammar_score,
            phone_score=decoded.phone_score,
            frames=decoded.frames,
            speech_s=len(pcm) / 2 / RATE,
            level_db=level_db(pcm),
            snr_db=level_db(pcm) - self.endpointer.floor_at_start,
            unexplained_s=speech_in(pcm, decoded.unspoken, floor),
        )
        decision, confidence = decide(evidence, self.settings)
        command = self.phrasebook.match(text) if decision is Decision.ACCEPT else None
        if decision is Decision.ACCEPT and command is None:
            decision = Decision.WAKE if text in self.extra_phrases else Decision.UNSURE
        if decision is Decision.ACCEPT:
            if command == self._last_command and self._start_s - self._last_decided_s < TAIL_S:
                decision, command = Decision.NOISE, None  # the tail of the phrase just obeyed
            else:
                self._last_command, self._last_decided_s = command, self._fed_s
        return Result(
            text=text if decision is not Decision.NOISE else "",
            command=command,
            confidence=confidence,
            decision=decision,
            speech_start_s=self._start_s,
            speech_end_s=float(self.endpointer.speech_end),
            decided_at_s=self._fed_s,
            compute_s=self._clock() - started,
            ratio=score_ratio(evidence),
            snr_db=evidence.snr_db,
            noisy=evidence.snr_db < self.settings.noisy_below_db,
            unexplained_s=evidence.unexplained_s,
        )


def decode_stream(pipeline: Pipeline, chunks: Iterable[bytes]) -> list[Result]:
    """Run a stream through the pipeline, as the live listener would, on the same channel."""
    results: list[Result] = []
    for chunk in chunks:
        results.extend(pipeline.feed(chunk))
    results.extend(pipeline.flush())
    return results


def decode_recording(pipeline: Pipeline, pcm: bytes, *, new_channel: bool = True) -> list[Result]:
    """Run one whole recording through the pipeline, frame by frame.

    A recording of its own (`kiosk listen FILE`) starts on a fresh channel; `new_channel=False`
    hears it on the channel of the one before, as one kiosk's microphone hears clip after clip.
    """
    if new_channel:
        pipeline.forget_channel()
    size = pipeline.frame_bytes
    return decode_stream(pipeline, (pcm[i : i + size] for i in range(0, len(pcm), size)))


def push_to_talk_answer(results: Sequence[Result]) -> Result | None:
    """The kiosk's answer to one push of the talk key: its first utterance that is not noise.

    Push-to-talk takes one answer, sure or unsure, and stops listening (voice/worker.py), so a
    later utterance in the same recording is never acted on."""
    return next((r for r in results if r.decision is not Decision.NOISE), None)
