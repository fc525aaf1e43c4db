"""`mktorg rename`: give a role, department or process a new id, everywhere it is named."""

from pathlib import Path
from typing import Annotated

import typer

from mktorg.cli.boundary import cli_command
from mktorg.cli.options import DryRunOpt, EditOrgOpt, ForceEditOpt


@cli_command
def rename(
    kind: Annotated[str, typer.Argument(metavar="[role|department|process]", help="What OLD is.")],
    old: Annotated[str, typer.Argument(metavar="OLD", help="The id now.")],
    new: Annotated[str, typer.Argument(metavar="NEW", help="The new id.")],
    org: EditOrgOpt = Path(),
    dry_run: DryRunOpt = False,
    force: ForceEditOpt = False,
) -> None:
    """Rename an id: the file, its id: key and every reference move with it; comments are kept."""
    from mktorg.cli.editing import finish
    from mktorg.edit.move import plan_rename
    from mktorg.edit.plan import Plan
    from mktorg.lint.engine import lint
    from mktorg.load.loader import load_org

    loaded = load_org(org)
    before = lint(loaded)
    plan = plan_rename(loaded, kind, old, new, Plan(org))
    finish(plan, dry_run=dry_run, force=force, renamed={new: old}, before=before)
