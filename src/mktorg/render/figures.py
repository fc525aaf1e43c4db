"""The charts of a book: the department chart and the role chart on landscape pages, split per
sub-tree when one page cannot show them legibly.

Drawn through `render.chart` (`build_dot` and `render`); vector SVG for PDF, HTML and Markdown,
PNG at print resolution for Word.
"""

import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass

from mktorg.model.organization import Organization
from mktorg.render.document import ChartPage, Figure, Heading
from mktorg.render.labels import labels_for

PAGE_PT = (717.0, 400.0)
"""The room for a chart on a landscape A4 page (2.2 cm margins, a heading and a caption), in points."""
LEGIBLE = 0.6
"""The smallest scale at which an 11 pt box label stays readable (6.6 pt)."""
MAX_ROLES = 90
"""More roles than this never fit one legible page: do not lay them out to find out."""
PRINT_DPI = 200


@dataclass(frozen=True)
class _Piece:
    caption: str
    svg: bytes
    dot: str


def _size(svg: bytes) -> tuple[float, float]:
    match = re.search(rb'<svg width="([\d.]+)pt" height="([\d.]+)pt"', svg)
    return (float(match[1]), float(match[2])) if match else PAGE_PT


def _legible(svg: bytes) -> bool:
    width, height = _size(svg)
    return min(PAGE_PT[0] / width, PAGE_PT[1] / height) >= LEGIBLE


def book_charts(
    org: Organization, lang: str | None, *, png: bool, font: str, roots: list[str] | None = None
) -> list[ChartPage]:
    """Chart pages for a book (none when Graphviz is missing): departments, then roles; `roots`: only
    these departments' sub-trees (the book of a selection)."""
    if shutil.which("dot") is None:
        return []
    from mktorg.render.chart.dot import ChartOptions, build_dot
    from mktorg.render.chart.graphviz import render, render_pages

    labels = labels_for(lang or org.default_lang)

    def draw(view: str, title: str, root: str | None = None, depth: int | None = None) -> tuple[str, bytes]:
        dot = build_dot(org, ChartOptions(view=view, root=root, depth=depth, lang=lang, title=title, font=font))
        return dot, render(dot, "svg")

    def name(dept_id: str) -> str:
        return org.text(org.departments[dept_id].name, lang)

    pieces: list[_Piece] = []
    if org.departments:
        pieces += _split(org, "departments", labels["department_chart"], draw, name, roots)
    if any(not role.external for role in org.roles.values()):
        pieces += _split(org, "roles", labels["role_chart"], draw, name, roots)
    pngs = render_pages([piece.dot for piece in pieces], "png", dpi=PRINT_DPI) if png and pieces else []
    pages = []
    for i, piece in enumerate(pieces, 1):
        width, height = _size(piece.svg)
        figure = Figure(
            alt=piece.caption,
            png=pngs[i - 1] if png else None,
            svg=piece.svg,
            name=f"chart-{i}.svg",
            width_pt=width,
            height_pt=height,
        )
        pages.append(ChartPage(figure, Heading(labels["chart"], 1) if i == 1 else None))
    return pages


def _split(
    org: Organization,
    view: str,
    title: str,
    draw: Callable[..., tuple[str, bytes]],
    name: Callable[[str], str],
    roots: list[str] | None,
) -> list[_Piece]:
    """The whole chart when legible, else a chart per department sub-tree, top down."""
    roles = view == "roles"
    if roots is None and (not roles or len(org.roles) <= MAX_ROLES):
        dot, svg = draw(view, title)
        if _legible(svg):
            return [_Piece(title, svg, dot)]
    pieces: list[_Piece] = []

    def people(dept_id: str) -> int:
        return sum(len(org.department_roles.get(d, [])) for d in org.subtree_departments(dept_id))

    def visit(dept_id: str) -> None:
        caption = f"{title} · {name(dept_id)}"
        children = org.department_children.get(dept_id, [])
        if (not roles or people(dept_id) <= MAX_ROLES) and children:
            dot, svg = draw(view, caption, dept_id)
            if _legible(svg):
                pieces.append(_Piece(caption, svg, dot))
                return
        if roles and org.department_roles.get(dept_id):
            dot, svg = draw(view, caption, dept_id, 1)
            pieces.append(_Piece(caption, svg, dot))
        elif not roles:
            dot, svg = draw(view, caption, dept_id, 2)
            pieces.append(_Piece(caption, svg, dot))
        for child in children:
            if org.department_children.get(child) or roles:
                visit(child)

    tops = roots if roots is not None else org.department_children.get(None, [])
    for top in tops:
        if not org.departments[top].external:
            visit(top)
    return pieces
