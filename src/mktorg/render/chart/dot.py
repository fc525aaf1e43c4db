"""Organisation -> DOT text: pure and deterministic (sorted nodes and edges)."""

import itertools
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mktorg.errors import MktorgError
from mktorg.model import headcount_label
from mktorg.model.organization import Organization
from mktorg.render.chart.wrap import escape, html_lines, quote_id

if TYPE_CHECKING:
    from mktorg.render.chart.diff import ChartMarks

DEFAULT_FONT = "Noto Sans CJK SC"
_COLORS = ["#e8f1fb", "#eaf6ec", "#fdf3e3", "#f3ecf9", "#fbeaea", "#e9f6f6"]


@dataclass(frozen=True)
class ChartOptions:
    """What to draw and how."""

    view: str = "roles"
    root: str | None = None
    depth: int | None = None
    direction: str = "TB"
    lang: str | None = None
    title: str | None = None
    clusters: bool = True
    font: str = DEFAULT_FONT
    wide_team: int = 6
    wrap: int = 16
    marks: "ChartMarks | None" = None
    """Changes since an old version to mark (`chart --diff`)."""


def build_dot(org: Organization, options: ChartOptions) -> str:
    """The chart as DOT source text."""
    if options.view == "departments":
        return _DepartmentChart(org, options).build()
    return _RoleChart(org, options).build()


class _Chart:
    def __init__(self, org: Organization, options: ChartOptions) -> None:
        self.org = org
        self.o = options
        self.lines: list[str] = []

    def text(self, value: object) -> str:
        return self.org.text(value, self.o.lang)

    def header(self) -> None:
        title = self.o.title if self.o.title is not None else self.org.name(self.o.lang)
        font = quote_id(self.o.font)
        self.lines += [
            "digraph org {",
            f'  graph [charset="UTF-8", rankdir={self.o.direction}, fontname={font}, fontsize=18, '
            "labelloc=t, nodesep=0.3, ranksep=0.45, newrank=true, compound=true, "
            f"label=<<b>{escape(title)}</b>>];",
            f'  node [shape=box, style="rounded,filled", fontname={font}, fontsize=11, '
            'color="#5b6b7f", fillcolor="#ffffff", margin="0.12,0.06"];',
            f'  edge [color="#5b6b7f", arrowhead=none, fontname={font}];',
        ]

    def footer(self) -> str:
        if self.o.marks is not None:
            self.lines += self.o.marks.legend(self.o.lang or self.org.default_lang, self.o.font)
        self.lines.append("}")
        return "\n".join(self.lines) + "\n"

    def _stack(self, boss: str, leaves: list[str]) -> None:
        """Many leaf reports: columns of stacked boxes instead of one very wide row."""
        columns = max(2, math.ceil(math.sqrt(len(leaves))))
        per_column = math.ceil(len(leaves) / columns)
        for start in range(0, len(leaves), per_column):
            column = leaves[start : start + per_column]
            self.lines.append(f"  {quote_id(boss)} -> {quote_id(column[0])};")
            for upper, lower in itertools.pairwise(column):
                self.lines.append(f"  {quote_id(upper)} -> {quote_id(lower)} [style=invis, weight=10];")
                self.lines.append(f'  {quote_id(boss)} -> {quote_id(lower)} [constraint=false, color="#9aa8bb"];')

    def edge(self, boss: str, report: str, kind: str = "role") -> str:
        """A solid line, marked when it is new or leads to a removed box."""
        style = self.o.marks.edge_style(boss, report, kind) if self.o.marks else None
        return f"  {quote_id(boss)} -> {quote_id(report)}" + (f" [{style}];" if style else ";")

    def old_lines(self, shown: set[str]) -> None:
        """The lines that were replaced, faded (`chart --diff`)."""
        from mktorg.render.chart.diff import OLD_LINE

        for boss, report in sorted(self.o.marks.old_lines if self.o.marks else ()):
            if boss in shown and report in shown:
                self.lines.append(f"  {quote_id(boss)} -> {quote_id(report)} [{OLD_LINE}];")

    def color(self, dept_id: str) -> str:
        index = self.org.department_index.get(dept_id)
        return _COLORS[index % len(_COLORS)] if index is not None else "#ffffff"


class _RoleChart(_Chart):
    def build(self) -> str:
        roles = self._selected_roles()
        self.header()
        by_dept: dict[str, list[str]] = {}
        for role_id in roles:
            by_dept.setdefault(self.org.roles[role_id].department, []).append(role_id)
        if self.o.clusters:
            self._clusters(by_dept, roles)
        else:
            for role_id in roles:
                self.lines.append("  " + self._node(role_id))
        self._edges(roles)
        return self.footer()

    def _selected_roles(self) -> list[str]:
        org, root = self.org, self.o.root
        if root is None:
            start = [r for r, role in org.iter_roles() if role.reports_to not in org.roles]
            if self.o.depth is None:
                return sorted(org.roles)
        elif root in org.roles:
            start = [root]
        elif root in org.departments:
            depts = set(org.subtree_departments(root))
            if self.o.depth is not None:
                depts = {
                    d for d in depts if len(org.department_chain(d)) - len(org.department_chain(root)) < self.o.depth
                }
            return sorted(r for r, role in org.roles.items() if role.department in depts)
        else:
            raise MktorgError(f"--root '{root}' is neither a role nor a department")
        selected: list[str] = []
        frontier = sorted(start)
        level = 0
        while frontier and (self.o.depth is None or level < self.o.depth):
            selected.extend(r for r in frontier if r not in selected)
            frontier = sorted({c for r in frontier for c in org.reports.get(r, []) if c not in selected})
            level += 1
        return sorted(selected)

    def _clusters(self, by_dept: dict[str, list[str]], roles: list[str]) -> None:
        org = self.org
        shown = set(by_dept)
        needed = {a for d in shown for a in org.department_chain(d)}

        def emit(dept_id: str, indent: str) -> None:
            dept = org.departments[dept_id]
            style = (
                'style="rounded,dashed", color="#b0b7c3", fontcolor="#8a94a6"'
                if dept.external
                else (f'style="rounded,filled", color="#9aa8bb", fillcolor="{self.color(dept_id)}"')
            )
            style = (self.o.marks.cluster_style(dept_id, self.color(dept_id)) if self.o.marks else None) or style
            self.lines.append(f"{indent}subgraph {quote_id('cluster_' + dept_id)} {{")
            self.lines.append(
                f"{indent}  graph [label=<{html_lines(self.text(dept.name), 40)}>, {style}, fontsize=13, labeljust=l];"
            )
            for role_id in by_dept.get(dept_id, []):
                self.lines.append(f"{indent}  {self._node(role_id)}")
            for child in org.department_children.get(dept_id, []):
                if child in needed:
                    emit(child, indent + "  ")
            self.lines.append(f"{indent}}}")

        tops = [d for d in org.department_tree_order() if d in needed and org.departments[d].parent not in needed]
        for dept_id in tops:
            emit(dept_id, "  ")
        for role_id in roles:
            if org.roles[role_id].department not in org.departments:
                self.lines.append("  " + self._node(role_id))

    def _node(self, role_id: str) -> str:
        role = self.org.roles[role_id]
        parts = [f"<b>{html_lines(self.text(role.title), self.o.wrap)}</b>"]
        meta = []
        if role.level and role.level != self.text(role.title):
            meta.append(escape(role.level))
        count = headcount_label(role.headcount)
        if count != "1":
            meta.append("×" + escape(count))
        if role.employment != "full_time":
            meta.append(
                {"part_time": "兼职", "intern": "实习", "outsourced": "外包"}[role.employment]
                if (self.o.lang or self.org.default_lang).startswith("zh")
                else role.employment.replace("_", "-")
            )
        if role.vacant:
            meta.append("空缺" if (self.o.lang or self.org.default_lang).startswith("zh") else "vacant")
        if meta:
            parts.append(f'<font point-size="9">{" · ".join(meta)}</font>')
        mark = self.o.marks.node_style("role", role_id) if self.o.marks else None
        if mark and "dashed" in mark:
            parts[0] = f"<s>{parts[0]}</s>"
        attrs = [f"label=<{'<br/>'.join(parts)}>", f"tooltip={quote_id(role_id)}"]
        if mark:
            attrs.append(mark)
        elif role.external:
            attrs.append('style="rounded,dashed", color="#b0b7c3", fontcolor="#8a94a6", fillcolor="#f7f7f7"')
        elif role.vacant:
            attrs.append('style="rounded,dashed,filled", color="#c0392b"')
        elif role.optional:
            attrs.append('style="rounded,dotted,filled"')
        return f"{quote_id(role_id)} [{', '.join(attrs)}];"

    def _edges(self, roles: list[str]) -> None:
        org, shown = self.org, set(roles)
        marked = set(self.o.marks.roles) if self.o.marks else set()
        for boss in sorted(shown):
            reports = [r for r in org.reports.get(boss, []) if r in shown]
            leaves = [r for r in reports if not any(c in shown for c in org.reports.get(r, []))]
            stacked = set(leaves) - marked if len(leaves) > self.o.wide_team else set()
            for report in reports:
                if report not in stacked:
                    self.lines.append(self.edge(boss, report))
            if stacked:
                self._stack(boss, sorted(stacked))
        self.old_lines(shown)
        for role_id in sorted(shown):
            for other in org.roles[role_id].dotted():
                if other in shown:
                    self.lines.append(
                        f'  {quote_id(other)} -> {quote_id(role_id)} [style=dashed, color="#8a94a6", constraint=false];'
                    )


class _DepartmentChart(_Chart):
    def build(self) -> str:
        org = self.org
        depts = self._selected()
        self.header()
        for dept_id in depts:
            self.lines.append("  " + self._node(dept_id))
        shown = set(depts)
        for parent in depts:
            children = [d for d in org.department_children.get(parent, []) if d in shown]
            leaves = [d for d in children if not any(c in shown for c in org.department_children.get(d, []))]
            marked = set(self.o.marks.departments) if self.o.marks else set()
            stacked = set(leaves) - marked if len(leaves) > self.o.wide_team else set()
            for child in children:
                if child not in stacked:
                    self.lines.append(self.edge(parent, child, "department"))
            if stacked:
                self._stack(parent, sorted(stacked))
        self.old_lines(shown)
        return self.footer()

    def _selected(self) -> list[str]:
        org = self.org
        order = org.department_tree_order()
        if self.o.root is not None:
            if self.o.root not in org.departments:
                raise MktorgError(f"--root '{self.o.root}' is not a department")
            order = [d for d in order if d in org.subtree_departments(self.o.root)]
        if self.o.depth is not None:
            base = len(org.department_chain(self.o.root)) if self.o.root else 1
            order = [d for d in order if len(org.department_chain(d)) - base < self.o.depth]
        return order

    def _node(self, dept_id: str) -> str:
        org = self.org
        dept = org.departments[dept_id]
        parts = [f"<b>{html_lines(self.text(dept.name), self.o.wrap)}</b>"]
        head = org.roles.get(dept.head or "")
        if head is not None:
            parts.append(html_lines(self.text(head.title), self.o.wrap))
        low, high, variable = org.department_people(dept_id)
        count = f"{low}" if low == high else f"{low}–{high}"
        if variable:
            count += "+N"
        if dept.headcount_budget is not None:
            count += f"/{dept.headcount_budget}"
        if not dept.external:
            parts.append(f'<font point-size="9">{escape(count)}</font>')
        mark = self.o.marks.node_style("department", dept_id) if self.o.marks else None
        if mark and "dashed" in mark:
            parts[0] = f"<s>{parts[0]}</s>"
        attrs = [f"label=<{'<br/>'.join(parts)}>", f"tooltip={quote_id(dept_id)}"]
        if mark:
            attrs.append(mark)
        elif dept.external:
            attrs.append('style="rounded,dashed", color="#b0b7c3", fontcolor="#8a94a6"')
        else:
            attrs.append(f'fillcolor="{self.color(dept_id)}"')
        return f"{quote_id(dept_id)} [{', '.join(attrs)}];"
