"""`mktorg export`: job descriptions and books as Word, Markdown or HTML."""

import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from mktorg.cli.boundary import cli_command
from mktorg.cli.options import ForceOpt, LangOpt, NoCacheOpt, OrgDir
from mktorg.errors import MktorgError

if TYPE_CHECKING:
    from mktorg.model.organization import Organization
    from mktorg.render.document import Figure


@cli_command
def export(
    org: OrgDir = Path(),
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder for the documents.")] = Path("out"),
    output_format: Annotated[
        str, typer.Option("--format", "-f", metavar="[docx|md|html]", help="Document format.")
    ] = "docx",
    role: Annotated[list[str] | None, typer.Option("--role", metavar="ID", help="Only this role (repeatable).")] = None,
    department: Annotated[
        list[str] | None,
        typer.Option("--department", metavar="ID", help="Only roles of this department and its sub-departments."),
    ] = None,
    book: Annotated[bool, typer.Option("--book", help="One document for the whole selection.")] = False,
    lang: LangOpt = None,
    reference_doc: Annotated[
        Path | None,
        typer.Option("--reference-doc", help="Take Word styles, page set-up, header and footer from this .docx."),
    ] = None,
    font: Annotated[
        str, typer.Option("--font", metavar="FONT", help="East Asian font of the Word styles.")
    ] = "Noto Sans CJK SC",
    force: ForceOpt = False,
    no_cache: NoCacheOpt = False,
) -> None:
    """Write a job description (岗位说明书) per role, or one book with --book."""
    from mktorg.cli.notices import check_font, check_language, document_texts
    from mktorg.cli.pipeline import checked_org
    from mktorg.render.content import selected_roles
    from mktorg.render.export import FORMATS, ExportOptions, export_book, export_roles
    from mktorg.writing import refuse_source_folder

    if output_format not in FORMATS:
        raise MktorgError(f"unknown export format '{output_format}' (choose from {', '.join(FORMATS)})")
    if reference_doc is not None and not reference_doc.is_file():
        raise MktorgError(f"no reference document at {reference_doc}")
    refuse_source_folder(org, output)
    organization = checked_org(org, force=force, cache=not no_cache)
    role_ids = selected_roles(organization, list(role or []), list(department or []))
    if output_format == "docx":
        check_font(font)
    check_language(organization, lang, document_texts(organization, role_ids))
    options = ExportOptions(output_format, output, lang, reference_doc, font)
    output.mkdir(parents=True, exist_ok=True)
    if book:
        path = export_book(organization, role_ids, options, _chart(organization, output_format, lang))
        print(f"wrote {path}", file=sys.stderr)
    else:
        written = export_roles(organization, role_ids, options)
        print(f"wrote {len(written)} job description(s) to {output}", file=sys.stderr)


def _chart(org: "Organization", fmt: str, lang: str | None) -> "Figure | None":
    """The org chart for a book, when Graphviz is installed: PNG for Word, SVG for Markdown and HTML."""
    if shutil.which("dot") is None:
        return None
    from mktorg.render.chart.dot import ChartOptions, build_dot
    from mktorg.render.chart.graphviz import render
    from mktorg.render.document import Figure
    from mktorg.render.labels import labels_for

    alt = labels_for(lang or org.default_lang)["chart"]
    if fmt == "docx":
        return Figure(alt, png=render(build_dot(org, ChartOptions(view="departments", lang=lang)), "png"))
    return Figure(alt, svg=render(build_dot(org, ChartOptions(view="roles", lang=lang)), "svg"))
