"""PCM clips to the audio device through one PortAudio output stream (speech worker only).

The stream runs all the time (silence when idle), so new speech needs no device start-up.
Its callback takes samples from a queue of clips, applies the volume per block (ramped, so a
change is heard at once and without a click) and reports when a clip starts and ends.
Stopping aborts the stream, which discards what PortAudio and the sound server still hold,
then starts it again: speech stops; it is not merely muted.
"""

from __future__ import annotations

import array
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

ClipEventKind = Literal["started", "finished"]
# No callback for this long means the output is gone. Generous: a PulseAudio null sink that
# was idle holds a newly started stream back for about 2 s (measured), and that is no fault.
STALL_S = 4.0
# Measured through PulseAudio on 2 cores: "low" (9 ms, 64-frame callbacks) underflowed 87
# times in 3 s of speech; 256 frames with 20 ms had none and heard audio ~20 ms after enqueue.
BLOCK_FRAMES = 256
OUTPUT_LATENCY_S = 0.02


@dataclass(frozen=True)
class Clip:
    """One synthesized piece: part of sentence `index` of utterance `utterance_id`."""

    utterance_id: int
    index: int
    text: str
    pcm: bytes
    first_of_sentence: bool
    last_of_utterance: bool
    generation: int = 0


ClipListener = Callable[[ClipEventKind, Clip], None]


def scale(pcm: bytes, start_gain: float, end_gain: float) -> bytes:
    """Multiply 16-bit samples by a gain ramping linearly from `start_gain` to `end_gain`."""
    samples = array.array("h")
    samples.frombytes(pcm)
    count = len(samples)
    if count == 0 or (start_gain == end_gain and start_gain >= 0.9999):
        return pcm
    if start_gain == end_gain:
        scaled = array.array("h", [int(s * start_gain) for s in samples])
    else:
        step = (end_gain - start_gain) / count
        scaled = array.array("h", [int(s * (start_gain + step * i)) for i, s in enumerate(samples)])
    return scaled.tobytes()


class Player:
    """Owns the output stream. Thread-safe: the worker's threads and the audio callback share it."""

    def __init__(
        self,
        sample_rate: int,
        on_clip: ClipListener,
        volume: float,
        *,
        latency: float | str = OUTPUT_LATENCY_S,
        blocksize: int = BLOCK_FRAMES,
        device: int | str | None = None,
    ) -> None:
        import sounddevice

        self.sample_rate = sample_rate
        self._on_clip = on_clip
        self._lock = threading.Lock()  # the queue, shared with the audio callback
        self._control = threading.Lock()  # stream start/abort/close
        self._queue: deque[Clip] = deque()
        self._current: Clip | None = None
        self._position = 0
        self._gain = self._applied_gain = _clamp(volume)
        self.generation = 0  # bumped by every stop; clips made for an older one are dropped
        self.last_callback = time.monotonic()
        self._stream: Any = sounddevice.RawOutputStream(
            device=device,  # None: the system's default output
            samplerate=sample_rate,
            channels=1,
            dtype="int16",
            latency=latency,
            blocksize=blocksize,
            callback=self._callback,
        )

    def start(self) -> None:
        self._stream.start()
        self.last_callback = time.monotonic()

    @property
    def latency(self) -> float:
        return float(self._stream.latency)

    @property
    def healthy(self) -> bool:
        """False once the device stopped calling back (sound server gone, device unplugged)."""
        with self._control:  # not between the abort and the start of a stop_now
            active = bool(self._stream.active)
        return active and time.monotonic() - self.last_callback < STALL_S

    def enqueue(self, clip: Clip) -> bool:
        with self._lock:
            if clip.generation != self.generation:
                return False
            self._queue.append(clip)
            return True

    def pending(self) -> int:
        """Clips queued that have not started playing."""
        with self._lock:
            return len(self._queue)

    def drop_pending(self) -> list[Clip]:
        """Take back the clips not yet started (to synthesize them again at a new rate)."""
        with self._lock:
            dropped = list(self._queue)
            self._queue.clear()
            return dropped

    def stop_now(self) -> int:
        """Silence at once; returns the new generation (clips of older ones are refused)."""
        with self._lock:
            self.generation += 1
            generation = self.generation
            self._queue.clear()
            self._current = None
            self._position = 0
        # Abort drops the buffered audio (PortAudio's and, through ALSA, the server's);
        # it waits for a running callback, so it must be called without the lock held.
        with self._control:
            self._stream.abort()
            self._stream.start()
            self.last_callback = time.monotonic()
        return generation

    def set_volume(self, volume: float) -> None:
        self._gain = _clamp(volume)

    def close(self) -> None:
        with self._control:
            self._stream.abort()
            self._stream.close()

    def _callback(self, outdata: Any, frames: int, time_info: Any, status: Any) -> None:
        self.last_callback = time.monotonic()
        wanted = frames * 2
        chunks: list[bytes] = []
        filled = 0
        events: list[tuple[ClipEventKind, Clip]] = []
        with self._lock:
            while filled < wanted:
                if self._current is None:
                    if not self._queue:
                        break
                    self._current, self._position = self._queue.popleft(), 0
                    events.append(("started", self._current))
                piece = self._current.pcm[self._position : self._position + wanted - filled]
                chunks.append(piece)
                filled += len(piece)
                self._position += len(piece)
                if self._position >= len(self._current.pcm):
                    events.append(("finished", self._current))
                    self._current = None
        gain, previous = self._gain, self._applied_gain
        self._applied_gain = gain
        if filled:
            outdata[:filled] = scale(b"".join(chunks), previous, gain)
        if filled < wanted:
            outdata[filled:] = bytes(wanted - filled)
        for kind, clip in events:
            self._on_clip(kind, clip)


def _clamp(volume: float) -> float:
    return min(1.0, max(0.0, float(volume)))
