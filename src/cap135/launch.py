"""The console entry point: quiet on Ctrl-C from its first instruction to its last.

Loading the command line (typer, rich, pydantic) takes a moment; an interrupt during that time
would otherwise print a traceback from deep inside an import. Importing this module installs
cap135.interrupt's SIGINT handler before anything else; `main` turns an interrupt at any moment
(while loading, while working, while exiting) into one short line and exit 130.

Only the interpreter's own start, before this module's first line runs (a few milliseconds,
Python's `site` and the console script's `import re`), is out of cap135's reach.
"""

from __future__ import annotations

from . import interrupt

interrupt.install()


def main() -> None:
    try:
        from .cli import main as cli_main

        cli_main()
    except KeyboardInterrupt:
        interrupt.exit_interrupted()
    except SystemExit:
        raise
    except BaseException:
        if interrupt.happened():  # an interrupt wrapped in another exception while loading
            interrupt.exit_interrupted()
        raise
    finally:
        interrupt.ignore_from_now()
