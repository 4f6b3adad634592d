"""A self-voicing patient information kiosk."""

import logging

# Nothing may reach the terminal behind Textual's back: without a handler, Python would print
# warnings on stderr. `kiosk.logs.kiosk_log.setup_logging` adds the real (file) handler.
logging.getLogger("kiosk").addHandler(logging.NullHandler())
