"""View models shared by every exporter: what a job description or handbook says."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import cast

from mktorg.model import Role, function_ref, headcount_label
from mktorg.model.base import without_controls
from mktorg.model.organization import Organization
from mktorg.render.labels import labels_for


@dataclass
class DutyView:
    """A numbered duty with its details; `supports` names the assisted role (辅助职责)."""

    text: str
    details: list[str] = field(default_factory=list)
    supports: str | None = None


@dataclass
class JobDescription:
    """A job description (岗位说明书), in document order, empty sections already dropped."""

    role_id: str
    title: str
    header: list[tuple[str, str]]
    summary: str | None
    primary: list[DutyView]
    supporting: list[DutyView]
    authorities: list[str]
    qualifications: list[tuple[str, str]]
    kpis: list[tuple[str, str, str, str]]
    labels: dict[str, str]


@dataclass
class Handbook:
    """A department handbook (部门职能说明书)."""

    dept_id: str
    name: str
    header: list[tuple[str, str]]
    functions: list[tuple[str, str, str]]
    roles: list[str]
    labels: dict[str, str]


def _lang(org: Organization, lang: str | None) -> str:
    return lang or org.default_lang


def job_description(org: Organization, role_id: str, lang: str | None = None) -> JobDescription:
    """Build the job description of one role."""
    role = org.roles[role_id]
    labels = labels_for(_lang(org, lang))

    def t(value: object) -> str:
        return without_controls(org.text(value, lang))

    def title_of(other: str) -> str:
        return t(org.roles[other].title) if other in org.roles else other

    header = [(labels["title"], t(role.title))]
    dept = org.departments.get(role.department)
    header.append((labels["department"], t(dept.name) if dept else role.department))
    if role.reports_to:
        header.append((labels["reports_to"], title_of(role.reports_to)))
    reports = org.reports.get(role_id, [])
    if reports:
        header.append((labels["reports"], labels["list_separator"].join(title_of(r) for r in reports)))
    if role.dotted():
        header.append((labels["dotted"], labels["list_separator"].join(title_of(r) for r in role.dotted())))
    header.append((labels["headcount"], _headcount(role, labels)))
    if role.level:
        header.append((labels["level"], role.level))
    if role.employment != "full_time":
        header.append((labels["employment"], labels[role.employment]))
    status = [labels[k] for k in ("vacant", "optional") if getattr(role, k)]
    if status:
        header.append((labels["status"], labels["list_separator"].join(status)))
    primary, supporting = [], []
    for duty in role.duty_list():
        view = DutyView(t(duty.text), [t(d) for d in duty.details])
        if duty.type == "supporting":
            view.supports = title_of(duty.supports) if duty.supports else None
            supporting.append(view)
        else:
            primary.append(view)
    return JobDescription(
        role_id=role_id,
        title=t(role.title),
        header=header,
        summary=t(role.summary) or None,
        primary=primary,
        supporting=supporting,
        authorities=[t(a) for a in role.authorities],
        qualifications=_qualifications(role, labels, t),
        kpis=[
            (
                t(k.name),
                f"{k.weight:g}%" if k.weight is not None else "",
                t(k.target),
                labels[k.cycle] if k.cycle else "",
            )
            for k in role.kpis
        ],
        labels=labels,
    )


def _headcount(role: Role, labels: dict[str, str]) -> str:
    if role.headcount == "N":
        return labels["variable"]
    return labels["people"].format(headcount_label(role.headcount))


def _qualifications(role: Role, labels: dict[str, str], text: Callable[[object], str]) -> list[tuple[str, str]]:
    q = role.qualifications
    if q is None:
        return []
    sep = labels["list_separator"]
    rows: list[tuple[str, str]] = []
    experience = text(q.experience)
    if not experience and q.experience_years is not None:
        experience = labels["years"].format(q.experience_years)
    values = {
        "education": text(q.education),
        "majors": sep.join(text(m) for m in q.majors),
        "experience": experience,
        "knowledge": sep.join(text(k) for k in q.knowledge),
        "skills": sep.join(text(s) for s in q.skills),
        "scope": text(q.scope),
        "other": sep.join(text(o) for o in q.other),
    }
    for key, value in values.items():
        if value:
            rows.append((labels[key], value))
    return rows


def handbook(org: Organization, dept_id: str, lang: str | None = None) -> Handbook:
    """Build the handbook of one department, with its function breakdown."""
    dept = org.departments[dept_id]
    labels = labels_for(_lang(org, lang))

    def t(value: object) -> str:
        return without_controls(org.text(value, lang))

    header = [(labels["name"], t(dept.name))]
    if dept.parent in org.departments:
        header.append((labels["parent"], t(org.departments[dept.parent].name)))
    if dept.head in org.roles:
        header.append((labels["head"], t(org.roles[dept.head].title)))
    if dept.mission:
        header.append((labels["mission"], t(dept.mission)))
    low, high, variable = org.department_people(dept_id)
    people = labels["people"].format(f"{low}" if low == high else f"{low}–{high}")
    if variable:
        people += labels["plus_variable"]
    if dept.headcount_budget is not None:
        people += labels["of_budget"].format(dept.headcount_budget)
    header.append((labels["budget"], people))
    carriers = function_carriers(org, lang)
    sep = labels["list_separator"]
    functions = [
        (t(f.name), t(f.description), sep.join(carriers.get((dept_id, f.id), [])) or labels["unassigned"])
        for f in dept.functions
    ]
    roles = [t(org.roles[r].title) for r in org.department_roles.get(dept_id, [])]
    return Handbook(dept_id, t(dept.name), header, functions, roles, labels)


def function_carriers(org: Organization, lang: str | None = None) -> dict[tuple[str, str], list[str]]:
    """The titles of the roles whose duties carry each (department, function id), in role id order.

    An index built once per organisation and language: every handbook looks its functions up
    here instead of walking every role's duties again.
    """
    key = f"render.function_carriers.{lang}"
    cached = org.memo.get(key)
    if cached is None:
        titles: dict[tuple[str, str], dict[str, None]] = {}
        for _, role in org.iter_roles():
            for duty in role.duty_list():
                if duty.function:
                    title = without_controls(org.text(role.title, lang))
                    titles.setdefault(function_ref(role.department, duty.function), {})[title] = None
        cached = org.memo[key] = {ref: list(names) for ref, names in titles.items()}
    return cast(dict[tuple[str, str], list[str]], cached)


def roles_by_department(org: Organization, role_ids: list[str]) -> dict[str, list[str]]:
    """The roles of `role_ids` grouped by department, each group in the order of `role_ids`."""
    groups: dict[str, list[str]] = {}
    for role_id in role_ids:
        groups.setdefault(org.roles[role_id].department, []).append(role_id)
    return groups


@dataclass
class ProcessView:
    """A process as a table of steps with R/A/C/I roles."""

    name: str
    owner: str
    head: list[str]
    rows: list[list[str]]


def process_view(org: Organization, process_id: str, lang: str | None = None) -> ProcessView:
    """Build the step table of one process."""
    process = org.processes[process_id]
    labels = labels_for(_lang(org, lang))
    sep = labels["list_separator"]

    def titles(ids: list[str]) -> str:
        return sep.join(without_controls(org.text(org.roles[r].title, lang)) if r in org.roles else r for r in ids)

    head = [labels[k] for k in ("step", "phase", "responsible", "accountable", "consulted", "informed", "key_points")]
    rows = [
        [
            f"{i}. {without_controls(org.text(step.name, lang))}",
            without_controls(org.text(step.phase, lang)),
            titles(step.roles("responsible")),
            titles(step.roles("accountable")),
            titles(step.roles("consulted")),
            titles(step.roles("informed")),
            without_controls(org.text(step.key_points, lang)),
        ]
        for i, step in enumerate(process.steps, 1)
    ]
    owner = titles([process.owner]) if process.owner else ""
    return ProcessView(without_controls(org.text(process.name, lang)), owner, head, rows)


def book_departments(org: Organization, role_ids: list[str]) -> list[str]:
    """Departments whose roles are in the book, in tree order."""
    wanted = {org.roles[r].department for r in role_ids}
    return [d for d in org.department_tree_order() if d in wanted]


def selected_roles(org: Organization, roles: list[str], departments: list[str]) -> list[str]:
    """Non-external roles to export, in department order (head first), filtered by --role/--department."""
    from mktorg.errors import MktorgError

    unknown = [r for r in roles if r not in org.roles] + [d for d in departments if d not in org.departments]
    if unknown:
        raise MktorgError("unknown role or department: " + ", ".join(unknown))
    wanted_depts = {d for top in departments for d in org.subtree_departments(top)}
    order: dict[str, None] = {}
    for dept_id in [*org.department_tree_order(), *sorted(org.department_roles)]:
        for role_id in org.department_roles.get(dept_id, []):  # the head first, then in sibling order
            order.setdefault(role_id)
    chosen = []
    for role_id in order:
        role = org.roles[role_id]
        if role.external:
            continue
        if (roles or departments) and role_id not in roles and role.department not in wanted_depts:
            continue
        chosen.append(role_id)
    return chosen
