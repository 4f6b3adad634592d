"""`kiosk run`: load settings and content, start the services, run the app.

Problems found before the screen starts (bad configuration, bad content) are printed as plain
messages naming the file and line, never as a traceback.
"""

from __future__ import annotations

import argparse
import dataclasses
import logging
import sys

from kiosk.content.loader import check_content
from kiosk.content.model import Content
from kiosk.core.settings import Settings, SettingsError, load_settings
from kiosk.logs.kiosk_log import setup_logging
from kiosk.logs.usage import UsageCounts, usage_path
from kiosk.speech.lexicon import SPEECH_LEXICON
from kiosk.speech.service import SpeechService
from kiosk.ui.app import KioskApp
from kiosk.voice.listener import Listener

log = logging.getLogger("kiosk")


def speaker_for(settings: Settings, *, enabled: bool) -> SpeechService:
    from kiosk.speech.fakes import NullSpeaker

    if not enabled or not settings.speech_enabled:
        return NullSpeaker("Speech is turned off in the settings.")
    try:
        from kiosk.speech.factory import make_speaker
    except ImportError:
        return NullSpeaker("The speech engine is not installed.")
    return make_speaker(
        voice=settings.voice,
        rate=settings.rate,
        volume=settings.volume,
        log_path=settings.speech_log_path,
        lexicon_path=settings.content_dir / SPEECH_LEXICON,
        device=settings.speech_device,
    )


def make_listener(settings: Settings, content: Content) -> Listener | None:
    if not settings.voice_enabled:
        return None
    from kiosk.voice.listener import ProcessListener

    return ProcessListener(
        settings.content_dir,
        content.sections,
        log_path=str(settings.voice_log_path),
        device=settings.voice_device,
    )


def settings_for(args: argparse.Namespace) -> Settings:
    """The configuration file's settings, with the command line's overrides. Raises
    `SettingsError` for a configuration that cannot be used."""
    settings = load_settings(args.config, dev=args.dev)
    if args.content is not None:
        settings = dataclasses.replace(settings, content_dir=args.content.resolve())
    if args.no_voice:  # keys only by choice, as `voice.enabled = false`: no fault to show
        settings = dataclasses.replace(settings, voice_enabled=False)
    return settings


def run_kiosk(args: argparse.Namespace) -> int:
    try:
        settings = settings_for(args)
    except SettingsError as error:
        sys.stderr.write(f"kiosk: the configuration was refused:\n  {error}\n")
        return 2
    content, problems = check_content(settings.content_dir)
    errors = [problem for problem in problems if problem.is_error]
    if content is None or errors:
        sys.stderr.write("kiosk: the content cannot be shown. Fix these and start again:\n")
        for problem in errors or problems:
            sys.stderr.write(f"  {problem}\n")
        return 1
    unwritable = ""
    try:
        settings.state_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:  # the kiosk still runs; it just cannot keep a log or counts
        unwritable = f"kiosk: cannot create {settings.state_dir}: {error.strerror}\n"
        sys.stderr.write(unwritable)
    setup_logging(settings.log_path)
    for problem in problems:  # e.g. a wording key missing: the shipped text is said instead
        log.warning("content warning: %s", problem)
    usage = UsageCounts(usage_path(settings.state_dir))
    speaker = speaker_for(settings, enabled=not args.no_speech)
    listener = make_listener(settings, content)
    app = KioskApp(settings, content, speaker, listener=listener, count=usage.add)
    log.info("kiosk started")
    try:
        app.run()
    finally:
        usage.flush()
        log.info("kiosk stopped: %s", app.exit_reason or "exit")
        # Written again: the kiosk's screen covered it while it ran (`kiosk doctor` says it too).
        sys.stderr.write(unwritable)
    return 0
