"""`python -m mktorg` and the `mktorg` command.

Ctrl-C and SIGTERM end the program with one line from its first moment: the handlers are in place
before the command-line machinery is imported (which takes a tenth of a second).
"""

import os
import signal
import sys
from typing import NoReturn

from mktorg.errors import ExitCode, Terminated


def _terminate(_signal: int, _frame: object) -> NoReturn:
    raise Terminated


def _stop(code: ExitCode, word: str) -> NoReturn:
    print(f"mktorg: {word}", file=sys.stderr)
    sys.stderr.flush()
    os._exit(int(code))


def main() -> None:
    """Install the SIGTERM handler, import the application and run it."""
    signal.signal(signal.SIGTERM, _terminate)
    try:
        from mktorg.cli.app import main as run
        from mktorg.perf import exit_now  # noqa: F401  (app.main imports these before its own guard)
        from mktorg.writing import signals_held  # noqa: F401
    except KeyboardInterrupt:
        _stop(ExitCode.INTERRUPTED, "interrupted")
    except Terminated:
        _stop(ExitCode.TERMINATED, "terminated")
    try:
        run()
    except KeyboardInterrupt:  # before run() reached its own guard, or while it reported
        _stop(ExitCode.INTERRUPTED, "interrupted")
    except Terminated:
        _stop(ExitCode.TERMINATED, "terminated")


if __name__ == "__main__":
    main()
