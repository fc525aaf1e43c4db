"""From an organisation to chart pages: select, measure, lay out, route dotted lines, legend, pages."""

from dataclasses import dataclass, field

from mktorg.model.organization import Organization
from mktorg.render.chart.boxes import META, Painter, size_boxes
from mktorg.render.chart.diff import OLD_LINE, USED_OLD_LINE
from mktorg.render.chart.i18n import Words
from mktorg.render.chart.layout import Placed, lay_out
from mktorg.render.chart.legend import build_legend, legend_items
from mktorg.render.chart.options import PAGE_SIZES, ChartOptions
from mktorg.render.chart.page import compose, fit_scale, orient, place
from mktorg.render.chart.paging import Plan, plan_pages, prune
from mktorg.render.chart.route import mark, route_dotted, route_lines
from mktorg.render.chart.scene import Page
from mktorg.render.chart.theme import ChartTheme, resolve_theme
from mktorg.render.chart.tree import Forest, Node, build_forest, restack

SMALLEST_FONT = META
"""The smallest text of a chart at scale 1 (box details, counts, legend)."""


@dataclass
class ChartResult:
    """The pages of a chart and what the user should be told about it."""

    pages: list[Page]
    notes: list[str] = field(default_factory=list)


class Chart:
    """One chart of an organisation: the shared state of its pages."""

    def __init__(self, org: Organization, options: ChartOptions) -> None:
        self.org, self.options = org, options
        self.words = Words(org, options.lang)
        self.theme: ChartTheme = resolve_theme(org.settings.theme, options.theme, font=options.font)
        self.forest = build_forest(org, options)
        self.painter = Painter(org, self.words, self.theme, options)

    def title(self) -> str:
        """The organisation's name, and the sub-tree's name when --root was given."""
        if self.options.title is not None:
            return self.options.title
        name = self.org.name(self.words.lang)
        scope = self.forest.scope
        if scope is None:
            return name
        if scope in self.org.roles and (self.options.view == "roles" or scope not in self.org.departments):
            return f"{name} · {self.words.text(self.org.roles[scope].title)}"
        return f"{name} · {self.words.text(self.org.departments[scope].name)}"

    def draw(
        self, roots: list[Node], subtitle: str, paper: tuple[float, float] | None = None, fixed: bool = False
    ) -> tuple[Page, Placed]:
        """One page of content at scale 1 (not yet placed on paper)."""
        restack(roots, self.options.wide_team if self.options.direction == "TB" else 10**9)
        painter = self.painter
        painter.begin()
        nodes = [n for r in roots for n in r.walk()]
        if any(n.assistants for n in nodes):
            painter.used.add("assistant")
        lr = self.options.direction == "LR"
        forest = Forest(roots, self.forest.scope, self.forest.solo)
        placed = lay_out(forest, size_boxes(nodes, painter), painter, lr)
        dotted, misses = route_dotted(self.org, placed)
        missed: list[tuple[str, str, str]] = []
        for _ in range(3):  # boxes with a marker instead of a line: measure and lay out again
            missed += [(b, r, mark(len(missed) + i)) for i, (b, r) in enumerate(misses)]
            if not misses:
                break
            painter.markers = _markers(missed)
            placed = lay_out(forest, size_boxes(nodes, painter), painter, lr)
            dotted, misses = route_dotted(self.org, placed, skip={(b, r) for b, r, _ in missed})
        placed.connectors += dotted
        marks = self.options.marks
        if marks is not None and marks.old_lines:
            kind = "department" if self.options.view == "departments" else "role"
            old = route_lines(placed, marks.old_lines, kind, OLD_LINE)
            if old:
                painter.used.add(USED_OLD_LINE)
            placed.connectors += old
        block = None
        if self.options.legend:
            notes = [
                (sign, self.words("dotted_marker", report=self._role_title(r), boss=self._role_title(b)))
                for b, r, sign in missed
            ]
            items = legend_items(painter, painter.used, bool(dotted), notes)
            if marks is not None:
                items += marks.legend_items(self.words, painter.used, self.options.view == "departments")
            block = build_legend(self.words("legend"), items)
        style = (self.theme.font, self.theme.text, self.theme.muted)
        page = compose(placed, self.title(), subtitle, block, style, paper, fixed)
        return page, placed

    def _role_title(self, role_id: str) -> str:
        return self.words.text(self.org.roles[role_id].title)


def _markers(missed: list[tuple[str, str, str]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for _, report, sign in missed:
        out.setdefault(report, []).append(sign)
    return out


def chart_pages(org: Organization, options: ChartOptions) -> ChartResult:
    """The chart as pages: one drawing, or pages of `options.page` size that fit at `min_font`."""
    chart = Chart(org, options)
    size = PAGE_SIZES.get(options.page)
    if size is None:
        page, _ = chart.draw(chart.forest.roots, "")
        return ChartResult([place(page, None, 1.0)], _notes(chart))
    paper: tuple[float, float] = size
    lowest = options.min_font / SMALLEST_FONT
    fixed = options.page == "16:9" or options.orientation == "landscape"

    widest = chart.words("page", n=888, total=888) + chart.words("part", i=88, n=88)

    def fits(plan: Plan) -> bool:
        page, _ = chart.draw(prune(plan, {}), widest, paper, fixed)
        target = paper if fixed else orient(page, paper)
        return fit_scale(page, target) >= lowest

    plans = plan_pages(chart.forest.roots, fits)
    numbers: dict[Node, int] = {}
    for plan in plans:
        for node in plan.origin:
            numbers.setdefault(node, plan.number)
    total = len(plans)
    drawn = []
    for plan in plans:
        subtitle = chart.words("page", n=plan.number, total=total) if total > 1 else ""
        if plan.part is not None and plan.part[1] > 1:
            subtitle += chart.words("part", i=plan.part[0], n=plan.part[1])
        page, _ = chart.draw(prune(plan, numbers), subtitle, paper, fixed)
        page.number = plan.number
        drawn.append(page)
    targets = [paper if fixed else orient(p, paper) for p in drawn]
    scale = min(fit_scale(p, t) for p, t in zip(drawn, targets, strict=True))
    notes = _notes(chart)
    if scale * SMALLEST_FONT < options.min_font - 0.01:
        notes.append(
            f"some boxes do not fit a page at {options.min_font:g} pt: the smallest text is "
            f"{scale * SMALLEST_FONT:.1f} pt (try a larger --page)"
        )
    return ChartResult([place(p, t, scale) for p, t in zip(drawn, targets, strict=True)], notes)


def _notes(chart: Chart) -> list[str]:
    missing = sorted(chart.words.untranslated)
    if not missing:
        return []
    sample = "、".join(missing[:3]) + ("…" if len(missing) > 3 else "")
    return [f"{len(missing)} text(s) have no '{chart.words.lang}' translation and are shown as written: {sample}"]
