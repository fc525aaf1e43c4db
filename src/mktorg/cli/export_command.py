"""`mktorg export`: job descriptions and books as Word, PDF, Markdown or HTML; the design as a workbook."""

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from mktorg.cli.boundary import cli_command
from mktorg.cli.options import ForceOpt, LangOpt, NoCacheOpt, OrgDir
from mktorg.errors import MktorgError

if TYPE_CHECKING:
    from mktorg.model.organization import Organization


@cli_command
def export(
    org: OrgDir = Path(),
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Folder for the documents (xlsx: a .xlsx file, or a folder).")
    ] = Path("out"),
    output_format: Annotated[
        str,
        typer.Option("--format", "-f", metavar="[docx|pdf|md|html|xlsx]", help="Document format; xlsx: one workbook."),
    ] = "docx",
    role: Annotated[list[str] | None, typer.Option("--role", metavar="ID", help="Only this role (repeatable).")] = None,
    department: Annotated[
        list[str] | None,
        typer.Option("--department", metavar="ID", help="Only roles of this department and its sub-departments."),
    ] = None,
    book: Annotated[bool, typer.Option("--book", help="One document for the whole selection.")] = False,
    lang: LangOpt = None,
    empty_sections: Annotated[
        str,
        typer.Option(
            "--empty-sections",
            metavar="[hide|show]",
            help="show: every template section, with 无 when empty; hide: leave out.",
        ),
    ] = "hide",
    reference_doc: Annotated[
        Path | None,
        typer.Option("--reference-doc", help="Take Word styles, page set-up, header and footer from this .docx."),
    ] = None,
    font: Annotated[
        str | None,
        typer.Option(
            "--font", metavar="FONT", help="Font of Word and PDF documents (default: theme.font, Noto Sans CJK SC)."
        ),
    ] = None,
    force: ForceOpt = False,
    no_cache: NoCacheOpt = False,
) -> None:
    """Write a job description (岗位说明书) per role, one book with --book, or a workbook with --format xlsx."""
    from mktorg.cli.document_meta import document_meta
    from mktorg.cli.notices import check_font, check_language, document_texts
    from mktorg.cli.outputs import output_file, output_folder
    from mktorg.cli.pipeline import checked_org
    from mktorg.render.content import selected_roles
    from mktorg.render.export import FORMATS, ExportOptions, export_book, export_roles, workbook_path
    from mktorg.render.style import style_for

    if output_format not in FORMATS:
        raise MktorgError(f"unknown export format '{output_format}' (choose from {', '.join(FORMATS)})")
    if empty_sections not in ("show", "hide"):
        raise MktorgError(f"--empty-sections must be show or hide, not '{empty_sections}'")
    if reference_doc is not None:
        _check_reference(reference_doc)
    if output_format == "xlsx":
        given = [
            name
            for name, value in (
                ("--role", role),
                ("--department", department),
                ("--book", book),
                ("--reference-doc", reference_doc),
            )
            if value
        ]
        if given:
            raise MktorgError(
                f"{', '.join(given)} do(es) not apply to --format xlsx: the workbook holds the whole design"
            )
        output = workbook_path(output)
        output_file(org, output)
    else:
        output_folder(output, org)
    organization = checked_org(org, force=force, cache=not no_cache)
    if output_format == "xlsx":
        _workbook(organization, output, lang, font)
        return
    departments = list(department or [])
    role_ids = selected_roles(organization, list(role or []), departments)
    style = style_for(organization, font)
    if output_format in ("docx", "pdf"):
        check_font(style.font)
    check_language(organization, lang, document_texts(organization, role_ids))
    options = ExportOptions(
        output_format,
        output,
        style,
        lang,
        reference_doc,
        "show" if empty_sections == "show" else "hide",
        document_meta(organization, org, lang),
    )
    output.mkdir(parents=True, exist_ok=True)
    if book:
        from mktorg.cli.chart_depth import too_deep
        from mktorg.render.figures import book_charts

        scope = departments if (departments or role) else None  # --role alone: only the roles' departments
        deep = too_deep(organization)
        if deep is None:
            charts = book_charts(organization, lang, png=output_format == "docx", font=style.font, roots=scope)
        else:
            charts = []
            print(f"mktorg: note: the book has no chart: {deep}", file=sys.stderr)
        path = export_book(organization, role_ids, scope, options, charts)
        print(f"wrote {path}", file=sys.stderr)
    else:
        written = export_roles(organization, role_ids, options)
        print(f"wrote {len(written)} job description(s) to {output}", file=sys.stderr)


def _check_reference(path: Path) -> None:
    """A Word document python-docx can open, or a one-line error."""
    if not path.is_file():
        raise MktorgError(f"no reference document at {path}")
    import docx

    try:
        docx.Document(str(path))
    except Exception as err:  # python-docx raises many kinds for a file that is not a .docx
        raise MktorgError(f"{path} cannot be used as a reference document: it is not a Word .docx ({err})") from None


def _workbook(organization: "Organization", output: Path, lang: str | None, font: str | None) -> None:
    from mktorg.cli.notices import chart_texts, check_language
    from mktorg.render.export import ExportOptions, export_workbook
    from mktorg.render.style import style_for

    check_language(organization, lang, chart_texts(organization))
    options = ExportOptions("xlsx", output, style_for(organization, font), lang)
    theme = organization.settings.theme
    path = export_workbook(organization, options, font or (theme.font if theme else None))
    print(f"wrote {path}", file=sys.stderr)
