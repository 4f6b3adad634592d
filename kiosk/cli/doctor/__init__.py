"""`kiosk doctor`: check everything the kiosk needs, in plain words, with what to do.

    kiosk doctor [--config FILE] [--mic-seconds N] [--verbose]

Each check prints one line starting "OK  " or "FAIL", and for a failure what to do. The exit
status is 0 when every check passed, 1 otherwise. Checks: the configuration, the content, the
folder for the log and counts (`config`), the sound server (`sound_server`), the speech engine
and voice (`voices`), the speakers (`speakers`: a test sentence must reach a device), the
microphone (`microphone`: a live level bar while staff speak) and the voice-command recognizer
(`recognizer`).

Anything that touches audio libraries runs in a child process with a time limit (`runner`
starts `python -m kiosk.cli.doctor PROBE ...`, see `__main__`: PortAudio, ALSA and eSpeak can
block or write noise to the terminal; a child can be killed and its noise kept off the screen),
or behind the speaker's own worker process. Nothing here records or keeps what the microphone
hears: only its loudness is measured.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import IO

from kiosk.cli.doctor.config import check_content, check_settings, check_state_dir
from kiosk.cli.doctor.levels import dbfs, peak_of
from kiosk.cli.doctor.microphone import BAR_WIDTH, check_microphone, level_bar
from kiosk.cli.doctor.recognizer import check_recognizer
from kiosk.cli.doctor.result import Result
from kiosk.cli.doctor.runner import run_probe, stream_probe
from kiosk.cli.doctor.sound_server import check_sound_server, pulse_info
from kiosk.cli.doctor.speakers import MonitorRecorder, check_speech_output
from kiosk.cli.doctor.voices import check_voices, find_voice

__all__ = [
    "BAR_WIDTH",
    "MonitorRecorder",
    "Result",
    "check_content",
    "check_microphone",
    "check_recognizer",
    "check_settings",
    "check_sound_server",
    "check_speech_output",
    "check_state_dir",
    "check_voices",
    "dbfs",
    "find_voice",
    "level_bar",
    "main",
    "peak_of",
    "pulse_info",
    "run_probe",
    "stream_probe",
]

DEFAULT_MIC_SECONDS = 3.0


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

    # The checks are looked up here, in the package, so a test can replace one.
    settings = check_settings(args.config, report)
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
    return _summary(results, out)


def _summary(results: list[Result], out: IO[str]) -> int:
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
