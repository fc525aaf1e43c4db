"""Load an organisation folder: discover, read, parse and validate its files into an Organization."""

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from mktorg.diagnostics import Finding
from mktorg.errors import OrgNotFoundError
from mktorg.load.cache import Entry, FileCache, Slimming
from mktorg.load.discover import Found, discover, org_file
from mktorg.load.filestat import Stat
from mktorg.load.prefetch import Prefetched, Read, read
from mktorg.load.read import Content, parse_text
from mktorg.load.source import UNPARSED, SourceFile
from mktorg.load.validate import validate
from mktorg.model import OrgFile
from mktorg.model.kinds import FOLDER_KINDS, ORG_FILE_NAMES, FileKind
from mktorg.model.organization import Organization
from mktorg.perf import (
    HELPER_ROUND_FILES,
    HELPER_SHARE_OF_FILES,
    HELPER_UP_TO,
    PARSE_ON_HELPER_FROM,
    beside,
    beside_in_parts,
    bulk_loading,
    in_parts,
    split,
    use_helper,
)


@dataclass
class LoadResult:
    """The organisation (whatever loaded), the load findings and every file read."""

    org: Organization
    findings: list[Finding] = field(default_factory=list)
    files: dict[str, SourceFile] = field(default_factory=dict)
    """Every file that could be read, by path."""
    sources: dict[tuple[str, str], SourceFile] = field(default_factory=dict)
    """The file of each loaded department, role and process, by (kind, id)."""
    org_source: SourceFile | None = None
    org_valid: bool = True
    """Whether org.yaml validated (its settings are then the organisation's, not the defaults)."""
    cache: FileCache | None = None
    """The cache this load used (`load_org(..., cache=True)`): the lint engine keeps rule findings in it."""
    fresh: set[str] = field(default_factory=set)
    """The files parsed in this run (not restored from the cache)."""
    digests: dict[str, bytes] = field(default_factory=dict)
    """With the cache: the content hash of every file found (b'' for a file that could not be read)."""
    walked: list[Finding] = field(default_factory=list)
    """What finding the files said (MK008, MK009, MK011): part of what a replayed run must match."""
    started: float = 0.0
    """When reading began (`time.time()`): a file changed after it may have been read before its change."""
    stats: "dict[str, Stat | None]" = field(default_factory=dict)
    """With the cache: the `stat` of each file read, taken before it was read."""

    def source(self, kind: str, id_: str) -> SourceFile:
        """The file a department, role or process came from."""
        return self.sources[(kind, id_)]

    def valid_sources(self) -> list[SourceFile]:
        """The files whose content validated: org.yaml, then departments, processes and roles by id."""
        org = self.org_source
        head = [org] if org is not None and self.org_valid and org.path in self.files else []
        return head + [self.sources[key] for key in sorted(self.sources)]


def load_org(
    root: Path,
    *,
    cache: bool = False,
    discovered: tuple[list[Found], list[Finding]] | None = None,
    known: dict[str, bytes] | None = None,
    prefetched: Prefetched | None = None,
) -> LoadResult:
    """Load an organisation folder; bad files become findings, never exceptions.

    With `cache`, files unchanged since the last run are taken from the cache folder (those whose
    content hash is `known`, by their unchanged `stat`, without being read); `discovered`: what
    `discover(root)` just found (it is not walked again); `prefetched`: the last of those files,
    being read and parsed on a helper (load/prefetch.py).
    """
    if not root.is_dir():
        raise OrgNotFoundError(f"no organisation folder at {root}")
    markers = (*ORG_FILE_NAMES, *FOLDER_KINDS)
    if not any((root / marker).exists() for marker in markers):
        raise OrgNotFoundError(f"{root} holds no organisation: expected org.yaml, departments/ or roles/")
    with bulk_loading():
        return _Loader(root, FileCache(root) if cache else None, discovered, known, prefetched).run()


def load_files(
    root: Path,
    todo: list[Found],
    cache: FileCache,
    problems: list[Finding] | None = None,
    known: dict[str, bytes] | None = None,
    slimming: Slimming | None = None,
) -> LoadResult:
    """org.yaml and the files `todo` (with what the folder walk found, `problems`), with the cache,
    in a run that patches the last one (lint/incremental.py): a cached file whose content hash
    is `known` (its `stat` unchanged) is not read; with `slimming`, cached entities are slim
    (`FileCache.get`). Bad files become findings, never exceptions."""
    with bulk_loading():
        return _Loader(root, cache, (todo, problems or []), known, slimming=slimming).run(cold=False)


class _Loader:
    def __init__(
        self,
        root: Path,
        cache: FileCache | None,
        discovered: tuple[list[Found], list[Finding]] | None = None,
        known: dict[str, bytes] | None = None,
        prefetched: Prefetched | None = None,
        slimming: Slimming | None = None,
    ) -> None:
        self.root = root
        self._folder = str(root)
        self.slimming = slimming
        self.prefetched = prefetched
        self.known = known or {}
        """Content hashes of files known to be unchanged (by their `stat`): not read if cached."""
        self.discovered = discovered
        self.cache = cache
        self.findings: list[Finding] = []
        self.files: dict[str, SourceFile] = {}
        self.sources: dict[tuple[str, str], SourceFile] = {}
        self.fresh: set[str] = set()
        self.digests: dict[str, bytes] = {}
        self.stats: dict[str, Stat | None] = {}

    def run(self, cold: bool | None = None) -> LoadResult:
        """Load org.yaml and every file found; `cold`: whether most files are new (None: count them)."""
        started = self.prefetched.started if self.prefetched is not None else time.time()
        settings, org_source, org_valid = self._org_file()
        org = Organization(self.root.resolve().name, settings)
        todo, problems = self.discovered or discover(self.root)
        self.findings.extend(problems)
        if self.prefetched is not None:  # a cold run, its helper started before the models were imported
            self._with_prefetched(org, todo, self.prefetched)
        else:
            if cold is None:
                cached = self.cache.count(rel for rel, _, _ in todo) if self.cache is not None else 0
                cold = cached < len(todo) // 2
            if cold:
                self._cold(org, todo)
            else:
                self._warm(org, todo)
        return LoadResult(
            org,
            self.findings,
            self.files,
            self.sources,
            org_source,
            org_valid,
            self.cache,
            self.fresh,
            self.digests,
            problems,
            started,
            self.stats,
        )

    def _cold(self, org: Organization, todo: list[Found]) -> None:
        """Most files are new: the helper reads and parses the last part of each round while this
        process reads, parses and validates the first."""
        if not use_helper(len(todo), PARSE_ON_HELPER_FROM):
            for found in todo:
                self._take(org, self._read(found))
            return
        for start in range(0, len(todo), HELPER_ROUND_FILES):
            self._cold_round(org, todo[start : start + HELPER_ROUND_FILES])

    def _cold_round(self, org: Organization, part: list[Found]) -> None:
        cut = split(len(part), PARSE_ON_HELPER_FROM, HELPER_SHARE_OF_FILES)
        head, tail = part[:cut], part[cut:]

        def take_head() -> None:
            for found in head:
                self._take(org, self._read(found))

        if not tail:
            take_head()
            return

        def load(part: Sequence[Found]) -> Callable[[], list[tuple[Read, _Loaded | None]]]:
            return lambda: [_load_if_new(self._read(found)) for found in part]

        _, done = beside_in_parts(take_head, [load(part) for part in in_parts(tail)])
        for file, loaded in (item for part in done for item in part):
            self._take(org, self._look_up(file), loaded)

    def _with_prefetched(self, org: Organization, todo: list[Found], prefetched: Prefetched) -> None:
        """The helper reads and parses the last files (`prefetched`): this process loads the
        others, then validates what the helper parsed (any file the cache holds is taken from it)."""
        head = len(todo) - len(prefetched.files)
        assert todo[head:] == prefetched.files, "the helper reads the last of the files found"
        for found in todo[:head]:
            self._take(org, self._read(found))
        for parsed, content in prefetched.parsed():
            file = self._with_entry(parsed)
            rel, folder, stem = file.found
            loaded = None
            if file.entry is None and file.text is not None:
                loaded = _validated(rel, FOLDER_KINDS[folder], stem, file.text, content)
            self._take(org, file, loaded)

    def _warm(self, org: Organization, todo: list[Found]) -> None:
        """Most files are in the cache: read them all here; the helper parses the changed ones of
        the last part when there are many."""
        read = [self._restored(found) or self._read(found) for found in todo]
        misses = [
            i for i, file in enumerate(read) if isinstance(file, Read) and file.text is not None and file.entry is None
        ]
        cut = (
            split(len(misses), PARSE_ON_HELPER_FROM, HELPER_SHARE_OF_FILES)
            if len(read) <= HELPER_UP_TO
            else len(misses)
        )
        first = misses[cut] if cut < len(misses) else len(read)  # the helper parses the misses from here on
        here, there = read[:first], read[first:]

        def take_here() -> None:
            for item in here:
                self._take(org, item)

        if not misses[cut:]:
            take_here()
            return
        _, done = beside(
            take_here, lambda: [_load_if_new(file)[1] if isinstance(file, Read) else None for file in there]
        )
        for item, loaded in zip(there, done, strict=True):
            self._take(org, item, loaded)

    def _restored(self, found: Found) -> "_Restored | None":
        """A file known unchanged (its `stat`) whose slim entry the cache holds, restored without
        the steps of reading (`_read`, `_take`): 10,000 of them in a patched run."""
        if self.slimming is None or not found[1] or self.cache is None:
            return None
        content = self.known.get(found[0])
        if content is None:
            return None
        kept = self.cache.slim_entry(found[0], content)
        if kept is None:
            return None
        source = self._cached_source(found, kept[1], None, content)
        return _Restored(source, content, self.slimming.from_plain(kept[2]) if kept[2] is not None else None)

    def _cached_source(self, found: Found, mapping: bool, text: str | None, content: bytes) -> SourceFile:
        """The file of a cache entry (its data parsed again from its text if asked for; its text,
        when not read, read then from the folder and checked against `content`)."""
        rel, folder, stem = found
        data = UNPARSED if mapping else None
        return SourceFile(rel, FOLDER_KINDS[folder].name, stem, data, text, _folder=self._folder, _digest=content)

    def _read(self, found: Found) -> Read:
        content = self.known.get(found[0])
        if content is not None and self.cache is not None:
            entry = self.cache.get(found[0], content, self._slimming(found))
            if entry is not None:  # its text is read if something asks (SourceFile.text)
                return Read(found, None, content, entry, [])
        return self._with_entry(read(self.root, found))

    def _with_entry(self, file: Read) -> Read:
        """A file read in this run, with its cache entry when it has a text."""
        return self._look_up(file) if file.text is not None else file

    def _look_up(self, read: Read) -> Read:
        if self.cache is None or (read.text is None and read.found[0] not in self.known):
            return read  # unreadable (a file known unchanged was not read: its entry is looked up)
        return read._replace(entry=self.cache.get(read.found[0], read.digest, self._slimming(read.found)))

    def _slimming(self, found: Found) -> Slimming | None:
        """How the entity of a file is kept slim (not org.yaml's: its settings are read whole)."""
        return self.slimming if found[1] else None

    def _take(self, org: Organization, read: "Read | _Restored", loaded: "_Loaded | None" = None) -> None:
        """Keep a file, loaded here or on the helper (`loaded`) or restored from the cache, and
        index what validates."""
        if isinstance(read, _Restored):
            source = read.source
            self.digests[source.path] = read.content
            self.files[source.path] = source
            self._index(org, source, read.entity)
            return
        (rel, folder, stem), text, content_hash, entry, problems, _ = read
        self._note(read)
        kind = FOLDER_KINDS[folder]
        if entry is not None:
            source = self.files[rel] = self._cached_source(read.found, entry.mapping, text, content_hash)
            self.findings.extend(entry.findings)
            self._index(org, source, entry.entity)
            return
        if text is None:
            self.findings.extend(problems)
            org.broken[kind.name].add(stem)
            return
        if loaded is None:
            loaded = _validated(rel, kind, stem, text)
        data, strings, findings, entity, mapping = loaded
        stored = UNPARSED if data is None and mapping else data
        source = self.files[rel] = SourceFile(rel, kind.name, stem, stored, text, strings)
        self.fresh.add(rel)
        self.findings.extend(findings)
        self._index(org, source, entity)
        if self.cache is not None:
            self.cache.put(rel, Entry(content_hash, entity, mapping, tuple(findings)))

    def _note(self, read: Read) -> None:
        """With the cache: a file's content hash and `stat`, what a kept run is checked against
        (lint/replay.py)."""
        if self.cache is not None:
            self.digests[read.found[0]] = read.digest
            if read.stat is not None:
                self.stats[read.found[0]] = read.stat

    def _index(self, org: Organization, source: SourceFile, entity: Any) -> None:
        if entity is None:
            org.broken[source.kind].add(source.id)
            return
        self.sources[(source.kind, source.id)] = source
        org.table(source.kind)[source.id] = entity

    def _org_file(self) -> tuple[OrgFile, SourceFile | None, bool]:
        default = OrgFile(name=self.root.resolve().name)
        name = org_file(self.root)
        if name is None:
            return default, None, True
        read = self._read((name, "", "org"))
        self._note(read)
        if read.text is None and read.entry is None:
            self.findings.extend(read.problems)
            return default, None, False
        if read.entry is not None:
            entry = read.entry
            data = UNPARSED if entry.mapping else None
            source = SourceFile(name, "org", "org", data, read.text, _folder=str(self.root), _digest=read.digest)
            settings, findings, mapping = entry.entity, list(entry.findings), entry.mapping
        else:
            assert read.text is not None
            data, strings, findings = parse_text(name, read.text)
            source = SourceFile(name, "org", "org", data, read.text, strings)
            self.fresh.add(name)
            settings, mapping = None, data is not None
            if mapping:
                settings, problems = validate(source, OrgFile)
                findings += problems
            if self.cache is not None:
                self.cache.put(name, Entry(read.digest, settings, mapping, tuple(findings)))
        self.files[name] = source
        self.findings.extend(findings)
        if not mapping:
            return default, source, False
        return settings or default, source, settings is not None


class _Restored(NamedTuple):
    """A file restored from its slim entry (`_Loader._restored`)."""

    source: SourceFile
    content: bytes
    entity: Any


class _Loaded(NamedTuple):
    """A file parsed and validated: its data (None once a validated plain document dropped it),
    string values, findings, entity (None when it did not validate) and whether it is a mapping."""

    data: Any
    strings: list[str] | None
    findings: list[Finding]
    entity: Any
    mapping: bool


def _validated(rel: str, kind: FileKind, stem: str, text: str, content: Content | None = None) -> _Loaded:
    """Validate the text of a file, parsed (`content`) or parsed here."""
    data, strings, findings = content if content is not None else parse_text(rel, text)
    if data is None:
        return _Loaded(None, strings, findings, None, False)
    source = SourceFile(rel, kind.name, stem, data, text, strings)
    entity, problems = validate(source, kind.model)
    if entity is not None and source.release_data():
        data = None
    return _Loaded(data, strings, findings + problems, entity, True)


def _load_if_new(file: Read) -> tuple[Read, _Loaded | None]:
    """The helper's part: parse and validate a file that is not in the cache (its entry stays
    here, unsent; a validated plain document's data is dropped, not sent)."""
    if file.entry is not None or file.text is None:
        return file._replace(entry=None), None
    rel, folder, stem = file.found
    return file._replace(entry=None), _validated(rel, FOLDER_KINDS[folder], stem, file.text)
