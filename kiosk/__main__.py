"""`kiosk`: run the kiosk, or one of the staff and developer tools.

kiosk [run] [--config FILE] [--content DIR] [--dev] [--no-speech]
kiosk check [DIR]                  validate content, readability, pronunciations
kiosk phrases                      every voice command sentence the kiosk accepts
kiosk listen [--json] [FILE ...]   recognise recorded files, or listen live (mic test)
kiosk bench ui|speech|listen [--json]
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable
from pathlib import Path

# Sub-commands whose code lives in their own module: name -> "module:function(argv) -> int".
TOOLS = {
    "check": "kiosk.cli.check:main",
    "phrases": "kiosk.cli.phrases:main",
    "listen": "kiosk.cli.listen:main",
    "doctor": "kiosk.cli.doctor:main",
    "stats": "kiosk.cli.stats:main",
}
BENCHES = {
    "ui": "kiosk.bench.ui:main",
    "speech": "kiosk.bench.speech:main",
    "listen": "kiosk.bench.listen:main",
    "soak": "kiosk.bench.soak:soak_main",
    "monkey": "kiosk.bench.soak:monkey_main",
}


def _load(target: str) -> Callable[[list[str]], int]:
    module_name, _, function = target.partition(":")
    function_object: Callable[[list[str]], int] = getattr(
        importlib.import_module(module_name), function
    )
    return function_object


def get_run_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="kiosk", description="Run the information kiosk.")
    parser.add_argument("--config", type=Path, help="configuration file (or $KIOSK_CONFIG)")
    parser.add_argument("--content", type=Path, help="content folder (overrides the config)")
    parser.add_argument(
        "--dev", action="store_true", help="development: lockdown off, Ctrl+Q quits"
    )
    parser.add_argument("--no-speech", action="store_true", help="captions only, no audio")
    parser.add_argument("--no-voice", action="store_true", help="keys only, no microphone")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] in TOOLS:
        return _load(TOOLS[args[0]])(args[1:])
    if args and args[0] == "bench":
        if len(args) < 2 or args[1] not in BENCHES:
            sys.stderr.write(f"usage: kiosk bench {{{'|'.join(BENCHES)}}} [--json]\n")
            return 2
        return _load(BENCHES[args[1]])(args[2:])
    if args and args[0] == "run":
        args = args[1:]
    from kiosk.ui.run import run_kiosk

    return run_kiosk(get_run_args(args))


if __name__ == "__main__":
    sys.exit(main())
