"""The voice-command recognizer check, and its probe (run in a child: it loads the model)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from kiosk.cli.doctor.result import Result
from kiosk.cli.doctor.runner import PROBE_TIMEOUT_S, run_probe
from kiosk.core.settings import Settings


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
    name = outcome.get("recognizer", "?")
    referee = outcome.get("referee")
    if name == "moonshine":
        if referee:
            name += f" ({referee} gives a second opinion in a quiet room)"
        else:
            name += " (with no second opinion: pocketsphinx could not be built; see the log)"
    return Result(True, f"Voice-command recognizer loads: {name}.")


def probe_recognizer(argv: list[str], emit: Callable[[dict[str, Any]], None]) -> None:
    """Child side: load the recognizer the kiosk would use and decode a moment of quiet."""
    from kiosk.voice.factory import build_recognizer
    from kiosk.voice.recognition import Utterance

    content = Path(argv[0]) if argv else Settings().content_dir
    recognizer, problem = build_recognizer(["help", "next"], content)
    quiet = b"\0" * 16000
    recognizer.start(-120.0)
    recognizer.add(quiet)
    recognizer.finish(Utterance(quiet, 0.5, -120.0, 0.0, -60.0))
    referee = getattr(recognizer, "referee", None)
    emit(
        {
            "recognizer": recognizer.name,
            "fallback": problem,
            "referee": referee.name if referee is not None else None,
        }
    )
