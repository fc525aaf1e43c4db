"""A lint run that patches the last one when a few files changed in what only per-file rules read.

The kept run (`lint/replay.py`) holds what loading and every rule found, per file. When a few
files changed, none was added or removed, org.yaml is the same, and each changed file loads
now as it did then with the same view for the cross-file rules (`lint/cross_view.py`: a
reworded KPI, qualification or summary, a comment), the cross-file rules would find exactly what
they found: the run loads only the changed files, runs the per-file rules on them, and takes
everything else from the kept run. Otherwise (a reporting line, a duty, a title changed, a file
that does not load) it returns None and the whole organisation is linted with the cache.
"""

from dataclasses import replace
from pathlib import Path
from typing import Any

from mktorg.diagnostics import Finding, Severity
from mktorg.lint.cross_view import BY_DEPARTMENT, view
from mktorg.lint.engine import Selection, conclude, effective_severities, enabled, run_checks, run_rules
from mktorg.lint.replay import Replayed, keep_run
from mktorg.lint.result import LintResult
from mktorg.lint.rules import RULES
from mktorg.load.cache import FileCache
from mktorg.load.loader import LoadResult, load_files
from mktorg.load.read import read_file
from mktorg.load.source import UNPARSED, SourceFile


def _moved(finding: Finding, source: SourceFile) -> Finding:
    """A cross-file finding in a file as edited: the same key path, where it is now."""
    assert finding.at is not None
    path, key = finding.at
    line, column = source.locate(list(path), key=key)
    return replace(finding, line=line, column=column)


def patch(root: Path, chosen: tuple[str, ...], selection: Selection, replayed: Replayed) -> LintResult | None:
    """The result of linting `root` by patching the kept run, or None when it cannot be patched."""
    run, changed, discovered = replayed.kept, set(replayed.changed), replayed.discovered
    if run is None or discovered is None:
        return None
    before = run.digests()
    cache = FileCache(root)
    entries = {rel: cache.get(rel, before[rel]) for rel in sorted(changed)}
    old = {rel: entry.entity for rel, entry in entries.items() if entry is not None and entry.entity is not None}
    found_by_path = {found[0]: found for found in discovered[0]}
    if not changed <= found_by_path.keys() or len(old) != len(changed):
        return None  # org.yaml changed, or a file did not load then: the whole organisation
    part = load_files(root, [found_by_path[rel] for rel in sorted(changed)], cache)
    new = {rel: _entity(part, rel) for rel in old}
    if any(entity is None for entity in new.values()):
        return None
    severities, settings_findings = effective_severities(part, selection)
    cross = [
        c for c, r in RULES.items() if r.check is not None and not r.per_file and severities[c] is not Severity.OFF
    ]
    stale = {code for code in cross if any(view(code, old[rel]) != view(code, new[rel]) for rel in old)}
    moving = [f for f in run.raw if f.code in cross and f.code not in stale and f.file in changed]
    if stale - BY_DEPARTMENT or any(f.at is None for f in moving):
        return None  # a rule reads what changed, or a finding cannot be found again where it moved
    departments = dict(run.departments)
    departments.update({rel: entity.department for rel, entity in new.items() if part.files[rel].kind == "role"})
    again: list[Finding] = []
    redone: set[str] = set()
    if stale:
        touched = {getattr(entity, "department", None) for entity in [*old.values(), *new.values()]}
        redone = {rel for rel, department in departments.items() if department in touched}
        members = load_files(root, [found_by_path[rel] for rel in sorted(redone)], cache)
        again = [f for f in run_checks(members, sorted(stale), None) if f.file in redone]
    found = run_rules(part, [code for code in enabled(severities, True) if RULES[code].per_file])
    raw = [f for f in run.raw if f.file not in changed and not (f.code in stale and f.file in redone)]
    raw += [f for f in [*part.findings, *found] if f.file in changed and f.code not in stale]
    raw += [_moved(f, part.files[f.file]) for f in moving] + again
    files: dict[str, SourceFile] = dict(part.files)
    for rel in sorted({f.file for f in raw} - files.keys()):
        _, text, _ = read_file(root, rel)  # unchanged since the kept run (its stat or bytes said so)
        if text is not None:
            files[rel] = SourceFile(rel, "", "", UNPARSED, text)
    result = conclude(raw, settings_findings, severities, files, dict(run.counts))
    cache.seen.update(before)  # no file is gone: the shards not read stay as they are
    cache.save(prune=False)
    stats = {rel: status for rel, status in replayed.stats.items() if rel not in changed}
    keep_run(root, chosen, result, before | part.digests, part.started, discovered[1], departments, stats)
    return result


def _entity(loaded: LoadResult, rel: str) -> Any:
    source = loaded.files.get(rel)
    return loaded.org.table(source.kind).get(source.id) if source is not None else None
