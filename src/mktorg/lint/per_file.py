"""Per-file rules with a cache: reuse the findings of unchanged files, run the rules on the others.

A per-file rule's findings in a file depend only on that file and org.yaml, so running it on a
sub-organisation of the changed files gives exactly their findings (a contract test checks
every such rule against the whole organisation).
"""

import hashlib
from dataclasses import dataclass, field

from mktorg.diagnostics import Finding
from mktorg.load.cache import RuleEntry
from mktorg.load.loader import LoadResult
from mktorg.load.source import SourceFile
from mktorg.model.organization import Organization


def subset(loaded: LoadResult, paths: set[str]) -> LoadResult:
    """The organisation of only the files at `paths` (with org.yaml's settings and source)."""
    org = loaded.org
    part = Organization(org.root_name, org.settings)
    sources: dict[tuple[str, str], SourceFile] = {}
    for (kind, id_), source in loaded.sources.items():
        if source.path in paths:
            sources[(kind, id_)] = source
            part.table(kind)[id_] = org.table(kind)[id_]
    files = {path: source for path, source in loaded.files.items() if path in paths}
    return LoadResult(part, [], files, sources, loaded.org_source, loaded.org_valid)


@dataclass
class PerFilePlan:
    """Which files the per-file rules run on, and the findings the cache already holds."""

    loaded: LoadResult
    codes: frozenset[str]
    key: bytes
    todo: set[str]
    subset: LoadResult
    cached: list[Finding] = field(default_factory=list)

    def keep(self, found: list[Finding]) -> None:
        """Store the per-file findings of the files the rules ran on."""
        cache = self.loaded.cache
        assert cache is not None
        by_file: dict[str, list[Finding]] = {}
        for finding in found:
            if finding.code in self.codes:
                by_file.setdefault(finding.file, []).append(finding)
        for path in self.todo:
            entry = cache.entry(path)
            if entry is None:
                continue
            here = tuple(by_file.get(path, ()))
            before = cache.rule_entry(path)
            ran = self.codes
            if before is not None and before.key == self.key:  # add to what other rules found before
                ran = before.ran | self.codes
                here = tuple(f for f in before.found if f.code not in self.codes) + here
            cache.put_rules(path, RuleEntry(entry.digest, self.key, ran, here))


def plan_per_file(loaded: LoadResult, codes: list[str]) -> PerFilePlan | None:
    """The plan for the per-file `codes`, or None without a cache (every rule then sees every file)."""
    cache = loaded.cache
    if cache is None or not codes:
        return None
    wanted = frozenset(codes)
    settings = loaded.org_source.text if loaded.org_source is not None else ""
    key = hashlib.blake2b(f"{loaded.org_valid}\0{settings}".encode(), digest_size=16, key=cache.fingerprint).digest()
    todo: set[str] = set()
    cached: list[Finding] = []
    for path in loaded.files:
        found = cache.rule_entry(path)
        if path in loaded.fresh or found is None or found.key != key or not wanted <= found.ran:
            todo.add(path)
        elif found.found:
            cached.extend(f for f in found.found if f.code in wanted)
    if loaded.org_source is not None:
        todo.add(loaded.org_source.path)
    part = loaded if len(todo) == len(loaded.files) else subset(loaded, todo)
    return PerFilePlan(loaded, wanted, key, todo, part, cached)
