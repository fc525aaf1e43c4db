"""The charts of a book: the department chart and the role chart on landscape pages, split per
sub-tree when one page cannot show them legibly.

Drawn through `render.chart` (`build_dot` and `render`); vector SVG for PDF, HTML and Markdown,
PNG at print resolution for Word.
"""

import shutil
from collections.abc import Callable
from dataclasses import dataclass, replace

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
    dot: str
    size: tuple[float, float]


def _size(dot: str) -> tuple[float, float]:
    """A chart's size in points as its SVG will have it, read from its DOT: no Graphviz run to find it out."""
    from mktorg.render.chart.graphviz import page_sizes

    sizes = page_sizes(dot)
    return (float(round(sizes[0][0])), float(round(sizes[0][1]))) if sizes else PAGE_PT


def _print_dpi(size: tuple[float, float]) -> int:
    """The resolution that gives PRINT_DPI at the size the chart is shown (a chart larger than the
    page is shrunk to fit: drawn at its own size, it had up to four times the pixels, and cost)."""
    return max(72, round(PRINT_DPI * min(1.0, PAGE_PT[0] / size[0], PAGE_PT[1] / size[1])))


def _legible(size: tuple[float, float]) -> bool:
    return min(PAGE_PT[0] / size[0], PAGE_PT[1] / size[1]) >= LEGIBLE


def book_charts(
    org: Organization, lang: str | None, *, png: bool, font: str, roots: list[str] | None = None
) -> list[ChartPage]:
    """Chart pages for a book (none when Graphviz is missing): departments, then roles; `roots`: only
    these departments' sub-trees (the book of a selection).

    With `png` (Word), the figures are not drawn yet, only sized: `draw_pngs` draws them (two at a
    time, while the book is paginated); otherwise they are drawn as SVG here."""
    if shutil.which("dot") is None:
        return []
    from mktorg.render.chart.dot import ChartOptions, build_dot
    from mktorg.render.chart.graphviz import render_pages

    labels = labels_for(lang or org.default_lang)

    def draw(view: str, title: str, root: str | None = None, depth: int | None = None) -> str:
        return build_dot(org, ChartOptions(view=view, root=root, depth=depth, lang=lang, title=title, font=font))

    def name(dept_id: str) -> str:
        return org.text(org.departments[dept_id].name, lang)

    pieces: list[_Piece] = []
    if org.departments:
        pieces += _split(org, "departments", labels["department_chart"], draw, name, roots)
    if any(not role.external for role in org.roles.values()):
        pieces += _split(org, "roles", labels["role_chart"], draw, name, roots)
    svgs = render_pages([piece.dot for piece in pieces], "svg") if pieces and not png else []
    pages = []
    for i, piece in enumerate(pieces, 1):
        figure = Figure(
            alt=piece.caption,
            svg=None if png else svgs[i - 1],
            name=f"chart-{i}.svg",
            width_pt=piece.size[0],
            height_pt=piece.size[1],
            dot=piece.dot,
        )
        pages.append(ChartPage(figure, Heading(labels["chart"], 1) if i == 1 else None))
    return pages


def draw_pngs(charts: list[ChartPage]) -> list[ChartPage]:
    """The chart pages with their figures drawn as PNG, at print resolution for the size shown, at a
    lower priority than the Typst layout they are drawn beside (`perf.background`)."""
    from mktorg.render.chart.graphviz import render_pages

    todo = [page for page in charts if page.figure.png is None and page.figure.dot]
    dpis = [_print_dpi((page.figure.width_pt, page.figure.height_pt)) for page in todo]
    pngs = render_pages([p.figure.dot for p in todo], "png", dpi=dpis, background=True)  # behind Typst
    drawn = dict(zip(map(id, todo), pngs, strict=True))
    return [
        replace(page, figure=replace(page.figure, png=drawn[id(page)])) if id(page) in drawn else page
        for page in charts
    ]


def _split(
    org: Organization,
    view: str,
    title: str,
    draw: Callable[..., str],
    name: Callable[[str], str],
    roots: list[str] | None,
) -> list[_Piece]:
    """The whole chart when legible, else a chart per department sub-tree, top down."""
    roles = view == "roles"
    if roots is None and (not roles or len(org.roles) <= MAX_ROLES):
        dot = draw(view, title)
        if _legible(_size(dot)):
            return [_Piece(title, dot, _size(dot))]
    pieces: list[_Piece] = []

    def people(dept_id: str) -> int:
        return sum(len(org.department_roles.get(d, [])) for d in org.subtree_departments(dept_id))

    def visit(dept_id: str) -> None:
        caption = f"{title} · {name(dept_id)}"
        children = org.department_children.get(dept_id, [])
        if (not roles or people(dept_id) <= MAX_ROLES) and children:
            dot = draw(view, caption, dept_id)
            if _legible(_size(dot)):
                pieces.append(_Piece(caption, dot, _size(dot)))
                return
        if roles and org.department_roles.get(dept_id):
            dot = draw(view, caption, dept_id, 1)
            pieces.append(_Piece(caption, dot, _size(dot)))
        elif not roles:
            dot = draw(view, caption, dept_id, 2)
            pieces.append(_Piece(caption, dot, _size(dot)))
        for child in children:
            if org.department_children.get(child) or roles:
                visit(child)

    tops = roots if roots is not None else org.department_children.get(None, [])
    for top in tops:
        if not org.departments[top].external:
            visit(top)
    return pieces
