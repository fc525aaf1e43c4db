"""`import`: the roster (and departments) of a workbook into an organisation, new or existing.

Every id a row names is resolved against the organisation and the other rows; what cannot be is
a finding at its cell. Existing files are edited in place (`edit/yamledit.py`: only the values
that changed, every comment and other byte kept); new roles and departments get new files; roles
missing from the sheet are reported (MK079) and deleted only when asked. Nothing is planned when
there is an error.
"""

import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from mktorg.diagnostics import Finding
from mktorg.edit.plan import Plan
from mktorg.edit.references import references
from mktorg.edit.yamledit import YamlEdit, render_new
from mktorg.errors import OrgNotFoundError
from mktorg.load.loader import LoadResult, load_org
from mktorg.model import headcount_bounds
from mktorg.model.base import HeadcountRange, text_of
from mktorg.model.organization import Organization
from mktorg.sheets.ids import pinyin_id, unique_id
from mktorg.sheets.layout import PATH_SEPARATOR
from mktorg.sheets.roster import ImportSheets, Settings
from mktorg.sheets.rows import Row

ROLE_KEYS = (
    "id",
    "title",
    "department",
    "reports_to",
    "dotted_to",
    "headcount",
    "employment",
    "level",
    "vacant",
    "optional",
    "external",
    "assistant",
    "aliases",
    "code",
    "grade",
)
"""The order of a new role file's keys; a key added to an existing file goes after the last of these before it."""
DEPARTMENT_KEYS = ("id", "name", "aliases", "parent", "head", "archetype", "headcount_budget", "external")


@dataclass
class _Role:
    row: Row
    id: str
    values: dict[str, Any] = field(default_factory=dict)
    """The fields the sheet sets (only those whose columns it has)."""


@dataclass
class _Dept:
    row: Row
    id: str
    values: dict[str, Any] = field(default_factory=dict)


@dataclass
class ImportResult:
    """The findings, and whether the plan may be written (no errors among the findings)."""

    findings: list[Finding]
    new_org: bool
    roles: int = 0
    departments: int = 0


class _Importer:
    def __init__(self, root: Path, sheets: ImportSheets, lang: str | None, plan: Plan) -> None:
        self.root, self.sheets, self.plan = root, sheets, plan
        self.file = sheets.file
        self.findings: list[Finding] = []
        self.loaded: LoadResult | None
        try:
            self.loaded = load_org(root)
        except OrgNotFoundError:
            self.loaded = None
        settings = sheets.settings
        self.org: Organization | None = self.loaded.org if self.loaded else None
        default = self.org.default_lang if self.org else ((settings.locales if settings else None) or ["zh"])[0]
        self.default_lang = default
        self.lang = lang or default

    # --- findings --------------------------------------------------------------------------

    def error(self, code: str, row: Row, key: str, message: str, hint: str) -> None:
        ref = row.refs.get(key) or next(iter(row.refs.values()))
        col = _column_number(ref)
        self.findings.append(Finding(code, self.file, row.number, col, f"{ref}: {message}", hint))

    # --- names -----------------------------------------------------------------------------

    def existing_dept_names(self) -> dict[str, str]:
        org = self.org
        return (
            {d: text_of(dept.name, self.lang, org.default_lang) for d, dept in org.departments.items()} if org else {}
        )

    def existing_role_titles(self) -> dict[str, str]:
        org = self.org
        return {r: text_of(role.title, self.lang, org.default_lang) for r, role in org.roles.items()} if org else {}

    # --- departments -----------------------------------------------------------------------

    def departments(self) -> list[_Dept]:
        table = self.sheets.departments
        if table is None:
            return []
        names = self.existing_dept_names()
        taken = {d.casefold() for d in names} | {d.casefold() for d in self._broken("department")}
        by_name = _index(names)
        out: list[_Dept] = []
        seen: dict[str, Row] = {}
        explicit = {r.values["id"].casefold() for r in table.rows if r.values.get("id")}
        for row in table.rows:
            name = row.values.get("name")
            dept_id = row.values.get("id")
            if dept_id is None:
                if name is None:
                    if "id" in row.refs and row.values.get("id") is None and "name" in row.refs:
                        self.error("MK073", row, "name", "部门名称: a name (or an id) is required", "write the name")
                    continue
                matches = by_name.get(_norm(name), [])
                dept_id = matches[0] if len(matches) == 1 else unique_id(pinyin_id(name, "dept"), taken | explicit)
            if dept_id.casefold() in seen:
                first = seen[dept_id.casefold()].number
                self.error(
                    "MK076", row, "id", f"department '{dept_id}' is also on row {first}", "each row needs its own id"
                )
                continue
            seen[dept_id.casefold()] = row
            taken.add(dept_id.casefold())
            if name is None and (self.org is None or dept_id not in self.org.departments):
                self.error(
                    "MK073", row, "name", "部门名称: a new department needs a name", "write the department's name"
                )
            out.append(_Dept(row, dept_id))
        return out

    def _broken(self, kind: str) -> set[str]:
        return set(self.org.broken.get(kind, set())) if self.org else set()

    def resolve_departments(self, depts: list[_Dept], roles: list[_Role]) -> None:
        """Parents, heads and the other values of the department rows."""
        all_ids = self.all_department_ids(depts)
        paths = self.department_paths(depts)
        role_ids, titles = self.role_index(roles)
        for dept in depts:
            row = dept.row
            values = row.values
            if values.get("name") is not None:
                dept.values["name"] = values["name"]
            if row.has("parent") or row.has("parent_path"):
                dept.values["parent"] = self.reference(
                    row, "parent", "parent_path", all_ids, paths, "department", "上级部门"
                )
            if row.has("head") or row.has("head_title"):
                dept.values["head"] = self.reference(row, "head", "head_title", role_ids, titles, "role", "负责人岗位")
            for key in ("headcount_budget", "external"):
                if row.has(key):
                    dept.values[key] = values.get(key)

    def all_department_ids(self, depts: list[_Dept]) -> set[str]:
        return set(self.org.departments if self.org else ()) | self._broken("department") | {d.id for d in depts}

    def department_paths(self, depts: list[_Dept]) -> dict[str, list[str]]:
        """Department names and paths (营销中心 / 市场部) → ids, from the organisation and the sheet."""
        names: dict[str, str] = self.existing_dept_names()
        parents: dict[str, str | None] = (
            {d: dept.parent for d, dept in self.org.departments.items()} if self.org else {}
        )
        for dept in depts:
            if dept.row.values.get("name") is not None:
                names[dept.id] = dept.row.values["name"]
            if "parent" in dept.values:  # resolved (by id or by path) once the departments are
                parents[dept.id] = dept.values["parent"]
            elif dept.row.has("parent"):
                parents[dept.id] = dept.row.values.get("parent")
        index: dict[str, list[str]] = {}
        for dept_id, name in names.items():
            chain, seen, current = [name], {dept_id}, parents.get(dept_id)
            while current in names and current not in seen:
                seen.add(current)
                chain.append(names[current])
                current = parents.get(current)
            for key in {name, PATH_SEPARATOR.join(reversed(chain))}:
                index.setdefault(_norm(key), []).append(dept_id)
        return index

    def role_index(self, roles: list[_Role]) -> tuple[set[str], dict[str, list[str]]]:
        titles = dict(self.existing_role_titles().items())
        for role in roles:
            if role.row.values.get("title") is not None:
                titles[role.id] = role.row.values["title"]
        ids = set(titles) | self._broken("role")
        return ids, _index(titles)

    def reference(
        self,
        row: Row,
        id_key: str,
        name_key: str,
        ids: set[str],
        names: dict[str, list[str]],
        kind: str,
        label: str,
    ) -> str | None:
        """The id a row names by id, or else by name; a finding when it names nothing or several."""
        given = row.values.get(id_key)
        name = row.values.get(name_key)
        if given is not None:
            if given not in ids:
                hint = f"use the id of an existing {kind}, or add the {kind} to the sheet"
                self.error("MK077", row, id_key, f"{label}: no {kind} '{given}'", hint)
                return None
            if name is not None and given not in names.get(_norm(name), []):
                self.error(
                    "MK078",
                    row,
                    name_key,
                    f"{label}: '{name}' is not the name of '{given}'; the id is used",
                    "correct the name, or clear the id column so that the name is used",
                )
            return str(given)
        if name is None:
            return None
        found = names.get(_norm(name), [])
        if len(found) == 1:
            return found[0]
        if not found:
            hint = f"use the exact name of a {kind}, or give its id"
            self.error("MK077", row, name_key, f"{label}: no {kind} named '{name}'", hint)
        else:
            hint = f"give the id instead: {', '.join(sorted(found))}"
            self.error("MK077", row, name_key, f"{label}: '{name}' names {len(found)} {kind}s", hint)
        return None

    # --- roles -----------------------------------------------------------------------------

    def roles(self) -> list[_Role]:
        table = self.sheets.roster
        assert table is not None
        titles = self.existing_role_titles()
        by_title = _index(titles)
        taken = {r.casefold() for r in titles} | {r.casefold() for r in self._broken("role")}
        explicit = {r.values["id"].casefold() for r in table.rows if r.values.get("id")}
        out: list[_Role] = []
        seen: dict[str, Row] = {}
        codes: dict[str, Row] = {}
        for row in table.rows:
            title = row.values.get("title")
            role_id = row.values.get("id")
            if role_id is None:
                if title is None:
                    if not any(ref for key, ref in row.refs.items() if key in ("id", "title")):
                        continue
                    self.error("MK073", row, "title", "岗位名称: a title (or an id) is required", "write the title")
                    continue
                matches = by_title.get(_norm(title), [])
                role_id = matches[0] if len(matches) == 1 else unique_id(pinyin_id(title, "role"), taken | explicit)
            if role_id.casefold() in seen:
                first = seen[role_id.casefold()].number
                self.error("MK076", row, "id", f"role '{role_id}' is also on row {first}", "each role needs its own id")
                continue
            seen[role_id.casefold()] = row
            taken.add(role_id.casefold())
            code = row.values.get("code")
            if code is not None:
                if code in codes:
                    first = codes[code].number
                    self.error("MK076", row, "code", f"code '{code}' is also on row {first}", "岗位编号 must be unique")
                codes[code] = row
            if title is None and (self.org is None or role_id not in self.org.roles):
                self.error("MK073", row, "title", "岗位名称: a new role needs a title", "write the role's title")
            out.append(_Role(row, role_id))
        return out

    def resolve_roles(self, roles: list[_Role], depts: list[_Dept]) -> None:
        dept_ids = self.all_department_ids(depts)
        paths = self.department_paths(depts)
        role_ids, titles = self.role_index(roles)
        levels, grades = self.allowed_levels(), self.allowed_grades()
        for role in roles:
            row, values, out = role.row, role.row.values, role.values
            if values.get("title") is not None:
                out["title"] = values["title"]
            if row.has("department") or row.has("department_path"):
                before = len(self.findings)
                dept = self.reference(row, "department", "department_path", dept_ids, paths, "department", "部门")
                if dept is None and len(self.findings) == before:
                    self.error("MK073", row, "department", "部门ID: a department is required", "give the department")
                out["department"] = dept
            if row.has("reports_to") or row.has("reports_to_title"):
                boss = self.reference(row, "reports_to", "reports_to_title", role_ids, titles, "role", "直接上级")
                if boss == role.id:
                    self.error(
                        "MK073", row, "reports_to", "直接上级: a role cannot report to itself", "name its superior"
                    )
                out["reports_to"] = boss
            if row.has("dotted_to"):
                for target in values.get("dotted_to") or []:
                    if target not in role_ids:
                        self.error("MK077", row, "dotted_to", f"虚线上级ID: no role '{target}'", "use role ids")
                out["dotted_to"] = values.get("dotted_to") or []
            for key, allowed, what in (("level", levels, "职级"), ("grade", grades, "薪酬等级")):
                value = values.get(key)
                if row.has(key):
                    if value is not None and allowed is not None and value not in allowed:
                        hint = (
                            "use one of: " + "、".join(allowed)
                            if allowed
                            else f"declare {key}s in 组织设置 or org.yaml"
                        )
                        self.error("MK077", row, key, f"{what}: '{value}' is not declared", hint)
                    out[key] = value
            if row.has("code"):
                out["code"] = values.get("code")
            headcount = self.headcount(row)
            if headcount is not None:
                out["headcount"] = headcount
            for key in ("employment", "vacant", "optional", "external"):
                if row.has(key):
                    out[key] = values.get(key) if values.get(key) is not None else _DEFAULTS[key]

    def allowed_levels(self) -> list[str] | None:
        if self.org is not None:
            return self.org.settings.level_names()
        settings = self.sheets.settings
        return settings.levels if settings and settings.levels else None

    def allowed_grades(self) -> list[str]:
        if self.org is not None:
            return list(self.org.settings.grades)
        settings = self.sheets.settings
        return list(settings.grades) if settings else []

    def headcount(self, row: Row) -> "int | dict[str, int] | str | None":
        """The headcount the three columns give (None: the sheet has none of them)."""
        keys = ("headcount_min", "headcount_max", "headcount_n")
        if not any(row.has(k) for k in keys):
            return None
        low, high, variable = (row.values.get(k) for k in keys)
        if variable:
            if low is not None or high is not None:
                self.error(
                    "MK073", row, "headcount_n", "人数不定 with a number of people", "leave 人数下限/上限 empty for N"
                )
            return "N"
        if low is None and high is None:
            return 1
        if low is None:
            self.error(
                "MK073", row, "headcount_min", "人数下限: a maximum without a minimum", "write the minimum (0 for none)"
            )
            return 1
        if high is None or high == low:
            return int(low)
        if high < low:
            self.error(
                "MK073", row, "headcount_max", f"人数上限 {high} is below 人数下限 {low}", "swap the two numbers"
            )
            return int(low)
        return {"min": int(low), "max": int(high)}

    def missing(self, roles: list[_Role]) -> list[str]:
        if self.org is None or self.loaded is None:
            return []
        listed = {r.id for r in roles}
        sheet = self.sheets.roster.grid.name if self.sheets.roster else ""
        gone = []
        for role_id in sorted(self.org.roles):
            if role_id not in listed:
                source = self.loaded.source("role", role_id)
                self.findings.append(
                    Finding(
                        "MK079",
                        source.path,
                        1,
                        1,
                        f"role '{role_id}' is not in the sheet {sheet}",
                        "it is kept; import with --delete-missing to delete roles missing from the sheet",
                    )
                )
                gone.append(role_id)
        return gone

    # --- the plan --------------------------------------------------------------------------

    def write_org_file(self) -> None:
        if self.loaded is not None:  # an existing organisation keeps its org.yaml, or goes on without one
            return
        settings = self.sheets.settings or Settings()
        data: dict[str, Any] = {"name": settings.name or self.sheets.title or self.root.resolve().name}
        if settings.locales and settings.locales != ["zh"]:
            data["locales"] = settings.locales
        if settings.levels:
            data["levels"] = settings.levels
        if settings.grades:
            data["grades"] = {
                g: {"name": v["name"], "min": _number(v["min"]), "max": _number(v["max"])}
                for g, v in settings.grades.items()
            }
        if settings.currency and settings.currency != "CNY":
            data["currency"] = settings.currency
        self.plan.create("org.yaml", render_new(data, self.schema_comment("org.yaml", "org")))

    def schema_comment(self, rel: str, kind: str) -> list[str]:
        schema = self.root / "schemas" / f"{kind}.schema.json"
        if not schema.is_file():
            return []
        target = os.path.relpath(schema, (self.root / rel).parent)
        return [f"yaml-language-server: $schema={PurePosixPath(Path(target).as_posix())}"]

    def plan_departments(self, depts: list[_Dept]) -> None:
        for dept in depts:
            existing = self.loaded.sources.get(("department", dept.id)) if self.loaded else None
            if existing is None:
                data: dict[str, Any] = {"name": self.new_text(dept.values.get("name") or dept.id)}
                for key in ("parent", "head", "headcount_budget"):
                    if dept.values.get(key) is not None:
                        data[key] = dept.values[key]
                if dept.values.get("external"):
                    data["external"] = True
                rel = f"departments/{dept.id}.yaml"
                self.plan.create(rel, render_new(data, self.schema_comment(rel, "department")))
                continue
            assert self.org is not None
            model = self.org.departments[dept.id]
            text = self.plan.read(existing.path)
            edit = YamlEdit(text, existing.path)
            if "name" in dept.values:
                self.set_text(edit, "name", dept.values["name"], DEPARTMENT_KEYS, model.name)
            for key, current in (
                ("parent", model.parent),
                ("head", model.head),
                ("headcount_budget", model.headcount_budget),
            ):
                if key in dept.values and dept.values[key] != current:
                    _set_or_delete(edit, key, dept.values[key], DEPARTMENT_KEYS)
            if "external" in dept.values and bool(dept.values["external"]) != model.external:
                edit.set(["external"], bool(dept.values["external"]), after=DEPARTMENT_KEYS)
            self.plan.edit(existing.path, text, edit.text())

    def plan_roles(self, roles: list[_Role]) -> None:
        folders = self.role_folders()
        for role in roles:
            existing = self.loaded.sources.get(("role", role.id)) if self.loaded else None
            if existing is None:
                self.plan_new_role(role, folders)
                continue
            assert self.org is not None
            self.plan_role_edit(role, existing.path, existing.data or {})

    def plan_new_role(self, role: _Role, folders: dict[str, str]) -> None:
        v = role.values
        data: dict[str, Any] = {"title": self.new_text(v.get("title") or role.id), "department": v.get("department")}
        if v.get("reports_to"):
            data["reports_to"] = v["reports_to"]
        if v.get("dotted_to"):
            data["dotted_to"] = v["dotted_to"]
        if v.get("headcount", 1) != 1:
            data["headcount"] = v["headcount"]
        if v.get("employment", "full_time") != "full_time":
            data["employment"] = v["employment"]
        for key in ("level", "code", "grade"):
            if v.get(key) is not None:
                data[key] = v[key]
        for key in ("vacant", "optional", "external"):
            if v.get(key):
                data[key] = True
        folder = folders.get(str(v.get("department")), "roles")
        rel = f"{folder}/{role.id}.yaml"
        self.plan.create(rel, render_new(data, self.schema_comment(rel, "role")))

    def plan_role_edit(self, role: _Role, rel: str, data: dict[str, Any]) -> None:
        assert self.org is not None
        model = self.org.roles[role.id]
        v = role.values
        text = self.plan.read(rel)
        edit = YamlEdit(text, rel)
        if "title" in v:
            self.set_text(edit, "title", v["title"], ROLE_KEYS, model.title)
        if "department" in v and v["department"] != model.department:
            edit.set(["department"], v["department"], after=ROLE_KEYS)
            for ref in references("role", data):
                if ref.target == "function" and "/" not in ref.value:
                    edit.set(list(ref.path), f"{model.department}/{ref.value}")
        simple = (
            ("reports_to", model.reports_to),
            ("level", model.level),
            ("grade", model.grade),
            ("code", model.code),
        )
        for key, current in simple:
            if key in v and v[key] != current:
                _set_or_delete(edit, key, v[key], ROLE_KEYS)
        if "dotted_to" in v and v["dotted_to"] != model.dotted():
            value: Any = v["dotted_to"]
            if len(value) == 1 and isinstance(data.get("dotted_to"), str):
                value = value[0]
            _set_or_delete(edit, "dotted_to", value or None, ROLE_KEYS)
        if "headcount" in v and not _same_headcount(v["headcount"], model.headcount):
            edit.set(["headcount"], v["headcount"], after=ROLE_KEYS)
        if "employment" in v and v["employment"] != model.employment:
            edit.set(["employment"], v["employment"], after=ROLE_KEYS)
        for key in ("vacant", "optional", "external"):
            if key in v and bool(v[key]) != getattr(model, key):
                edit.set([key], bool(v[key]), after=ROLE_KEYS)
        self.plan.edit(rel, text, edit.text())

    def new_text(self, value: str) -> "str | dict[str, str]":
        return value if self.lang == self.default_lang else {self.lang: value}

    def set_text(self, edit: YamlEdit, key: str, value: str, order: tuple[str, ...], current: object) -> None:
        """A Text value in the sheet's language: a mapping gets that language's entry, a plain
        string is replaced (or becomes a mapping when the sheet is in another language)."""
        if isinstance(current, dict):
            if current.get(self.lang) != value:
                edit.set([key, self.lang], value)
        elif self.lang == self.default_lang or current is None:
            if current != value:
                edit.set([key], value, after=order)
        elif current != value:
            edit.set([key], {self.default_lang: current, self.lang: value}, after=order)

    def role_folders(self) -> dict[str, str]:
        """For each department, the folder most of its roles are in."""
        if self.loaded is None or self.org is None:
            return {}
        counts: dict[str, Counter[str]] = {}
        for role_id, role in self.org.roles.items():
            folder = str(PurePosixPath(self.loaded.source("role", role_id).path).parent)
            counts.setdefault(role.department, Counter())[folder] += 1
        return {dept: folder.most_common(1)[0][0] for dept, folder in counts.items()}


_DEFAULTS: dict[str, Any] = {"employment": "full_time", "vacant": False, "optional": False, "external": False}


def _same_headcount(new: Any, current: Any) -> bool:
    if isinstance(new, dict):
        return isinstance(current, HeadcountRange) and (current.min, current.max) == (new["min"], new["max"])
    if isinstance(current, HeadcountRange):
        return False
    return bool(new == current) and headcount_bounds(current) == headcount_bounds(new)


def _set_or_delete(edit: YamlEdit, key: str, value: Any, order: tuple[str, ...]) -> None:
    if value is None:
        if edit.get([key]) is not None:
            edit.delete([key])
    else:
        edit.set([key], value, after=order)


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _index(names: dict[str, str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for id_, name in sorted(names.items()):
        out.setdefault(_norm(name), []).append(id_)
    return out


def _column_number(ref: str) -> int:
    letters = "".join(ch for ch in ref.rsplit("!", 1)[-1] if ch.isalpha())
    number = 0
    for ch in letters:
        number = number * 26 + ord(ch.upper()) - 64
    return number or 1


def plan_import(root: Path, sheets: ImportSheets, lang: str | None, delete_missing: bool, plan: Plan) -> ImportResult:
    """Plan the import of `sheets` into the organisation at `root`; nothing is planned on an error."""
    importer = _Importer(root, sheets, lang, plan)
    result = ImportResult(importer.findings, importer.loaded is None)
    if sheets.roster is None:
        return result
    depts = importer.departments()
    roles = importer.roles()
    importer.resolve_departments(depts, roles)
    importer.resolve_roles(roles, depts)
    gone = importer.missing(roles)
    if any(f.code != "MK079" and f.code != "MK078" for f in importer.findings):
        return result
    importer.write_org_file()
    importer.plan_departments(depts)
    importer.plan_roles(roles)
    if delete_missing and importer.loaded is not None:
        for role_id in gone:
            rel = importer.loaded.source("role", role_id).path
            plan.delete(rel, plan.read(rel))
    result.roles, result.departments = len(roles), len(depts)
    return result
