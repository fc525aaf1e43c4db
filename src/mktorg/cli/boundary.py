"""One error boundary for every command: user errors, file-system errors, Ctrl-C, SIGTERM and bugs."""

import functools
import sys
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import typer

from mktorg.errors import ExitCode, MktorgError, Terminated
from mktorg.model.invisible import visible

P = ParamSpec("P")
R = TypeVar("R")
DEBUG = {"on": False}


def cli_command(func: Callable[P, R]) -> Callable[P, R]:
    """Turn MktorgError and OSError into a one-line message (exit 2), Ctrl-C into 130, SIGTERM into
    143, a bug into exit 3."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return _finishing(func, *args, **kwargs)
        except (typer.Exit, typer.Abort):
            raise
        except MktorgError as err:
            say(str(err))
            raise typer.Exit(int(err.exit_code)) from None
        except KeyboardInterrupt:
            say("interrupted")
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
        except Terminated:
            say("terminated")
            raise typer.Exit(int(ExitCode.TERMINATED)) from None
        except BrokenPipeError:
            raise typer.Exit(int(ExitCode.OK)) from None
        except OSError as err:
            if DEBUG["on"]:
                raise
            say(file_system_error(err))
            raise typer.Exit(int(ExitCode.USAGE)) from None
        except Exception as err:
            if DEBUG["on"]:
                raise
            say(
                f"internal error ({type(err).__name__}: {err}); this is a bug, run again with --debug for the traceback"
            )
            raise typer.Exit(int(ExitCode.INTERNAL)) from None

    return wrapper


def _finishing(func: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    """Run a command, then wait for spare work its helpers go on with (`perf.finish`): after the
    report, before the process ends."""
    from mktorg.perf import finish

    try:
        return func(*args, **kwargs)
    finally:
        finish()


def say(message: str) -> None:
    """One line on stderr, `mktorg: ` first, control characters shown as escapes."""
    print(f"mktorg: {visible(message)}", file=sys.stderr)


def file_system_error(err: OSError) -> str:
    """What went wrong with which file, in one line: 'cannot use out/a.svg: Permission denied'."""
    why = err.strerror or str(err)
    names = [str(name) for name in (err.filename, err.filename2) if name is not None]
    return f"cannot use {' -> '.join(names)}: {why}" if names else why
