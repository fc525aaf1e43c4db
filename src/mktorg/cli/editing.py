"""What `import`, `mv` and `rename` share: check a plan, show it or write it."""

import sys

import typer

from mktorg.edit.check import Verdict, check_plan
from mktorg.edit.plan import Plan
from mktorg.errors import ExitCode, InvalidOrgError
from mktorg.lint.engine import LintResult


def finish(
    plan: Plan,
    *,
    dry_run: bool,
    force: bool,
    renamed: dict[str, str] | None = None,
    before: LintResult | None = None,
    errors_only: bool = False,
) -> None:
    """Check the plan (it must lint no worse), then print its diff (--dry-run) or write it whole."""
    if not plan:
        print("nothing to change", file=sys.stderr)
        return
    verdict = check_plan(plan, renamed, before)
    worse = verdict.new_errors if errors_only else verdict.worse
    if dry_run:
        sys.stdout.write(plan.diff())
        print(f"would change: {plan.summary()}; lint {verdict.describe()}", file=sys.stderr)
        if worse:
            _show(verdict)
            raise typer.Exit(int(ExitCode.FINDINGS))
        return
    if worse and not force:
        _show(verdict)
        raise InvalidOrgError(f"refused: the result would lint worse ({verdict.describe()}); nothing was written")
    plan.write()
    print(f"changed {plan.summary()} in {plan.root}; lint {verdict.describe()}", file=sys.stderr)


def _show(verdict: Verdict) -> None:
    from mktorg.lint.reporters.text import render

    if verdict.added and verdict.result is not None:
        print("the change would add:", file=sys.stderr)
        render(LintResult(verdict.added, verdict.result.files, {}), sys.stderr)
