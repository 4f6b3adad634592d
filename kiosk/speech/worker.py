"""The speech worker process: owns synthesis and the audio device.

Run as `python -m kiosk.speech.worker FD` by the parent (a fresh interpreter: forking after
the audio and speech libraries are loaded hangs), with FD one end of a socket pair. The parent
points fds 1 and 2 at its log pipe for `speech.log` (which writes each distinct line once,
counts repeats and rotates the file: `kiosk.logs.pipe`), because ALSA, JACK, PortAudio and
eSpeak write straight to them and the terminal is the kiosk's screen. `run_worker` checks that
before importing any audio library, and makes a pipe of its own if it was given none.

Threads: a reader thread takes commands off the pipe (and aborts playback at once on stop or
new speech, without waiting for the main loop), the PortAudio callback thread plays, and the
main loop synthesizes a couple of pieces ahead of what is playing and sends events back.
A worker with no usable audio output reports `Unavailable` and exits: the parent starts a
fresh one later, which is also how PortAudio gets to see a device that appeared meanwhile.
"""

from __future__ import annotations

import logging
import queue
import signal
import sys
import threading
from collections import deque
from collections.abc import Iterator
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.core.speaker import (
    MAX_RATE_WPM,
    MIN_RATE_WPM,
    SentenceStarted,
    UtteranceFinished,
)
from kiosk.logs.worker_output import is_pipe, own_output, point_output_at
from kiosk.speech.messages import (
    Close,
    Command,
    Ready,
    SetLexicon,
    SetRate,
    SetVoice,
    SetVolume,
    Speak,
    Stop,
    Tone,
    Unavailable,
    WorkerConfig,
)

if TYPE_CHECKING:
    from kiosk.speech.playback import Clip, ClipEventKind, Player
    from kiosk.speech.synth import Synthesizer

    Item = Command | tuple[ClipEventKind, Clip] | tuple[int, Speak | Tone | Stop]

log = logging.getLogger("kiosk.speech.worker")

LOOKAHEAD_CLIPS = 2  # pieces synthesized ahead of the one playing
HEALTH_CHECK_S = 0.25


def redirect_output(log_path: Path | None) -> None:
    """fds 1 and 2 -> the parent's log pipe (a pipe already on fd 2), else a log pipe of our
    own into `log_path` (or /dev/null); fd 0 -> /dev/null. Never reopens the log file itself:
    only a log pipe keeps it bounded."""
    point_output_at(2 if is_pipe(2) else own_output(log_path))


def main(argv: list[str]) -> int:
    conn = Connection(int(argv[0]))
    try:
        config = conn.recv()
    except (EOFError, OSError):
        return 1
    if not isinstance(config, WorkerConfig):
        return 2
    run_worker(conn, config)
    return 0


def run_worker(conn: Connection, config: WorkerConfig) -> None:
    redirect_output(config.log_path)
    # The parent decides when the worker ends; a Ctrl-C meant for it must not kill speech.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    logging.raiseExceptions = False  # a log that cannot be written must not print or crash
    # No time in the format: the log pipe stamps each line, and a line repeated by every
    # restart ("no audio output") must read the same each time to be counted, not repeated.
    logging.basicConfig(stream=sys.stderr, level=logging.INFO, format="speech %(message)s")
    from kiosk.speech.synth import make_synthesizer

    try:
        synth = make_synthesizer(config.engine, config.voice, _bounded(config.rate))
    except Exception as error:
        log.exception("speech engine failed to load")
        _send(conn, Unavailable(f"The speech engine did not load ({error})."))
        return
    worker = Worker(conn, synth, config)
    try:
        if worker.open_device():
            worker.run()
    finally:
        worker.close()


class Worker:
    def __init__(self, conn: Connection, synth: Synthesizer, config: WorkerConfig) -> None:
        self._conn = conn
        self._synth = synth
        self._lexicon = config.lexicon
        self._volume = config.volume
        self._device = config.device
        self._inbox: queue.SimpleQueue[Item] = queue.SimpleQueue()
        self._generation = 0
        self._player: Player | None = None
        self._plan: deque[Clip] = deque()  # pieces to synthesize (pcm empty until then)
        self._sentences: Iterator[Clip] = iter(())
        self._utterance: int | None = None

    def open_device(self) -> bool:
        from kiosk.speech.playback import Player

        try:
            self._player = Player(
                self._synth.sample_rate, self._on_clip, self._volume, device=self._device
            )
            self._player.start()
        except Exception as error:
            log.info("no audio output: %s", error)
            _send(self._conn, Unavailable(f"No audio output ({error})."))
            return False
        detail = f"{self._synth.sample_rate} Hz, latency {self._player.latency * 1000:.0f} ms"
        log.info("audio ready: %s", detail)
        return _send(self._conn, Ready(detail))

    def run(self) -> None:
        threading.Thread(target=self._read_commands, name="commands", daemon=True).start()
        player = self._player
        assert player is not None
        while True:
            try:
                item = self._inbox.get(timeout=HEALTH_CHECK_S)
            except queue.Empty:
                item = None
            if isinstance(item, Close):
                return
            if item is not None and not self._handle(item, player):
                return
            if not player.healthy:
                log.info("audio output lost")
                _send(self._conn, Unavailable("The audio output stopped working."))
                return
            self._top_up(player)

    def close(self) -> None:
        if self._player is not None:
            try:
                self._player.close()
            except Exception:
                log.exception("closing the audio stream")
        self._synth.close()

    def _read_commands(self) -> None:
        try:
            while True:
                command: Command = self._conn.recv()
                if isinstance(command, Stop | Speak | Tone) and self._player is not None:
                    # Silence first, bookkeeping after. The generation travels with the
                    # command, so pieces being synthesized for older speech are refused.
                    self._inbox.put((self._player.stop_now(), command))
                else:
                    self._inbox.put(command)
        except (EOFError, OSError):
            self._inbox.put(Close())  # the parent is gone

    def _on_clip(self, kind: ClipEventKind, clip: Clip) -> None:
        self._inbox.put((kind, clip))  # from the audio callback: never block there

    def _handle(self, item: Item, player: Player) -> bool:
        if isinstance(item, tuple) and isinstance(item[0], int):
            self._generation, item = item
        if isinstance(item, tuple):
            kind, clip = item
            if clip.generation != self._generation or clip.utterance_id != self._utterance:
                return True
            if kind == "started" and clip.first_of_sentence:
                return _send(self._conn, SentenceStarted(clip.utterance_id, clip.index))
            if kind == "finished" and clip.last_of_utterance:
                self._utterance = None
                return _send(self._conn, UtteranceFinished(clip.utterance_id))
            return True
        if isinstance(item, Speak):
            self._begin(item)
            if not self._fill_plan():
                self._utterance = None
                return _send(self._conn, UtteranceFinished(item.utterance_id))
        elif isinstance(item, Tone):
            self._begin_tone(item.utterance_id)
        elif isinstance(item, Stop):
            self._utterance = None
            self._plan.clear()
            self._sentences = iter(())
        elif isinstance(item, SetVolume):
            self._volume = item.volume
            player.set_volume(item.volume)
        elif isinstance(item, SetRate):
            self._synth.set_rate(_bounded(item.words_per_minute))
            self._plan.extendleft(reversed(player.drop_pending()))
        elif isinstance(item, SetVoice):
            try:
                self._synth.set_voice(item.voice)
            except ValueError:
                log.exception("voice not changed")
            self._plan.extendleft(reversed(player.drop_pending()))
        elif isinstance(item, SetLexicon):
            self._lexicon = item.lexicon
        return True

    def _begin(self, speak: Speak) -> None:
        from kiosk.speech.synth import split_for_synthesis

        self._utterance = speak.utterance_id
        self._plan.clear()
        lexicon = self._lexicon
        last = len(speak.sentences) - 1
        while last >= speak.first and not speak.sentences[last].strip():
            last -= 1

        def pieces() -> Iterator[Clip]:
            # Lazy, so the first sentence is synthesized before the rest is even looked at.
            from kiosk.speech.playback import Clip

            for index in range(speak.first, last + 1):
                parts = split_for_synthesis(lexicon.apply(speak.sentences[index]))
                for number, text in enumerate(parts):
                    final = index == last and number == len(parts) - 1
                    yield Clip(speak.utterance_id, index, text, b"", number == 0, final)

        self._sentences = pieces()

    def _begin_tone(self, utterance_id: int) -> None:
        from kiosk.speech.playback import Clip
        from kiosk.speech.tone import tone_pcm

        self._utterance = utterance_id
        self._plan.clear()
        pcm = tone_pcm(self._synth.sample_rate)
        self._sentences = iter([Clip(utterance_id, 0, "", pcm, True, True)])

    def _fill_plan(self) -> bool:
        if not self._plan:
            piece = next(self._sentences, None)
            if piece is not None:
                self._plan.append(piece)
        return bool(self._plan)

    def _top_up(self, player: Player) -> None:
        from dataclasses import replace

        while self._utterance is not None and player.pending() < LOOKAHEAD_CLIPS:
            if not self._inbox.empty() or not self._fill_plan():
                return  # commands first: they may cancel what would be synthesized
            piece = self._plan.popleft()
            pcm = piece.pcm or self._synth.synthesize(piece.text, final=piece.last_of_utterance)
            player.enqueue(replace(piece, pcm=pcm, generation=self._generation))


def _bounded(rate: int) -> int:
    return min(MAX_RATE_WPM, max(MIN_RATE_WPM, int(rate)))


def _send(conn: Connection, message: object) -> bool:
    try:
        conn.send(message)
    except (OSError, ValueError):
        return False
    return True


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
