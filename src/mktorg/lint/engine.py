"""Run the rules: severities from org.yaml and the command line, suppressions, sorting."""

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from mktorg.diagnostics import Diagnostic, Finding, Severity
from mktorg.errors import MktorgError
from mktorg.lint.per_file import PerFilePlan, plan_per_file
from mktorg.lint.result import Lines, LintResult
from mktorg.lint.rules import RULES, Context, Rule, find_rules
from mktorg.lint.slim import SLIMMING
from mktorg.load.cache import share_of_shards
from mktorg.load.loader import LoadResult
from mktorg.load.source import SourceFile
from mktorg.perf import (
    HELPER_UP_TO,
    RULES_ON_HELPER_FROM,
    SHARDS_WRITTEN_ON_HELPER,
    beside_with_spare_work,
    bulk_loading,
    use_helper,
)

_SUPPRESS = re.compile(r"#\s*mktorg:\s*ignore(?:\[([^\]]*)\])?", re.IGNORECASE)


@dataclass
class Selection:
    """Which rules run and how severe they are: --select, --ignore and org.yaml overrides."""

    select: Sequence[str] = ()
    ignore: Sequence[str] = ()

    def severities(self, overrides: dict[str, str]) -> dict[str, Severity]:
        """The severity of every rule code, `off` for rules that do not run."""
        result = {code: r.severity for code, r in RULES.items()}
        for selector, level in sorted(overrides.items(), key=lambda kv: _specificity(kv[0])):
            for rule_ in _matching(selector):
                result[rule_.code] = Severity(level)
        if self.select:
            chosen = {r.code for s in self.select for r in _matching(s)}
            result = {c: (s if c in chosen else Severity.OFF) for c, s in result.items()}
        for selector in self.ignore:
            for rule_ in _matching(selector):
                result[rule_.code] = Severity.OFF
        return result


def _specificity(selector: str) -> int:
    return len(selector) if selector.upper().startswith("MK") else 99


def _matching(selector: str) -> list[Rule]:
    rules = find_rules(selector)
    if not rules:
        raise MktorgError(f"unknown rule '{selector}' (see: mktorg rules)")
    return rules


def lint(loaded: LoadResult, selection: Selection | None = None) -> LintResult:
    """Stamp load findings, run every enabled rule and drop suppressed findings."""
    org = loaded.org
    severities, unknown = effective_severities(loaded, selection or Selection())
    with bulk_loading():  # findings can be many: no collector scans while they pile up
        raw = list(loaded.findings) + run_rules(loaded, enabled(severities, org.complete))
    counts = {
        "files": len(loaded.files),
        "departments": len(org.departments),
        "roles": len(org.roles),
        "processes": len(org.processes),
    }
    if loaded.cache is not None:
        loaded.cache.save()
    return conclude(raw, unknown, severities, loaded.files, counts)


def enabled(severities: dict[str, Severity], complete: bool) -> list[str]:
    """The codes of the checks that run: not off, and not cascading when some files failed to load."""
    return [
        code
        for code, rule_ in sorted(RULES.items())
        if rule_.check is not None and severities[code] is not Severity.OFF and (complete or not rule_.cascades)
    ]


def conclude(
    raw: list[Finding],
    settings_findings: list[Finding],
    severities: dict[str, Severity],
    files: Mapping[str, Lines],
    counts: dict[str, int],
) -> LintResult:
    """The result of a run from what loading and the rules found (`raw`, kept with it for the next
    run) and what org.yaml's rule settings said: stamped, unsuppressed, sorted, repeats joined."""
    with bulk_loading():
        suppressions = _Suppressions(files)
        diagnostics = sorted(
            (
                _stamp(f, severities)
                for f in [*settings_findings, *raw]
                if severities[f.code] is not Severity.OFF and not suppressions(f)
            ),
            key=Diagnostic.sort_key,
        )
    return LintResult(_unique(diagnostics), files, counts, tuple(raw))


def run_rules(loaded: LoadResult, codes: list[str]) -> list[Finding]:
    """Run the checks of `codes`; for a large organisation, the per-file ones on a forked helper.

    With a cache, the per-file rules run only on the files whose findings it does not hold; the
    helper keeps what they found and writes it into the cache, with most of what loading found,
    while this process runs the cross-file rules.
    """
    plan = plan_per_file(loaded, [c for c in codes if RULES[c].per_file])
    cache = loaded.cache
    helper_work = len(plan.todo) if plan is not None else len(loaded.org.roles)
    large = len(loaded.files) > HELPER_UP_TO
    if not any(RULES[c].on_helper for c in codes) or large or not use_helper(helper_work, RULES_ON_HELPER_FROM):
        found = run_checks(loaded, codes, plan)
        if plan is not None:
            plan.keep(found)
        return found if plan is None else found + plan.cached
    helper_codes = [c for c in codes if RULES[c].per_file or RULES[c].on_helper]
    here = [c for c in codes if c not in helper_codes]
    theirs_to_write, mine_to_write = share_of_shards(SHARDS_WRITTEN_ON_HELPER)

    def there() -> list[Finding]:
        theirs = run_checks(loaded, helper_codes, plan)
        if cache is not None and plan is not None:
            plan.keep(theirs)
            cache.save(("files", "rules", "words"), shards=theirs_to_write)
            cache.save(("rules",), shards=mine_to_write)
        return theirs

    def keep_slim() -> None:
        """A cold run's helper keeps the slim entities a patched run may need (`lint/slim.py`)
        while this process reports: nearly every file is new."""
        if cache is not None and len(loaded.fresh) * 2 > len(loaded.files):
            cache.keep_slim(SLIMMING, loaded.fresh)
            cache.save(("slim",), prune=False)

    def here_and_the_rest_of_the_writing() -> list[Finding]:
        mine = run_checks(loaded, here, plan)
        if cache is not None:
            cache.save(("files",), shards=mine_to_write)
        return mine

    mine, theirs = beside_with_spare_work(here_and_the_rest_of_the_writing, there, keep_slim)
    if cache is not None:  # the helper wrote them
        cache.save(("files",), write=False, shards=theirs_to_write)
        cache.save(("rules",), write=False)
    order = {code: number for number, code in enumerate(codes)}
    found = sorted(mine + theirs, key=lambda finding: order[finding.code])  # as one process finds them
    return found if plan is None else found + plan.cached


def run_checks(loaded: LoadResult, codes: list[str], plan: "PerFilePlan | None") -> list[Finding]:
    """Run the checks of `codes` here, the per-file ones on the files of `plan` (when given)."""
    found: list[Finding] = []
    for code in codes:
        target = plan.subset if plan is not None and RULES[code].per_file else loaded
        context = Context(target, code)
        check = RULES[code].check
        assert check is not None
        check(target.org, context)
        found.extend(context.findings)
    return found


def effective_severities(loaded: LoadResult, selection: Selection) -> tuple[dict[str, Severity], list[Finding]]:
    """Severities from the defaults, org.yaml and the command line; unknown org.yaml rules as findings."""
    overrides: dict[str, str] = dict(loaded.org.settings.lint.rules)
    findings = []
    for selector in sorted(overrides):
        if not find_rules(selector):
            del overrides[selector]
            findings.append(_unknown_rule_in_org_yaml(loaded.org_source, selector))
    return selection.severities(overrides), findings


def _unknown_rule_in_org_yaml(source: SourceFile | None, selector: str) -> Finding:
    line, column = source.locate(["lint", "rules", selector], key=True) if source else (1, 1)
    return Finding(
        "MK006",
        source.path if source else "org.yaml",
        line,
        column,
        f"lint.rules: no rule matches '{selector}'",
        "use a rule code (MK302), a prefix (MK3) or a name",
    )


def _stamp(finding: Finding, severities: dict[str, Severity]) -> Diagnostic:
    rule_ = RULES[finding.code]
    return Diagnostic(
        finding.code,
        rule_.name,
        severities[finding.code],
        finding.message,
        finding.file,
        finding.line,
        finding.column,
        finding.hint,
        finding.fix,
    )


def _unique(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Diagnostics with repeats dropped; a repeat's edits join the first one's (one finding, one fix)."""
    out: list[Diagnostic] = []
    for diagnostic in diagnostics:
        if out and out[-1] == diagnostic:
            if diagnostic.fix and diagnostic.fix != out[-1].fix:
                out[-1] = replace(out[-1], fix=out[-1].fix + diagnostic.fix)
            continue
        out.append(diagnostic)
    return out


class _Suppressions:
    """`# mktorg: ignore[...]` on a finding's line, or in the comment lines opening its file."""

    def __init__(self, files: Mapping[str, Lines]) -> None:
        self.files = files
        self.heads: dict[str, list[str | None]] = {}

    def __call__(self, finding: Finding) -> bool:
        source = self.files.get(finding.file)
        if source is None:
            return False
        match = _SUPPRESS.search(source.line_text(finding.line))
        if match is not None and _covers(match.group(1), finding.code):
            return True
        return any(_covers(selectors, finding.code) for selectors in self._head(finding.file, source))

    def _head(self, path: str, source: Lines) -> list[str | None]:
        """The selectors of the suppressions in the file's opening comment lines (read once per file)."""
        head = self.heads.get(path)
        if head is None:
            head = []
            line = 1
            while (text := source.line_text(line).lstrip()).startswith("#"):
                match = _SUPPRESS.search(text)
                if match is not None:
                    head.append(match.group(1))
                line += 1
            self.heads[path] = head
        return head


def _covers(selectors: str | None, code: str) -> bool:
    if selectors is None or not selectors.strip():
        return True
    for selector in selectors.split(","):
        token = selector.strip()
        if token and any(r.code == code for r in find_rules(token)):
            return True
    return False
