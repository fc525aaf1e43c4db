"""`chart --diff`: the new chart with what changed since an old version marked.

Added boxes are green, moved ones (another department, superior or parent) orange, otherwise
changed ones outlined blue; removed roles and departments are drawn faded, struck through, at
their old place (under their old superior, in their old department). A reporting line that is new
is drawn orange; the line it replaced is drawn faded and dashed. A legend lists the styles used.
"""

from dataclasses import dataclass, field

from mktorg.diff.model import DiffResult
from mktorg.model import Department, Role
from mktorg.model.organization import Organization
from mktorg.render.chart.wrap import escape

ADDED, MOVED, CHANGED, REMOVED = "added", "moved", "changed", "removed"
STYLES = {
    ADDED: 'style="rounded,filled,bold", color="#2e7d32", fillcolor="#e8f5e9"',
    MOVED: 'style="rounded,filled,bold", color="#ef6c00", fillcolor="#fff3e0"',
    CHANGED: 'style="rounded,filled,bold", color="#1565c0"',
    REMOVED: 'style="rounded,dashed,filled", color="#b0b7c3", fontcolor="#9aa3b2", fillcolor="#f5f5f5"',
}
CLUSTER_STYLES = {
    ADDED: 'style="rounded,filled", color="#2e7d32", penwidth=2.5, fillcolor="{fill}"',
    MOVED: 'style="rounded,filled", color="#ef6c00", penwidth=2.5, fillcolor="{fill}"',
    CHANGED: 'style="rounded,filled", color="#1565c0", penwidth=2.5, fillcolor="{fill}"',
    REMOVED: 'style="rounded,dashed", color="#b0b7c3", fontcolor="#9aa3b2"',
}
"""Department frames keep their usual fill; only the border says what changed."""
NEW_LINE = 'color="#ef6c00", penwidth=2'
OLD_LINE = 'style=dotted, color="#aab2bf", penwidth=1.5, constraint=false'
LEGEND = {
    "zh": {
        ADDED: "新增",
        MOVED: "调整位置或上级",
        CHANGED: "内容变更",
        REMOVED: "已删除（原位置）",
        "new_line": "新的汇报线",
        "old_line": "原汇报线",
        "title": "与 {} 相比",
    },
    "en": {
        ADDED: "added",
        MOVED: "moved (department, superior or parent)",
        CHANGED: "changed",
        REMOVED: "removed (at its old place)",
        "new_line": "new reporting line",
        "old_line": "old reporting line",
        "title": "compared with {}",
    },
}


@dataclass
class ChartMarks:
    """What to mark on a chart: statuses by id (of the drawn organisation), and lines (superior, report)."""

    roles: dict[str, str] = field(default_factory=dict)
    departments: dict[str, str] = field(default_factory=dict)
    new_lines: set[tuple[str, str]] = field(default_factory=set)
    old_lines: set[tuple[str, str]] = field(default_factory=set)
    against: str = ""
    """The old version's label, for the legend."""

    def node_style(self, kind: str, id_: str) -> str | None:
        """The box attributes of a marked role or department (None: drawn as usual)."""
        status = (self.roles if kind == "role" else self.departments).get(id_)
        return STYLES[status] if status else None

    def cluster_style(self, dept_id: str, fill: str) -> str | None:
        """The frame attributes of a marked department (role view), keeping its fill colour."""
        status = self.departments.get(dept_id)
        return CLUSTER_STYLES[status].replace("{fill}", fill) if status else None

    def edge_style(self, boss: str, report: str, kind: str = "role") -> str | None:
        """Attributes of a reporting (or parent) line: new lines orange, lines to removed boxes faded."""
        statuses = self.roles if kind == "role" else self.departments
        if statuses.get(report) == REMOVED:
            return 'style=dashed, color="#c3c9d3"'
        return NEW_LINE if (boss, report) in self.new_lines else None

    def legend(self, lang: str, font: str) -> list[str]:
        """A legend node listing the styles that occur."""
        words = LEGEND["zh" if lang.startswith("zh") else "en"]
        used = [
            s for s in (ADDED, MOVED, CHANGED, REMOVED) if s in self.roles.values() or s in self.departments.values()
        ]
        rows = [
            f'<tr><td bgcolor="{_fill(s)}" border="1" color="{_color(s)}" width="28"> </td>'
            f'<td align="left">{escape(words[s])}</td></tr>'
            for s in used
        ]
        if self.new_lines:
            rows.append(
                f'<tr><td><font color="#ef6c00">━━</font></td><td align="left">{escape(words["new_line"])}</td></tr>'
            )
        if self.old_lines:
            rows.append(
                f'<tr><td><font color="#aab2bf">┈┈</font></td><td align="left">{escape(words["old_line"])}</td></tr>'
            )
        if not rows:
            return []
        title = f'<tr><td colspan="2" align="left"><b>{escape(words["title"].format(self.against))}</b></td></tr>'
        table = f'<table border="0" cellborder="0" cellspacing="4">{title}{"".join(rows)}</table>'
        return [
            f'  "mktorg-legend" [shape=plaintext, style="", fontname="{font}", fontsize=10, label=<{table}>];',
        ]


def _fill(status: str) -> str:
    return {ADDED: "#e8f5e9", MOVED: "#fff3e0", CHANGED: "#ffffff", REMOVED: "#f5f5f5"}[status]


def _color(status: str) -> str:
    return {ADDED: "#2e7d32", MOVED: "#ef6c00", CHANGED: "#1565c0", REMOVED: "#b0b7c3"}[status]


def marked(old: Organization, new: Organization, result: DiffResult, against: str) -> tuple[Organization, ChartMarks]:
    """The organisation to draw (the new one plus faded removed roles and departments) and its marks."""
    marks = ChartMarks(against=against)
    departments: dict[str, Department] = dict(new.departments)
    roles: dict[str, Role] = dict(new.roles)
    gone_depts = {d.id for d in result.departments if d.status == REMOVED}
    gone_roles = {r.id for r in result.roles if r.status == REMOVED}

    def dept_now(dept_id: str | None) -> str | None:
        """Where an old department is drawn: its new id, or its old id when it is drawn faded."""
        return result.department_ids.get(dept_id or "") or (dept_id if dept_id in gone_depts else None)

    def role_now(role_id: str | None) -> str | None:
        return result.role_ids.get(role_id or "") or (role_id if role_id in gone_roles else None)

    for dept in result.departments:
        if dept.status == REMOVED:
            old_dept = old.departments[dept.id]
            changed: dict[str, object] = {"parent": dept_now(old_dept.parent), "head": None, "external": True}
            departments[dept.id] = old_dept.model_copy(update=changed)  # external: it counts nobody
        marks.departments[dept.id] = _status(dept.status, dept.moved)
        for change in dept.changes:
            if change.field == "parent":
                if change.new:
                    marks.new_lines.add((change.new["id"], dept.id))
                if change.old and dept_now(change.old["id"]):
                    marks.old_lines.add((dept_now(change.old["id"]) or "", dept.id))
    for role in result.roles:
        if role.status == REMOVED:
            old_role = old.roles[role.id]
            update: dict[str, object] = {"reports_to": role_now(old_role.reports_to), "dotted_to": [], "external": True}
            update["department"] = dept_now(old_role.department) or old_role.department
            roles[role.id] = old_role.model_copy(update=update)
        line_changed = any(c.field == "reports_to" for c in role.changes)
        marks.roles[role.id] = _status(role.status, role.moved or line_changed)
        for change in role.changes:
            if change.field == "reports_to":
                if change.new:
                    marks.new_lines.add((change.new["id"], role.id))
                if change.old and role_now(change.old["id"]):
                    marks.old_lines.add((role_now(change.old["id"]) or "", role.id))
        if role.status == ADDED and role.facts.get("reports_to"):
            marks.new_lines.add((role.facts["reports_to"]["id"], role.id))
    drawn = Organization(new.root_name, new.settings, departments, roles, dict(new.processes))
    return drawn, marks


def _status(status: str, moved: bool) -> str:
    if status in (ADDED, REMOVED):
        return status
    return MOVED if moved else CHANGED
