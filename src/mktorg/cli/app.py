"""The typer application: global options and the command list."""

from typing import Annotated

import typer

from mktorg import __version__
from mktorg.cli import boundary

app = typer.Typer(
    name="mktorg",
    help="Marketing-department organisation designs as YAML: lint, chart, export.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        print(f"mktorg {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show the full traceback of internal errors.")] = False,
) -> None:
    """Marketing-department organisation designs as YAML: lint, chart, export."""
    boundary.DEBUG["on"] = debug


def _register() -> None:
    from mktorg.cli import (
        chart_command,
        diff_command,
        export_command,
        init_command,
        lint_command,
        rules_command,
        schema_command,
        stats_command,
    )

    app.command("lint")(lint_command.lint)
    app.command("rules")(rules_command.rules)
    app.command("schema")(schema_command.schema)
    app.command("chart")(chart_command.chart)
    app.command("export")(export_command.export)
    app.command("init")(init_command.init)
    app.command("stats")(stats_command.stats)
    app.command("diff")(diff_command.diff)


_register()


def main() -> None:
    """Console-script entry point.

    Exits without tearing down the interpreter: freeing the objects of a large organisation
    one by one takes longer than the work itself, and every file was written (atomically,
    flushed) before this point.
    """
    import os
    import sys

    try:
        app()
        code = 0
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
        if isinstance(done.code, str):
            print(done.code, file=sys.stderr)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
