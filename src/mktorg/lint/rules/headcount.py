"""MK4xx: headcount and KPIs (编制与考核)."""

from mktorg.diagnostics import Severity
from mktorg.lint.registry import Context, rule
from mktorg.model import headcount_bounds, headcount_label
from mktorg.model.organization import Organization

E, W = Severity.ERROR, Severity.WARNING


@rule("MK401", "over-budget", E, cascades=True)
def over_budget(org: Organization, ctx: Context) -> None:
    """A department and its sub-departments hold more people than `headcount_budget`.

    Why: the budget (编制) is the approved number of people; a design over it will not be
    approved. Ranges count with their minimum; `N` (a variable number, 若干) adds no one known.

    Bad:
    ```yaml
    # departments/market.yaml: headcount_budget: 10, while its roles add up to 12
    ```

    Good:
    ```yaml
    headcount_budget: 12
    ```
    """
    for dept_id, dept in sorted(org.departments.items()):
        if dept.headcount_budget is None:
            continue
        low, _, _ = org.department_people(dept_id)
        if low > dept.headcount_budget:
            ctx.report(
                ctx.source("department", dept_id),
                ["headcount_budget"],
                f"'{dept_id}' holds {low} people, over its headcount_budget of {dept.headcount_budget}",
                "raise the budget or reduce headcount in the department and its sub-departments",
            )


@rule("MK402", "kpi-weights", E, per_file=True)
def kpi_weights(org: Organization, ctx: Context) -> None:
    """KPI weights are partly missing or do not sum to 100.

    Why: weights (权重) are percentages of one assessment; a missing weight or a total of
    110 makes the score meaningless.

    Bad:
    ```yaml
    kpis:
      - {name: 销售目标达成率, weight: 60}
      - {name: 回款率, weight: 50}
    ```

    Good:
    ```yaml
    kpis:
      - {name: 销售目标达成率, weight: 60}
      - {name: 回款率, weight: 40}
    ```
    """
    for role_id, role in org.iter_roles():
        weights = [k.weight for k in role.kpis]
        if all(w is None for w in weights):
            continue
        source = ctx.source("role", role_id)
        missing = [i for i, w in enumerate(weights) if w is None]
        if missing:
            ctx.report(
                source,
                ["kpis", missing[0]],
                "this KPI has no weight while others of the role do",
                "give every KPI a weight, or none",
            )
            continue
        total = sum(w for w in weights if w is not None)
        if abs(total - 100) > 1e-6:
            ctx.report(source, ["kpis"], f"KPI weights sum to {total:g}, not 100", "adjust the weights to total 100")


_MANAGER_RANKS = ("经理", "总监", "总裁", "部长", "主任", "负责人")
_BELOW_MANAGER_RANKS = ("主管", "副理", "组长", "领班")
"""Ranks in a title or level: 经理级以上 (one holder) and below it (主管 and 副理 may be several)."""


def _below_manager(org: Organization, rank: object) -> bool:
    """Whether a level or title names a rank below 经理 (市场推广主管, 副理) and no manager rank."""
    text = org.text(rank)
    return any(r in text for r in _BELOW_MANAGER_RANKS) and not any(r in text for r in _MANAGER_RANKS)


@rule("MK403", "manager-headcount", W)
def manager_headcount(org: Organization, ctx: Context) -> None:
    """A role with direct reports has a headcount above 1.

    Why: 经理级以上岗位只设一人: a managerial position is held by one person; two holders
    sharing one set of reports means two bosses (多头领导). The rule is for 经理级以上: a role
    whose level (or, without one, title) names a rank below it (主管, 副理, 组长) and no manager
    rank (经理, 总监, 部长, 主任, 负责人) may be held by several people who each lead a share
    of the team (`可以设立若干副理协助部门负责人分别管理下属员工`).

    Bad:
    ```yaml
    # roles/sales-manager.yaml, with roles reporting to it
    title: 销售经理
    headcount: 2
    ```

    Good:
    ```yaml
    title: 销售经理
    headcount: 1
    # roles/deputy.yaml, with roles reporting to it
    title: 副理
    headcount: N
    ```
    """
    for boss in org.managers:
        role = org.roles[boss]
        _, high, variable = headcount_bounds(role.headcount)
        if (high > 1 or variable) and not role.external and not _below_manager(org, role.level or role.title):
            ctx.report(
                ctx.source("role", boss),
                ["headcount"],
                f"'{boss}' has direct reports but a headcount of {headcount_label(role.headcount)}",
                "set headcount: 1, or split the role into one manager and a team",
            )
