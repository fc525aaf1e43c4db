"""`mktorg import`: roles (and departments) from a workbook or CSV file into an organisation."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from mktorg.cli.boundary import cli_command
from mktorg.cli.options import DryRunOpt
from mktorg.errors import ExitCode, MktorgError


@cli_command
def import_(
    file: Annotated[
        Path, typer.Argument(metavar="FILE", help="A .xlsx workbook or .csv file (with --template: to write).")
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            metavar="ORG",
            help="Organisation folder to create or update (default: the current folder).",
            show_default=False,
        ),
    ] = Path(),
    template: Annotated[
        bool, typer.Option("--template", help="Write FILE as an empty roster workbook with headers and drop-downs.")
    ] = False,
    delete_missing: Annotated[
        bool, typer.Option("--delete-missing", help="Delete the roles that the sheet does not list.")
    ] = False,
    lang: Annotated[
        str | None,
        typer.Option("--lang", metavar="LANG", help="Language of the sheet's texts (default: the organisation's)."),
    ] = None,
    encoding: Annotated[
        str, typer.Option("--encoding", metavar="ENCODING", help="Encoding of a CSV file (gb18030 for Chinese Excel).")
    ] = "utf-8",
    output_format: Annotated[
        str, typer.Option("--format", "-f", metavar="[text|json|github|sarif]", help="Format of the findings.")
    ] = "text",
    dry_run: DryRunOpt = False,
) -> None:
    """Create or update an organisation from a roster sheet (岗位清单); every comment of the YAML is kept."""
    from mktorg.lint.reporters import FORMATS

    if output_format not in FORMATS:
        raise MktorgError(f"unknown format '{output_format}' (choose from {', '.join(FORMATS)})")
    if template:
        _template(file, output, lang)
        return
    from mktorg.cli.editing import finish
    from mktorg.diagnostics import Diagnostic, Severity
    from mktorg.edit.importer import plan_import
    from mktorg.edit.plan import Plan
    from mktorg.lint.engine import LintResult
    from mktorg.lint.reporters import get_reporter
    from mktorg.lint.rules import RULES
    from mktorg.sheets.roster import read_import

    if output.exists() and not output.is_dir():
        raise MktorgError(f"{output} is not a folder")
    sheets, findings = read_import(file, encoding)
    plan = Plan(output)
    if sheets is not None:
        result = plan_import(output, sheets, lang, delete_missing, plan)
        findings = findings + result.findings
    diagnostics = sorted(
        (
            Diagnostic(f.code, RULES[f.code].name, RULES[f.code].severity, f.message, f.file, f.line, f.column, f.hint)
            for f in findings
        ),
        key=lambda d: (d.severity is not Severity.ERROR, d.file, d.line, d.column, d.code),
    )
    if diagnostics:
        get_reporter(output_format)(LintResult(diagnostics, {}, {}), sys.stdout)
    errors = sum(1 for d in diagnostics if d.severity is Severity.ERROR)
    if errors or sheets is None:
        print(f"{errors} error(s) in {file.name}; nothing was written", file=sys.stderr)
        raise typer.Exit(int(ExitCode.FINDINGS))
    output.mkdir(parents=True, exist_ok=True)
    finish(plan, dry_run=dry_run, force=False, errors_only=True)


def _template(file: Path, org: Path, lang: str | None) -> None:
    from mktorg.errors import OrgNotFoundError
    from mktorg.load.loader import load_org
    from mktorg.render.xlsx import template_workbook
    from mktorg.writing import write_bytes

    if file.suffix.lower() != ".xlsx":
        raise MktorgError(f"the template is a .xlsx workbook, not {file.name}")
    try:
        organization = load_org(org).org
    except OrgNotFoundError:
        organization = None
    write_bytes(file, template_workbook(organization, lang))
    print(f"wrote {file}", file=sys.stderr)
