"""Load and lint an organisation for the commands that render it."""

import sys
from pathlib import Path

from mktorg.diagnostics import Severity
from mktorg.errors import InvalidOrgError
from mktorg.lint.engine import lint
from mktorg.load.loader import LoadResult, load_org
from mktorg.model.invisible import visible
from mktorg.model.organization import Organization
from mktorg.perf import outlive


def checked_org(root: Path, *, force: bool, cache: bool = True) -> Organization:
    """The organisation, refused when it has lint errors (unless `force`)."""
    return checked(outlive(load_org(root, cache=cache)), root, force=force).org


def checked(loaded: LoadResult, root: Path, *, force: bool) -> LoadResult:
    """A loaded organisation, refused when it has lint errors (unless `force`)."""
    result = lint(loaded)
    errors = [d for d in result.diagnostics if d.severity is Severity.ERROR]
    if errors and not force:
        for d in errors[:10]:
            print(visible(f"{d.file}:{d.line}:{d.column}: {d.code} {d.message}"), file=sys.stderr)
        more = f" (and {len(errors) - 10} more)" if len(errors) > 10 else ""
        raise InvalidOrgError(
            f"{len(errors)} lint error(s){more} in {root}; fix them (mktorg lint {root}) or use --force"
        )
    return loaded
