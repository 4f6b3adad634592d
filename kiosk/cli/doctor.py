"""`kiosk doctor`: check everything the kiosk needs, in plain words, with what to do.

    kiosk doctor [--config FILE] [--mic-seconds N] [--verbose]

Each check prints one line starting "OK  " or "FAIL", and for a failure what to do. The exit
status is 0 when every check passed, 1 otherwise. Checks: the configuration, the content, the
folder for the log and counts, the sound server, the speech engine and voice, the speakers
(a test sentence must reach a device), the microphone (a live level bar while staff speak)
and the voice-command recognizer.

Anything that touches audio libraries runs in a child process with a time limit (PortAudio,
ALSA and eSpeak can block or write noise to the terminal; a child can be killed and its noise
kept off the screen), or behind the speaker's own worker process. Nothing here records or keeps
what the microphone hears: only its loudness is measured.
"""

from __future__ import annotations

import argparse
import array
import json
import logging
import math
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from kiosk.core.settings import Settings, SettingsError, load_settings

SPEECH_TEST = "This is the kiosk speech test."
DEFAULT_MIC_SECONDS = 3.0
READY_TIMEOUT_S = 20.0  # the speaker replaces a worker that is silent for 15 s
SPEAK_TIMEOUT_S = 15.0
PROBE_TIMEOUT_S = 30.0
MIN_FREE_BYTES = 20_000_000
SILENCE_DBFS = -50.0  # below this the output or microphone counts as silent
HEARD_DBFS = -45.0  # a microphone peak below this means nobody was heard
BAR_WIDTH = 40
PAREC_MONITOR = [
    "parec", "-d", "@DEFAULT_MONITOR@", "--format=s16le", "--rate=16000", "--channels=1", "--raw",
]  # fmt: skip


@dataclass(frozen=True)
class Result:
    ok: bool
    message: str
    advice: str = ""


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="kiosk doctor", description="Check the kiosk's configuration, content and devices."
    )
    parser.add_argument("--config", type=Path, help="configuration file (or $KIOSK_CONFIG)")
    parser.add_argument(
        "--mic-seconds",
        type=float,
        default=DEFAULT_MIC_SECONDS,
        help="how long to listen to the microphone (0 skips the microphone test)",
    )
    parser.add_argument("--verbose", action="store_true", help="show technical details too")
    args = parser.parse_args(argv)
    _quiet_logging(args.verbose)
    out = sys.stdout
    results: list[Result] = []

    def report(result: Result) -> None:
        results.append(result)
        _print_result(result, out)

    settings = _check_settings(args.config, report)
    report(check_content(settings))
    report(check_state_dir(settings))
    report(check_sound_server())
    if settings.speech_enabled:
        report(check_voices(settings.voice, verbose=args.verbose))
        report(check_speech_output(settings))
    else:
        report(Result(True, "Speech is turned off in the configuration: not tested."))
    if settings.voice_enabled:
        if args.mic_seconds > 0:
            report(check_microphone(args.mic_seconds, out, verbose=args.verbose))
        report(check_recognizer(verbose=args.verbose))
    else:
        report(Result(True, "Voice commands are turned off in the configuration: not tested."))
    failed = sum(not r.ok for r in results)
    if failed:
        out.write(f"\n{failed} check(s) failed. Fix them from the top: later ones may follow.\n")
    else:
        out.write("\nEverything the kiosk needs is working.\n")
    return 1 if failed else 0


def _print_result(result: Result, out: IO[str]) -> None:
    out.write(f"{'OK  ' if result.ok else 'FAIL'} {result.message}\n")
    if result.advice:
        out.write(f"     What to do: {result.advice}\n")
    out.flush()


def _quiet_logging(verbose: bool) -> None:
    # The speaker logs through `logging`; without a handler, warnings would appear mid-report.
    root = logging.getLogger()
    if verbose:
        logging.basicConfig(level=logging.INFO, format="     (log) %(name)s: %(message)s")
    elif not root.handlers:
        root.addHandler(logging.NullHandler())


# Configuration, content, state folder -----------------------------------------------------------
def _check_settings(path: Path | None, report: Callable[[Result], None]) -> Settings:
    try:
        settings = load_settings(path)
    except SettingsError as error:
        report(
            Result(
                False,
                f"The configuration was refused: {error}",
                "correct that setting (see README, Configuration); "
                "the other checks use the built-in defaults.",
            )
        )
        return Settings()
    where = path or os.environ.get("KIOSK_CONFIG") or "built-in defaults"
    report(Result(True, f"Configuration is valid ({where})."))
    return settings


def check_content(settings: Settings) -> Result:
    from kiosk.content.loader import check_content as check

    try:
        content, problems = check(settings.content_dir)
    except Exception as error:  # a loader bug must not stop the other checks
        return Result(False, f"The content could not be checked ({error}).", "run: kiosk check")
    errors = [p for p in problems if p.is_error]
    if content is None or errors:
        listed = "; ".join(str(p) for p in errors[:3])
        more = f" (and {len(errors) - 3} more)" if len(errors) > 3 else ""
        return Result(
            False,
            f"The content in {settings.content_dir} has {len(errors)} error(s): {listed}{more}",
            "run `kiosk check` for the full list, and fix each file it names.",
        )
    return Result(True, f"Content is valid: {len(content.sections)} sections.")


def check_state_dir(settings: Settings) -> Result:
    """The folder for the log and the usage counts: writable, with some space left."""
    directory = settings.state_dir
    existing = directory
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent  # the kiosk creates the missing part at start
    if not os.access(existing, os.W_OK | os.X_OK):
        return Result(
            False,
            f"This user cannot write the log and counts folder {directory}.",
            f"give the kiosk's user write access to {directory} (deploy/install.sh does).",
        )
    free = shutil.disk_usage(existing).free
    if free < MIN_FREE_BYTES:
        return Result(
            False,
            f"The disk holding {directory} is nearly full ({free // 1_000_000} MB free).",
            "free some space; the kiosk keeps working but cannot save its log and counts.",
        )
    return Result(True, f"Log and counts folder {directory} is writable ({_gb(free)} free).")


def _gb(size: int) -> str:
    return f"{size / 1e9:.1f} GB" if size >= 1e9 else f"{size // 1_000_000} MB"


# Sound server ---------------------------------------------------------------------------------
def pulse_info() -> dict[str, str] | None:
    """`pactl info` as a dict, or None when pactl is missing or no server answers."""
    if shutil.which("pactl") is None:
        return None
    try:
        result = subprocess.run(
            ["pactl", "info"], capture_output=True, text=True, timeout=5, env=_c_locale()
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if result.returncode != 0:
        return None
    info: dict[str, str] = {}
    for line in result.stdout.splitlines():
        key, sep, value = line.partition(":")
        if sep:
            info[key.strip()] = value.strip()
    return info


def check_sound_server() -> Result:
    if shutil.which("pactl") is None:
        return Result(True, "No PulseAudio tools installed: using the sound card directly.")
    info = pulse_info()
    if info is None:
        return Result(
            False,
            "No sound server is running (PulseAudio or PipeWire), so there is no sound.",
            "restart the kiosk (it starts one), or run `pulseaudio --start` as the kiosk's user.",
        )
    name = info.get("Server Name", "a sound server")
    return Result(
        True,
        f"Sound server is running ({name}); speaker: {info.get('Default Sink', 'none')}, "
        f"microphone: {info.get('Default Source', 'none')}.",
    )


def _c_locale() -> dict[str, str]:
    return {**os.environ, "LC_ALL": "C"}  # pactl's field names are translated otherwise


# Speech engine and voice ------------------------------------------------------------------------
def check_voices(configured: str, *, verbose: bool = False) -> Result:
    outcome = run_probe(["voices"], PROBE_TIMEOUT_S, verbose=verbose)
    if "error" in outcome:
        return Result(
            False,
            f"The speech engine (pyttsx3 with eSpeak NG) did not start: {outcome['error']}",
            "run scripts/setup as root to reinstall eSpeak NG (package espeak-ng).",
        )
    voices: list[dict[str, Any]] = outcome.get("voices", [])
    if not voices:
        return Result(
            False, "The speech engine lists no voices.", "reinstall espeak-ng-data (scripts/setup)."
        )
    match = find_voice(configured, voices)
    if match is None:
        return Result(
            False,
            f"The configured voice '{configured}' is not installed ({len(voices)} voices are).",
            'set speech.voice to an eSpeak NG voice such as "en-us" or "en" '
            "(list them with: espeak-ng --voices=en).",
        )
    return Result(
        True, f"Speech engine works; voice '{configured}' found ({match}, {len(voices)} voices)."
    )


def find_voice(configured: str, voices: list[dict[str, Any]]) -> str | None:
    """The id of the installed voice `configured` names ("en-us", "gmw/en-us", "en+f3"...)."""
    base = configured.split("+", 1)[0].strip().lower()  # "+f3" picks a variant, not a voice
    for voice in voices:
        voice_id = str(voice.get("id", "")).lower()
        names = {
            voice_id,
            voice_id.rsplit("/", 1)[-1],
            str(voice.get("name", "")).lower(),
            *(str(lang).lower() for lang in voice.get("languages", [])),
        }
        if base in names:
            return str(voice.get("id"))
    return None


# Speakers --------------------------------------------------------------------------------------
def check_speech_output(settings: Settings) -> Result:
    """Speak the test sentence through the kiosk's own speaker and confirm it played."""
    from kiosk.speech.factory import make_speaker
    from kiosk.speech.speaker import SentenceStarted, SpeechAvailability, UtteranceFinished

    events: list[object] = []
    changed = threading.Condition()

    def on_event(event: object) -> None:
        with changed:
            events.append(event)
            changed.notify_all()

    def wait_for(predicate: Callable[[object], bool], timeout: float) -> object | None:
        deadline = time.monotonic() + timeout
        with changed:
            while True:
                for event in events:
                    if predicate(event):
                        return event
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return None
                changed.wait(remaining)

    def is_unavailable(e: object) -> bool:
        return isinstance(e, SpeechAvailability) and not e.available

    try:
        speaker = make_speaker(voice=settings.voice, rate=settings.rate, volume=settings.volume)
    except Exception as error:
        return Result(False, f"The speech output could not be set up ({error}).", _SPEECH_ADVICE)
    monitor = MonitorRecorder() if pulse_info() is not None else None
    try:
        speaker.start(on_event)
        # Speak only once a worker is ready: commands sent before that are dropped.
        first = wait_for(lambda e: isinstance(e, SpeechAvailability), READY_TIMEOUT_S)
        if first is None:
            return Result(False, "The speech engine did not start in time.", _SPEECH_ADVICE)
        assert isinstance(first, SpeechAvailability)
        if not first.available:
            return Result(False, f"There is no sound output: {first.reason}", _SPEECH_ADVICE)
        if monitor is not None:
            monitor.start()
        speaker.speak(1, [SPEECH_TEST])
        ended = wait_for(
            lambda e: (
                (isinstance(e, UtteranceFinished) and e.utterance_id == 1) or is_unavailable(e)
            ),
            SPEAK_TIMEOUT_S,
        )
        if ended is None or isinstance(ended, SpeechAvailability):
            reason = ended.reason if isinstance(ended, SpeechAvailability) else "no reply in time"
            return Result(False, f"The test sentence did not play ({reason}).", _SPEECH_ADVICE)
        if wait_for(lambda e: isinstance(e, SentenceStarted) and e.utterance_id == 1, 0) is None:
            return Result(False, "The test sentence never reached the speakers.", _SPEECH_ADVICE)
    finally:
        speaker.close()
        if monitor is not None:
            monitor.stop()
        wait_closed = getattr(speaker, "wait_closed", None)
        if wait_closed is not None:
            wait_closed(5.0)
    if monitor is not None:
        level = monitor.peak_dbfs()
        if level is None or level < SILENCE_DBFS:
            return Result(
                False,
                "The test sentence played, but the sound server's output was silent.",
                "unmute the output and raise its volume (pavucontrol or `pactl set-sink-mute "
                "@DEFAULT_SINK@ 0`); check the speakers are the default output.",
            )
        return Result(
            True,
            f'Speakers work: "{SPEECH_TEST}" played (output peak {level:.0f} dB). '
            "Check that you heard it.",
        )
    return Result(True, f'Speakers work: "{SPEECH_TEST}" played. Check that you heard it.')


_SPEECH_ADVICE = (
    "check the speakers are plugged in and switched on, that a sound server is running, "
    "then run kiosk doctor again; details are in the kiosk log."
)


class MonitorRecorder:
    """Measures the loudest sample on the default output's monitor (PulseAudio `parec`)."""

    def __init__(self) -> None:
        self._process: subprocess.Popen[bytes] | None = None
        self._peak = 0
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        try:
            self._process = subprocess.Popen(
                PAREC_MONITOR,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                stdin=subprocess.DEVNULL,
            )
        except OSError:
            return
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        assert self._process is not None and self._process.stdout is not None
        fd = self._process.stdout.fileno()
        while chunk := os.read(fd, 4096):
            self._peak = max(self._peak, peak_of(chunk))

    def stop(self) -> None:
        if self._process is None:
            return
        time.sleep(0.3)  # the monitor lags the output a little
        self._process.terminate()
        try:
            self._process.wait(2)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait(2)
        if self._thread is not None:
            self._thread.join(2)

    def peak_dbfs(self) -> float | None:
        return dbfs(self._peak) if self._process is not None else None


def peak_of(pcm: bytes) -> int:
    samples = array.array("h")
    samples.frombytes(pcm[: len(pcm) // 2 * 2])
    return max((abs(s) for s in samples), default=0)


def dbfs(peak: int) -> float:
    return 20 * math.log10(peak / 32768) if peak > 0 else -120.0


# Microphone ------------------------------------------------------------------------------------
def check_microphone(seconds: float, out: IO[str], *, verbose: bool = False) -> Result:
    plural = "" if seconds == 1 else "s"
    say = '(say "hello kiosk")'
    out.write(f"     Microphone test: speak now for {seconds:g} second{plural} {say}.\n")
    out.flush()
    live = out.isatty()
    peak = 0
    outcome: dict[str, Any] = {}
    for message in stream_probe(["mic", str(seconds)], seconds + PROBE_TIMEOUT_S, verbose=verbose):
        if "level" in message:
            peak = max(peak, int(message["level"]))
            if live:
                out.write("\r     " + level_bar(int(message["level"]), peak))
                out.flush()
        else:
            outcome = message
    if live:
        out.write("\r" + " " * (BAR_WIDTH + 30) + "\r")
    if "error" in outcome:
        return Result(
            False,
            f"No microphone could be opened: {outcome['error']}",
            "plug in the microphone (USB), check it is the default input and not muted, "
            "and that a sound server is running; then run kiosk doctor again.",
        )
    if "peak" not in outcome:
        return Result(False, "The microphone test did not finish.", _MIC_ADVICE)
    level = dbfs(int(outcome["peak"]))
    device = outcome.get("device") or "the default microphone"
    if level < HEARD_DBFS:
        return Result(
            False,
            f"{device} heard almost nothing (peak {level:.0f} dB).",
            "speak during the test; if you did, " + _MIC_ADVICE,
        )
    return Result(True, f"Microphone works: {device}, peak level {level:.0f} dB.")


_MIC_ADVICE = (
    "check the microphone is plugged in, switched on, not muted, and is the default input "
    "(pavucontrol, Input Devices)."
)


def level_bar(level: int, peak: int) -> str:
    """`[#######.......]  -23 dB` on a -60..0 dB scale, with the peak marked `|`."""

    def cells(value: int) -> int:
        return max(0, min(BAR_WIDTH, round((dbfs(value) + 60) / 60 * BAR_WIDTH)))

    filled, top = cells(level), cells(peak)
    bar = ["#" if i < filled else "." for i in range(BAR_WIDTH)]
    if top > 0:
        bar[top - 1] = "|" if top > filled else bar[top - 1]
    return f"[{''.join(bar)}] {dbfs(level):5.0f} dB"


# Recognizer ------------------------------------------------------------------------------------
def check_recognizer(*, verbose: bool = False) -> Result:
    outcome = run_probe(["recognizer"], PROBE_TIMEOUT_S, verbose=verbose)
    if "error" in outcome:
        return Result(
            False,
            f"The voice-command recognizer did not load: {outcome['error']}",
            "run scripts/setup as root to reinstall the Python packages.",
        )
    if outcome.get("fallback"):
        return Result(
            False,
            f"Voice commands use the fallback recognizer (pocketsphinx), which understands far "
            f"less: {outcome['fallback']}",
            "run scripts/setup as root: it prepares the voice model "
            "(on a computer that is not x86_64 pocketsphinx is the only recognizer).",
        )
    return Result(True, f"Voice-command recognizer loads: {outcome.get('recognizer', '?')}.")


# Child processes -------------------------------------------------------------------------------
def run_probe(args: list[str], timeout: float, *, verbose: bool = False) -> dict[str, Any]:
    """The last message of a probe, or {"error": ...}."""
    last: dict[str, Any] = {"error": "it stopped without saying why"}
    for message in stream_probe(args, timeout, verbose=verbose):
        last = message
    return last


def stream_probe(
    args: list[str], timeout: float, *, verbose: bool = False
) -> Iterator[dict[str, Any]]:
    """Run `python -m kiosk.cli.doctor PROBE ...`, yielding its JSON messages; kill it on timeout.

    The child's stderr (ALSA, JACK, eSpeak noise) goes to a temporary file, shown with
    --verbose only.
    """
    with tempfile.TemporaryFile() as noise:
        try:
            process = subprocess.Popen(
                [sys.executable, "-m", "kiosk.cli.doctor", *args],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=noise,
                start_new_session=True,  # terminal signals stay with the doctor
            )
        except OSError as error:
            yield {"error": f"could not start a test process ({error.strerror})"}
            return
        messages: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()

        def read() -> None:
            assert process.stdout is not None
            for raw in process.stdout:
                messages.put(raw)
            messages.put(None)  # the child closed its end: finished or died

        threading.Thread(target=read, daemon=True).start()
        deadline = time.monotonic() + timeout
        try:
            while True:
                try:
                    raw = messages.get(timeout=max(0.0, deadline - time.monotonic()))
                except queue.Empty:
                    yield {"error": f"no answer within {timeout:.0f} s (the device may be stuck)"}
                    break
                if raw is None:
                    break
                try:
                    message = json.loads(raw)
                except json.JSONDecodeError:
                    continue
                yield message
        finally:
            if process.poll() is None:
                process.kill()
            process.wait()
            if process.stdout is not None:
                process.stdout.close()
            if verbose:
                noise.seek(0)
                for line in noise.read().decode("utf-8", "replace").splitlines()[-10:]:
                    sys.stdout.write(f"     (detail) {line}\n")


def _probe_main(argv: list[str]) -> int:
    """Child side: fd 1 carries JSON lines only; library noise on fd 1 or 2 goes to stderr."""
    channel = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)

    def emit(message: dict[str, Any]) -> None:
        channel.write(json.dumps(message) + "\n")

    probes: dict[str, Callable[[list[str], Callable[[dict[str, Any]], None]], None]] = {
        "voices": _probe_voices,
        "mic": _probe_microphone,
        "recognizer": _probe_recognizer,
    }
    try:
        probes[argv[0]](argv[1:], emit)
    except Exception as error:
        emit({"error": _plain_error(error)})
        return 1
    return 0


def _plain_error(error: Exception) -> str:
    text = str(error) or type(error).__name__
    if "-9996" in text or "Invalid input device" in text or "no default input" in text.lower():
        return "there is no microphone (no input device)"
    if "-9997" in text or "-9998" in text:
        return f"the microphone refused the settings ({text})"
    return text


def _probe_voices(argv: list[str], emit: Callable[[dict[str, Any]], None]) -> None:
    import pyttsx3

    engine = pyttsx3.init()
    voices = []
    for voice in engine.getProperty("voices"):
        languages = [
            lang.decode("utf-8", "replace") if isinstance(lang, bytes) else str(lang)
            for lang in (voice.languages or [])
        ]
        voices.append({"id": str(voice.id), "name": str(voice.name), "languages": languages})
    emit({"voices": voices})


def _probe_microphone(argv: list[str], emit: Callable[[dict[str, Any]], None]) -> None:
    import speech_recognition as sr

    seconds = float(argv[0])
    device = _default_input_name()
    microphone = sr.Microphone(sample_rate=16000, chunk_size=1600)  # 0.1 s a chunk
    with microphone as source:
        peak = 0
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            level = peak_of(source.stream.read(source.CHUNK))
            peak = max(peak, level)
            emit({"level": level})
    emit({"peak": peak, "device": device})


def _default_input_name() -> str:
    """The default input's name; raises when there is none (SpeechRecognition's own error for
    that case is an unhelpful AttributeError)."""
    import pyaudio

    audio = pyaudio.PyAudio()
    try:
        info = audio.get_default_input_device_info()
    except OSError:
        raise RuntimeError("there is no microphone (no input device)") from None
    finally:
        audio.terminate()
    return str(info.get("name", ""))


def _probe_recognizer(argv: list[str], emit: Callable[[dict[str, Any]], None]) -> None:
    """Load the recognizer the kiosk would use and decode a moment of quiet with it."""
    from kiosk.voice.factory import build_recognizer
    from kiosk.voice.recognition import Utterance

    content = Path(argv[0]) if argv else Settings().content_dir
    recognizer, problem = build_recognizer(["help", "next"], content)
    quiet = b"\0" * 16000
    recognizer.start(-120.0)
    recognizer.add(quiet)
    recognizer.finish(Utterance(quiet, 0.5, -120.0, 0.0, -60.0))
    emit({"recognizer": recognizer.name, "fallback": problem})


if __name__ == "__main__":
    sys.exit(_probe_main(sys.argv[1:]))
