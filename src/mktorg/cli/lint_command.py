"""`mktorg lint`: check an organisation and report diagnostics."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from mktorg.cli.boundary import cli_command
from mktorg.cli.options import NoCacheOpt, OrgDir
from mktorg.errors import ExitCode, MktorgError


@cli_command
def lint(
    org: OrgDir = Path(),
    output_format: Annotated[
        str, typer.Option("--format", "-f", metavar="[text|json|github|sarif]", help="Report format.")
    ] = "text",
    select: Annotated[
        list[str] | None,
        typer.Option("--select", metavar="RULES", help="Only these rules (codes, prefixes like MK2, names)."),
    ] = None,
    ignore: Annotated[list[str] | None, typer.Option("--ignore", metavar="RULES", help="Skip these rules.")] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 on warnings too.")] = False,
    fix: Annotated[bool, typer.Option("--fix", help="Fix numbering, spacing, punctuation and typos in place.")] = False,
    diff: Annotated[bool, typer.Option("--diff", help="Show the fixes as a unified diff; write nothing.")] = False,
    no_cache: NoCacheOpt = False,
) -> None:
    """Check an organisation folder; exit 1 on errors (or warnings with --strict)."""
    from mktorg.diagnostics import Severity
    from mktorg.lint.engine import Selection
    from mktorg.lint.engine import lint as run_lint
    from mktorg.lint.reporters import FORMATS, get_reporter
    from mktorg.load.loader import load_org

    if output_format not in FORMATS:
        raise MktorgError(f"unknown format '{output_format}' (choose from {', '.join(FORMATS)})")
    selection = Selection(_split(select), _split(ignore))
    selection.severities({})  # unknown rule names are a usage error before any work
    loaded = load_org(org, cache=not no_cache)
    result = run_lint(loaded, selection)
    if diff or fix:
        from mktorg.lint.fix import plan_fixes, write_fix

        fixes = plan_fixes(result.diagnostics, loaded.files)
        if diff:
            sys.stdout.write("".join(f.diff() for f in fixes))
            raise typer.Exit(int(ExitCode.FINDINGS if fixes else ExitCode.OK))
        for file_fix in fixes:
            if not write_fix(file_fix, org):
                print(f"skipped {file_fix.source.path}: it changed since it was read", file=sys.stderr)
                continue
            for line, column, codes, old, new in file_fix.changes:
                print(
                    f"fixed {file_fix.source.path}:{line}:{column}: {','.join(codes)} {old!r} -> {new!r}",
                    file=sys.stderr,
                )
        if fixes:
            result = run_lint(load_org(org, cache=not no_cache), selection)
    get_reporter(output_format)(result, sys.stdout)
    errors, warnings = result.count(Severity.ERROR), result.count(Severity.WARNING)
    if output_format == "text":
        _summary(errors, warnings, result.count(Severity.INFO), result.counts["files"])
    failed = errors > 0 or (strict and warnings > 0)
    raise typer.Exit(int(ExitCode.FINDINGS if failed else ExitCode.OK))


def _split(values: list[str] | None) -> list[str]:
    return [part for value in values or [] for part in value.split(",") if part.strip()]


def _summary(errors: int, warnings: int, infos: int, files: int) -> None:
    from rich.console import Console

    console = Console(file=sys.stderr, highlight=False)
    style = "bold red" if errors else ("yellow" if warnings else "green")
    console.print(f"{errors} error(s), {warnings} warning(s), {infos} info, {files} file(s) checked", style=style)
