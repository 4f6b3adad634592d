"""The kiosk's log: `kiosk.log` in the state directory, rotated at 1 MB, 5 old files kept.

What goes in the log: events and counts (started, speech available or not, a section opened,
a voice command accepted or rejected, errors with their tracebacks). What never goes in the
log: what a patient said or typed. Recognised speech and PIN digits are not logged at any
level, not even for debugging; code that logs must follow this rule.

The terminal is the kiosk's screen, so logging must never write to it: a log that cannot be
opened falls back to discarding messages, and `logging.raiseExceptions = False` stops the
logging module printing a traceback to stderr when a write fails later (full disk). Python
warnings are routed into the log for the same reason.

The worker processes do not write here: what they and their C libraries print goes to
`speech.log` and `voice.log`, through `kiosk.logs.pipe` (bounded, repeats counted).
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_MARK = "_kiosk_handler"  # tags the handler we install, so calling setup again replaces it


def setup_logging(log_path: Path, level: int = logging.INFO) -> None:
    """Log to `log_path` (rotated); never raises, never prints."""
    logging.raiseExceptions = False
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, _MARK, False):
            root.removeHandler(handler)
            handler.close()
    handler = _open_handler(log_path)
    setattr(handler, _MARK, True)
    root.addHandler(handler)
    root.setLevel(level)
    # warnings.warn would otherwise print on the screen. Off, then on: re-installs the hook
    # even if something (a test runner) swapped warnings.showwarning since the last call.
    logging.captureWarnings(False)
    logging.captureWarnings(True)


def _open_handler(log_path: Path) -> logging.Handler:
    try:
        log_path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            log_path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8"
        )
    except OSError:
        # No log at all is better than a kiosk that will not start or prints on its screen.
        return logging.NullHandler()
    handler.setFormatter(logging.Formatter(FORMAT))
    return handler
