"""The rule registry: one entry per code, declared next to the check that implements it."""

import inspect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from mktorg.diagnostics import Finding, Severity, TextEdit
from mktorg.load.loader import LoadResult
from mktorg.load.source import PathPart, SourceFile
from mktorg.model.organization import Organization

_CODE = re.compile(r"MK\d{3}\Z")
_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")


@dataclass
class Context:
    """What a check gets: the loaded organisation, its files and a way to report findings."""

    loaded: LoadResult
    code: str = ""
    findings: list[Finding] = field(default_factory=list)

    @property
    def org(self) -> Organization:
        """The organisation being checked."""
        return self.loaded.org

    def source(self, kind: str, id_: str) -> SourceFile:
        """The file a department, role or process came from."""
        return self.loaded.sources[(kind, id_)]

    def report(
        self,
        source: SourceFile,
        path: Sequence[PathPart],
        message: str,
        hint: str | None = None,
        *,
        key: bool = False,
    ) -> None:
        """Report a finding at the value (or key) found at `path` in `source`."""
        line, column = source.locate(path, key=key)
        self.findings.append(Finding(self.code, source.path, line, column, message, hint, at=(tuple(path), key)))

    def report_at(
        self,
        source: SourceFile,
        position: tuple[int, int],
        message: str,
        hint: str | None = None,
        fix: tuple[TextEdit, ...] = (),
    ) -> None:
        """Report a finding at a known (line, column) of `source`, with the edits that fix it."""
        self.findings.append(Finding(self.code, source.path, position[0], position[1], message, hint, fix))


Check = Callable[[Organization, Context], None]


@dataclass(frozen=True)
class Rule:
    """A rule: stable code, kebab-case name, default severity and documentation."""

    code: str
    name: str
    severity: Severity
    doc: str
    check: Check | None = None
    cascades: bool = False
    fixable: bool = False
    """Every finding carries the edits that fix it (`lint --fix`)."""
    on_helper: bool = False
    """For a large organisation, what makes a forked helper worth starting: the text rules, which
    read the text corpus (built there from the files' strings). The helper then runs every
    per-file rule and keeps what they found in the cache, while the cross-file rules run here."""
    per_file: bool = False
    """Each finding depends only on the file it points into (and org.yaml): the cache keeps them
    per file, and the rule runs again only on files that changed. A contract test checks it."""

    @property
    def summary(self) -> str:
        """The first line of the documentation."""
        return self.doc.strip().splitlines()[0]


RULES: dict[str, Rule] = {}


def _register(rule_: Rule) -> None:
    if not _CODE.match(rule_.code) or not _NAME.match(rule_.name):
        raise ValueError(f"bad rule code or name: {rule_.code} {rule_.name}")
    if rule_.per_file and rule_.cascades:
        raise ValueError(f"a per-file rule never depends on the other files loading: {rule_.code}")
    if rule_.code in RULES or any(r.name == rule_.name for r in RULES.values()):
        raise ValueError(f"rule registered twice: {rule_.code} {rule_.name}")
    RULES[rule_.code] = rule_


def rule(
    code: str,
    name: str,
    severity: Severity,
    *,
    cascades: bool = False,
    fixable: bool = False,
    on_helper: bool = False,
    per_file: bool = False,
) -> Callable[[Check], Check]:
    """Register a check. `cascades`: skip it when some files failed to load; `fixable`, `on_helper`,
    `per_file`: see Rule."""

    def decorate(check: Check) -> Check:
        doc = inspect.cleandoc(check.__doc__ or "")
        _register(Rule(code, name, severity, doc, check, cascades, fixable, on_helper, per_file))
        return check

    return decorate


def declare(code: str, name: str, severity: Severity, doc: str) -> None:
    """Register a code that the loader reports (files and schema)."""
    _register(Rule(code, name, severity, inspect.cleandoc(doc)))


def find_rules(selector: str) -> list[Rule]:
    """Rules matching a code, a code prefix (`MK2`) or a name."""
    token = selector.strip()
    upper = token.upper()
    if upper.startswith("MK"):
        return [r for c, r in sorted(RULES.items()) if c.startswith(upper)]
    return [r for r in RULES.values() if r.name == token.lower()]
