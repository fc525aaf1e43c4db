"""MK012: identifiers written inside files (岗位编号) must be unique."""

from collections import defaultdict

from mktorg.diagnostics import Severity
from mktorg.lint.registry import Context, rule
from mktorg.model.organization import Organization


@rule("MK012", "duplicate-code", Severity.ERROR)
def duplicate_code(org: Organization, ctx: Context) -> None:
    """Two roles share a `code` (岗位编号).

    Why: a position code identifies one role in the client's HR system and in every
    document; two roles with one code cannot be told apart. Codes are compared ignoring
    spaces around them and letter case (`MKT-003` and `mkt-003` are one code).

    Bad:
    ```yaml
    # roles/planner.yaml
    code: MKT-003
    # roles/designer.yaml
    code: MKT-003
    ```

    Good:
    ```yaml
    # roles/designer.yaml
    code: MKT-004
    ```
    """
    holders: dict[str, list[str]] = defaultdict(list)
    for role_id, role in org.iter_roles():
        if role.code is not None and role.code.strip():
            holders[role.code.strip().casefold()].append(role_id)
    for _, roles in sorted(holders.items()):
        first = roles[0]
        for role_id in roles[1:]:
            ctx.report(
                ctx.source("role", role_id),
                ["code"],
                f"code '{org.roles[role_id].code}' is also the code of '{first}'",
                "give every role its own code",
            )
