"""Where content is: the checkout's own content folder (the shipped content), and the
folders every content folder has. The one definition: the loader, the shipped wording, the
settings' default, `kiosk check` and the benchmarks take it from here. Pure: no files read.
"""

from __future__ import annotations

from pathlib import Path

SHIPPED_CONTENT_DIR = Path(__file__).resolve().parents[2] / "content"  # in the checkout
SECTIONS_DIR = "sections"  # one file per section
KIOSK_DIR = "kiosk"  # the kiosk's own pages and its wording file
