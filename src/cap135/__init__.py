"""cap135: plans, budgets and the KẾ HOẠCH for capacity-building programmes."""

import os
import sys

__version__ = "0.1.0"


def _quiet_interrupt(kind: type[BaseException], value: BaseException, tb: object) -> None:
    """The `sys.excepthook` of the console entry points (launch.py, __main__.py), installed as
    their first instruction: a Ctrl-C that escapes before cap135.interrupt's handler is in place
    is one line and exit 130, not a traceback. Any other exception is Python's as usual. Defined
    here, in the module Python has imported before either entry point runs; installed by nothing
    else (a program that imports cap135 keeps its own hook)."""
    if not issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, value, tb)  # type: ignore[arg-type]
        return
    try:
        from cap135.cli.interrupt import say_interrupted

        say_interrupted()
    finally:
        os._exit(130)  # interrupt.EXIT_INTERRUPTED; that module may be what was being loaded
