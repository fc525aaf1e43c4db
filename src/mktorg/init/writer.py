"""Write a template as commented YAML files, in Chinese or English, never overwriting a file."""

import json
from pathlib import Path

from rich.cells import cell_len

from mktorg.errors import OutputError
from mktorg.init.template import Template
from mktorg.model import KPI, Department, Duty, HeadcountRange, Role, Text, text_of
from mktorg.writing import write_text

HELP = {
    "name": "Text, required: a string, or {zh: ..., en: ...}",
    "locales": "languages of the texts, the first is the default",
    "archetype": "functional | geographic | product | market | matrix",
    "levels": "the level ladder, most senior first; every role level must be one of them",
    "lint": "lint settings: span of control, layers, rule severities (see docs/rules.md)",
    "parent": "the department above this one (its file name); omit for a top-level department",
    "head": "the role that leads this department (a role of this department)",
    "external": "true = context outside the design: drawn faded, not linted",
    "functions": "部门职能: id (unique here), name, optional description/details/deliverables",
    "title": "岗位名称, required",
    "department": "所属部门: a department file name, required",
    "reports_to": "直接上级: a role file name; omit only for the top role",
    "dotted_to": "虚线汇报: dotted-line superiors in a matrix",
    "level": "岗位级别: one of org.yaml levels",
    "order": "place among its siblings: by order, then level, then id",
    "headcount": "人数: an integer, {min: 0, max: 3}, or N (variable)",
    "duties": "岗位职责: a text = primary duty; {text, type: supporting, supports, function, details}",
    "authorities": "权限",
    "kpis": "考核指标: name, weight (all or none, summing to 100), target, cycle",
}


WRITTEN = {
    "department": {"name", "parent", "head", "external", "functions"},
    "function": {"id", "name"},
    "role": {"title", "department", "reports_to", "dotted_to", "level", "order", "headcount", "external"}
    | {"duties", "authorities", "kpis"},
}
"""The keys `render` writes; a template that sets another would lose it, so it is refused."""


def _unwritten(template: Template) -> list[str]:
    """`<file>: <key>` for every key the template sets that `render` does not write."""
    found = []
    for dept_id, dept in template.departments.items():
        found += [f"departments/{dept_id}: {key}" for key in sorted(dept.model_fields_set - WRITTEN["department"])]
        for function in dept.functions:
            keys = sorted(function.model_fields_set - WRITTEN["function"])
            found += [f"departments/{dept_id}: functions.{key}" for key in keys]
    for role_id, role in template.roles.items():
        found += [f"roles/{role_id}: {key}" for key in sorted(role.model_fields_set - WRITTEN["role"])]
    return found


def _q(text: str) -> str:
    """A YAML scalar: plain when safe, double-quoted otherwise."""
    if text and text[0].isalnum() and not any(c in text for c in ":#,[]{}&*!|>'\"%@`") and text.strip() == text:
        return text
    return json.dumps(text, ensure_ascii=False)


class _Writer:
    def __init__(self, template: Template, lang: str) -> None:
        self.lang = lang
        self.default = template.org.locales[0]
        self.levels = dict(zip(template.org.level_names() or [], template.org.levels or [], strict=True))
        self.seen: set[str] = set()

    def t(self, text: Text) -> str:
        return _q(text_of(text, self.lang, self.default))

    def key(self, key: str, value: str = "") -> str:
        line = f"{key}: {value}" if value else f"{key}:"
        if key in HELP and key not in self.seen:
            self.seen.add(key)
            line = line + " " * max(1, 40 - cell_len(line)) + f" # {HELP[key]}"
        return line

    def level(self, name: str) -> str:
        return self.t(self.levels.get(name, name))


def render(template: Template, lang: str) -> dict[str, str]:
    """File path (relative) -> YAML text."""
    unwritten = _unwritten(template)
    if unwritten:
        raise RuntimeError(f"template {template.name} sets keys that init does not write: {', '.join(unwritten)}")
    w = _Writer(template, lang)
    files: dict[str, str] = {}
    levels = ", ".join(w.t(level) for level in template.org.levels or [])
    files["org.yaml"] = "\n".join(
        [
            "# yaml-language-server: $schema=https://mktorg.invalid/schemas/org.schema.json",
            f"# mktorg {template.name} template: {template.about}",
            w.key("name", w.t(template.org.name)),
            w.key("locales", f"[{lang}]"),
            w.key("archetype", template.org.archetype or template.name),
            w.key("levels", f"[{levels}]"),
            w.key("lint"),
            "  span_of_control: {min: 2, max: 10}     # 管理跨度",
            "  max_layers: 6                          # 管理层次",
            "",
        ]
    )
    for dept_id, dept in template.departments.items():
        w.seen.clear()
        files[f"departments/{dept_id}.yaml"] = _department(w, dept)
    for role_id, role in template.roles.items():
        w.seen.clear()
        files[f"roles/{role_id}.yaml"] = _role(w, role)
    return {path: text.replace("https://mktorg.invalid/schemas/", _schema_prefix(path)) for path, text in files.items()}


def _schema_prefix(path: str) -> str:
    return "../" * path.count("/") + "schemas/"


def _department(w: _Writer, dept: Department) -> str:
    lines = [
        "# yaml-language-server: $schema=https://mktorg.invalid/schemas/department.schema.json",
        w.key("name", w.t(dept.name)),
    ]
    if dept.parent:
        lines.append(w.key("parent", dept.parent))
    if dept.head:
        lines.append(w.key("head", dept.head))
    if dept.external:
        lines.append(w.key("external", "true"))
    if dept.functions:
        lines.append(w.key("functions"))
        lines += [f"  - {{id: {f.id}, name: {w.t(f.name)}}}" for f in dept.functions]
    return "\n".join(lines) + "\n"


def _role(w: _Writer, role: Role) -> str:
    lines = [
        "# yaml-language-server: $schema=https://mktorg.invalid/schemas/role.schema.json",
        w.key("title", w.t(role.title)),
        w.key("department", role.department),
    ]
    if role.reports_to:
        lines.append(w.key("reports_to", role.reports_to))
    if role.dotted():
        lines.append(w.key("dotted_to", "[" + ", ".join(role.dotted()) + "]"))
    if role.level:
        lines.append(w.key("level", w.level(role.level)))
    if role.order is not None:
        lines.append(w.key("order", str(role.order)))
    if role.headcount != 1:
        lines.append(w.key("headcount", _headcount(role.headcount)))
    if role.external:
        lines.append(w.key("external", "true"))
    if role.duties:
        lines.append(w.key("duties"))
        lines += [_duty(w, duty) for duty in role.duties]
    if role.authorities:
        lines.append(w.key("authorities"))
        lines += [f"  - {w.t(a)}" for a in role.authorities]
    if role.kpis:
        lines.append(w.key("kpis"))
        lines += [f"  - {_kpi(w, kpi)}" for kpi in role.kpis]
    return "\n".join(lines) + "\n"


def _duty(w: _Writer, duty: "str | Duty") -> str:
    """A duty as plain text when it is only a text (a template writes a translated one as {text: ...})."""
    if isinstance(duty, str) or duty == Duty(text=duty.text):
        return f"  - {w.t(duty if isinstance(duty, str) else duty.text)}"
    lines = [f"  - text: {w.t(duty.text)}"]
    if duty.type != "primary":
        lines.append(f"    type: {duty.type}")
    if duty.supports:
        lines.append(f"    supports: {duty.supports}")
    if duty.function:
        lines.append(f"    function: {duty.function}")
    if duty.details:
        lines.append("    details: [" + ", ".join(w.t(d) for d in duty.details) + "]")
    return "\n".join(lines)


def _headcount(headcount: int | HeadcountRange | str) -> str:
    if isinstance(headcount, HeadcountRange):
        return f"{{min: {headcount.min}, max: {headcount.max}}}"
    return str(headcount)


def _kpi(w: _Writer, kpi: KPI) -> str:
    parts = [f"name: {w.t(kpi.name)}"]
    if kpi.weight is not None:
        parts.append(f"weight: {kpi.weight:g}")
    if kpi.target is not None:
        parts.append(f"target: {w.t(kpi.target)}")
    if kpi.cycle is not None:
        parts.append(f"cycle: {kpi.cycle}")
    return "{" + ", ".join(parts) + "}"


def write_template(template: Template, target: Path, lang: str) -> list[Path]:
    """Write the files; refuse before writing anything if one of them exists."""
    files = render(template, lang)
    existing = [rel for rel in files if (target / rel).exists()]
    if existing:
        raise OutputError(f"{target / existing[0]} already exists; mktorg init never overwrites a file")
    written = []
    for rel, text in files.items():
        write_text(target / rel, text)
        written.append(target / rel)
    return written


def ignore_cache(target: Path) -> None:
    """List mktorg's cache folder in the organisation's .gitignore (created, or added to)."""
    from mktorg.load.cache import FOLDER

    path = target / ".gitignore"
    line = f"{FOLDER}/"
    existing = path.read_text(encoding="utf-8") if path.is_file() else ""
    if line not in existing.splitlines():
        write_text(path, existing + ("\n" if existing and not existing.endswith("\n") else "") + line + "\n")
