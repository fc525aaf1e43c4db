"""`mktorg stats`: headcount, budget, spans, layers, function coverage and cost of a design."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from mktorg.cli.boundary import cli_command
from mktorg.cli.options import LangOpt, OrgDir, choices
from mktorg.errors import MktorgError
from mktorg.render.stats import FORMATS, TABLES


@cli_command
def stats(
    org: OrgDir = Path(),
    output_format: Annotated[
        str, typer.Option("--format", "-f", metavar=choices(FORMATS), help="Output format.")
    ] = "text",
    table: Annotated[
        str | None,
        typer.Option("--table", metavar=choices(TABLES), help="Only this table (csv: default departments)."),
    ] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")] = None,
    lang: LangOpt = None,
) -> None:
    """Headcount roll-ups, budget, vacancies, span of control, layers, function coverage and cost."""
    from mktorg.cli.outputs import output_file
    from mktorg.load.loader import load_org
    from mktorg.perf import outlive
    from mktorg.writing import write_text

    if output_format not in FORMATS:
        raise MktorgError(f"unknown format '{output_format}' (choose from {', '.join(FORMATS)})")
    if table is not None and table not in TABLES:
        raise MktorgError(f"unknown table '{table}' (choose from {', '.join(TABLES)})")
    if output is not None:
        output_file(org, output)
    loaded = outlive(load_org(org))
    text = _render(loaded.org, output_format, table, lang, output is None)
    if output is None:
        if text:
            sys.stdout.write(text)
    else:
        write_text(output, text)
        print(f"wrote {output}", file=sys.stderr)
    if loaded.findings:
        print(
            f"mktorg: {len(loaded.findings)} file problem(s): the numbers leave out what did not load "
            f"(mktorg lint {org})",
            file=sys.stderr,
        )


def _render(org: object, fmt: str, table: str | None, lang: str | None, to_stdout: bool) -> str:
    """The output text; for text on stdout, the tables are printed directly (rich) and '' is returned."""
    from mktorg.model.organization import Organization
    from mktorg.render.stats.tables import stats_tables
    from mktorg.stats.numbers import compute

    assert isinstance(org, Organization)
    numbers = compute(org)
    if fmt == "json":
        from mktorg.render.stats.data import json_text, stats_json

        data = stats_json(org, numbers, lang)
        if table is not None:
            data = {"version": data["version"], "organization": data["organization"], table: data[table]}
        return json_text(data)
    if fmt == "csv":
        from mktorg.render.stats.data import csv_text

        tables = stats_tables(org, numbers, lang, table or "departments")
        if not tables:
            raise MktorgError("no cost table: org.yaml sets no grades")
        return csv_text(tables[0])
    from mktorg.render.stats.text import markdown, write_text

    tables = stats_tables(org, numbers, lang, table)
    if table == "cost" and not tables:
        raise MktorgError("no cost table: org.yaml sets no grades")
    heading = org.name(lang)
    if fmt == "markdown":
        return markdown(tables, heading, lang or org.default_lang)
    if to_stdout:
        write_text(tables, sys.stdout, heading)
        return ""
    import io

    buffer = io.StringIO()
    write_text(tables, buffer, heading)
    return buffer.getvalue()
