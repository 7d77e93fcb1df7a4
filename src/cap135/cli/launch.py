"""The console entry point: quiet on Ctrl-C from its first instruction.

Loading the command line (typer, rich, pydantic) takes a moment; an interrupt during that
time would otherwise print a traceback from deep inside an import. This module imports
nothing heavy: it turns SIGINT into a quiet exit 130 until `cli` is loaded, then gives
SIGINT back to Python (KeyboardInterrupt, which `cli.main` handles).
"""

from __future__ import annotations

import signal
import sys
from types import FrameType

EXIT_INTERRUPTED = 130  # errors.EXIT_INTERRUPTED, not imported: this module stays light


def _interrupted(signum: int, frame: FrameType | None) -> None:
    sys.stderr.write("\n")
    raise SystemExit(EXIT_INTERRUPTED)


def main() -> None:
    previous = signal.getsignal(signal.SIGINT)
    if previous is not signal.SIG_IGN:  # a background job ignores SIGINT: so does cap135
        signal.signal(signal.SIGINT, _interrupted)
    try:
        from cap135.cli.app import main as cli_main
    finally:
        signal.signal(signal.SIGINT, previous)
    cli_main()
