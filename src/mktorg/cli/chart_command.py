"""`mktorg chart`: draw the organisation with Graphviz."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from mktorg.cli.boundary import cli_command
from mktorg.cli.options import ForceOpt, LangOpt, NoCacheOpt, OrgDir
from mktorg.errors import MktorgError


@cli_command
def chart(
    org: OrgDir = Path(),
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Output file; SVG on stdout without.")] = None,
    output_format: Annotated[
        str | None,
        typer.Option("--format", "-f", metavar="[svg|png|pdf|dot]", help="Chart format (default: from the extension)."),
    ] = None,
    view: Annotated[str, typer.Option("--view", metavar="[roles|departments]", help="What the boxes are.")] = "roles",
    root: Annotated[
        str | None, typer.Option("--root", metavar="ID", help="Draw from this role or department down.")
    ] = None,
    depth: Annotated[int | None, typer.Option("--depth", min=1, help="Levels to draw below the root.")] = None,
    direction: Annotated[
        str, typer.Option("--direction", metavar="[TB|LR|BT|RL]", help="Top to bottom, left to right, ...")
    ] = "TB",
    lang: LangOpt = None,
    title: Annotated[str | None, typer.Option("--title", help="Chart title (default: the organisation name).")] = None,
    no_clusters: Annotated[bool, typer.Option("--no-clusters", help="Do not box roles by department.")] = False,
    font: Annotated[str, typer.Option("--font", metavar="FONT", help="Font family for all text.")] = "Noto Sans CJK SC",
    wide_team: Annotated[
        int, typer.Option("--wide-team", min=1, help="Stack leaf reports in columns above this many.")
    ] = 6,
    force: ForceOpt = False,
    no_cache: NoCacheOpt = False,
) -> None:
    """Draw an org chart (roles or departments) as SVG, PNG, PDF or DOT."""
    from mktorg.cli.notices import chart_texts, check_font, check_language
    from mktorg.cli.pipeline import checked_org
    from mktorg.render.chart.dot import ChartOptions, build_dot
    from mktorg.render.chart.graphviz import FORMATS, render
    from mktorg.writing import refuse_source_folder, write_bytes

    fmt = output_format or (output.suffix.lstrip(".").lower() if output and output.suffix else "svg")
    if fmt not in FORMATS:
        raise MktorgError(f"unknown chart format '{fmt}' (choose from {', '.join(FORMATS)})")
    if view not in ("roles", "departments"):
        raise MktorgError("--view must be roles or departments")
    if direction.upper() not in ("TB", "LR", "BT", "RL"):
        raise MktorgError("--direction must be TB or LR")
    if output is not None:
        refuse_source_folder(org, output)
    organization = checked_org(org, force=force, cache=not no_cache)
    check_font(font)
    check_language(organization, lang, chart_texts(organization))
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
    )
    data = render(build_dot(organization, options), fmt)
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        write_bytes(output, data)
        print(f"wrote {output}", file=sys.stderr)
