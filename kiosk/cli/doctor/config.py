"""Checks of the configuration, the content and the folder for the log and counts."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

from kiosk.cli.doctor.result import Result
from kiosk.core.settings import Settings, SettingsError, load_settings

MIN_FREE_BYTES = 20_000_000


def check_settings(path: Path | None, report: Callable[[Result], None]) -> Settings:
    """Report whether the configuration loads; the settings to check the rest with."""
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
    warnings = [p for p in problems if not p.is_error]
    if warnings:  # served, but e.g. a wording key missing: the shipped text is said instead
        return Result(
            True,
            f"Content is valid: {len(content.sections)} sections, {len(warnings)} warning(s): "
            f"{warnings[0]}",
            "run `kiosk check` for the full list.",
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
