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
from kiosk.core.voice_events import Decision
from kiosk.voice.endpointer import FRAME_S, MIN_SPEECH_DB, Endpointer
from kiosk.voice.levels import level_db
from kiosk.voice.recognition import RATE, Utterance, UtteranceRecognizer

# An utterance that starts this soon after an accepted one and means the same command is that
# phrase's own tail, cut off by an early end ("section two" decided as "two" was still sounding).
TAIL_S = 0.35
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


def room_of(pcm: bytes, frame_bytes: int) -> bytes:
    """A recording's room: its quieter half of frames, with the hiss the pipeline adds.

    A command seldom fills more than half of a recording, so its quieter half is mostly the
    room, and the floor (a low percentile of it) is the room's even when it is not all."""
    frames = [
        with_noise_floor(pcm[offset : offset + frame_bytes], offset // 2)
        for offset in range(0, len(pcm) - frame_bytes + 1, frame_bytes)
    ]
    if not frames:
        return b""
    levels = [level_db(frame) for frame in frames]
    median = sorted(levels)[(len(levels) - 1) // 2]
    return b"".join(frame for frame, level in zip(frames, levels, strict=True) if level <= median)


@dataclass(frozen=True)
class Result:
    text: str
    command: Command | None
    confidence: float
    decision: Decision
    speech_end_s: float  # stream time where the endpointer saw it end
    decided_at_s: float  # stream time of the frame that made the decision
    compute_s: float  # wall time spent deciding after that frame
    ratio: float  # rejection score per frame (for calibration and benchmarks)
    snr_db: float  # utterance level above the room's noise floor (same)
    noisy: bool  # the room was loud: the stricter threshold applied
    unexplained_s: float  # loud audio the phrase put down to silence (calibration)


class Pipeline:
    """One listening stream. Not thread-safe: one owner feeds it."""

    def __init__(
        self,
        recognizer: UtteranceRecognizer,
        phrasebook: Phrasebook,
        *,
        noisy_below_db: float = 20.0,
        endpointer: Callable[[], Endpointer] = Endpointer,
        extra_phrases: Sequence[str] = (),
        clock: Callable[[], float] = time.perf_counter,
    ) -> None:
        self.recognizer = recognizer
        self.recognizer_problem = ""  # why this is not the preferred recognizer (factory.py)
        self.phrasebook = phrasebook
        # Speech standing less than this above the room's noise was said in a loud room: when it
        # is not understood, the advice is to come closer or use the keys.
        self.noisy_below_db = noisy_below_db
        self.extra_phrases = tuple(extra_phrases)  # heard but not commands (the wake phrase)
        self._clock = clock
        self._new_endpointer = endpointer
        self.endpointer = endpointer()
        self.frame_bytes: int = self.endpointer.frame_bytes
        self._pending = b""
        self._speech: list[bytes] = []
        self._in_speech = False
        self._fed_s = 0.0
        self._samples_fed = 0
        self._start_s = 0.0
        self._last_command: Command | None = None
        self._last_decided_s = -1.0

    def reset(self) -> None:
        """Forget any half-heard utterance (listening stopped, or the grammar changed)."""
        if self._in_speech:
            self.recognizer.abandon()
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
        # The next stream is another recording, another room.
        self.endpointer = self._new_endpointer()
        self._fed_s = 0.0
        self._samples_fed = 0  # its hiss starts its cycle afresh: the same file, the same answer
        self._last_command, self._last_decided_s = None, -1.0
        return results

    def begin_recording(self, pcm: bytes) -> None:
        """The next audio is `pcm`, a recording of its own: another microphone, room and speaker.

        Its first utterance is decoded twice again, as the kiosk's first one is, so a file's
        result does not depend on the files decoded before it. A push of the talk key comes
        after the kiosk has heard its room (`hear_room`); a recording has nothing before it,
        and many begin on the word's first sound, where the room would be learnt from the word
        itself and the word then never stood over it. Its room is learnt from its own quieter
        half (`room_of`) before it is heard."""
        self.recognizer.forget_channel()
        self.hear_room(room_of(pcm, self.frame_bytes))

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
        words = self.recognizer.words_so_far(self.endpointer.quiet_frames * FRAME_S)
        if not words:
            return False
        return self.phrasebook.match(words) is None and words not in self.extra_phrases

    def _add(self, speech: bytes) -> None:
        if not self._in_speech:
            self._in_speech = True
            self._start_s = self.endpointer.speech_start
            self.recognizer.start(self.endpointer.floor_at_start)
            self._speech = []
        self._speech.append(speech)
        self.recognizer.add(speech)

    def _finish(self, started: float) -> Result:
        self._in_speech = False
        pcm = b"".join(self._speech)
        self._speech = []  # the audio is dropped as soon as it is decided: never kept
        level = level_db(pcm)
        verdict = self.recognizer.finish(
            Utterance(
                pcm=pcm,
                speech_until_s=self.endpointer.speech_end - self._start_s,
                level_db=level,
                snr_db=level - self.endpointer.floor_at_start,
                speech_floor_db=max(
                    MIN_SPEECH_DB, self.endpointer.floor_at_start + self.endpointer.margin_at_start
                ),
                room_spread_db=self.endpointer.spread_at_start,
            )
        )
        text, decision = verdict.text, verdict.decision
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
            confidence=verdict.confidence,
            decision=decision,
            speech_end_s=float(self.endpointer.speech_end),
            decided_at_s=self._fed_s,
            compute_s=self._clock() - started,
            ratio=verdict.ratio,
            snr_db=level - self.endpointer.floor_at_start,
            noisy=level - self.endpointer.floor_at_start < self.noisy_below_db,
            unexplained_s=verdict.unexplained_s,
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

    A recording of its own (`kiosk listen FILE`) starts on a fresh channel, its room learnt
    from itself; `new_channel=False` hears it on the channel of the one before, as one kiosk's
    microphone hears clip after clip.
    """
    if new_channel:
        pipeline.begin_recording(pcm)
    size = pipeline.frame_bytes
    return decode_stream(pipeline, (pcm[i : i + size] for i in range(0, len(pcm), size)))


def push_to_talk_answer(results: Sequence[Result]) -> Result | None:
    """The kiosk's answer to one push of the talk key: its first utterance that is not noise.

    Push-to-talk takes one answer, sure or unsure, and stops listening (voice/worker.py), so a
    later utterance in the same recording is never acted on."""
    return next((r for r in results if r.decision is not Decision.NOISE), None)
