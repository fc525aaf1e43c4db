"""View models shared by every exporter: what a job description, handbook or process says.

Texts are already in the asked language, cleaned of control characters and, in Chinese, set with
full-width punctuation; empty values stay empty so the layout decides whether to show a section.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from mktorg.model import Role, function_ref, headcount_label
from mktorg.model.base import text_of, without_controls
from mktorg.model.catch_all import is_catch_all
from mktorg.model.department import Function
from mktorg.model.organization import Organization
from mktorg.render.labels import is_chinese, join, labels_for
from mktorg.render.typography import zh_typography

Texter = Callable[[object], str]


@dataclass
class Item:
    """A list item with its sub-items (duty details, nested work content)."""

    text: str
    children: list["Item"] = field(default_factory=list)


@dataclass
class JobDescription:
    """A job description (岗位说明书) in the standard template's order; empty parts stay empty."""

    role_id: str
    code: str
    title: str
    header: list[tuple[str, str]]
    purpose: str
    primary: list[Item]
    supporting: list[Item]
    catch_all: list[Item]
    internal: list[str]
    external: list[str]
    authorities: list[str]
    qualifications: list[tuple[str, str]]
    kpis: list[tuple[str, str, str, str]]
    environment: str
    labels: dict[str, str]


@dataclass
class FunctionView:
    """A department function with its description, carriers, work content and deliverables."""

    name: str
    description: str
    carried_by: str
    details: list[Item]
    deliverables: list[str]


@dataclass
class Handbook:
    """A department handbook (部门职能说明书)."""

    dept_id: str
    name: str
    header: list[tuple[str, str]]
    duties: list[str]
    authorities: list[str]
    kpis: list[tuple[str, str, str, str]]
    functions: list[FunctionView]
    positions: list[tuple[str, ...]]
    position_head: tuple[str, ...]
    labels: dict[str, str]


def texter(org: Organization, lang: str | None) -> Texter:
    """Any Text value in `lang`: controls removed, Chinese punctuation full-width in Chinese output."""
    zh = (lang or org.default_lang).startswith("zh")

    def t(value: object) -> str:
        text = without_controls(org.text(value, lang)).strip()
        return zh_typography(text) if zh else text

    return t


def level_text(org: Organization, level: str | None, lang: str | None) -> str:
    """A role's level in `lang`, through the Text of the org.yaml level ladder (format 1.1)."""
    if not level:
        return ""
    text = level
    for entry in org.settings.levels or []:
        if text_of(entry, org.default_lang, org.default_lang) == level:
            text = org.text(entry, lang)
            break
    if not (lang or org.default_lang).startswith("zh") and is_chinese(text):
        return ""  # no translation in org.yaml `levels`: an English edition leaves the level out
    return without_controls(text)


def _capital(text: str) -> str:
    """A value starting a table cell: `functional` → `Functional` (Chinese unchanged)."""
    return text[:1].upper() + text[1:]


def _kpi_rows(kpis: list, labels: dict[str, str], t: Texter) -> list[tuple[str, str, str, str]]:  # type: ignore[type-arg]
    return [
        (t(k.name), f"{k.weight:g}%" if k.weight is not None else "", t(k.target), labels[k.cycle] if k.cycle else "")
        for k in kpis
    ]


def _entity_title(org: Organization, ref: str, t: Texter) -> str:
    if ref in org.roles:
        return t(org.roles[ref].title)
    return t(org.departments[ref].name) if ref in org.departments else ref


def job_description(org: Organization, role_id: str, lang: str | None = None) -> JobDescription:
    """Build the job description of one role."""
    role = org.roles[role_id]
    labels = labels_for(lang or org.default_lang)
    t = texter(org, lang)

    def titles(ids: list[str]) -> str:
        return join(labels, [_entity_title(org, r, t) for r in ids])

    level = level_text(org, role.level, lang)
    grade = org.settings.grades.get(role.grade or "")
    header = [
        (labels["title"], t(role.title)),
        (labels["code"], without_controls(role.code or "")),
        (labels["aliases"], join(labels, [t(a) for a in role.aliases])),
        (labels["department"], _entity_title(org, role.department, t)),
        (labels["reports_to"], titles([role.reports_to] if role.reports_to else [])),
        (labels["reports"], titles(org.reports.get(role_id, []))),
        (labels["dotted"], titles(role.dotted())),
        (labels["concurrent"], titles(role.concurrent)),
        (labels["headcount"], _headcount(role, labels)),
        (labels["level"], level),
        (labels["grade"], f"{t(grade.name)}" if grade else without_controls(role.grade or "")),
        (labels["employment"], labels[role.employment] if role.employment != "full_time" else ""),
        (labels["status"], join(labels, [labels[k] for k in ("vacant", "optional") if getattr(role, k)])),
    ]
    primary: list[Item] = []
    supporting: list[Item] = []
    catch_all: list[Item] = []
    for duty in role.duty_list():
        text = t(duty.text)
        if duty.type == "supporting" and duty.supports:
            text = labels["aside"].format(
                text, labels["label_value"].format(labels["supports"], titles([duty.supports]))
            )
        item = Item(text, [Item(t(d)) for d in duty.details])
        if is_catch_all(text):
            catch_all.append(item)
        else:
            (supporting if duty.type == "supporting" else primary).append(item)
    relations = role.relations
    return JobDescription(
        role_id=role_id,
        code=without_controls(role.code or ""),
        title=t(role.title),
        header=header,
        purpose=t(role.summary),
        primary=primary,
        supporting=supporting,
        catch_all=catch_all,
        internal=[_relation(org, r, labels, t) for r in relations.internal] if relations else [],
        external=[_relation(org, r, labels, t) for r in relations.external] if relations else [],
        authorities=[t(a) for a in role.authorities],
        qualifications=_qualifications(role, labels, t),
        kpis=_kpi_rows(role.kpis, labels, t),
        environment=t(role.environment),
        labels=labels,
    )


def _relation(org: Organization, entry: object, labels: dict[str, str], t: Texter) -> str:
    with_ = getattr(entry, "with_", None)
    if with_ is None:
        return t(entry)
    name = _entity_title(org, with_, t)
    about = t(getattr(entry, "about", None))
    return labels["label_value"].format(name, about) if about else name


def _headcount(role: Role, labels: dict[str, str]) -> str:
    if role.headcount == "N":
        return labels["variable"]
    return labels["people"].format(headcount_label(role.headcount))


def _qualifications(role: Role, labels: dict[str, str], t: Texter) -> list[tuple[str, str]]:
    q = role.qualifications
    if q is None:
        return []
    experience = t(q.experience)
    if not experience and q.experience_years is not None:  # the text, when given, already says it
        experience = labels["years"].format(q.experience_years)
    values = {
        "education": t(q.education),
        "majors": join(labels, [t(m) for m in q.majors]),
        "experience": experience,
        "knowledge": join(labels, [t(k) for k in q.knowledge]),
        "skills": join(labels, [t(s) for s in q.skills]),
        "scope": t(q.scope),
        "other": join(labels, [t(o) for o in q.other]),
    }
    return [(labels[key], value) for key, value in values.items() if value]


def _details(details: list[object], t: Texter) -> list[Item]:
    items = []
    for detail in details:
        text = getattr(detail, "text", detail)
        items.append(Item(t(text), _details(list(getattr(detail, "details", []) or []), t)))
    return items


def function_carriers(org: Organization, t: Texter) -> dict[str, list[str]]:
    """The titles of the roles whose duties carry out each function, by `<department>/<function>`."""
    carriers: dict[str, list[str]] = {}
    for _, role in org.iter_roles():
        for duty in role.duty_list():
            if duty.function:
                names = carriers.setdefault("/".join(function_ref(role.department, duty.function)), [])
                if t(role.title) not in names:
                    names.append(t(role.title))
    return carriers


def handbook(
    org: Organization, dept_id: str, lang: str | None = None, carriers: dict[str, list[str]] | None = None
) -> Handbook:
    """Build the handbook of one department: duties, authorities, KPIs, functions and positions."""
    dept = org.departments[dept_id]
    labels = labels_for(lang or org.default_lang)
    t = texter(org, lang)
    top = dept.parent not in org.departments
    archetype = dept.archetype or (org.settings.archetype if top else None)  # the organisation's form, at its top
    low, high, variable = org.department_people(dept_id)
    people = labels["people"].format(f"{low}" if low == high else f"{low}–{high}")
    if variable:
        people += labels["plus_variable"]
    if dept.headcount_budget is not None:
        people += labels["of_budget"].format(dept.headcount_budget)
    header = [
        (labels["name"], t(dept.name)),
        (labels["dept_aliases"], join(labels, [t(a) for a in dept.aliases])),
        (labels["parent"], t(org.departments[dept.parent].name) if dept.parent in org.departments else ""),
        (labels["head"], t(org.roles[dept.head].title) if dept.head in org.roles else ""),
        (labels["archetype"], _capital(labels[archetype]) if archetype else ""),
        (labels["mission"], t(dept.mission)),
        (labels["budget"], people),
    ]
    carriers = carriers if carriers is not None else function_carriers(org, t)
    functions = [_function(dept_id, f, carriers, labels, t) for f in dept.functions]
    roles = [org.roles[r] for r in org.department_roles.get(dept_id, []) if not org.roles[r].external]
    with_code = any(role.code for role in roles)
    head = (labels["position"], *((labels["code"],) if with_code else ()), labels["headcount"], labels["level"])
    positions = [
        (
            t(role.title),
            *((without_controls(role.code or ""),) if with_code else ()),
            _headcount(role, labels),
            level_text(org, role.level, lang),
        )
        for role in roles
    ]
    return Handbook(
        dept_id=dept_id,
        name=t(dept.name),
        header=[(k, v) for k, v in header if v],
        duties=[t(d) for d in dept.duties],
        authorities=[t(a) for a in dept.authorities],
        kpis=_kpi_rows(dept.kpis, labels, t),
        functions=functions,
        positions=positions,
        position_head=head,
        labels=labels,
    )


def _function(
    dept_id: str, function: Function, carriers: dict[str, list[str]], labels: dict[str, str], t: Texter
) -> FunctionView:
    return FunctionView(
        name=t(function.name),
        description=t(function.description),
        carried_by=join(labels, carriers.get(f"{dept_id}/{function.id}", [])) or labels["unassigned"],
        details=_details(list(function.details), t),
        deliverables=[t(d) for d in function.deliverables],
    )


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
    labels = labels_for(lang or org.default_lang)
    t = texter(org, lang)

    def titles(ids: list[str]) -> str:
        return join(labels, [_entity_title(org, r, t) for r in ids])

    head = [labels[k] for k in ("step", "phase", "responsible", "accountable", "consulted", "informed", "key_points")]
    rows = [
        [
            labels["number"].format(i) + t(step.name),
            t(step.phase),
            titles(step.roles("responsible")),
            titles(step.roles("accountable")),
            titles(step.roles("consulted")),
            titles(step.roles("informed")),
            t(step.key_points),
        ]
        for i, step in enumerate(process.steps, 1)
    ]
    owner = titles([process.owner]) if process.owner else ""
    return ProcessView(t(process.name), owner, head, rows)


def book_departments(org: Organization, role_ids: list[str], departments: list[str] | None) -> list[str]:
    """The departments of a book in tree order: those asked for with their sub-departments (every
    non-external one when `departments` is None), and the departments of the chosen roles."""
    if departments is None:
        wanted = {d for d, dept in org.departments.items() if not dept.external}
    else:
        wanted = {d for top in departments for d in org.subtree_departments(top)}
    wanted |= {org.roles[r].department for r in role_ids}
    return [d for d in org.department_tree_order() if d in wanted]


def selected_roles(org: Organization, roles: list[str], departments: list[str]) -> list[str]:
    """Non-external roles to export, in department order (head first), filtered by --role/--department."""
    from mktorg.errors import MktorgError

    unknown = [r for r in roles if r not in org.roles] + [d for d in departments if d not in org.departments]
    if unknown:
        raise MktorgError("unknown role or department: " + ", ".join(unknown))
    wanted_depts = {d for top in departments for d in org.subtree_departments(top)}
    chosen = []
    for role_id in org.roles_by_department():
        role = org.roles[role_id]
        if role.external:
            continue
        if (roles or departments) and role_id not in roles and role.department not in wanted_depts:
            continue
        chosen.append(role_id)
    return chosen
