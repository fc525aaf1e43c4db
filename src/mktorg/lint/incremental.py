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

from mktorg.diagnostics import Finding
from mktorg.lint.cross_view import cross_file_view
from mktorg.lint.engine import Selection, conclude, effective_severities, enabled, run_rules
from mktorg.lint.replay import Replayed, keep_run
from mktorg.lint.result import LintResult
from mktorg.lint.rules import RULES
from mktorg.load.cache import FileCache
from mktorg.load.loader import load_files
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
    todo = [found for found in discovered[0] if found[0] in changed]
    if len(todo) != len(changed) or len(old) != len(changed):
        return None  # org.yaml changed, or a file did not load then: the whole organisation
    cross = {code for code, rule_ in RULES.items() if rule_.check is not None and not rule_.per_file}
    moving = [f for f in run.raw if f.code in cross and f.file in changed]
    if any(f.at is None for f in moving):
        return None  # reported at a position, not a key path: it cannot be found again
    part = load_files(root, todo, cache)
    for rel, entity in old.items():
        source = part.files.get(rel)
        now = part.org.table(source.kind).get(source.id) if source is not None else None
        if now is None or cross_file_view(now) != cross_file_view(entity):
            return None
    severities, settings_findings = effective_severities(part, selection)
    found = run_rules(part, [code for code in enabled(severities, True) if RULES[code].per_file])
    raw = [f for f in run.raw if f.file not in changed]
    raw += [f for f in [*part.findings, *found] if f.file in changed]
    raw += [_moved(f, part.files[f.file]) for f in moving]
    files: dict[str, SourceFile] = dict(part.files)
    for rel in sorted({f.file for f in raw} - files.keys()):
        _, text, _ = read_file(root, rel)  # unchanged since the kept run (its stat or bytes said so)
        if text is not None:
            files[rel] = SourceFile(rel, "", "", UNPARSED, text)
    result = conclude(raw, settings_findings, severities, files, dict(run.counts))
    cache.seen.update(before)  # no file is gone: the shards not read stay as they are
    cache.save(prune=False)
    keep_run(root, chosen, result, before | part.digests, part.started, discovered[1])
    return result
