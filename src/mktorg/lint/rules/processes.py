"""MK6xx: processes (流程) and who does, approves, is consulted and informed."""

from mktorg.diagnostics import Severity
from mktorg.lint.registry import Context, rule
from mktorg.model.organization import Organization

E, W = Severity.ERROR, Severity.WARNING


@rule("MK601", "step-without-responsible", E, per_file=True)
def step_without_responsible(org: Organization, ctx: Context) -> None:
    """A step with no `responsible`.

    Why: a step nobody does is not done; every step needs at least one doer (R).

    Bad:
    ```yaml
    steps:
      - {id: report, name: 编制调研报告, accountable: market-director}
    ```

    Good:
    ```yaml
    steps:
      - {id: report, name: 编制调研报告, responsible: [planning-manager], accountable: market-director}
    ```
    """
    for proc_id, proc in sorted(org.processes.items()):
        for i, step in enumerate(proc.steps):
            if not step.roles("responsible"):
                ctx.report(
                    ctx.source("process", proc_id),
                    ["steps", i, "id"],
                    f"step '{step.id}' has no responsible role",
                    "add responsible: [<role id>]",
                )


@rule("MK602", "accountable-count", E, per_file=True)
def accountable_count(org: Organization, ctx: Context) -> None:
    """A step without exactly one `accountable`.

    Why: approval (审批) sits with one role; none means nobody signs off, two means neither does.

    Bad:
    ```yaml
    steps:
      - {id: approve, name: 项目立项, responsible: [market-director], accountable: [general-manager, cfo]}
    ```

    Good:
    ```yaml
    steps:
      - {id: approve, name: 项目立项, responsible: [market-director], accountable: general-manager}
    ```
    """
    for proc_id, proc in sorted(org.processes.items()):
        for i, step in enumerate(proc.steps):
            count = len(step.roles("accountable"))
            if count != 1:
                path: list[str | int] = ["steps", i, "accountable" if count else "id"]
                ctx.report(
                    ctx.source("process", proc_id),
                    path,
                    f"step '{step.id}' has {count} accountable roles, not exactly one",
                    "name exactly one approver: accountable: <role id>",
                )


@rule("MK603", "approver-not-senior", W)
def approver_not_senior(org: Organization, ctx: Context) -> None:
    """The accountable role is not above the responsible roles in the reporting line.

    Why: an approval by a peer or a subordinate is no control; the approver should be a
    superior of every doer.

    Bad:
    ```yaml
    steps:
      - {id: plan, name: 编制项目计划书, responsible: [market-director], accountable: planning-manager}
    ```

    Good:
    ```yaml
    steps:
      - {id: plan, name: 编制项目计划书, responsible: [planning-manager], accountable: market-director}
    ```
    """
    for proc_id, proc in sorted(org.processes.items()):
        for i, step in enumerate(proc.steps):
            approvers = step.roles("accountable")
            if len(approvers) != 1 or approvers[0] not in org.roles:
                continue
            for doer in step.roles("responsible"):
                if doer in org.roles and not org.above(approvers[0], doer):
                    ctx.report(
                        ctx.source("process", proc_id),
                        ["steps", i, "accountable"],
                        f"approver '{approvers[0]}' is not above '{doer}' in the reporting line",
                        "let a superior of the responsible roles approve",
                    )
                    break
