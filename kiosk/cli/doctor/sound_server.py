"""The sound server check: is PulseAudio (or PipeWire's stand-in) running, and with what."""

from __future__ import annotations

import os
import shutil
import subprocess

from kiosk.cli.doctor.result import Result


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
