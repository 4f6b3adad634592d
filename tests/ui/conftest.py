"""pytest-textual-snapshot 1.0.0 with syrupy 7 (see pyproject.toml): syrupy 5 renamed the
extension's `_file_extension` to `file_extension`, so without this the pictures would be
saved as `.raw` files instead of `.svg` ones that a browser or a code review shows."""

from __future__ import annotations

from pytest_textual_snapshot import SVGImageExtension

SVGImageExtension.file_extension = "svg"
