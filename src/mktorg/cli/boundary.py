"""One error boundary for every command: user errors, Ctrl-C and internal bugs."""

import functools
import sys
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import typer

from mktorg.errors import ExitCode, MktorgError

P = ParamSpec("P")
R = TypeVar("R")
DEBUG = {"on": False}


def cli_command(func: Callable[P, R]) -> Callable[P, R]:
    """Turn MktorgError into a one-line message, Ctrl-C into 130, a bug into exit 3."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except (typer.Exit, typer.Abort):
            raise
        except MktorgError as err:
            print(f"mktorg: {err}", file=sys.stderr)
            raise typer.Exit(int(err.exit_code)) from None
        except KeyboardInterrupt:
            print("mktorg: interrupted", file=sys.stderr)
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
        except BrokenPipeError:
            raise typer.Exit(int(ExitCode.OK)) from None
        except Exception as err:
            if DEBUG["on"]:
                raise
            print(
                f"mktorg: internal error ({type(err).__name__}: {err}); this is a bug, "
                "run again with --debug for the traceback",
                file=sys.stderr,
            )
            raise typer.Exit(int(ExitCode.INTERNAL)) from None

    return wrapper
