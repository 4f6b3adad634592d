"""Where an utterance starts and ends, in quiet rooms and in a room full of talk.

pocketsphinx's own `Endpointer` (WebRTC voice activity detection over a sliding window) hears
background conversation as speech, so in a busy waiting room an utterance never ends; and it
hands audio on one window late. This one uses the same detector, `pocketsphinx.Vad`, but a frame
only counts as speech when it is also louder than the room: a running noise floor (a low
percentile of the last few seconds of frame levels) plus a margin. The person at the kiosk is
nearer the microphone than the room's talkers, so their speech stands above that floor and the
talk behind does not. Frames are handed on as soon as they arrive, so the decoder keeps up with
the speaker.

An utterance ends after `end_s` without speech (long enough to bridge the closures of
"next patient", short enough to answer quickly), or after `patient_end_s` while the owner says
the words so far are not a whole command yet ("number ..."), so a slow speaker's pause between
words does not cut a phrase in two.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable

import pocketsphinx

from kiosk.voice.levels import level_db
from kiosk.voice.recognition import RATE

FRAME_S = 0.03
SPEECH_MARGIN_DB = 12.0  # a speech frame is this much above the room's noise floor...
MIN_SPEECH_DB = -60.0  # ...and above a microphone's own hiss, whatever the floor
# A room whose level moves by this much (`room_spread_db`) is taken for a room of talk. Measured
# at the start of the corpus's utterances: babble 2.5 to 9 dB (median 6, a quarter under 4),
# white and pink noise under 2, brown noise 1.7 to 5 (median 3).
TALK_SPREAD_DB = 4.0
# ...and one whose level moves by less than this is steady (white and pink noise, most brown
# noise: fans, water, a kitchen): there the recognizer decodes with silence after the speech
# (moonshine/recognizer.py). Under talk's threshold: at 4 dB the suite's "next patient please"
# in babble was taken for "next" again; at 3 most of the brown noise is still steady.
STEADY_SPREAD_DB = 3.0


class Endpointer:
    """Feed 30 ms frames; `process` returns the frames that belong to an utterance."""

    def __init__(
        self,
        *,
        end_s: float = 0.21,
        patient_end_s: float = 0.5,
        start_frames: int = 3,
        pre_roll_s: float = 0.15,
        margin_db: float = SPEECH_MARGIN_DB,
        hold_margin_db: float | None = None,
        min_db: float = MIN_SPEECH_DB,
        floor_window_s: float = 5.0,
        floor_percentile: float = 0.1,
        max_s: float = 6.0,
        vad_mode: int = 0,
        steady_margin_db: float | None = None,
        talker_drop_db: float | None = None,
        talker_room_db: float = 30.0,
        speech_level: Callable[[bytes], float] | None = None,
    ) -> None:
        self._speech_level = speech_level  # finds speech too, in a steady room (`_in_band`)
        self._vad = pocketsphinx.Vad(mode=vad_mode, sample_rate=RATE, frame_length=FRAME_S)
        self.frame_bytes: int = self._vad.frame_bytes
        self._end_frames = max(1, round(end_s / FRAME_S))
        self._patient_end_frames = max(self._end_frames, round(patient_end_s / FRAME_S))
        self._start_frames = start_frames
        self._margin_db = margin_db
        # Once speech has begun, a frame this far above the floor still counts as speech
        # (hysteresis): in background talk a voice's quieter sounds dip under the starting
        # margin, and without it one command is cut into fragments.
        self._hold_margin_db = margin_db if hold_margin_db is None else hold_margin_db
        self._min_db = min_db
        # In a steady room (fans, an extractor, running water) the floor is known to within a
        # dB or two and nobody else is talking: the margins come down towards this one, by how
        # little the room's level moves (`margins`). None: the margins stay as given.
        self._steady_margin_db = steady_margin_db
        self._lowered_by = 0.0  # the margins' reduction, fixed when the utterance began
        # In a room of talk, a frame more than `talker_drop_db` under the utterance's loudest
        # speech frame no longer holds the utterance open (`_holds`). None: it still does.
        self._talker_drop_db = talker_drop_db
        self._talker_room_db = talker_room_db
        self._peak_db = -120.0  # the loudest speech frame of this utterance
        self.spread_at_start = 0.0  # how much the room's level moved when it began
        self._band_spread_at_start = 0.0  # ...in the speech band
        self._floor_percentile = floor_percentile
        self._max_frames = round(max_s / FRAME_S)
        self._levels: deque[float] = deque(maxlen=round(floor_window_s / FRAME_S))
        self._speech_levels = deque(maxlen=self._levels.maxlen) if speech_level else self._levels
        self._recent: deque[tuple[bytes, bool]] = deque(
            maxlen=start_frames + round(pre_roll_s / FRAME_S)
        )
        self._frames = 0  # frames seen since the stream began
        self._utterance_frames = 0
        self.quiet_frames = 0  # frames since the last speech frame of this utterance
        self.patient = False  # set by the owner: the words so far are not a whole command
        self.in_speech = False
        self.speech_start = 0.0  # seconds of stream time
        self.speech_end = 0.0
        self.floor_at_start = -120.0  # the room's level when this utterance began
        self.margin_at_start = margin_db  # the start margin then (lower in a steady room)

    def restart(self) -> None:
        """Drop any utterance in progress; keep what was learnt about the room's noise."""
        self._recent.clear()
        self.in_speech = False
        self.patient = False
        self.quiet_frames = 0

    def observe(self, frame: bytes) -> None:
        """Learn the room's level from a frame that is not being listened to (only its level)."""
        self._remember(*self._levels_of(frame))

    def _levels_of(self, frame: bytes) -> tuple[float, float]:
        """A frame's whole-band level and its speech level."""
        level = level_db(frame)
        return level, level if self._speech_level is None else self._speech_level(frame)

    def _remember(self, level: float, speech_level: float) -> None:
        self._levels.append(level)
        if self._speech_levels is not self._levels:
            self._speech_levels.append(speech_level)

    def _floor(self, levels: deque[float]) -> float:
        if not levels:
            return -120.0
        ordered = sorted(levels)
        return ordered[int(self._floor_percentile * (len(ordered) - 1))]

    @property
    def noise_floor_db(self) -> float:
        """The room's noise floor over all frequencies, as an utterance's level is taken."""
        return self._floor(self._levels)

    @property
    def speech_band_floor_db(self) -> float:
        """The room's floor in the speech band (`speech_level`)."""
        return self._floor(self._speech_levels)

    @property
    def room_spread_db(self) -> float:
        """How much the room's level moves: the median frame level less the floor (p10)."""
        return self._spread(self._levels)

    @property
    def speech_band_spread_db(self) -> float:
        """...and its level in the speech band (`speech_level`)."""
        return self._spread(self._speech_levels)

    def _spread(self, levels: deque[float]) -> float:
        if not levels:
            return 0.0
        ordered = sorted(levels)
        median = ordered[(len(ordered) - 1) // 2]
        return median - ordered[int(self._floor_percentile * (len(ordered) - 1))]

    def lowered_by(self) -> float:
        """How far the margins come down in this room: to `steady_margin_db` plus twice the
        room's spread, never below it and never raised. Talk moves the level by 3 to 10 dB
        from one 30 ms frame to the next (the start margin stays), white or pink noise by
        under 1 dB, brown noise by 2 to 3."""
        if self._steady_margin_db is None:
            return 0.0
        wanted = self._steady_margin_db + 2 * self.room_spread_db
        return max(0.0, self._margin_db - wanted)

    def _in_band(self) -> bool:
        """Is speech also looked for in the speech band? Only in a room steady in that band
        (`STEADY_SPREAD_DB`, judged before the utterance): fans, water, an extractor, whose
        noise lies mostly outside it. Brown noise's level moves by 3 to 4 dB over all
        frequencies and 2 to 3 in the band; talk's by 5 to 9 in both. In talk the room's noise
        is speech too, and the band found more of it (docs/voice.md)."""
        if self._speech_level is None:
            return False
        spread = self._band_spread_at_start if self.in_speech else self.speech_band_spread_db
        return spread < STEADY_SPREAD_DB

    def _is_speech(self, frame: bytes, level: float, speech_level: float) -> bool:
        # Below min_db is a microphone's own hiss whatever the floor (a muted mic reads zeros).
        # The room's steadiness is judged before the utterance: its own frames would move it.
        lowered = self._lowered_by if self.in_speech else self.lowered_by()
        margin = (self._hold_margin_db if self.in_speech else self._margin_db) - lowered
        floor = self.noise_floor_db
        loud = level > max(self._min_db, floor + margin)
        # ...or loud in the speech band, in a steady room; the whole band still hears a
        # fricative, whose sound is mostly above the band ("next sentence" was cut in two).
        if not loud and self._in_band():
            loud = speech_level > max(self._min_db, self.speech_band_floor_db + margin)
        if loud and self.in_speech:
            loud = self._holds(level, floor)
        voiced = self._vad.is_speech(frame)  # every frame: the detector adapts as it goes
        if loud and voiced and self.in_speech:
            self._peak_db = max(self._peak_db, level)
        return loud and voiced

    def _holds(self, level: float, floor: float) -> bool:
        """Does a frame loud enough over the room still hold the utterance open?

        In a room of talk the person at the kiosk is the nearest, loudest voice. Once they
        stop, the talk behind them still stands the hold margin over the room's floor and kept
        the utterance open (a second and more at 10 dB babble); it is far under their own
        voice. Not in a steadier room (`TALK_SPREAD_DB`: fans, water, an extractor; nobody
        else is talking, and a word's soft ending under the noise matters there), nor when
        the utterance stands `talker_room_db` over the room (a quiet room: only the speaker's
        own fading sounds are under it)."""
        if self._talker_drop_db is None or self.spread_at_start < TALK_SPREAD_DB:
            return True
        if self._peak_db - floor >= self._talker_room_db:
            return True
        return level > self._peak_db - self._talker_drop_db

    def process(self, frame: bytes) -> bytes | None:
        """One frame in; the audio to decode out (None outside an utterance).

        When the utterance ends, `in_speech` turns False and the frame returned is its last.
        """
        level, speech_level = self._levels_of(frame)
        speech = self._is_speech(frame, level, speech_level)
        # The floor keeps learning during speech: a low percentile over seconds is barely moved
        # by a command, and it recovers if an utterance began in a burst of room noise.
        self._remember(level, speech_level)
        self._frames += 1
        if not self.in_speech:
            self._recent.append((frame, speech))
            onset = list(self._recent)[-self._start_frames :]
            if len(onset) == self._start_frames and all(is_speech for _, is_speech in onset):
                return self._begin()
            return None
        self._utterance_frames += 1
        self.quiet_frames = 0 if speech else self.quiet_frames + 1
        if speech:
            self.speech_end = self._frames * FRAME_S
        end_frames = self._patient_end_frames if self.patient else self._end_frames
        if self.quiet_frames >= end_frames or self._utterance_frames >= self._max_frames:
            self.in_speech = False
            self.patient = False
        return frame

    def _begin(self) -> bytes:
        self.in_speech = True
        self.floor_at_start = self.noise_floor_db
        self._lowered_by = self.lowered_by()
        self.spread_at_start = self.room_spread_db
        self._band_spread_at_start = self.speech_band_spread_db
        self.margin_at_start = self._margin_db - self._lowered_by
        held = [frame for frame, _ in self._recent]
        self._peak_db = max(level_db(frame) for frame, speech in self._recent if speech)
        self._recent.clear()
        self._utterance_frames = len(held)
        self.quiet_frames = 0
        self.speech_start = max(0.0, (self._frames - len(held)) * FRAME_S)
        self.speech_end = self._frames * FRAME_S
        return b"".join(held)

    def end_stream(self, frame: bytes = b"") -> bytes | None:
        """The stream stops (end of a file): close any utterance in progress."""
        self.in_speech = False
        self._recent.clear()
        return frame or None
