"""A page: title, chart and legend arranged, then scaled and centred on the paper (or not)."""

from dataclasses import replace

from mktorg.render.chart.layout import Placed
from mktorg.render.chart.metrics import text_width
from mktorg.render.chart.scene import Box, Frame, Legend, Line, Page, Rect, Run, Style

MARGIN = 24.0
TITLE = 15.0
SUBTITLE = 8.5
GAP = 14.0


def _title_block(title: str, subtitle: str, ink: str, muted: str) -> tuple[list[Line], float, float]:
    lines: list[Line] = [(Run(title, TITLE, True, ink),)]
    if subtitle:
        lines.append((Run(subtitle, SUBTITLE, False, muted),))
    width = max(text_width(title, TITLE, True), text_width(subtitle, SUBTITLE))
    height = TITLE * 1.35 + (SUBTITLE * 1.5 if subtitle else 0)
    return lines, width, height


def compose(
    placed: Placed,
    title: str,
    subtitle: str,
    legend: Legend | None,
    style: tuple[str, str, str],
    paper: tuple[float, float] | None = None,
    fixed: bool = False,
) -> Page:
    """Title at the top left, the chart below, the legend beside or under it, whichever fits `paper` larger."""
    if legend is None or paper is None:
        return _compose(placed, title, subtitle, legend, style, placed.height > placed.width * 0.8)
    best: Page | None = None
    best_scale = -1.0
    for right in (False, True):
        candidate = _compose(
            placed,
            title,
            subtitle,
            Legend(
                Rect(0, 0, legend.rect.w, legend.rect.h),
                legend.title,
                legend.items,
                legend.font_size,
                legend.row,
                legend.sample_width,
            ),
            style,
            right,
        )
        target = paper if fixed else orient(candidate, paper)
        scale = fit_scale(candidate, target)
        if scale > best_scale + 1e-9:
            best, best_scale = candidate, scale
    assert best is not None
    return best


def _compose(
    placed: Placed, title: str, subtitle: str, legend: Legend | None, style: tuple[str, str, str], right: bool
) -> Page:
    font, ink, muted = style
    lines, title_w, title_h = _title_block(title, subtitle, ink, muted)
    top = title_h + GAP
    width = max(title_w, placed.width)
    height = top + placed.height
    if legend is not None:
        if right:
            legend.rect.x, legend.rect.y = placed.width + GAP, top
            width = max(width, legend.rect.right)
            height = max(height, legend.rect.bottom)
        else:
            legend.rect.x = max(width - legend.rect.w, 0.0)
            legend.rect.y = top + placed.height + GAP
            width = max(width, legend.rect.right)
            height = legend.rect.bottom
    page = Page(width, height, font, lines, Rect(0, 0, title_w, title_h), legend=legend)
    page.boxes = [Box(b.id, b.kind, _moved(b.rect, 0, top), b.lines, b.style) for b in placed.boxes]
    page.frames = [
        Frame(
            f.id,
            f.dept,
            _moved(f.rect, 0, top),
            f.label,
            _moved(f.label_rect, 0, top),
            f.style,
            f.note,
            _moved(f.note_rect, 0, top) if f.note_rect else None,
        )
        for f in placed.frames
    ]
    page.connectors = [replace(c, points=[(x, y + top) for x, y in c.points]) for c in placed.connectors]
    return page


def _moved(rect: Rect, dx: float, dy: float, s: float = 1.0) -> Rect:
    return Rect(rect.x * s + dx, rect.y * s + dy, rect.w * s, rect.h * s)


def _line(line: Line, s: float) -> Line:
    if s == 1.0:
        return line
    return tuple(replace(r, size=round(r.size * s, 2)) for r in line)


def fit_scale(page: Page, size: tuple[float, float] | None) -> float:
    """The scale at which the page content fits `size` inside the margins (at most 1)."""
    if size is None:
        return 1.0
    return min((size[0] - 2 * MARGIN) / max(page.width, 1.0), (size[1] - 2 * MARGIN) / max(page.height, 1.0), 1.0)


def orient(page: Page, size: tuple[float, float]) -> tuple[float, float]:
    """Landscape, or portrait when the content fits better that way."""
    portrait = (size[1], size[0])
    return portrait if fit_scale(page, portrait) > fit_scale(page, size) * 1.05 else size


def place(page: Page, size: tuple[float, float] | None, scale: float) -> Page:
    """The page scaled and centred on paper of `size` (or with margins around it when None)."""
    s = scale
    if size is None:
        width, height = page.width * s + 2 * MARGIN, page.height * s + 2 * MARGIN
        dx = dy = MARGIN
    else:
        width, height = size
        dx = (width - page.width * s) / 2
        dy = MARGIN
    out = Page(
        round(width, 2),
        round(height, 2),
        page.font,
        [_line(line, s) for line in page.title],
        _moved(page.title_rect, dx, dy, s),
        number=page.number,
        scale=s,
    )
    out.boxes = [
        Box(b.id, b.kind, _moved(b.rect, dx, dy, s), [_line(ln, s) for ln in b.lines], _style(b, s)) for b in page.boxes
    ]
    out.frames = [
        Frame(
            f.id,
            f.dept,
            _moved(f.rect, dx, dy, s),
            _line(f.label, s),
            _moved(f.label_rect, dx, dy, s),
            f.style,
            _line(f.note, s),
            _moved(f.note_rect, dx, dy, s) if f.note_rect else None,
        )
        for f in page.frames
    ]
    out.connectors = [replace(c, points=[(x * s + dx, y * s + dy) for x, y in c.points]) for c in page.connectors]
    if page.legend is not None:
        lg = page.legend
        out.legend = Legend(
            _moved(lg.rect, dx, dy, s), lg.title, lg.items, round(lg.font_size * s, 2), lg.row * s, lg.sample_width * s
        )
    return out


def _style(box: Box, s: float) -> Style:
    if s >= 1.0:
        return box.style
    return replace(box.style, width=round(box.style.width * max(s, 0.6), 2))
