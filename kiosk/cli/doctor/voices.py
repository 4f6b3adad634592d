"""The speech engine and voice check, and its probe (run in a child: eSpeak can block)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kiosk.cli.doctor.result import Result
from kiosk.cli.doctor.runner import PROBE_TIMEOUT_S, run_probe


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


def probe_voices(argv: list[str], emit: Callable[[dict[str, Any]], None]) -> None:
    """Child side: the voices pyttsx3 lists."""
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
