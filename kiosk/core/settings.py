"""One frozen settings object, from the TOML configuration file. Pure logic.

Every key is documented in README.md ("Configuration") with its default. An invalid file is
refused with a message naming the key and the problem: the kiosk never runs on a
half-understood configuration.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import MISSING, dataclass, field, fields
from pathlib import Path
from typing import Any

from kiosk.commands.keymap import KeyMap, KeyMapError
from kiosk.content.paths import SHIPPED_CONTENT_DIR
from kiosk.content.wording_file import shipped_wording
from kiosk.core.session import (
    DEFAULT_RULES,
    NO_QUIET_HOURS,
    QuietHours,
    SessionRules,
    parse_clock_time,
)
from kiosk.core.speaker import DEFAULT_RATE_WPM, DEFAULT_VOLUME, MAX_RATE_WPM, MIN_RATE_WPM
from kiosk.core.staff import (
    DEFAULT_LOCKOUT_ATTEMPTS,
    DEFAULT_LOCKOUT_SECONDS,
    staff_sequence_problem,
)

CONFIG_ENV = "KIOSK_CONFIG"
REPO_ROOT = Path(__file__).resolve().parents[2]  # the checkout (kiosk bench ui runs from it)
# The options key then keys with no second job: a step no documented patient use takes, so a
# patient can never open the staff prompt by chance (issue #12; see kiosk/commands/keystate.py).
DEFAULT_STAFF_SEQUENCE: tuple[str, ...] = ("slash", "4", "slash", "6", "slash", "4")


class SettingsError(ValueError):
    pass


@dataclass(frozen=True)
class Settings:
    """Each default is written once: here, or where the part that uses it is (the speech's
    in kiosk.core.speaker, the session's in `SessionRules`, the lockout's in kiosk.core.staff)."""

    content_dir: Path = SHIPPED_CONTENT_DIR
    state_dir: Path = Path(os.environ.get("XDG_STATE_HOME", Path.home() / ".local/state")) / "kiosk"
    # speech
    speech_enabled: bool = True
    voice: str = "en-us"
    rate: int = DEFAULT_RATE_WPM
    volume: float = DEFAULT_VOLUME
    output_device: str = ""  # "" = the system's default; a number or part of a device name
    # voice commands
    voice_enabled: bool = True
    hands_free: bool = False
    wake_phrase: str = "hello kiosk"
    input_device: str = ""  # "" = the system's default microphone; a number or part of a name
    # sessions
    inactivity_seconds: float = DEFAULT_RULES.inactivity_seconds
    warning_seconds: float = DEFAULT_RULES.warning_seconds
    welcome_prompt_seconds: float = DEFAULT_RULES.welcome_prompt_seconds  # 0: stays quiet
    cleaning_seconds: float = DEFAULT_RULES.cleaning_seconds
    # quiet hours: lower default volume, no welcome prompts ("" = none)
    quiet_start: str = ""
    quiet_end: str = ""
    quiet_volume: float = NO_QUIET_HOURS.volume
    # staff
    staff_pin: str = ""  # empty: staff exit is off
    staff_sequence: tuple[str, ...] = DEFAULT_STAFF_SEQUENCE
    staff_lockout_attempts: int = DEFAULT_LOCKOUT_ATTEMPTS
    staff_lockout_seconds: float = DEFAULT_LOCKOUT_SECONDS
    # key map: the defaults with the site's overrides applied
    keymap: KeyMap = field(default_factory=KeyMap.default)
    # development: lockdown off (Ctrl+Q quits)
    dev: bool = False

    @property
    def log_path(self) -> Path:
        return self.state_dir / "kiosk.log"

    @staticmethod
    def _device(text: str) -> int | str | None:
        return None if not text else int(text) if text.isdigit() else text

    @property
    def speech_device(self) -> int | str | None:
        return self._device(self.output_device)

    @property
    def voice_device(self) -> int | str | None:
        return self._device(self.input_device)

    @property
    def speech_log_path(self) -> Path:
        """What the speech worker's C libraries print (ALSA, PortAudio, eSpeak)."""
        return self.state_dir / "speech.log"

    @property
    def voice_log_path(self) -> Path:
        """What the microphone's C libraries print (ALSA, JACK, PortAudio, pocketsphinx)."""
        return self.state_dir / "voice.log"

    @property
    def session_rules(self) -> SessionRules:
        return SessionRules(
            inactivity_seconds=self.inactivity_seconds,
            warning_seconds=self.warning_seconds,
            welcome_prompt_seconds=self.welcome_prompt_seconds,
            cleaning_seconds=self.cleaning_seconds,
        )

    @property
    def quiet_hours(self) -> QuietHours:
        if not (self.quiet_start and self.quiet_end):
            return QuietHours(volume=self.quiet_volume)
        return QuietHours(
            parse_clock_time(self.quiet_start), parse_clock_time(self.quiet_end), self.quiet_volume
        )


# Each setting's default, by attribute (those with a plain default: not the key map).
_DEFAULTS: dict[str, Any] = {
    f.name: f.default for f in fields(Settings) if f.default is not MISSING
}

# key in the file -> (attribute, expected type, check or None)
_SCHEMA: dict[str, tuple[str, type | tuple[type, ...]]] = {
    "content_dir": ("content_dir", str),
    "state_dir": ("state_dir", str),
    "speech.enabled": ("speech_enabled", bool),
    "speech.voice": ("voice", str),
    "speech.rate": ("rate", int),
    "speech.volume": ("volume", (int, float)),
    "speech.output_device": ("output_device", (str, int)),
    "voice.input_device": ("input_device", (str, int)),
    "voice.enabled": ("voice_enabled", bool),
    "voice.hands_free": ("hands_free", bool),
    "voice.wake_phrase": ("wake_phrase", str),
    "session.inactivity_seconds": ("inactivity_seconds", (int, float)),
    "session.warning_seconds": ("warning_seconds", (int, float)),
    "session.welcome_prompt_seconds": ("welcome_prompt_seconds", (int, float)),
    "session.cleaning_seconds": ("cleaning_seconds", (int, float)),
    "quiet_hours.start": ("quiet_start", str),
    "quiet_hours.end": ("quiet_end", str),
    "quiet_hours.volume": ("quiet_volume", (int, float)),
    "staff.pin": ("staff_pin", str),
    "staff.sequence": ("staff_sequence", list),
    "staff.lockout_attempts": ("staff_lockout_attempts", int),
    "staff.lockout_seconds": ("staff_lockout_seconds", (int, float)),
}


def load_settings(path: Path | None, *, dev: bool = False) -> Settings:
    """Settings from `path` (or $KIOSK_CONFIG, or defaults when neither is given)."""
    if path is None and os.environ.get(CONFIG_ENV):
        path = Path(os.environ[CONFIG_ENV])
    if path is None:
        return Settings(dev=dev)
    try:
        raw = tomllib.loads(path.read_text("utf-8"))
    except OSError as error:
        raise SettingsError(f"{path}: cannot be read: {error.strerror}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise SettingsError(f"{path}: not valid TOML: {error}") from None
    return settings_from_mapping(raw, path, dev=dev)


def settings_from_mapping(raw: Mapping[str, Any], path: Path, *, dev: bool = False) -> Settings:
    values: dict[str, Any] = {"dev": dev}
    keys_table = raw.get("keys", {})
    for dotted, value in _flatten(raw):
        if dotted.startswith("keys."):
            continue
        if dotted not in _SCHEMA:
            raise SettingsError(f"{path}: unknown setting '{dotted}' (see README, Configuration)")
        attribute, expected = _SCHEMA[dotted]
        if isinstance(value, bool) and expected is not bool:
            raise SettingsError(f"{path}: '{dotted}' must be a number, not true/false")
        if not isinstance(value, expected):
            raise SettingsError(f"{path}: '{dotted}' has the wrong type ({type(value).__name__})")
        values[attribute] = value
    _check_values(values, path)
    base = path.parent
    for attribute in ("content_dir", "state_dir"):
        if attribute in values:
            values[attribute] = (base / values[attribute]).resolve()
    for attribute in ("output_device", "input_device"):
        if attribute in values:
            values[attribute] = str(values[attribute])
    if "staff_sequence" in values:
        values["staff_sequence"] = tuple(values["staff_sequence"])
    try:
        values["keymap"] = KeyMap.default().merged(
            KeyMap.from_mapping(keys_table, where=f"{path} [keys]")
        )
    except KeyMapError as error:
        raise SettingsError(str(error)) from None
    # Checked against the site's key map: an override can give a staff key a patient job.
    # Settings are checked before any content is loaded: the keys are named as the shipped
    # wording names them.
    problem = staff_sequence_problem(
        values.get("staff_sequence", DEFAULT_STAFF_SEQUENCE), values["keymap"], shipped_wording()
    )
    if problem:
        raise SettingsError(f"{path}: 'staff.sequence' {problem}")
    return Settings(**values)


def _flatten(raw: Mapping[str, Any], prefix: str = "") -> list[tuple[str, Any]]:
    items: list[tuple[str, Any]] = []
    for key, value in raw.items():
        dotted = f"{prefix}{key}"
        if isinstance(value, Mapping) and not dotted.startswith("keys"):
            items += _flatten(value, dotted + ".")
        elif dotted == "keys" and not isinstance(value, Mapping):
            raise SettingsError("[keys] must be a table")
        elif dotted != "keys":
            items.append((dotted, value))
    return items


def _check_values(given: Mapping[str, Any], path: Path) -> None:
    # A value the file does not give is the default (`Settings`'), which is checked too.
    values = {**_DEFAULTS, **given}

    def fail(key: str, problem: str) -> None:
        raise SettingsError(f"{path}: '{key}' {problem}")

    if not MIN_RATE_WPM <= values["rate"] <= MAX_RATE_WPM:
        fail("speech.rate", f"must be from {MIN_RATE_WPM} to {MAX_RATE_WPM} words a minute")
    if not 0.0 < values["volume"] <= 1.0:
        fail("speech.volume", "must be more than 0 and at most 1")
    if values["inactivity_seconds"] < 10:
        fail("session.inactivity_seconds", "must be at least 10")
    if values["warning_seconds"] < 20:
        fail("session.warning_seconds", "must be at least 20 (people need time to respond)")
    pin = values["staff_pin"]
    if pin and (not pin.isdigit() or len(pin) < 4):
        fail("staff.pin", "must be at least 4 digits (or empty to turn staff exit off)")
    sequence = values["staff_sequence"]
    if len(sequence) < 4 or not all(isinstance(k, str) for k in sequence):
        fail("staff.sequence", "must be a list of at least 4 key names")
    if values["staff_lockout_attempts"] < 1:
        fail("staff.lockout_attempts", "must be at least 1")
    for key, attribute in (("quiet_hours.start", "quiet_start"), ("quiet_hours.end", "quiet_end")):
        if values[attribute]:
            try:
                parse_clock_time(values[attribute])
            except ValueError as error:
                fail(key, f"must be a time like 21:30 ({error})")
    if bool(values["quiet_start"]) != bool(values["quiet_end"]):
        fail("quiet_hours", "needs both start and end")
    if not 0.0 < values["quiet_volume"] <= 1.0:
        fail("quiet_hours.volume", "must be more than 0 and at most 1")
    if values["cleaning_seconds"] < 10:
        fail("session.cleaning_seconds", "must be at least 10")
    phrase = values["wake_phrase"]
    if len(phrase.split()) < 2:
        fail("voice.wake_phrase", "must be at least two words (short phrases fire by mistake)")
