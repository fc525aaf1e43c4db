"""`mktorg diff`: what changed between two versions of a design, in business terms."""

import json
import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from mktorg.cli.boundary import cli_command
from mktorg.cli.options import LangOpt, choices
from mktorg.errors import ExitCode, MktorgError

FORMATS = ("text", "markdown", "json")


@cli_command
def diff(
    old: Annotated[
        str | None, typer.Argument(metavar="OLD", help="Old version: a git revision or a folder (default HEAD).")
    ] = None,
    new: Annotated[
        str | None,
        typer.Argument(metavar="NEW", help="New version: a git revision or a folder (default: the working tree)."),
    ] = None,
    org: Annotated[
        Path,
        typer.Option(
            "--org",
            metavar="ORG",
            help="The organisation folder in the working tree; default: the current folder.",
            show_default=False,
        ),
    ] = Path(),
    output_format: Annotated[
        str, typer.Option("--format", "-f", metavar=choices(FORMATS), help="Output format.")
    ] = "text",
    lang: LangOpt = None,
    exit_code: Annotated[
        bool, typer.Option("--exit-code", help="Exit 1 when something changed, 0 when nothing did (as git).")
    ] = False,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")] = None,
) -> None:
    """Compare two versions (git revisions or folders): roles, departments, people, duties, processes, findings."""
    from mktorg.cli.outputs import output_file
    from mktorg.perf import outlive
    from mktorg.versions.sides import Versions
    from mktorg.writing import write_text

    if output_format not in FORMATS:
        raise MktorgError(f"unknown format '{output_format}' (choose from {', '.join(FORMATS)})")
    if output is not None:
        output_file(org, output)
    versions = Versions(org)
    old_side = versions.side(old, "HEAD")
    new_side = versions.side(new, None)
    with versions.load(old_side, new_side) as (before, after):
        result = _compare(outlive(before), outlive(after), lang)
        color = output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        text = _render(result, before, after, output_format, lang, color)
    if output is None:
        sys.stdout.write(text)
    else:
        write_text(output, text)
        print(f"wrote {output}", file=sys.stderr)
    raise typer.Exit(int(ExitCode.FINDINGS if exit_code and result.changed else ExitCode.OK))


def _compare(before: Any, after: Any, lang: str | None) -> Any:
    from mktorg.diff.compare import compare
    from mktorg.lint.engine import lint

    old_findings = lint(before.loaded).diagnostics
    new_findings = old_findings if after.loaded is before.loaded else lint(after.loaded).diagnostics
    findings = (old_findings, new_findings)
    return compare(before.loaded, after.loaded, lang, findings, old_empty=before.empty)


def _side(version: Any) -> dict[str, Any]:
    side = version.side
    out: dict[str, Any] = {"kind": side.kind, "label": side.label or "working tree"}
    if side.commit:
        out["commit"] = side.commit
    if version.empty:
        out["empty"] = True
    return out


def _render(result: Any, before: Any, after: Any, fmt: str, lang: str | None, color: bool) -> str:
    if fmt == "json":
        return json.dumps(result.to_json(_side(before), _side(after)), ensure_ascii=False, indent=2) + "\n"
    from mktorg.render.diff.lines import Report

    report = Report(result, before.side.label, after.side.label, lang or after.loaded.org.default_lang)
    if fmt == "markdown":
        from mktorg.render.diff.markdown import markdown

        return markdown(report)
    from mktorg.render.diff.text import text

    return text(report, color=color)
