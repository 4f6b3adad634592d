"""The code's shape (issue #13): small modules, short functions, the layers' import contracts
and no dead code. `scripts/test` runs this with everything else; `scripts/setup --dev`
installs import-linter and vulture (pyproject.toml's dev extras)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "kiosk"
BIN = Path(sys.executable).parent

MAX_MODULE_LINES = 300
MAX_FUNCTION_LINES = 60  # from the `def` line to the function's last line


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def relative(path: Path) -> str:
    return path.relative_to(REPO).as_posix()


def functions(tree: ast.Module) -> list[tuple[str, int, int]]:
    """(qualified name, first line, line count) of every function and method in `tree`."""
    found: list[tuple[str, int, int]] = []

    def visit(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                name = prefix + child.name
                assert child.end_lineno is not None
                found.append((name, child.lineno, child.end_lineno - child.lineno + 1))
                visit(child, name + ".")
            elif isinstance(child, ast.ClassDef):
                visit(child, prefix + child.name + ".")
            else:
                visit(child, prefix)

    visit(tree, "")
    return found


def test_no_module_is_over_300_lines() -> None:
    too_long = {
        relative(path): lines
        for path in modules()
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert not too_long, f"modules over {MAX_MODULE_LINES} lines: split them: {too_long}"


def test_no_function_is_over_60_lines() -> None:
    too_long: list[str] = []
    for path in modules():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for name, line, count in functions(tree):
            if count > MAX_FUNCTION_LINES:
                too_long.append(f"{relative(path)}:{line} {name} ({count} lines)")
    assert not too_long, f"functions over {MAX_FUNCTION_LINES} lines: split them: {too_long}"


def test_the_shape_checks_see_what_they_should() -> None:
    tree = ast.parse(
        "class A:\n    def f(self):\n        def g():\n            pass\n\n        return g\n"
        "async def h():\n    pass\n"
    )
    assert functions(tree) == [("A.f", 2, 5), ("A.f.g", 3, 2), ("h", 7, 2)]


def run_tool(name: str, *arguments: str) -> subprocess.CompletedProcess[str]:
    tool = BIN / name
    if not tool.exists():
        pytest.fail(f"{tool} is missing: `scripts/setup --dev` installs it (pyproject.toml)")
    return subprocess.run(
        [str(tool), *arguments], cwd=REPO, capture_output=True, text=True, timeout=300
    )


def test_the_layers_keep_their_import_contracts() -> None:
    # pyproject.toml's [tool.importlinter]; no cache, so nothing is left in the work tree.
    done = run_tool("lint-imports", "--no-cache", "--no-logo")
    assert done.returncode == 0, done.stdout + done.stderr


def test_there_is_no_dead_code() -> None:
    # pyproject.toml's [tool.vulture]: kiosk/ and vulture_whitelist.py, whose entries say who
    # uses what vulture cannot see (Textual's handlers, the tests' fakes).
    done = run_tool("vulture")
    assert done.returncode == 0, (
        "vulture found code nothing uses: delete it, or, if something vulture cannot see uses "
        "it, add it to vulture_whitelist.py saying what:\n" + done.stdout + done.stderr
    )
