"""`chart --diff`: the new chart with what changed since an old version marked.

Added boxes are green, moved ones (another department, superior or parent) orange, otherwise
changed ones outlined blue (a department whose only change is its people roll-up is not: its roles
are); removed roles and departments are drawn faded, struck through and said removed at their old
place (under their old superior, in their old department), counting nobody. A reporting
line that is new is drawn orange; the line it replaced, and the line to a removed box, are drawn
faded and dotted. The legend lists the styles the page uses.

`marked()` gives the organisation to draw and the `ChartMarks`; the chart reads them through
`ChartOptions.marks` (boxes.py, layout.py, build.py), so every format shows the same marks.
"""

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from mktorg.diff.model import DiffResult
from mktorg.model import Department, Role
from mktorg.model.organization import Organization
from mktorg.render.chart.i18n import Words
from mktorg.render.chart.scene import LegendItem, Style

ADDED, MOVED, CHANGED, REMOVED = "added", "moved", "changed", "removed"
STATUSES = (ADDED, MOVED, CHANGED, REMOVED)
BOX: dict[str, Style] = {
    ADDED: Style("#e8f5e9", "#2e7d32", "solid", 2.0),
    MOVED: Style("#fff3e0", "#ef6c00", "solid", 2.0),
    CHANGED: Style("#ffffff", "#1565c0", "solid", 2.0),
    REMOVED: Style("#f5f5f5", "#b0b7c3", "dashed", 1.2),
}
"""Box styles; a changed box keeps its own fill (only the outline says it changed)."""
FADED_INK, FADED_MUTED = "#9aa3b2", "#b0b7c3"
"""Text of a removed box."""
NEW_LINE = Style(None, "#ef6c00", "solid", 2.0)
OLD_LINE = Style(None, "#aab2bf", "dotted", 1.5)
USED_NEW_LINE, USED_OLD_LINE = "diff:new_line", "diff:old_line"
"""Legend keys of the lines (the boxes use `diff:<status>`)."""


@dataclass
class ChartMarks:
    """What to mark on a chart: statuses by id (of the drawn organisation), and lines (superior, report)."""

    roles: dict[str, str] = field(default_factory=dict)
    departments: dict[str, str] = field(default_factory=dict)
    new_lines: set[tuple[str, str]] = field(default_factory=set)
    old_lines: set[tuple[str, str]] = field(default_factory=set)
    """Lines of the old version that are gone, between boxes drawn (routed like dotted lines)."""
    against: str = ""
    """The old version's label, for the legend."""
    counted: Organization | None = None
    """The new version: frames count its people (a removed role drawn at its old place counts nobody)."""

    def status(self, kind: str, id_: str) -> str | None:
        """added, moved, changed or removed; None when the role or department did not change."""
        return (self.roles if kind == "role" else self.departments).get(id_)

    def box(self, status: str, style: Style) -> Style:
        """The style of a marked box or frame: the status's outline, and its fill (a changed box keeps its own)."""
        mark = BOX[status]
        return replace(mark, fill=style.fill) if status == CHANGED else mark

    def frame(self, status: str, style: Style) -> Style:
        """A marked department frame keeps its fill; its outline says what changed."""
        return replace(BOX[status], fill=style.fill if status != REMOVED else None)

    def line(self, boss: str, report: str, kind: str) -> Style | None:
        """The style of a solid line from `boss` to `report`: new, to a removed box (old), or None."""
        if self.status(kind, report) == REMOVED:
            return OLD_LINE
        return NEW_LINE if (boss, report) in self.new_lines else None

    def legend_items(self, words: Words, used: set[str], units: bool) -> list[LegendItem]:
        """A heading and one line per style the page shows (`units`: the departments view)."""
        suffix = "_units" if units else ""
        items = [LegendItem("box", words("diff_" + s), BOX[s]) for s in STATUSES if f"diff:{s}" in used]
        if USED_NEW_LINE in used:
            items.append(LegendItem("line", words("diff_new_line" + suffix), NEW_LINE))
        if USED_OLD_LINE in used:
            items.append(LegendItem("line", words("diff_old_line" + suffix), OLD_LINE))
        if not items:
            return []
        return [LegendItem("text", words("diff_title", against=self.against)), *items]


def marked(old: Organization, new: Organization, result: DiffResult, against: str) -> tuple[Organization, ChartMarks]:
    """The organisation to draw (the new one plus removed roles and departments at their old place) and its marks."""
    marks = ChartMarks(against=against, counted=new)
    departments: dict[str, Department] = dict(new.departments)
    roles: dict[str, Role] = dict(new.roles)
    gone_depts = {d.id for d in result.departments if d.status == REMOVED and d.id not in new.departments}
    gone_roles = {r.id for r in result.roles if r.status == REMOVED and r.id not in new.roles}

    def dept_now(dept_id: str | None) -> str | None:
        """Where an old department is drawn: its new id, or its old id when it is drawn as removed."""
        return result.department_ids.get(dept_id or "") or (dept_id if dept_id in gone_depts else None)

    def role_now(role_id: str | None) -> str | None:
        return result.role_ids.get(role_id or "") or (role_id if role_id in gone_roles else None)

    for dept in result.departments:
        if dept.status == REMOVED and dept.id not in gone_depts:
            continue  # its id now names another department: nothing to draw it as
        if dept.status == CHANGED and all(c.field == "people" for c in dept.changes):
            continue  # only its roll-up changed: the roles that changed are marked themselves
        if dept.status == REMOVED:
            update: dict[str, object] = {"parent": dept_now(old.departments[dept.id].parent), "head": None}
            departments[dept.id] = old.departments[dept.id].model_copy(update=update)
        marks.departments[dept.id] = _status(dept.status, dept.moved)
        if dept.status == ADDED and dept.facts.get("parent"):
            marks.new_lines.add((dept.facts["parent"]["id"], dept.id))
        for change in dept.changes:
            if change.field == "parent":
                _lines(marks, change.old, change.new, dept.id, dept_now)
    for role in result.roles:
        if role.status == REMOVED and role.id not in gone_roles:
            continue
        if role.status == REMOVED:
            old_role = old.roles[role.id]
            update = {"reports_to": role_now(old_role.reports_to), "dotted_to": [], "concurrent": []}
            update["department"] = dept_now(old_role.department) or old_role.department
            roles[role.id] = old_role.model_copy(update=update)
        line_changed = any(c.field == "reports_to" for c in role.changes)
        marks.roles[role.id] = _status(role.status, role.moved or line_changed)
        if role.status == ADDED and role.facts.get("reports_to"):
            marks.new_lines.add((role.facts["reports_to"]["id"], role.id))
        for change in role.changes:
            if change.field == "reports_to":
                _lines(marks, change.old, change.new, role.id, role_now)
    drawn = Organization(new.root_name, new.settings, departments, roles, dict(new.processes))
    return drawn, marks


def _lines(marks: ChartMarks, old: object, new: object, report: str, now: Callable[[str], str | None]) -> None:
    """The new line from the new superior (or parent), and the old one from where the old is drawn now."""
    if isinstance(new, dict):
        marks.new_lines.add((new["id"], report))
    if isinstance(old, dict):
        boss = now(old["id"])
        if boss is not None and boss != report:
            marks.old_lines.add((boss, report))


def _status(status: str, moved: bool) -> str:
    if status in (ADDED, REMOVED):
        return status
    return MOVED if moved else CHANGED
