"""A lint run that patches the last one when a few files changed.

The kept run (`lint/replay.py`) holds what loading and every rule found, per file. When a few
files changed, none was added or removed, org.yaml is the same and each changed file loads now
as it did then, the run loads the changed files and runs the per-file rules on them. A
cross-file rule whose view of the changed files is the same (`lint/cross_view.py`: what it
reads of them) would find what it found: its findings are kept (those in a changed file found
again at their key path). The others run again: MK302 and MK511 on the departments of the
changed roles; any other on the whole organisation, restored from the cache as slim entities
(`lint/slim.py`: only what those rules read) without reading the files whose `stat` is
unchanged. Otherwise (a file added, removed or not loading, org.yaml
changed) it returns None and the whole organisation is linted with the cache.
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
from mktorg.lint.slim import SLIMMING
from mktorg.load.cache import FileCache, Slimming, digest
from mktorg.load.loader import LoadResult, load_files
from mktorg.load.read import read_file
from mktorg.load.source import UNPARSED, SourceFile
from mktorg.perf import RULES_ON_HELPER_FROM, beside_with_spare_work, outlive, use_helper


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
    found_by_path = replayed.found_by_path
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
    if any(f.at is None for f in moving):
        return None  # reported at a position, not a key path: it cannot be found again where it moved
    departments = dict(run.departments)
    departments.update({rel: entity.department for rel, entity in new.items() if part.files[rel].kind == "role"})
    again, redone = _run_stale(root, replayed, cache, stale, severities, departments, [*old.values(), *new.values()])
    found = run_rules(part, [code for code in enabled(severities, True) if RULES[code].per_file])
    raw = [f for f in run.raw if f.file not in changed and f.file not in redone.get(f.code, ())]
    raw += [f for f in [*part.findings, *found] if f.file in changed and f.code not in stale]
    raw += [_moved(f, part.files[f.file]) for f in moving] + again
    files: dict[str, SourceFile] = dict(part.files)
    for rel in sorted(({f.file for f in raw} & before.keys()) - files.keys()):  # the files a full run reads
        raw_bytes, text, _ = read_file(root, rel)  # unchanged since the kept run (its stat or bytes said so)
        if (digest(raw_bytes) if raw_bytes is not None else b"") != before[rel]:
            return None  # it changed since: the whole organisation
        if text is not None:
            files[rel] = SourceFile(rel, "", "", UNPARSED, text)
    result = conclude(raw, settings_findings, severities, files, dict(run.counts))
    cache.seen.update(before)  # no file is gone: the shards not read stay as they are
    cache.save(prune=False)
    stats = {rel: status for rel, status in replayed.stats.items() if rel not in changed}
    keep_run(root, chosen, result, before | part.digests, part.started, discovered[1], departments, stats)
    return result


def _run_stale(
    root: Path,
    replayed: Replayed,
    cache: FileCache,
    stale: set[str],
    severities: dict[str, Severity],
    departments: dict[str, str],
    entities: list[Any],
) -> tuple[list[Finding], dict[str, set[str]]]:
    """Run the `stale` cross-file rules again: what they find, and for each rule the files whose
    findings of it are replaced. MK302 and MK511 run on the roles of the departments the changed
    `entities` were and are in (whole entities: they read the duties' text); any other rule on the
    whole organisation, restored from the cache as slim entities (files whose `stat` is unchanged
    unread, their kept positions recalled)."""
    found: list[Finding] = []
    redone: dict[str, set[str]] = {}
    whole = stale - BY_DEPARTMENT
    if whole:
        try:
            again, files = _run_whole(root, replayed, cache, whole, severities, SLIMMING)
        except AttributeError:  # a rule read a field that `slim` left out: whole entities
            again, files = _run_whole(root, replayed, cache, whole, severities, None)
        found += again
        redone.update(dict.fromkeys(whole, files))
    by_department = stale & BY_DEPARTMENT
    if by_department:
        again, files = _run_by_department(root, replayed, cache, by_department, departments, entities)
        found += again
        redone.update(dict.fromkeys(by_department, files))
    return found, redone


def _run_by_department(
    root: Path,
    replayed: Replayed,
    cache: FileCache,
    codes: set[str],
    departments: dict[str, str],
    entities: list[Any],
) -> tuple[list[Finding], set[str]]:
    """Run rules that compare the roles of one department (BY_DEPARTMENT) on the departments the
    changed `entities` were and are in: what they find there, and the role files they looked at."""
    touched = {getattr(entity, "department", None) for entity in entities}
    redone = {rel for rel, department in departments.items() if department in touched}
    members = outlive(load_files(root, [replayed.found_by_path[rel] for rel in sorted(redone)], cache))
    return [f for f in run_checks(members, sorted(codes), None) if f.file in redone], redone


def _run_whole(
    root: Path,
    replayed: Replayed,
    cache: FileCache,
    stale: set[str],
    severities: dict[str, Severity],
    slimming: Slimming | None,
) -> tuple[list[Finding], set[str]]:
    """Run the `stale` rules on the whole organisation restored from the cache (with `slimming`,
    as slim entities where the cache holds them): what they find, and the files they looked at.
    The slim entities the cache lacked are made by a helper while the rules run and the run
    reports (with one process, they are not made: it would cost more than it saves this run)."""
    run, changed, discovered = replayed.kept, set(replayed.changed), replayed.discovered
    assert run is not None and discovered is not None
    known = {rel: content for rel, content in run.digests().items() if rel not in changed}
    cache.unslim.clear()
    whole = outlive(load_files(root, discovered[0], cache, discovered[1], known, slimming))
    _recall_positions(whole, run.raw, changed)
    codes = [code for code in enabled(severities, whole.org.complete) if code in stale]
    wanted = list(cache.unslim)  # noted only when slim entities were asked for
    if slimming is None or not use_helper(len(wanted), RULES_ON_HELPER_FROM):
        return run_checks(whole, codes, None), set(whole.files)

    def keep_slim(made: Slimming = slimming) -> None:
        cache.keep_slim(made, wanted)
        cache.save(("slim",))

    found, _ = beside_with_spare_work(lambda: run_checks(whole, codes, None), lambda: None, keep_slim)
    return found, set(whole.files)


def _recall_positions(loaded: LoadResult, kept: tuple[Finding, ...], changed: set[str]) -> None:
    """Where the kept run found its key paths in the files that did not change: a rule run again
    finds most of its findings there, without parsing the file again to locate them."""
    for finding in kept:
        source = loaded.files.get(finding.file)
        if finding.at is None or source is None or finding.file in changed:
            continue
        if source.located is None:
            source.located = {}
        source.located[finding.at] = (finding.line, finding.column)


def _entity(loaded: LoadResult, rel: str) -> Any:
    source = loaded.files.get(rel)
    return loaded.org.table(source.kind).get(source.id) if source is not None else None
