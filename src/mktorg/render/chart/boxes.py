"""What each box says and how it looks, and one box size per tree level."""

from collections import defaultdict
from dataclasses import dataclass, replace
from typing import cast

from mktorg.model import headcount_bounds
from mktorg.model.organization import Organization
from mktorg.model.role import Role
from mktorg.render.chart.diff import FADED_INK, FADED_MUTED, REMOVED
from mktorg.render.chart.i18n import Words
from mktorg.render.chart.metrics import text_width
from mktorg.render.chart.options import ChartOptions
from mktorg.render.chart.scene import Line, Run, Style
from mktorg.render.chart.theme import ChartTheme, ink_on, mix
from mktorg.render.chart.tree import Node
from mktorg.render.chart.words import break_lines, units

TITLE = 10.5
META = 8.0
PAD_X = 6.0
PAD_Y = 5.0
TITLE_PITCH = TITLE * 1.3
META_PITCH = META * 1.4
MIN_W = 64.0
MAX_W = 124.0


@dataclass
class Content:
    """A box's texts before they are wrapped."""

    title: str
    meta: list[str]
    note: str | None
    style: Style
    ink: str
    muted: str
    strike: bool = False
    names: tuple[str, ...] = ()
    """Role titles listed in the meta (兼 …, 由 … 兼任), each kept whole when the meta wraps."""


def people(low: int, high: int, variable: bool) -> str:
    """12, 12–14, 12+ (a variable part)."""
    text = f"{low}" if low == high else f"{low}–{high}"
    return text + "+" if variable else text


DEPTH_STEP = 0.12
"""Share of the primary colour added per department level (0.07 left levels 1–3 too close in print)."""
DEPTH_SHADES = 4
"""Levels below the fifth share the fifth's shade."""


def _held_by(org: Organization) -> dict[str, list[str]]:
    """The roles that hold each role concurrently (兼任), in id order; once per organisation, not per
    chart (a book draws a hundred, each of which walked every role)."""
    if "chart.held_by" not in org.memo:
        held: dict[str, list[str]] = defaultdict(list)
        for role_id, role in org.iter_roles():
            for other in role.concurrent:
                held[other].append(role_id)
        org.memo["chart.held_by"] = held
    return cast("dict[str, list[str]]", org.memo["chart.held_by"])


def _vacancies(org: Organization, dept_id: str) -> tuple[int, int]:
    """(fewest, most) vacant people in a department and below; each department once per organisation."""
    known = cast("dict[str, tuple[int, int]]", org.memo.setdefault("chart.vacancies", {}))
    if dept_id not in known:
        low = high = 0
        for sub in org.subtree_departments(dept_id):
            for role_id in org.department_roles.get(sub, []):
                role = org.roles[role_id]
                if role.vacant and not role.external:
                    a, b, _ = headcount_bounds(role.headcount)
                    low, high = low + a, high + b
        known[dept_id] = (low, high)
    return known[dept_id]


class Painter:
    """Texts and styles of the boxes of one chart."""

    def __init__(self, org: Organization, words: Words, theme: ChartTheme, options: ChartOptions) -> None:
        self.org, self.words, self.theme, self.options = org, words, theme, options
        self.held_by = _held_by(org)
        ladder = org.settings.level_names() or []
        self.level_rank = {name: i for i, name in enumerate(ladder)}
        self.markers: dict[str, list[str]] = {}
        self.used: set[str] = set()
        """Legend keys of what the boxes show."""
        self._contents: dict[tuple[object, ...], tuple[Content, frozenset[str]]] = {}
        self._counts: dict[str, tuple[str, frozenset[str]]] = {}

    def begin(self) -> None:
        """Start a page: no legend keys, no markers yet."""
        self.used = set()
        self.markers = {}

    def level_fill(self, level: str | None) -> str | None:
        """The fill of a box by level (colour by level), None without a known level."""
        if level not in self.level_rank:
            return None
        count = max(len(self.level_rank) - 1, 1)
        return mix(self.theme.primary, "#ffffff", 0.12 + 0.83 * self.level_rank[level] / count)

    def depth_fill(self, depth: int) -> str:
        """Fill of a frame (or of a department box) at a department level (0 = top): deeper is darker,
        in steps that stay apart in print."""
        return mix(self.theme.department, self.theme.primary, min(DEPTH_STEP * depth, DEPTH_STEP * DEPTH_SHADES))

    def department_level(self, dept_id: str) -> int:
        """The absolute level of a department among the client's departments (0 = top), the same on every page."""
        chain = self.org.department_chain(dept_id)
        client = [d for d in chain if not self.org.departments[d].external]
        return min(max(len(client) - 1, 0), DEPTH_SHADES)

    def count_notation(self, text: str) -> None:
        """Note the headcount notations a count shows (a range, a variable part) for the legend."""
        if "–" in text:
            self.used.add("range")
        if "+" in text:
            self.used.add("plus")

    def content(self, node: Node) -> Content:
        """The texts and style of a node's box (computed once per chart)."""
        key = (node.kind, node.id, node.depth, node.more, node.back, tuple(self.markers.get(node.id, ())))
        if key not in self._contents:
            outer, self.used = self.used, set()
            content = self._content(node)
            self._contents[key] = (content, frozenset(self.used))  # every key it shows, even those seen before
            self.used = outer
        content, used = self._contents[key]
        self.used |= used
        return replace(content, meta=list(content.meta))

    def _content(self, node: Node) -> Content:
        role = self.org.roles[node.id] if node.kind == "role" else None
        content = self._role(node, role) if role is not None else self._department(node)
        if node.more is not None:
            content.note = self.words("see_page", n=node.more)
            content.style = Style(content.style.fill, self.theme.accent, content.style.dash, 1.8)
            self.used.add("continued")
        elif node.back is not None:
            content.note = self.words("from_page", n=node.back)
        marks = self.options.marks
        status = marks.status(node.kind, node.id) if marks is not None else None
        if marks is not None and status is not None:
            self.used.add("diff:" + status)
            content.style = marks.box(status, content.style)
            if status == REMOVED:
                content.ink, content.muted, content.strike = FADED_INK, FADED_MUTED, True
                content.meta.append(self.words("diff_gone"))
        return content

    def _role(self, node: Node, role: Role) -> Content:
        w, theme = self.words, self.theme
        meta: list[str] = []
        level = w.level(role.level)
        if level and level.lower() not in w.text(role.title).lower():
            meta.append(level)
        low, high, variable = headcount_bounds(role.headcount)
        held = [w.text(self.org.roles[r].title) for r in self.held_by.get(node.id, []) if r in self.org.roles]
        if variable:
            meta.append(w("several"))
            self.used.add("headcount")
        elif (low, high) != (1, 1) and not (held and high == 0):
            meta.append(w("people", n=people(low, high, False)))
            self.used.add("headcount")
            self.count_notation(meta[-1])
        if role.employment != "full_time":
            meta.append(w(role.employment))
        concurrent = [w.text(self.org.roles[r].title) for r in role.concurrent if r in self.org.roles]
        if concurrent:
            meta.append(w("concurrent", titles=w.join(concurrent)))
            self.used.add("concurrent")
        if held:
            meta.append(w("held_by", titles=w.join(held)))
            self.used.add("concurrent")
        if role.vacant:
            meta.append(w("vacant"))
        meta += self.markers.get(node.id, [])
        fill = "#ffffff"
        if self.options.color_by == "level" and (level_fill := self.level_fill(role.level)):
            fill = level_fill
            self.used.add("level:" + (role.level or ""))
        style = Style(fill, theme.primary)
        ink, muted = ink_on(fill, theme), theme.muted if ink_on(fill, theme) != "#ffffff" else "#eef2f7"
        if role.external:
            style, ink, muted = Style("#f5f6f8", theme.external, "dashed"), theme.muted, theme.external
            self.used.add("external")
        elif role.vacant:
            style = Style(fill, theme.vacant, "dashed", 1.3)
            self.used.add("vacant")
        elif role.optional:
            style = Style(fill, theme.primary, "dotted", 1.3)
            self.used.add("optional")
        return Content(w.text(role.title), meta, None, style, ink, muted, names=(*concurrent, *held))

    def _department(self, node: Node) -> Content:
        org, w, theme = self.org, self.words, self.theme
        dept = org.departments[node.id]
        meta: list[str] = []
        head = org.roles.get(dept.head or "")
        if head is not None and self.options.view == "departments" and w.text(head.title) != w.text(dept.name):
            meta.append(w.text(head.title))
        count = self.department_count(node.id)
        marks = self.options.marks
        if count:
            meta.append(count)
        elif self.options.view == "roles" and (marks is None or marks.status("department", node.id) != REMOVED):
            meta.append(w("no_roles"))
        level = self.department_level(node.id)
        fill = self.depth_fill(level) if self.options.view == "departments" else self.depth_fill(0)
        style = Style(fill, theme.primary)
        if dept.external:
            style = Style("#f5f6f8", theme.external, "dashed")
            self.used.add("external")
            return Content(w.text(dept.name), meta, None, style, theme.muted, theme.external)
        if self.options.view == "departments":
            self.used.add(f"depth:{level}")
        return Content(w.text(dept.name), meta, None, style, ink_on(fill, theme), theme.muted)

    def department_count(self, dept_id: str) -> str:
        """编制 14 人 · 在岗 12, or 12 人; empty for an external or empty department."""
        if dept_id not in self._counts:
            outer, self.used = self.used, set()
            text = self._department_count(dept_id)
            self._counts[dept_id] = (text, frozenset(self.used))
            self.used = outer
        text, used = self._counts[dept_id]
        self.used |= used
        return text

    def _department_count(self, dept_id: str) -> str:
        w = self.words
        org = self.options.marks.counted if self.options.marks and self.options.marks.counted else self.org
        dept = org.departments.get(dept_id)
        if dept is None or dept.external:  # a removed department (chart --diff) counts nobody
            return ""
        low, high, variable = org.department_people(dept_id)
        vacant_low, vacant_high = _vacancies(org, dept_id)
        filled = people(low - vacant_low, high - vacant_high, variable)
        if dept.headcount_budget is not None:
            self.used.add("budget")
            self.count_notation(filled)
            return w("budget", b=dept.headcount_budget, n=filled)
        if high == 0 and not variable:
            return ""
        self.used.add("unit_people")
        if high - vacant_high == 0 and variable:  # only roles of a variable number: not "0+ 人"
            self.used.add("headcount")
            return w("several")
        self.count_notation(filled)
        return w("people", n=filled)


@dataclass
class Sized:
    """Box sizes per tree level and the wrapped lines and style of every node."""

    width: dict[int, float]
    height: dict[int, float]
    lines: dict[Node, list[Line]]
    styles: dict[Node, Style]


def size_boxes(nodes: list[Node], painter: Painter) -> Sized:
    """One width and height per tree level (assistants take the level below their superior)."""
    contents = {node: painter.content(node) for node in nodes}
    natural: dict[int, float] = defaultdict(lambda: MIN_W)
    for node, content in contents.items():
        longest = max((text_width(u, TITLE, True) for u in units(content.title)), default=0.0)
        need = max(
            min(text_width(content.title, TITLE, True), MAX_W - 2 * PAD_X),
            longest,
            min(text_width(" · ".join(content.meta), META), MAX_W - 2 * PAD_X),
            text_width(content.note or "", META, True),
        )
        natural[node.depth] = max(natural[node.depth], min(need + 2 * PAD_X, MAX_W))
    width = dict(natural)
    lines: dict[Node, list[Line]] = {}
    height: dict[int, float] = defaultdict(float)
    for node, content in contents.items():
        inner = width[node.depth] - 2 * PAD_X + 0.01
        title: list[Line] = [
            (Run(t, TITLE, True, content.ink, content.strike),) for t in break_lines(content.title, inner, TITLE, True)
        ]
        meta: list[Line] = [
            (Run(t, META, False, content.muted),)
            for t in _pack(content.meta, inner, painter.words("sep"), content.names)
        ]
        note: list[Line] = [(Run(content.note, META, True, painter.theme.accent),)] if content.note else []
        lines[node] = title + meta + note
        h = 2 * PAD_Y + len(title) * TITLE_PITCH + (len(meta) + len(note)) * META_PITCH
        height[node.depth] = max(height[node.depth], h)
    return Sized(width, dict(height), lines, {n: c.style for n, c in contents.items()})


def _pack(parts: list[str], width: float, sep: str, names: tuple[str, ...] = ()) -> list[str]:
    """Meta parts on as few lines as fit, each part kept whole where it fits (and each of `names`
    within a part)."""
    lines: list[str] = []
    current = ""
    for part in parts:
        trial = current + sep + part if current else part
        if text_width(trial, META) <= width:
            current = trial
            continue
        if current:
            lines.append(current)
        pieces = list(break_lines(part, width, META, names=names))
        lines.extend(pieces[:-1])
        current = pieces[-1]
    if current:
        lines.append(current)
    return lines
