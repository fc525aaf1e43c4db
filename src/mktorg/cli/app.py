"""The typer application: global options and the command list."""

from typing import Annotated

import typer

from mktorg import __version__
from mktorg.cli import boundary
from mktorg.cli.help_style import Command, Group

app = typer.Typer(
    name="mktorg",
    cls=Group,
    help="Marketing-department organisation designs as YAML: lint, chart, export.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
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
        clean_command,
        diff_command,
        export_command,
        import_command,
        init_command,
        lint_command,
        mv_command,
        rename_command,
        rules_command,
        schema_command,
        stats_command,
    )

    app.command("lint", cls=Command)(lint_command.lint)
    app.command("rules", cls=Command)(rules_command.rules)
    app.command("schema", cls=Command)(schema_command.schema)
    app.command("chart", cls=Command)(chart_command.chart)
    app.command("export", cls=Command)(export_command.export)
    app.command("init", cls=Command)(init_command.init)
    app.command("import", cls=Command)(import_command.import_)
    app.command("mv", cls=Command)(mv_command.mv)
    app.command("rename", cls=Command)(rename_command.rename)
    app.command("clean", cls=Command)(clean_command.clean)
    app.command("stats", cls=Command)(stats_command.stats)
    app.command("diff", cls=Command)(diff_command.diff)


_register()


def main() -> None:
    """Run the command, then end the process at once (`perf.exit_now`); Ctrl-C or SIGTERM outside a
    command (while the arguments are read) is one line too."""
    import os

    from mktorg.errors import ExitCode, Terminated
    from mktorg.perf import exit_now
    from mktorg.writing import signals_held

    try:
        os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")  # no scan of every installed package's metadata
        app()
        code = 0
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
        if isinstance(done.code, str):
            boundary.say(done.code)
        elif _caused_by_ctrl_c(done):  # typer's silent Exit(130) for a Ctrl-C while it reads the arguments
            boundary.say("interrupted")
    except KeyboardInterrupt:
        boundary.say("interrupted")
        code = ExitCode.INTERRUPTED
    except Terminated:
        boundary.say("terminated")
        code = ExitCode.TERMINATED
    with signals_held():
        exit_now(int(code))


def _caused_by_ctrl_c(error: BaseException) -> bool:
    """Whether a KeyboardInterrupt led to this exception (typer's `Exit(130) from` it); one the
    boundary already reported (`raise ... from None`) is not followed."""
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, KeyboardInterrupt):
            return True
        seen = seen.__cause__ or (None if seen.__suppress_context__ else seen.__context__)
    return False
