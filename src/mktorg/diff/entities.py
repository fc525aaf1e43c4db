"""Field by field: what changed in a role, a department and a process that exist in both versions."""

from typing import Any

from mktorg.diff.context import Pair
from mktorg.diff.model import Change, ref
from mktorg.diff.texts import best_pairs, key, match_lists, similarity
from mktorg.model import Department, Process, Role, headcount_label
from mktorg.model.department import Detail
from mktorg.model.organization import Organization
from mktorg.model.role import RelationEntry

DUTY_ORDER = {"reworded": 0, "added": 1, "removed": 2, "moved-in": 3, "moved-out": 4, "changed": 5, "reordered": 6}


def role_changes(pair: Pair, old_id: str, new_id: str, duties: list[Change]) -> list[Change]:
    """Every change of a role kept (perhaps renamed) in the new version."""
    a, b = pair.old.roles[old_id], pair.new.roles[new_id]
    out: list[Change] = []
    pair.scalar(out, "id", old_id, new_id)
    pair.texts_field(out, "title", a.title, b.title)
    if not pair.same_department(a.department, b.department):
        out.append(
            Change(
                "department",
                "changed",
                pair.department(pair.old, a.department),
                pair.department(pair.new, b.department),
            )
        )
    if not pair.same_role(a.reports_to, b.reports_to):
        out.append(
            Change("reports_to", "changed", pair.role(pair.old, a.reports_to), pair.role(pair.new, b.reports_to))
        )
    pair.role_refs(out, "dotted_to", a.dotted(), b.dotted())
    pair.scalar(out, "headcount", headcount_label(a.headcount), headcount_label(b.headcount))
    if a.level != b.level:
        out.append(Change("level", "changed", pair.level(pair.old, a.level), pair.level(pair.new, b.level)))
    for field in ("employment", "vacant", "optional", "external", "assistant", "code", "order"):
        pair.scalar(out, field, getattr(a, field), getattr(b, field))
    if a.grade != b.grade:
        out.append(Change("grade", "changed", _grade(pair, pair.old, a.grade), _grade(pair, pair.new, b.grade)))
    pair.text_list(out, "aliases", a.aliases, b.aliases)
    pair.texts_field(out, "summary", a.summary, b.summary)
    out += sorted(duties, key=lambda c: (c.field != "duties", DUTY_ORDER.get(c.action, 9)))
    pair.text_list(out, "authorities", a.authorities, b.authorities)
    _qualifications(pair, out, a, b)
    pair.kpis(out, a.kpis, b.kpis)
    pair.role_refs(out, "concurrent", a.concurrent, b.concurrent)
    for side in ("internal", "external"):
        old_relations = getattr(a.relations, side) if a.relations else []
        new_relations = getattr(b.relations, side) if b.relations else []
        pair.text_list(
            out,
            f"relations.{side}",
            [_relation(pair, pair.old, r) for r in old_relations],
            [_relation(pair, pair.new, r) for r in new_relations],
        )
    pair.texts_field(out, "environment", a.environment, b.environment)
    return out


def role_facts(pair: Pair, org: Organization, role_id: str) -> dict[str, Any]:
    """Where an added or removed role sits and how many people it has."""
    role = org.roles[role_id]
    facts: dict[str, Any] = {
        "department": pair.department(org, role.department),
        "reports_to": pair.role(org, role.reports_to),
        "headcount": headcount_label(role.headcount),
    }
    if role.level:
        facts["level"] = pair.level(org, role.level)
    if role.grade:
        facts["grade"] = _grade(pair, org, role.grade)
    for flag in ("vacant", "optional", "external"):
        if getattr(role, flag):
            facts[flag] = True
    if role.employment != "full_time":
        facts["employment"] = role.employment
    facts["duties"] = len(role.duties)
    return facts


def _grade(pair: Pair, org: Organization, grade: str | None) -> dict[str, str] | None:
    if grade is None:
        return None
    known = org.settings.grades.get(grade)
    return ref(grade, pair.text(org, known.name) if known else grade)


def _qualifications(pair: Pair, out: list[Change], a: Role, b: Role) -> None:
    qa, qb = a.qualifications, b.qualifications
    for field in ("education", "experience", "scope"):
        pair.texts_field(out, f"qualifications.{field}", getattr(qa, field, None), getattr(qb, field, None))
    pair.scalar(
        out, "qualifications.experience_years", getattr(qa, "experience_years", None), qb and qb.experience_years
    )
    for field in ("majors", "knowledge", "skills", "other"):
        pair.text_list(out, f"qualifications.{field}", getattr(qa, field, []), getattr(qb, field, []))


def _relation(pair: Pair, org: Organization, entry: RelationEntry) -> str:
    """A working relation as one text: `with：about`, `with` named by title or name."""
    if isinstance(entry, (str, dict)):
        return pair.text(org, entry)
    other = org.roles.get(entry.with_) or org.departments.get(entry.with_)
    name = entry.with_
    if isinstance(other, Role):
        name = pair.text(org, other.title)
    elif isinstance(other, Department):
        name = pair.text(org, other.name)
    return f"{name}：{pair.text(org, entry.about)}" if entry.about else name


# --- departments -------------------------------------------------------------------------------


def department_changes(pair: Pair, old_id: str, new_id: str, *, people_too: bool = True) -> list[Change]:
    """Every change of a department kept in the new version, with its people roll-up (unless `people_too`
    is false: a role file that did not load would make the roll-ups differ for no real reason)."""
    a, b = pair.old.departments[old_id], pair.new.departments[new_id]
    out: list[Change] = []
    pair.scalar(out, "id", old_id, new_id)
    pair.texts_field(out, "name", a.name, b.name)
    if not pair.same_department(a.parent, b.parent):
        out.append(
            Change("parent", "changed", pair.department(pair.old, a.parent), pair.department(pair.new, b.parent))
        )
    if not pair.same_role(a.head, b.head):
        out.append(Change("head", "changed", pair.role(pair.old, a.head), pair.role(pair.new, b.head)))
    old_people, new_people = people(pair.old, old_id), people(pair.new, new_id)
    if people_too and old_people != new_people:
        out.append(Change("people", "changed", old_people, new_people))
    for field in ("headcount_budget", "archetype", "external", "order"):
        pair.scalar(out, field, getattr(a, field), getattr(b, field))
    pair.texts_field(out, "mission", a.mission, b.mission)
    pair.text_list(out, "aliases", a.aliases, b.aliases)
    pair.text_list(out, "duties", a.duties, b.duties)
    pair.text_list(out, "authorities", a.authorities, b.authorities)
    pair.kpis(out, a.kpis, b.kpis)
    _functions(pair, out, a, b)
    return out


def people(org: Organization, dept_id: str) -> dict[str, Any]:
    """The department's people with its sub-departments, and its budget."""
    low, high, variable = org.department_people(dept_id)
    return {"min": low, "max": high, "variable": variable}


def department_facts(pair: Pair, org: Organization, dept_id: str) -> dict[str, Any]:
    """Where an added or removed department sits, who leads it, how many people."""
    dept = org.departments[dept_id]
    facts: dict[str, Any] = {
        "parent": pair.department(org, dept.parent),
        "head": pair.role(org, dept.head),
        "people": people(org, dept_id),
    }
    if dept.headcount_budget is not None:
        facts["headcount_budget"] = dept.headcount_budget
    return facts


def _functions(pair: Pair, out: list[Change], a: Department, b: Department) -> None:
    """Functions by id, then by name; their name, description, details and deliverables."""
    old = {f.id: f for f in a.functions}
    new = {f.id: f for f in b.functions}
    matched = [(i, i) for i in old if i in new]
    gone = [i for i in old if i not in new]
    came = [i for i in new if i not in old]
    matched += best_pairs(
        gone,
        came,
        lambda x, y: similarity(key(pair.text(pair.old, old[x].name)), key(pair.text(pair.new, new[y].name))),
        0.7,
    )
    paired_old, paired_new = {x for x, _ in matched}, {y for _, y in matched}
    for y in came:
        if y not in paired_new:
            out.append(Change("functions", "added", new=pair.text(pair.new, new[y].name)))
    for x in gone:
        if x not in paired_old:
            out.append(Change("functions", "removed", old=pair.text(pair.old, old[x].name)))
    for x, y in matched:
        f, g = old[x], new[y]
        item = pair.text(pair.new, g.name)
        changes: list[Change] = []
        pair.texts_field(changes, "functions", f.name, g.name)
        for change in changes:
            change.action = "reworded"
        pair.texts_field(changes, "function.description", f.description, g.description)
        pair.text_list(changes, "function.details", _details(f.details), _details(g.details))
        pair.text_list(changes, "function.deliverables", f.deliverables, g.deliverables)
        for change in changes:
            if change.field != "functions":
                change.item = item
        out += changes


def _details(details: list[Detail]) -> list[Any]:
    """Nested work-content items flattened, each with its parents: `a / b / c`."""
    out: list[Any] = []

    def walk(items: list[Any], prefix: str) -> None:
        for item in items:
            text = item if isinstance(item, (str, dict)) else item.text
            label = text if isinstance(text, str) else next(iter(text.values()), "")
            out.append(prefix + label)
            if not isinstance(item, (str, dict)):
                walk(item.details, f"{prefix}{label} / ")

    walk(details, "")
    return out


# --- processes ---------------------------------------------------------------------------------

RACI = ("responsible", "accountable", "consulted", "informed")


def process_changes(pair: Pair, old_id: str, new_id: str) -> list[Change]:
    """Every change of a process: name, owner, steps and their R/A/C/I roles."""
    a, b = pair.old.processes[old_id], pair.new.processes[new_id]
    out: list[Change] = []
    pair.scalar(out, "id", old_id, new_id)
    pair.texts_field(out, "name", a.name, b.name)
    if not pair.same_role(a.owner, b.owner):
        out.append(Change("owner", "changed", pair.role(pair.old, a.owner), pair.role(pair.new, b.owner)))
    _steps(pair, out, a, b)
    return out


def _steps(pair: Pair, out: list[Change], a: Process, b: Process) -> None:
    old = {s.id: (i, s) for i, s in enumerate(a.steps)}
    new = {s.id: (j, s) for j, s in enumerate(b.steps)}
    matched = [(x, x) for x in old if x in new]
    gone = [x for x in old if x not in new]
    came = [y for y in new if y not in old]
    names_old = [key(pair.text(pair.old, old[x][1].name)) for x in gone]
    names_new = [key(pair.text(pair.new, new[y][1].name)) for y in came]
    by_name = match_lists(names_old, names_new)
    matched += [(gone[i], came[j]) for i, j in by_name.same + by_name.reworded]
    for j in by_name.added:
        out.append(Change("steps", "added", new=pair.text(pair.new, new[came[j]][1].name)))
    for i in by_name.removed:
        out.append(Change("steps", "removed", old=pair.text(pair.old, old[gone[i]][1].name)))
    for x, y in sorted(matched, key=lambda p: new[p[1]][0]):
        s, t = old[x][1], new[y][1]
        item = pair.text(pair.new, t.name)
        changes: list[Change] = []
        pair.texts_field(changes, "steps", s.name, t.name)
        for change in changes:
            change.action = "reworded"
        pair.texts_field(changes, "step.phase", s.phase, t.phase)
        for field in RACI:
            pair.role_refs(changes, f"step.{field}", s.roles(field), t.roles(field))
        pair.texts_field(changes, "step.key_points", s.key_points, t.key_points)
        for change in changes:
            if change.field != "steps":
                change.item = item
        out += changes
    positions = [new[y][0] for _, y in sorted(matched, key=lambda p: old[p[0]][0])]
    if positions != sorted(positions):
        out.append(Change("steps", "reordered"))


def process_facts(pair: Pair, org: Organization, process_id: str) -> dict[str, Any]:
    """Owner and number of steps of an added or removed process."""
    process = org.processes[process_id]
    return {"owner": pair.role(org, process.owner), "steps": len(process.steps)}
