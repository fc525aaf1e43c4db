"""`mktorg mv`: move a role to another department, or a department under another."""

from pathlib import Path
from typing import Annotated

import typer

from mktorg.cli.boundary import cli_command
from mktorg.cli.options import DryRunOpt, EditOrgOpt, ForceEditOpt
from mktorg.errors import MktorgError


@cli_command
def mv(
    item: Annotated[
        str, typer.Argument(metavar="ID", help="The role (with --department) or department (with --parent).")
    ],
    department: Annotated[
        str | None, typer.Option("--department", metavar="DEPT", help="Move the role ID into this department.")
    ] = None,
    reports_to: Annotated[
        str | None, typer.Option("--reports-to", metavar="ROLE", help="The role's new superior (直接上级).")
    ] = None,
    parent: Annotated[
        str | None, typer.Option("--parent", metavar="DEPT", help="Move the department ID under this department.")
    ] = None,
    org: EditOrgOpt = Path(),
    dry_run: DryRunOpt = False,
    force: ForceEditOpt = False,
) -> None:
    """Move a role or department; references and comments are kept and the result must lint no worse."""
    from mktorg.cli.editing import finish
    from mktorg.edit.move import plan_move_department, plan_move_role
    from mktorg.edit.plan import Plan
    from mktorg.lint.engine import lint
    from mktorg.load.loader import load_org

    if (department is None) == (parent is None):
        raise MktorgError("give --department DEPT (to move a role) or --parent DEPT (to move a department)")
    if parent is not None and reports_to is not None:
        raise MktorgError("--reports-to goes with --department (moving a role)")
    loaded = load_org(org)
    before = lint(loaded)
    plan = Plan(org)
    if department is not None:
        plan_move_role(loaded, item, department, reports_to, plan)
    else:
        assert parent is not None
        plan_move_department(loaded, item, parent, plan)
    finish(plan, dry_run=dry_run, force=force, before=before)
