"""MK2xx: the shape of the organisation (组织结构)."""

from mktorg.diagnostics import Severity
from mktorg.lint.registry import Context, rule
from mktorg.model.organization import Organization

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO


def _cycles(parents: dict[str, str | None]) -> list[list[str]]:
    """Every cycle of a parent map, each starting at its smallest id."""
    state: dict[str, int] = {}
    found: list[list[str]] = []
    for start in sorted(parents):
        path: list[str] = []
        node: str | None = start
        while node in parents and state.get(node, 0) == 0:
            state[node] = 1
            path.append(node)
            node = parents[node]
        if node is not None and state.get(node) == 1:
            cycle = path[path.index(node) :]
            pivot = cycle.index(min(cycle))
            found.append(cycle[pivot:] + cycle[:pivot])
        for member in path:
            state[member] = 2
    return found


@rule("MK201", "reporting-cycle", E)
def reporting_cycle(org: Organization, ctx: Context) -> None:
    """`reports_to` lines form a loop.

    Why: in a loop nobody is at the top; the chart cannot be drawn and layers cannot be counted.

    Bad:
    ```yaml
    # roles/a.yaml
    reports_to: b
    # roles/b.yaml
    reports_to: a
    ```

    Good:
    ```yaml
    # roles/b.yaml: b reports to a role outside the loop
    reports_to: director
    ```
    """
    for cycle in _cycles({r: role.reports_to for r, role in org.roles.items()}):
        ctx.report(
            ctx.source("role", cycle[0]),
            ["reports_to"],
            "reporting cycle: " + " -> ".join([*cycle, cycle[0]]),
            "one of these roles must report to a role outside the cycle",
        )


@rule("MK202", "department-cycle", E)
def department_cycle(org: Organization, ctx: Context) -> None:
    """`parent` lines form a loop.

    Why: a department cannot contain itself; the department tree has no top.

    Bad:
    ```yaml
    # departments/a.yaml
    parent: b
    # departments/b.yaml
    parent: a
    ```

    Good:
    ```yaml
    # departments/b.yaml
    parent: marketing
    ```
    """
    for cycle in _cycles({d: dept.parent for d, dept in org.departments.items()}):
        ctx.report(
            ctx.source("department", cycle[0]),
            ["parent"],
            "department cycle: " + " -> ".join([*cycle, cycle[0]]),
            "one of these departments must have a parent outside the cycle, or none",
        )


@rule("MK203", "multiple-roots", W, cascades=True)
def multiple_roots(org: Organization, ctx: Context) -> None:
    """More than one non-external role has no `reports_to`.

    Why: a design has one top role (营销总监, say); a second top usually means a forgotten
    `reports_to`. Make the executive above the department an `external: true` role instead.
    One finding names every top role, at the first of them.

    Bad:
    ```yaml
    # roles/director.yaml and roles/planner.yaml both without reports_to
    ```

    Good:
    ```yaml
    # roles/planner.yaml
    reports_to: director
    ```
    """
    roots = org.roots()
    if len(roots) > 1:
        ctx.report(
            ctx.source("role", roots[0]),
            ["title"],
            f"{len(roots)} roles have no reports_to: " + ", ".join(roots),
            "give all but the top role a reports_to, or mark the executive above the design as external: true",
        )


@rule("MK204", "department-without-head", W, per_file=True)
def department_without_head(org: Organization, ctx: Context) -> None:
    """A non-external department has no `head`.

    Why: every unit needs a single point of overall accountability (对部门绩效目标达成总负责).

    Bad:
    ```yaml
    name: 市场推广部
    ```

    Good:
    ```yaml
    name: 市场推广部
    head: promotion-manager
    ```
    """
    for dept_id, dept in sorted(org.departments.items()):
        if dept.head is None and not dept.external:
            ctx.report(
                ctx.source("department", dept_id),
                ["name"],
                f"department '{dept_id}' has no head",
                "add head: <role id of the position that leads it>",
            )


@rule("MK205", "empty-department", W, cascades=True)
def empty_department(org: Organization, ctx: Context) -> None:
    """A department with no roles and no sub-departments.

    Why: an empty box on the chart is usually a department whose roles were never written
    (公关部 named but never staffed).

    Bad:
    ```yaml
    # departments/pr.yaml, and no role has department: pr
    name: 公关部
    ```

    Good: add its roles, or delete the department.
    """
    for dept_id, dept in sorted(org.departments.items()):
        if not dept.external and not org.department_roles.get(dept_id) and not org.department_children.get(dept_id):
            ctx.report(
                ctx.source("department", dept_id),
                ["name"],
                f"department '{dept_id}' has no roles",
                "add roles with department: " + dept_id + ", or remove the department",
            )


@rule("MK208", "span-too-wide", W, cascades=True)
def span_too_wide(org: Organization, ctx: Context) -> None:
    """A role's direct reports (people, summing headcount) exceed `span_of_control.max` (default 10).

    Why: past about ten people a manager cannot coach, review and assess each one (管理跨度).
    A report of headcount `N` (a variable number, 若干) counts as at least one person.

    Bad:
    ```yaml
    # 12 sales reps report to sales-manager: headcount: 12, reports_to: sales-manager
    ```

    Good:
    ```yaml
    # add two 销售主管 under sales-manager, six reps each
    ```
    """
    limit = org.settings.lint.span_of_control.max
    for boss, span in org.spans.items():
        if span.people > limit:
            count = f"at least {span.people}" if span.variable else str(span.people)
            ctx.report(
                ctx.source("role", boss),
                ["title"],
                f"{count} people report directly to '{boss}' (span_of_control.max is {limit})",
                "add a supervisory layer or move some roles",
            )


@rule("MK209", "span-too-narrow", I, cascades=True)
def span_too_narrow(org: Organization, ctx: Context) -> None:
    """A manager with fewer direct reports than `span_of_control.min` (default 2).

    Why: a manager of one person adds a layer without adding management capacity. A report
    of headcount `N` (a variable number, 若干) may be any number of people, so a manager
    with one is never reported.

    Bad:
    ```yaml
    # only research-specialist (headcount 1) reports to research-lead
    ```

    Good:
    ```yaml
    # research-specialist has headcount: 2, or research-lead is merged upward
    ```
    """
    limit = org.settings.lint.span_of_control.min
    for boss, span in org.spans.items():
        if span.people < limit and not span.variable:
            ctx.report(
                ctx.source("role", boss),
                ["title"],
                f"only {span.people} direct report(s) for '{boss}' (span_of_control.min is {limit})",
                "merge the layer or widen the team",
            )


@rule("MK206", "head-reports-outside", W)
def head_reports_outside(org: Organization, ctx: Context) -> None:
    """A department head reports to a role outside its parent department.

    Why: the head of a sub-department should report into the department above it; anything
    else makes the chart and the department tree disagree.

    Bad:
    ```yaml
    # departments/promotion.yaml has parent: market; its head reports to a sales role
    reports_to: sales-manager
    ```

    Good:
    ```yaml
    reports_to: market-manager     # a role of departments/market
    ```
    """
    for dept_id, dept in sorted(org.departments.items()):
        head = org.roles.get(dept.head or "")
        boss = org.roles.get(head.reports_to or "") if head else None
        if head is None or boss is None or boss.external or dept.external or dept.parent is None:
            continue
        if boss.department != dept.parent:
            ctx.report(
                ctx.source("role", dept.head or ""),
                ["reports_to"],
                f"head of '{dept_id}' reports to '{head.reports_to}' of department '{boss.department}', "
                f"outside the parent department '{dept.parent}'",
                f"report to a role of '{dept.parent}' (usually its head)",
            )


@rule("MK207", "cross-department-report", W)
def cross_department_report(org: Organization, ctx: Context) -> None:
    """A non-head role reports to a role of another department.

    Why: people report inside their department; only its head reports upward. A solid line
    across departments is usually a misplaced role or a missing dotted line.

    Bad:
    ```yaml
    # roles/designer.yaml
    department: promotion
    reports_to: planning-manager     # department: planning
    ```

    Good:
    ```yaml
    department: promotion
    reports_to: promotion-manager
    dotted_to: [planning-manager]
    ```
    """
    heads = {dept.head for dept in org.departments.values()}
    for role_id, role in org.iter_roles():
        boss = org.roles.get(role.reports_to or "")
        if boss is None or role.external or boss.external or role_id in heads:
            continue
        if boss.department != role.department:
            ctx.report(
                ctx.source("role", role_id),
                ["reports_to"],
                f"'{role_id}' of '{role.department}' reports to '{role.reports_to}' of '{boss.department}'",
                "move the role, report inside the department, or use dotted_to",
            )


@rule("MK210", "too-many-layers", W, cascades=True)
def too_many_layers(org: Organization, ctx: Context) -> None:
    """The reporting chain is deeper than `max_layers` (default 6).

    Why: every layer slows decisions and information (管理层次).

    Bad: 总监 → 经理 → 副理 → 主管 → 组长 → 专员 → 助理 (7 layers).

    Good: merge layers, or raise `lint.max_layers` in org.yaml when the depth is intended.
    """
    limit = org.settings.lint.max_layers
    for role_id, role in org.iter_roles():
        if role.external:
            continue
        if org.layer_count(role_id) == limit + 1:
            chain = [r for r in org.chain(role_id) if not org.roles[r].external]
            ctx.report(
                ctx.source("role", role_id),
                ["reports_to"],
                f"'{role_id}' is {len(chain)} layers deep (max_layers is {limit}): " + " -> ".join(reversed(chain)),
                "flatten the chain or raise lint.max_layers",
            )


@rule("MK211", "dotted-line-conflict", W, per_file=True)
def dotted_line_conflict(org: Organization, ctx: Context) -> None:
    """A dotted line to oneself, to the solid-line superior, or twice.

    Why: a dotted line (虚线汇报) is a second, advisory superior in a matrix; to oneself or
    to the direct superior it means nothing, and twice is a copy error.

    Bad:
    ```yaml
    reports_to: brand-manager
    dotted_to: [brand-manager]
    ```

    Good:
    ```yaml
    reports_to: brand-manager
    dotted_to: [product-manager]
    ```
    """
    for role_id, role in org.iter_roles():
        seen: set[str] = set()
        for i, boss in enumerate(role.dotted()):
            path: list[str | int] = ["dotted_to", i] if isinstance(role.dotted_to, list) else ["dotted_to"]
            problem = None
            if boss == role_id:
                problem = "a dotted line to the role itself"
            elif boss == role.reports_to:
                problem = f"a dotted line to '{boss}', who is already the solid-line superior"
            elif boss in seen:
                problem = f"'{boss}' is listed twice in dotted_to"
            seen.add(boss)
            if problem:
                ctx.report(ctx.source("role", role_id), path, problem, "remove this dotted_to entry")
