"""MK1xx: references between files must resolve."""

from mktorg.diagnostics import Severity
from mktorg.lint.registry import Context, rule
from mktorg.model import Role, function_ref
from mktorg.model.organization import Organization
from mktorg.model.role import Relation

E = Severity.ERROR


@rule("MK101", "unknown-department", E)
def unknown_department(org: Organization, ctx: Context) -> None:
    """`department` or `parent` names no department.

    Why: a role in a department that does not exist is missing from every chart and
    headcount total.

    Bad:
    ```yaml
    # roles/planner.yaml
    title: 策划专员
    department: planing
    ```

    Good:
    ```yaml
    # roles/planner.yaml
    title: 策划专员
    department: planning
    ```
    """
    for role_id, role in org.iter_roles():
        if not org.known("department", role.department):
            ctx.report(
                ctx.source("role", role_id),
                ["department"],
                f"unknown department '{role.department}'",
                _closest(role.department, org.departments),
            )
    for dept_id, dept in sorted(org.departments.items()):
        if dept.parent is not None and not org.known("department", dept.parent):
            ctx.report(
                ctx.source("department", dept_id),
                ["parent"],
                f"unknown department '{dept.parent}'",
                _closest(dept.parent, org.departments),
            )


@rule("MK102", "unknown-role", E)
def unknown_role(org: Organization, ctx: Context) -> None:
    """`reports_to`, `dotted_to`, `head`, `supports`, `concurrent`, `owner`, a process role or a relation names no role.

    Why: a reporting line to a role that does not exist breaks the chart and the job
    descriptions (直接上级). A working relation (`relations.internal` / `external`) may name
    a role or a department with `with:`.

    Bad:
    ```yaml
    # roles/planner.yaml
    title: 策划专员
    department: planning
    reports_to: planing-manager
    ```

    Good:
    ```yaml
    # roles/planner.yaml
    title: 策划专员
    department: planning
    reports_to: planning-manager
    ```
    """

    def check(source_kind: str, source_id: str, path: list[str | int], ref: str | None) -> None:
        if ref is not None and not org.known("role", ref):
            ctx.report(ctx.source(source_kind, source_id), path, f"unknown role '{ref}'", _closest(ref, org.roles))

    roles = org.roles  # a loaded role is known: `check` is called only for the others
    for role_id, role in org.iter_roles():
        if role.reports_to not in roles:
            check("role", role_id, ["reports_to"], role.reports_to)
        if role.dotted_to:
            for i, boss in enumerate(role.dotted()):
                if boss not in roles:
                    path: list[str | int] = ["dotted_to", i] if isinstance(role.dotted_to, list) else ["dotted_to"]
                    check("role", role_id, path, boss)
        for i, other in enumerate(role.concurrent):
            if other not in roles:
                check("role", role_id, ["concurrent", i], other)
        for i, duty in enumerate(role.duties):  # a plain string supports nobody
            if not isinstance(duty, str) and duty.supports not in roles:
                check("role", role_id, ["duties", i, "supports"], duty.supports)
        if role.relations is not None:
            _unknown_relations(org, ctx, role_id, role)
    for dept_id, dept in sorted(org.departments.items()):
        check("department", dept_id, ["head"], dept.head)
    for proc_id, proc in sorted(org.processes.items()):
        check("process", proc_id, ["owner"], proc.owner)
        for i, step in enumerate(proc.steps):
            for field in ("responsible", "accountable", "consulted", "informed"):
                value = getattr(step, field)
                for j, ref in enumerate(step.roles(field)):
                    step_path: list[str | int] = ["steps", i, field]
                    if isinstance(value, list):
                        step_path.append(j)
                    check("process", proc_id, step_path, ref)


def _unknown_relations(org: Organization, ctx: Context, role_id: str, role: Role) -> None:
    """MK102 for a `relations.*[].with` that names neither a role nor a department."""
    if role.relations is None:
        return
    for side in ("internal", "external"):
        for i, entry in enumerate(getattr(role.relations, side)):
            if not isinstance(entry, Relation):
                continue
            ref = entry.with_
            if org.known("role", ref) or org.known("department", ref):
                continue
            hint = _closest(ref, [*org.roles, *org.departments]) or (
                "name a role or department id, or write the relation as text"
            )
            ctx.report(
                ctx.source("role", role_id),
                ["relations", side, i, "with"],
                f"unknown role or department '{ref}' in relations.{side}",
                hint,
            )


@rule("MK103", "unknown-function", E)
def unknown_function(org: Organization, ctx: Context) -> None:
    """A duty's `function` names no function.

    Why: the function breakdown (职能分解表) maps department functions to the duties that
    carry them out; a broken link leaves the function looking unassigned.

    Bad:
    ```yaml
    duties:
      - text: 编制年度推广计划
        function: promotion-plan
    ```

    Good:
    ```yaml
    duties:
      - text: 编制年度推广计划
        function: promotion-planning        # a function of the role's department
      - text: 收集竞争对手资料
        function: research/competitor-analysis   # <department>/<function>
    ```
    """
    declared: dict[str, set[str]] = {}  # function ids by department, made when first asked
    for role_id, role in org.iter_roles():
        for i, duty in enumerate(role.duties):  # a plain string names no function
            if isinstance(duty, str) or duty.function is None:
                continue
            dept_id, function_id = function_ref(role.department, duty.function)
            ids = declared.get(dept_id)
            if ids is None and dept_id in org.departments:
                ids = declared[dept_id] = {f.id for f in org.departments[dept_id].functions}
            if ids is not None and function_id in ids:
                continue
            dept = org.departments.get(dept_id)
            if dept is None:
                if not org.known("department", dept_id):
                    ctx.report(
                        ctx.source("role", role_id),
                        ["duties", i, "function"],
                        f"unknown department '{dept_id}' in function '{duty.function}'",
                    )
                continue
            if all(f.id != function_id for f in dept.functions):
                known = [f.id for f in dept.functions]
                hint = _closest(function_id, known) or (
                    f"functions of {dept_id}: {', '.join(known)}" if known else f"{dept_id} declares no functions"
                )
                ctx.report(
                    ctx.source("role", role_id),
                    ["duties", i, "function"],
                    f"unknown function '{function_id}' of department '{dept_id}'",
                    hint,
                )


@rule("MK104", "head-outside-department", E)
def head_outside_department(org: Organization, ctx: Context) -> None:
    """A department's `head` belongs to another department.

    Why: the head leads the department, so the head's role must be one of its roles.

    Bad:
    ```yaml
    # departments/sales.yaml
    name: 销售部
    head: market-manager     # a role of departments/market
    ```

    Good:
    ```yaml
    # departments/sales.yaml
    name: 销售部
    head: sales-manager      # department: sales
    ```
    """
    for dept_id, dept in sorted(org.departments.items()):
        head = org.roles.get(dept.head or "")
        if head is not None and head.department != dept_id:
            ctx.report(
                ctx.source("department", dept_id),
                ["head"],
                f"head '{dept.head}' belongs to department '{head.department}', not '{dept_id}'",
                f"set department: {dept_id} in the role, or choose a head from this department",
            )


@rule("MK105", "unknown-level", E, per_file=True)
def unknown_level(org: Organization, ctx: Context) -> None:
    """A role's `level` is not in `org.yaml` `levels`.

    Why: the level ladder keeps grades comparable across departments.

    Bad:
    ```yaml
    # org.yaml has levels: [总监, 经理, 主管, 专员]
    level: 副经理
    ```

    Good:
    ```yaml
    level: 经理
    ```
    """
    levels = org.settings.level_names()
    if levels is None:
        return
    for role_id, role in org.iter_roles():
        if role.level is not None and role.level not in levels:
            ctx.report(
                ctx.source("role", role_id),
                ["level"],
                f"level '{role.level}' is not in org.yaml levels",
                "use one of: " + ", ".join(levels),
            )


@rule("MK106", "unknown-grade", E, per_file=True)
def unknown_grade(org: Organization, ctx: Context) -> None:
    """A role's `grade` is not in `org.yaml` `grades`.

    Why: a grade (薪酬等级) names a pay band of org.yaml; an unknown one cannot be priced in a
    cost estimate and is usually a typo.

    Bad:
    ```yaml
    # org.yaml has grades: {M1: {name: 经理一级, min: 15000, max: 22000}}
    grade: M2
    ```

    Good:
    ```yaml
    grade: M1
    ```
    """
    grades = org.settings.grades
    for role_id, role in org.iter_roles():
        if role.grade is None or role.grade in grades:
            continue
        if grades:
            hint = "use one of: " + ", ".join(sorted(grades))
        else:
            hint = "org.yaml declares no grades: add them under grades:, or remove grade:"
        ctx.report(ctx.source("role", role_id), ["grade"], f"grade '{role.grade}' is not in org.yaml grades", hint)


def _closest(name: str, known: object) -> str | None:
    """The hint naming the id of `known` most like `name` (difflib's ratio, at least 0.6), if any."""
    matches = closest_matches(name, sorted(known), cutoff=0.6)  # type: ignore[call-overload]
    return f"did you mean '{matches[0]}'?" if matches else None


def closest_matches(name: str, candidates: list[str], cutoff: float) -> list[str]:
    """`difflib.get_close_matches(name, candidates, 1, cutoff)`, without scoring the candidates
    that cannot reach `cutoff`: difflib's ratio is at most 2·M / (len(name) + len(candidate)),
    M the candidate's characters found in `name`, counted for all candidates at once (an unknown
    reporting line among 10,000 roles: 3 ms instead of 12)."""
    import difflib
    import re

    joined = "\n".join(candidates)
    if name and candidates and joined.count("\n") == len(candidates) - 1:  # no candidate holds a line break
        chars = re.escape("".join(sorted(set(name) - {"\n"})))
        found = re.sub(f"[^{chars}\n]+", "", joined).split("\n")
        size = len(name)
        candidates = [
            candidate
            for candidate, kept in zip(candidates, found, strict=True)
            if 2.0 * len(kept) / (size + len(candidate)) >= cutoff
        ]
    return difflib.get_close_matches(name, candidates, n=1, cutoff=cutoff)
