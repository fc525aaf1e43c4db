"""Chart pages -> DOT with every position given, drawn by Graphviz without a layout (`layout=nop2`).

Graphviz keeps doing what it does well: fonts, SVG structure (`<g class="node">` titled by id,
`<g class="edge">` titled `superior->report`), PNG and multi-page PDF through cairo.
"""

import itertools
import math

from mktorg.model.organization import Organization
from mktorg.render.chart.options import ChartOptions
from mktorg.render.chart.scene import Box, Connector, Frame, Legend, LegendItem, Line, Page, Rect, Run, Style
from mktorg.render.chart.wrap import cached_escape as escape
from mktorg.render.chart.wrap import cached_quote_id as quote_id

__all__ = ["ChartOptions", "build_dot", "page_dot"]


def build_dot(org: Organization, options: ChartOptions) -> str:
    """The chart as DOT text: one `digraph` per page."""
    from mktorg.render.chart.build import chart_pages

    return "".join(page_dot(page) for page in chart_pages(org, options).pages)


def _n(value: float) -> str:
    """A coordinate with at most two decimals."""
    text = repr(round(value, 2) + 0.0)
    if "e" in text:
        text = f"{value:.2f}"
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text


class _Writer:
    def __init__(self, page: Page) -> None:
        self.page = page
        self.lines: list[str] = []
        self.names: dict[tuple[str, str], str] = {}

    def y(self, y: float) -> float:
        return self.page.height - y

    def bb(self, rect: Rect) -> str:
        return f'"{_n(rect.x)},{_n(self.y(rect.bottom))},{_n(rect.right)},{_n(self.y(rect.y))}"'

    def lp(self, rect: Rect) -> str:
        return f'"{_n(rect.cx)},{_n(self.y(rect.cy))}"'

    def write(self) -> str:
        page = self.page
        font = quote_id(page.font)
        self.lines += [
            f"digraph {quote_id('page' + str(page.number))} {{",
            f'  graph [layout=nop2, notranslate=true, pad=0, margin=0, charset="UTF-8", fontname={font}];',
            f"  node [shape=box, fixedsize=true, margin=0, fontname={font}];",
            f"  edge [arrowhead=none, fontname={font}];",
            f'  subgraph "cluster__page" {{ graph [bb={self.bb(Rect(0, 0, page.width, page.height))}, '
            'style=invis, label=""]; }',
        ]
        self.title()
        used: set[str] = set()
        for frame in page.frames:
            self.frame(frame, used)
        if page.legend is not None:
            self.legend(page.legend)
        for box in page.boxes:
            self.box(box)
        for conn in page.connectors:
            self.edge(conn)
        self.lines.append("}")
        return "\n".join(self.lines) + "\n"

    def title(self) -> None:
        rect = self.page.title_rect
        rows = "".join(_row(line, rect.w, "LEFT") for line in self.page.title)
        self.lines.append(
            f'  subgraph "cluster__title" {{ graph [bb={self.bb(rect)}, lp={self.lp(rect)}, style=invis, '
            f"label=<{_table(rows)}>]; }}"
        )

    def frame(self, frame: Frame, used: set[str]) -> None:
        name = "cluster_" + frame.dept
        n = 2
        while name in used:
            name, n = f"cluster_{frame.dept}~{n}", n + 1
        used.add(name)
        lr, nr = frame.label_rect, frame.note_rect
        if nr is None or not frame.note:
            label = _table(_row(frame.label, lr.w, "LEFT", lr.h))
            lrect = lr
        else:  # name at the left, count at the right: one table across the band, placed by its centre
            h = max(int(lr.h), 1)
            cell = '<TD FIXEDSIZE="TRUE" WIDTH="{}" HEIGHT="{}" ALIGN="{}">{}</TD>'
            cells = (
                cell.format(max(int(lr.w) + 1, 1), h, "LEFT", _text(frame.label))
                + cell.format(max(int(nr.x - lr.right), 1), h, "CENTER", "")
                + cell.format(max(int(nr.w) + 1, 1), h, "RIGHT", _text(frame.note))
            )
            label = _table(f"<TR>{cells}</TR>")
            lrect = Rect(lr.x, lr.y, nr.right - lr.x, lr.h)
        self.lines.append(
            f"  subgraph {quote_id(name)} {{ graph [bb={self.bb(frame.rect)}, lp={self.lp(lrect)}, "
            f"{_style(frame.style, rounded=True)}, label=<{label}>, tooltip={quote_id(frame.dept)}]; }}"
        )

    def legend(self, legend: Legend) -> None:
        rows = [_row(((_run(legend.title, legend.font_size, True, "#1f2933")),), legend.rect.w - 2 * 6, "LEFT")]
        for item in legend.items:
            rows.append(_legend_row(item, legend))
        self.lines.append(
            f'  subgraph "cluster__legend" {{ graph [bb={self.bb(legend.rect)}, lp={self.lp(legend.rect)}, '
            f'style="rounded", color="#c8d0da", penwidth=0.8, label=<{_table("".join(rows))}>]; }}'
        )

    def box(self, box: Box) -> None:
        r = box.rect
        rows = "".join(_row(line, r.w - 4, "CENTER") for line in box.lines)
        attrs = [
            f'pos="{_n(r.cx)},{_n(self.y(r.cy))}"',
            f"width={r.w / 72:.4f}",
            f"height={r.h / 72:.4f}",
            f"label=<{_table(rows)}>",
            f"tooltip={quote_id(box.id)}",
            _style(box.style, rounded=box.style.rounded),
        ]
        self.lines.append(f"  {quote_id(box.id)} [{', '.join(attrs)}];")

    def edge(self, conn: Connector) -> None:
        points = conn.points
        spline = [points[0]]
        for a, b in itertools.pairwise(points):
            spline += [a, b, b]
        pos = " ".join(f"{_n(x)},{_n(self.y(y))}" for x, y in spline)
        pattern = conn.pattern
        style = f", style={pattern}" if pattern != "solid" else ""
        self.lines.append(
            f'  {quote_id(conn.tail)} -> {quote_id(conn.head)} [pos="{pos}", color="{conn.color}", '
            f"penwidth={_n(conn.width * max(self.page.scale, 0.6))}{style}];"
        )


def _style(style: Style, rounded: bool) -> str:
    parts = ["rounded"] if rounded else []
    if style.fill:
        parts.append("filled")
    if style.dash != "solid":
        parts.append(style.dash)
    attrs = [f'style="{",".join(parts)}"', f'color="{style.border}"', f"penwidth={_n(style.width)}"]
    if style.fill:
        attrs.append(f'fillcolor="{style.fill}"')
    return ", ".join(attrs)


def _run(text: str, size: float, bold: bool, color: str) -> Run:
    return Run(text, size, bold, color)


def _text(line: Line) -> str:
    out = []
    for run in line:
        text = escape(run.text) or " "
        if run.bold:
            text = f"<B>{text}</B>"
        if run.strike:
            text = f"<S>{text}</S>"
        out.append(f'<FONT POINT-SIZE="{_n(run.size)}" COLOR="{run.color}">{text}</FONT>')
    return "".join(out)


def _row(line: Line, width: float, align: str, height: float | None = None) -> str:
    size = max(r.size for r in line)
    h = height if height is not None else size * 1.3
    return (
        f'<TR><TD FIXEDSIZE="TRUE" WIDTH="{max(math.ceil(width), 1)}" HEIGHT="{max(int(h), 1)}" ALIGN="{align}">'
        f"{_text(line)}</TD></TR>"
    )


def _table(rows: str) -> str:
    return f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0">{rows}</TABLE>'


def _legend_row(item: LegendItem, legend: Legend) -> str:
    h = max(int(legend.row), 1)
    sw = max(int(legend.sample_width), 1)
    tw = max(int(legend.rect.w - legend.sample_width - 18), 1)
    style = item.style
    if item.sample == "line":
        dash = f' STYLE="{style.dash}"' if style.dash in ("dashed", "dotted") else ""
        sample = (
            f'<TD FIXEDSIZE="TRUE" WIDTH="{sw}" HEIGHT="{h}"><TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" '
            f'CELLPADDING="0"><TR><TD FIXEDSIZE="TRUE" WIDTH="{sw - 4}" HEIGHT="{max(h // 2 - 1, 1)}" BORDER="1" '
            f'SIDES="B" COLOR="{style.border}"{dash}></TD></TR><TR><TD FIXEDSIZE="TRUE" WIDTH="{sw - 4}" '
            f'HEIGHT="{max(h - h // 2, 1)}"></TD></TR></TABLE></TD>'
        )
    elif item.sample in ("box", "swatch"):
        dash = {"dashed": "dashed", "dotted": "dotted"}.get(style.dash, "solid")
        sample = (
            f'<TD FIXEDSIZE="TRUE" WIDTH="{sw}" HEIGHT="{h}"><TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" '
            f'CELLPADDING="0"><TR><TD FIXEDSIZE="TRUE" WIDTH="{sw - 6}" HEIGHT="{max(h - 4, 1)}" BORDER="1" '
            f'STYLE="{dash}" COLOR="{style.border}" BGCOLOR="{style.fill or "#ffffff"}"></TD></TR>'
            "</TABLE></TD>"
        )
    else:
        text = _text((Run(item.sample_text, legend.font_size, True, "#5b6573"),)) if item.sample_text else ""
        sample = f'<TD FIXEDSIZE="TRUE" WIDTH="{sw}" HEIGHT="{h}" ALIGN="LEFT">{text}</TD>'
    body = _text((Run(item.text, legend.font_size, False, "#1f2933"),))
    gap = f'<TD FIXEDSIZE="TRUE" WIDTH="6" HEIGHT="{h}"></TD>'
    text = f'<TD FIXEDSIZE="TRUE" WIDTH="{tw}" HEIGHT="{h}" ALIGN="LEFT">{body}</TD>'
    return f"<TR><TD>{_table(f'<TR>{sample}{gap}{text}</TR>')}</TD></TR>"


def page_dot(page: Page) -> str:
    """One page as a positioned `digraph`."""
    return _Writer(page).write()
