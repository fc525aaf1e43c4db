"""The check before an edit is written: the organisation must lint no worse than before.

The plan is applied to a temporary copy of the organisation's files, both are linted with the
organisation's own settings, and the edit is worse when it has more errors, or more warnings,
than before. The findings the edit would add are returned so that the command can show them.
"""

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from mktorg.diagnostics import Diagnostic, Severity
from mktorg.edit.plan import Plan
from mktorg.errors import OrgNotFoundError
from mktorg.lint.engine import LintResult, lint
from mktorg.load.loader import load_org


@dataclass
class Verdict:
    """The lint counts before and after, and the findings that are new."""

    before: Counter[Severity]
    after: Counter[Severity]
    added: list[Diagnostic] = field(default_factory=list)
    result: LintResult | None = None
    """The lint result of the changed organisation."""

    @property
    def worse(self) -> bool:
        """More errors, or more warnings, than before."""
        return any(self.after[s] > self.before[s] for s in (Severity.ERROR, Severity.WARNING))

    @property
    def new_errors(self) -> bool:
        """More errors than before."""
        return self.after[Severity.ERROR] > self.before[Severity.ERROR]

    def describe(self) -> str:
        """`errors 0 → 1, warnings 3 → 3`."""
        return ", ".join(
            f"{s.value}s {self.before[s]} → {self.after[s]}" for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)
        )


def _lint(root: Path) -> LintResult | None:
    try:
        return lint(load_org(root))
    except OrgNotFoundError:
        return None


def _counts(result: LintResult | None) -> Counter[Severity]:
    return Counter(d.severity for d in result.diagnostics) if result else Counter()


def check_plan(plan: Plan, renamed: dict[str, str] | None = None, before: LintResult | None = None) -> Verdict:
    """Lint the organisation with and without the plan; `renamed` maps new ids to old ones so that
    a renamed role's findings count as the same findings."""
    if before is None:
        before = _lint(plan.root)
    with plan.staged() as stage:
        after = _lint(stage)
    old = Counter(_signature(d, {}) for d in (before.diagnostics if before else []))
    added = []
    for diagnostic in after.diagnostics if after else []:
        key = _signature(diagnostic, renamed or {})
        if old[key]:
            old[key] -= 1
        else:
            added.append(diagnostic)
    return Verdict(_counts(before), _counts(after), added, after)


def _signature(diagnostic: Diagnostic, renamed: dict[str, str]) -> tuple[str, str]:
    message = diagnostic.message
    for new, old in renamed.items():
        message = message.replace(new, old)
    return diagnostic.code, message
