"""`mktorg lint`: check an organisation and report diagnostics."""

import importlib
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from mktorg.cli.boundary import cli_command
from mktorg.cli.options import NoCacheOpt, OrgDir
from mktorg.errors import ExitCode, MktorgError, OutputError
from mktorg.perf import outlive

if TYPE_CHECKING:
    from mktorg.lint.engine import Selection
    from mktorg.lint.fix import FileFix
    from mktorg.lint.replay import Replayed
    from mktorg.lint.result import LintResult


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
    from mktorg.lint.reporters import FORMATS

    if output_format not in FORMATS:
        raise MktorgError(f"unknown format '{output_format}' (choose from {', '.join(FORMATS)})")
    chosen = ("--select", *_split(select), "--ignore", *_split(ignore))
    replayable = not (no_cache or fix or diff)  # a run that reads and writes nothing but the report
    replayed = outlive(_replay(org, chosen)) if replayable else None
    if replayed is not None and replayed.result is not None:
        _report(replayed.result, output_format, strict)

    if replayed is not None and replayed.kept is not None:
        from mktorg.lint.incremental import patch

        patched = patch(org, chosen, _selection(select, ignore), replayed)
        if patched is not None:
            _report(patched, output_format, strict)
    discovered = replayed.discovered if replayed is not None else None
    if discovered is None and org.is_dir():
        from mktorg.load.discover import discover

        discovered = discover(org)
    from mktorg.load.prefetch import prefetching

    with prefetching(org, discovered[0] if discovered else [], cache=not no_cache) as prefetched:
        # the models and rules are imported while a helper (if the run is cold) parses files
        from mktorg.lint.engine import lint as run_lint
        from mktorg.load.loader import load_org

        selection = _selection(select, ignore)
        known = replayed.known if replayed is not None else None
        loaded = outlive(load_org(org, cache=not no_cache, discovered=discovered, known=known, prefetched=prefetched))
    result = run_lint(loaded, selection)
    if replayable:
        from mktorg.lint.replay import keep

        keep(org, chosen, result, loaded, replayed.stats if replayed is not None else None)
    if diff or fix:
        from mktorg.lint.fix import plan_fixes

        fixes = plan_fixes(result.diagnostics, loaded.files)
        if diff:
            sys.stdout.write("".join(f.diff() for f in fixes))
            raise typer.Exit(int(ExitCode.FINDINGS if fixes else ExitCode.OK))
        if fixes:
            _write_fixes(fixes, org)
            result = run_lint(load_org(org, cache=not no_cache), selection)
    _report(result, output_format, strict)


def _selection(select: list[str] | None, ignore: list[str] | None) -> "Selection":
    """The rules chosen on the command line; an unknown rule name is a usage error."""
    from mktorg.lint.engine import Selection

    selection = Selection(_split(select), _split(ignore))
    selection.severities({})
    return selection


def _replay(org: Path, chosen: tuple[str, ...]) -> "Replayed | None":
    """The last run, if nothing changed since, or what a patched or full run starts from
    (`lint/replay.py`); no organisation folder is left to the loader to report."""
    from mktorg.lint.replay import replay

    if not org.is_dir():
        return None
    return replay(org, chosen, meanwhile=[_importer(name) for name in _WHAT_A_PATCHED_RUN_IMPORTS])


_WHAT_A_PATCHED_RUN_IMPORTS = (
    "pydantic",
    "mktorg.model.role",
    "mktorg.model.organization",
    "mktorg.load.loader",
    "mktorg.lint.rules",
    "mktorg.lint.engine",
    "mktorg.lint.incremental",
)
"""In the order they import each other, a few hundredths of a second each: `replay` imports them
while a helper walks the folder and stops when it is done."""


def _importer(name: str) -> "Callable[[], object]":
    return lambda: importlib.import_module(name)


def _report(result: "LintResult", output_format: str, strict: bool) -> NoReturn:
    """Write the report and end with the exit code it calls for."""
    from mktorg.diagnostics import Severity
    from mktorg.lint.reporters import get_reporter

    get_reporter(output_format)(result, sys.stdout)
    errors, warnings = result.count(Severity.ERROR), result.count(Severity.WARNING)
    if output_format == "text":
        _summary(errors, warnings, result.count(Severity.INFO), result.counts["files"])
    failed = errors > 0 or (strict and warnings > 0)
    raise typer.Exit(int(ExitCode.FINDINGS if failed else ExitCode.OK))


def _write_fixes(fixes: "list[FileFix]", org: Path) -> None:
    """Check that every fixed file can be written, then write them; a file changed on disk since it
    was read is skipped with a warning."""
    from mktorg.cli.boundary import say
    from mktorg.lint.fix import fix_target, unwritable, write_fix
    from mktorg.model.invisible import visible

    problems = unwritable(fixes, org)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise OutputError(f"cannot fix: {problems[0]}{more}; nothing was changed")
    written: dict[Path, tuple[str, str]] = {}
    for file_fix in fixes:
        path = visible(file_fix.source.path)
        target = fix_target(file_fix, org)
        if target in written:  # two names (a link) for one file: it is fixed once
            first, text = written[target]
            if text != file_fix.new_text:
                say(f"skipped {path}: it is the same file as {first}, fixed as that")
            continue
        written[target] = (path, file_fix.new_text)
        if not write_fix(file_fix, org):
            say(f"skipped {path}: it changed since it was read; run mktorg lint --fix again")
            continue
        for line, column, codes, old, new in file_fix.changes:
            print(f"fixed {path}:{line}:{column}: {','.join(codes)} {old!r} -> {new!r}", file=sys.stderr)


def _split(values: list[str] | None) -> list[str]:
    return [part for value in values or [] for part in value.split(",") if part.strip()]


def _summary(errors: int, warnings: int, infos: int, files: int) -> None:
    from mktorg.colour import colour_wanted, paint

    style = "bold red" if errors else ("yellow" if warnings else "green")
    line = f"{errors} error(s), {warnings} warning(s), {infos} info, {files} file(s) checked"
    print(paint(line, style, colour_wanted(sys.stderr)), file=sys.stderr)
