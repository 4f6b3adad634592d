"""The README's run command starts with scripts/setup: it must succeed, with or without --dev."""

from __future__ import annotations

import subprocess

import pytest

from tests.support.paths import REPO


@pytest.mark.parametrize("arguments", [[], ["--dev"]])
def test_setup_succeeds_when_everything_is_installed(arguments: list[str]) -> None:
    # scripts/test has just run `scripts/setup --dev`, so apt packages and the venv are there;
    # what is left is the script's own logic (an early exit under set -e once broke scripts/run).
    done = subprocess.run(
        ["scripts/setup", *arguments], cwd=REPO, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr
    stamp = ".venv/.installed-dev" if arguments else ".venv/.installed"
    assert (REPO / stamp).read_text().strip()
