"""`mktorg chart`: draw the organisation as an org chart (SVG, PNG, PDF, PowerPoint or DOT)."""

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from mktorg.cli.boundary import cli_command
from mktorg.cli.options import ForceOpt, LangOpt, NoCacheOpt, OrgDir, choices
from mktorg.errors import MktorgError
from mktorg.render.chart.graphviz import FORMATS
from mktorg.render.chart.options import COLOR_BY, DIRECTIONS, PAGES, VIEWS

if TYPE_CHECKING:
    from mktorg.model.organization import Organization
    from mktorg.render.chart.diff import ChartMarks


@cli_command
def chart(
    org: OrgDir = Path(),
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Output file; SVG on stdout without. Pages: name-1.svg, …")
    ] = None,
    output_format: Annotated[
        str | None,
        typer.Option(
            "--format", "-f", metavar=choices(FORMATS), help="Chart format (default: from the extension, else svg)."
        ),
    ] = None,
    view: Annotated[str, typer.Option("--view", metavar=choices(VIEWS), help="What the boxes are.")] = "roles",
    root: Annotated[
        str | None,
        typer.Option("--root", metavar="ID", help="Draw from this role or department down (id, title or name)."),
    ] = None,
    depth: Annotated[
        int | None, typer.Option("--depth", min=0, help="Levels below the root to draw (1: the root and its reports).")
    ] = None,
    direction: Annotated[
        str, typer.Option("--direction", metavar=choices(DIRECTIONS), help="Top-down or left-to-right.")
    ] = "TB",
    page: Annotated[
        str,
        typer.Option(
            "--page",
            metavar=choices(PAGES),
            help="Split into pages that fit at --min-font "
            "(auto: A4 for PDF, 16:9 for PowerPoint, one drawing otherwise).",
        ),
    ] = "auto",
    min_font: Annotated[
        float, typer.Option("--min-font", min=3.0, help="Smallest legible text on a page, in points.")
    ] = 6.0,
    lang: LangOpt = None,
    title: Annotated[str | None, typer.Option("--title", help="Chart title (default: the organisation name).")] = None,
    no_clusters: Annotated[bool, typer.Option("--no-clusters", help="Do not frame roles by department.")] = False,
    no_legend: Annotated[bool, typer.Option("--no-legend", help="Leave the legend out.")] = False,
    theme: Annotated[
        Path | None, typer.Option("--theme", metavar="PATH", help="YAML file with font and colors (as org.yaml theme).")
    ] = None,
    color_by: Annotated[
        str, typer.Option("--color-by", metavar=choices(COLOR_BY), help="Shade department depth or role level.")
    ] = ("depth"),
    font: Annotated[
        str | None,
        typer.Option("--font", metavar="FONT", help="Font family (default: theme font or Noto Sans CJK SC)."),
    ] = (None),
    wide_team: Annotated[
        int, typer.Option("--wide-team", min=0, help="Stack leaf-only teams larger than this in two columns.")
    ] = 2,
    force: ForceOpt = False,
    no_cache: NoCacheOpt = False,
    against: Annotated[
        str | None,
        typer.Option(
            "--diff",
            metavar="REV",
            help="Mark what changed since this version (a git revision or a folder): "
            "added, moved, changed and removed boxes, new and old lines.",
        ),
    ] = None,
) -> None:
    """Draw an org chart (roles or departments) as SVG, PNG, PDF, PowerPoint or DOT."""
    from mktorg.cli.chart_depth import check_chart_depth
    from mktorg.cli.notices import check_font
    from mktorg.cli.outputs import output_file, output_files
    from mktorg.cli.pipeline import checked_org
    from mktorg.render.chart.options import ChartOptions
    from mktorg.render.chart.output import chart_files
    from mktorg.render.chart.theme import load_theme
    from mktorg.writing import write_bytes

    fmt = (output_format or (output.suffix.lstrip(".").lower() if output and output.suffix else "svg")).lower()
    _choose("format", fmt, FORMATS)
    _choose("--view", view, VIEWS)
    _choose("--direction", direction.upper(), DIRECTIONS)
    _choose("--page", page.lower(), PAGES)
    _choose("--color-by", color_by, COLOR_BY)
    if fmt == "pptx" and output is None:
        raise MktorgError("PowerPoint needs a file: give -o chart.pptx")
    if output is not None:
        output_file(org, output)
    file_theme = load_theme(theme) if theme is not None else None
    marks = None
    if against is None:
        organization = checked_org(org, force=force, cache=not no_cache)
    else:
        organization, marks = _marked(org, against, lang, force)
    check_chart_depth(organization, view, depth)
    if font is not None:
        check_font(font)
    options = ChartOptions(
        view=view,
        root=root,
        depth=depth,
        direction=direction.upper(),
        lang=lang,
        title=title,
        clusters=not no_clusters,
        font=font,
        wide_team=wide_team,
        page=page.lower(),
        color_by=color_by,
        min_font=min_font,
        theme=file_theme,
        legend=not no_legend,
        marks=marks,
    )
    result = chart_files(organization, options, fmt)
    for note in result.notes:
        print(f"mktorg: note: {note}", file=sys.stderr)
    if output is None:
        if len(result.files) > 1:
            raise MktorgError(f"the chart has {len(result.files)} pages: give -o chart.{fmt} to write them")
        sys.stdout.buffer.write(result.files[0])
        sys.stdout.flush()
        return
    count = len(result.files)
    paths = [output] if count == 1 else [_numbered(output, i, len(str(count))) for i in range(1, count + 1)]
    output_files(org, paths)
    for path, data in zip(paths, result.files, strict=True):
        write_bytes(path, data)
    if len(paths) == 1:
        print(f"wrote {output}", file=sys.stderr)
    else:
        print(f"wrote {len(paths)} pages: {paths[0]} … {paths[-1]}", file=sys.stderr)


def _marked(org: Path, against: str, lang: str | None, force: bool) -> "tuple[Organization, ChartMarks]":
    """The organisation with the removed parts of `against` added at their old place, and the marks of every change."""
    from mktorg.cli.pipeline import checked
    from mktorg.diff.compare import compare
    from mktorg.render.chart.diff import marked
    from mktorg.versions.sides import Side, Versions

    versions = Versions(org)
    old_side = versions.side(against, None)
    with versions.load(old_side, Side("", folder=org)) as (before, after):
        checked(after.loaded, org, force=force)
        result = compare(before.loaded, after.loaded, lang, old_empty=before.empty)
        return marked(before.loaded.org, after.loaded.org, result, old_side.label)


def _choose(name: str, value: str, choices: tuple[str, ...]) -> None:
    if value not in choices:
        raise MktorgError(f"unknown {name} '{value}' (choose from {', '.join(choices)})")


def _numbered(path: Path, number: int, digits: int) -> Path:
    return path.with_name(f"{path.stem}-{number:0{digits}d}{path.suffix}")
