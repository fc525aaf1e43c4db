"""Compare two loaded versions of an organisation: the DiffResult every output draws."""

from mktorg.diagnostics import Diagnostic
from mktorg.diff.context import Pair
from mktorg.diff.duties import DutyDiff
from mktorg.diff.entities import (
    department_changes,
    department_facts,
    process_changes,
    process_facts,
    role_changes,
    role_facts,
)
from mktorg.diff.findings import findings_changes
from mktorg.diff.model import DiffResult, EntityDiff
from mktorg.diff.settings import settings_changes
from mktorg.load.loader import LoadResult


def compare(
    old: LoadResult,
    new: LoadResult,
    lang: str | None = None,
    findings: tuple[list[Diagnostic], list[Diagnostic]] | None = None,
    *,
    old_empty: bool = False,
) -> DiffResult:
    """What changed from `old` to `new`; `findings` are the lint diagnostics of each, when compared too.

    `old_empty`: the old version holds no organisation, so its defaults (name, settings) are not news.
    """
    pair = Pair(old.org, new.org, lang)
    departments = _departments(pair)
    roles = _roles(pair)
    processes = _processes(pair)
    introduced: list[Diagnostic] = []
    resolved: list[Diagnostic] = []
    if findings is not None:
        renames = [
            *(("role", o, n) for o, n in pair.roles.items()),
            *(("department", o, n) for o, n in pair.departments.items()),
            *(("process", o, n) for o, n in pair.processes.items()),
        ]
        introduced, resolved = findings_changes(findings[0], findings[1], old, new, renames)
    order = _department_order(pair)
    return DiffResult(
        organization=[] if old_empty else settings_changes(pair),
        departments=departments,
        roles=sorted(roles, key=lambda e: order.get((e.department or {"id": ""})["id"], len(order))),
        processes=processes,
        introduced=introduced,
        resolved=resolved,
        old_name=old.org.name(lang),
        new_name=new.org.name(lang),
        department_order=list(order),
        role_ids=dict(pair.roles),
        department_ids=dict(pair.departments),
        unreadable={
            "old": sorted(f"{kind}:{i}" for kind, ids in old.org.broken.items() for i in ids),
            "new": sorted(f"{kind}:{i}" for kind, ids in new.org.broken.items() for i in ids),
        },
    )


def _departments(pair: Pair) -> list[EntityDiff]:
    """Departments in the new tree order, then removed ones in the old tree order."""
    people_too = not (pair.old.broken["role"] or pair.new.broken["role"])
    out = []
    for new_id in pair.new.department_tree_order():
        if new_id in pair.old.broken["department"]:
            continue
        old_id = pair.departments_back.get(new_id)
        here = pair.department(pair.new, new_id)
        if old_id is None:
            facts = department_facts(pair, pair.new, new_id)
            out.append(EntityDiff("department", "added", None, here, here, facts=facts))
            continue
        a, b = pair.old.departments[old_id], pair.new.departments[new_id]
        if old_id == new_id and (a is b or a == b) and not (people_too and _people_changed(pair, old_id)):
            continue  # the very same file, and nothing below it changed
        changes = department_changes(pair, old_id, new_id, people_too=people_too)
        if changes:
            out.append(EntityDiff("department", "changed", pair.department(pair.old, old_id), here, here, changes))
    for old_id in pair.old.department_tree_order():
        if old_id not in pair.departments and old_id not in pair.new.broken["department"]:
            there = pair.department(pair.old, old_id)
            facts = department_facts(pair, pair.old, old_id)
            out.append(EntityDiff("department", "removed", there, None, there, facts=facts))
    return out


def _people_changed(pair: Pair, dept_id: str) -> bool:
    return pair.old.department_people(dept_id) != pair.new.department_people(dept_id)


def _roles(pair: Pair) -> list[EntityDiff]:
    removed = [r for r in pair.old.roles_by_department() if r not in pair.roles and r not in pair.new.broken["role"]]
    added = [r for r in pair.new.roles_by_department() if r not in pair.roles_back and r not in pair.old.broken["role"]]
    renamed = any(o != n for o, n in pair.roles.items()) or any(o != n for o, n in pair.departments.items())
    kept = {o: n for o, n in pair.roles.items() if renamed or not _same_role(pair, o, n)}
    duties = DutyDiff(pair, kept, removed, added)
    out = []
    for new_id in pair.new.roles_by_department():
        if new_id in pair.old.broken["role"]:
            continue  # its old file did not load: nothing to compare with
        old_id = pair.roles_back.get(new_id)
        role = pair.new.roles[new_id]
        here = pair.role(pair.new, new_id)
        department = pair.department(pair.new, role.department)
        if old_id is None:
            facts = role_facts(pair, pair.new, new_id)
            out.append(EntityDiff("role", "added", None, here, department, duties.for_role(new_id), facts))
            continue
        if old_id not in kept:
            continue  # the same role, word for word
        changes = role_changes(pair, old_id, new_id, duties.for_role(new_id))
        if changes:
            out.append(EntityDiff("role", "changed", pair.role(pair.old, old_id), here, department, changes))
    for old_id in removed:
        role = pair.old.roles[old_id]
        there = pair.role(pair.old, old_id)
        new_dept = pair.departments.get(role.department)
        department = pair.department(pair.new, new_dept) if new_dept else pair.department(pair.old, role.department)
        facts = role_facts(pair, pair.old, old_id)
        out.append(EntityDiff("role", "removed", there, None, department, duties.for_role(old_id), facts))
    return out


def _department_order(pair: Pair) -> dict[str, int]:
    """Display order of departments: the new tree, then those removed (old tree order)."""
    order = {d: i for i, d in enumerate(pair.new.department_tree_order())}
    for old_id in pair.old.department_tree_order():
        if old_id not in pair.departments:
            order[old_id] = len(order)
    return order


def _processes(pair: Pair) -> list[EntityDiff]:
    out = []
    back = {n: o for o, n in pair.processes.items()}
    for new_id in sorted(pair.new.processes):
        if new_id in pair.old.broken["process"]:
            continue
        old_id = back.get(new_id)
        here = {"id": new_id, "name": pair.text(pair.new, pair.new.processes[new_id].name)}
        if old_id is None:
            out.append(EntityDiff("process", "added", None, here, facts=process_facts(pair, pair.new, new_id)))
            continue
        changes = process_changes(pair, old_id, new_id)
        if changes:
            there = {"id": old_id, "name": pair.text(pair.old, pair.old.processes[old_id].name)}
            out.append(EntityDiff("process", "changed", there, here, changes=changes))
    for old_id in sorted(pair.old.processes):
        if old_id not in pair.processes and old_id not in pair.new.broken["process"]:
            there = {"id": old_id, "name": pair.text(pair.old, pair.old.processes[old_id].name)}
            out.append(EntityDiff("process", "removed", there, None, facts=process_facts(pair, pair.old, old_id)))
    return out


def _same_role(pair: Pair, old_id: str, new_id: str) -> bool:
    """The same id and the same content (the very same object when both versions share the file)."""
    a, b = pair.old.roles[old_id], pair.new.roles[new_id]
    return old_id == new_id and (a is b or a == b)
