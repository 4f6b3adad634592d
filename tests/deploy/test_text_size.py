"""The text size is one setting: the font= line of deploy/foot.ini, kept by install.sh."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.deploy.boot import (
    DEPLOY,
    FOOT_INI,
    documented_cells,
    font_setting,
    with_font_size,
)
from tests.support.paths import REPO

INSTALL_FOOT_INI = DEPLOY / "install-foot-ini"


def test_foot_ini_has_one_font_line_with_one_size() -> None:
    line, size = font_setting(FOOT_INI.read_text())
    assert line.startswith("DejaVu Sans Mono:"), line  # the font install.sh installs
    assert 10 <= size <= 72
    # Sized from size= alone, not from the monitor's DPI: the documented cells hold anywhere.
    assert re.search(r"^dpi-aware=no$", FOOT_INI.read_text(), re.MULTILINE)


def test_no_other_deploy_file_sets_a_font() -> None:
    for path in DEPLOY.iterdir():
        if path.is_file() and path.name not in ("foot.ini", "README.md", "install-foot-ini"):
            text = path.read_text(errors="replace")
            # A font with a size, foot's --font or -o main.font=: a second place to set it.
            assert not re.search(r"size=\d|--font|main\.font|font=\w", text), path


def test_both_readmes_give_the_default_size() -> None:
    _, size = font_setting(FOOT_INI.read_text())
    assert f"`size={size:g}` (the default)" in (DEPLOY / "README.md").read_text()
    deployment = (REPO / "README.md").read_text().split("### Deployment", 1)[1]
    assert f"size={size:g}" in deployment


def test_the_readmes_cells_are_deploy_readmes_measured_ones() -> None:
    # deploy/README.md's table is checked against real boots (test_boot.py); the README's
    # sentence quotes it.
    table = {(cells, str(size)) for _, size, cells in documented_cells()}
    deployment = (REPO / "README.md").read_text().split("### Deployment", 1)[1].split("\n## ")[0]
    quoted = set(re.findall(r"(\d+x\d+) at `size=(\d+)`", deployment))
    assert quoted, "the README's deployment section gives no cells"
    assert quoted <= table, quoted - table


def test_deploy_readme_measures_the_default_size_on_both_screens() -> None:
    _, size = font_setting(FOOT_INI.read_text())
    measured = [(screen, cells_size) for screen, cells_size, _ in documented_cells()]
    assert ((1920, 1080), size) in measured, measured
    assert ((1280, 720), size) in measured, measured


@pytest.mark.skipif(shutil.which("foot") is None, reason="foot is not installed")
def test_foot_accepts_the_configuration() -> None:
    # foot refuses unknown keys and bad values: a typo in foot.ini would stop the kiosk.
    checked = subprocess.run(
        ["foot", f"--config={FOOT_INI}", "--check-config"], capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stderr


def install(target: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(INSTALL_FOOT_INI), str(FOOT_INI), str(target)], capture_output=True, text=True
    )


def test_install_copies_foot_ini_when_there_is_none(tmp_path: Path) -> None:
    target = tmp_path / "foot.ini"
    assert install(target).returncode == 0
    assert target.read_text() == FOOT_INI.read_text()
    assert target.stat().st_mode & 0o777 == 0o644


def test_install_keeps_the_sites_text_size_and_updates_the_rest(tmp_path: Path) -> None:
    target = tmp_path / "foot.ini"
    old = with_font_size(FOOT_INI.read_text(), 36).replace("spawn-terminal=none", "")
    target.write_text(old)
    done = install(target)
    assert done.returncode == 0, done.stderr
    assert "kept the text size" in done.stderr
    assert font_setting(target.read_text())[1] == 36
    assert target.read_text() == with_font_size(FOOT_INI.read_text(), 36)
    assert "spawn-terminal=none" in target.read_text()  # the lockdown always comes back


def test_install_keeps_a_line_with_backslashes_as_it_is(tmp_path: Path) -> None:
    target = tmp_path / "foot.ini"
    site = r"font=Some\Font:size=30"
    target.write_text(site + "\n")
    assert install(target).returncode == 0
    assert site in target.read_text().splitlines()
