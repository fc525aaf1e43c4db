"""The last lint run, replayed when nothing it read has changed.

`mktorg lint` of an unchanged organisation (a second run in CI, a pre-commit hook, an editor
saving without a change) gives the same diagnostics as the run before. After a lint with the
cache, the run is kept in `.mktorg_cache/last-run.bin`: the diagnostics, the counts, the source
lines they point at, and what they were computed from (mktorg's code, the selection, and each
file's name, content hash and `stat`). The next run with the same selection checks the files
the way git checks its index: a file whose size, times and inode are unchanged is taken as
unchanged; a file whose `stat` changed, or that changed less than a second before the run was
kept (its `stat` could miss a change in the same clock tick), is hashed again. One file added,
removed or changed, and the run is not replayed: a few changed files are handed to
`lint/incremental.py` to patch it, and the content hash of every file whose `stat` is unchanged
to the loader, which need not read it. In a large organisation a forked helper walks the
folder and takes the `stat`s while this process imports what a patched or full run needs (the
two take about as long). Nothing here imports the models or the rules.
"""

import marshal
import os
import stat
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from mktorg.diagnostics import Diagnostic, Finding
from mktorg.lint.result import LintResult
from mktorg.load.cache import FOLDER, digest, fingerprint, read_signed, user_key, write_signed
from mktorg.load.discover import Found, discover, org_file
from mktorg.load.filestat import Stat, stat_of
from mktorg.perf import WALK_ON_HELPER_FROM, started_beside, use_helper

if TYPE_CHECKING:
    from mktorg.load.loader import LoadResult

RECORD = "last-run.bin"
RACY_SECONDS = 1.0
"""A file changed this close to the start of the run it was read in is hashed again when replayed."""


@dataclass(frozen=True)
class _Kept:
    """The source lines a replayed run's diagnostics point at."""

    lines: dict[int, str]

    def line_text(self, line: int) -> str:
        """The text of a 1-based line ('' when no diagnostic pointed at it)."""
        return self.lines.get(line, "")


@dataclass(frozen=True)
class _Run:
    """A lint run as kept: what it was computed from, and what it found."""

    selection: tuple[str, ...]
    root_name: str
    cwd: str
    """The current folder: hints name files relative to it (`iconv ... './roles/a.yaml'`)."""
    root_path: str
    """The organisation folder as named (not resolved: a link's name shows in hints), absolute."""
    files: tuple[tuple[str, bytes, Stat | None], ...]
    """(path, content hash, stat or None when it must be hashed again) of every file read, by path."""
    walked: tuple[tuple[str, str, str], ...]
    diagnostics: tuple[Diagnostic, ...]
    counts: dict[str, int]
    lines: dict[str, dict[int, str]]
    raw: tuple[Finding, ...]
    """What loading and the rules found (LintResult.raw): a run that changed a few files patches it."""
    departments: dict[str, str]
    """The department of each role file that loaded, by path (rules run again by department)."""

    def digests(self) -> dict[str, bytes]:
        """The content hash of every file the run read, by path."""
        return {rel: content for rel, content, _ in self.files}


def keep(
    root: Path,
    selection: Sequence[str],
    result: LintResult,
    loaded: "LoadResult",
    earlier: dict[str, Stat | None] | None = None,
) -> None:
    """Keep a lint run of the organisation at `root` (after a run with the cache; never fails).
    `earlier`: `stat`s taken before loading (by `replay`), for the files the loader did not read."""
    if loaded.cache is not None and not any(source.drifted for source in loaded.files.values()):
        departments = role_departments(loaded)
        stats = (earlier or {}) | loaded.stats
        keep_run(root, selection, result, loaded.digests, loaded.started, loaded.walked, departments, stats)


def role_departments(loaded: "LoadResult") -> dict[str, str]:
    """The department of each role file that loaded, by path."""
    roles = loaded.org.roles
    return {source.path: roles[id_].department for (kind, id_), source in loaded.sources.items() if kind == "role"}


def keep_run(
    root: Path,
    selection: Sequence[str],
    result: LintResult,
    digests: dict[str, bytes],
    started: float,
    walked: list[Finding],
    departments: dict[str, str],
    stats: dict[str, Stat | None] | None = None,
) -> None:
    """Keep a lint run: its result, and each file's content hash (`digests`) and `stat`, trusted
    for files not changed within RACY_SECONDS of `started` (when reading began). `stats`: the
    `stat` of files taken before they were read (an older `stat` is safe to keep: a later change
    shows as a changed `stat`), so they are not taken again."""
    key = user_key()
    if key is None:
        return
    files: list[tuple[str, bytes, Stat | None]] = []
    before = (started - RACY_SECONDS) * 1e9
    stats = stats or {}
    for rel, content in sorted(digests.items()):
        status = stats[rel] if rel in stats else _stat(f"{root}/{rel}")
        trusted = status is not None and max(status[1], status[2]) < before
        files.append((rel, content, status if trusted else None))
    lines: dict[str, dict[int, str]] = {}
    for d in result.diagnostics:
        source = result.files.get(d.file)
        if source is not None:
            lines.setdefault(d.file, {})[d.line] = source.line_text(d.line)
    run = _Run(
        tuple(selection),
        root.resolve().name,
        _cwd(),
        str(root.absolute()),
        tuple(files),
        _walked(walked),
        tuple(result.diagnostics),
        dict(result.counts),
        lines,
        result.raw,
        departments,
    )
    write_signed(root / FOLDER, RECORD, key, fingerprint(), run)


Discovered = tuple[list[Found], list[Finding]]

CHANGED_UP_TO = 100
"""Files changed since the kept run up to which a run patches it (`lint/incremental.py`)."""


@dataclass
class Replayed:
    """What `replay` found: the kept run's result when nothing changed; else what the folder walk
    found (the loader need not walk again) and, when only a few files changed (none added or
    removed), the kept run and those files."""

    result: LintResult | None = None
    discovered: Discovered | None = None
    kept: _Run | None = None
    changed: tuple[str, ...] = ()
    stats: dict[str, Stat | None] = field(default_factory=dict)
    """The `stat` of every file the kept run read, taken now (before any was read again)."""
    known: dict[str, bytes] = field(default_factory=dict)
    """The content hash of each file whose `stat` is the kept run's (a full run need not read it)."""

    @cached_property
    def found_by_path(self) -> dict[str, Found]:
        """The files the walk found, by path."""
        return {found[0]: found for found in self.discovered[0]} if self.discovered is not None else {}


def replay(root: Path, selection: Sequence[str], meanwhile: Sequence[Callable[[], object]] = ()) -> Replayed:
    """The kept run when nothing it read has changed, or what a patched or full run starts from.
    `meanwhile`: steps this process takes while a forked helper walks a large organisation, until
    the helper is done (the imports a patched or full run needs, which it finishes when it needs
    them: when nothing changed, what was not imported yet is never imported)."""
    key = user_key()
    record = root / FOLDER / RECORD
    if key is None or not record.is_file():
        return Replayed()
    run = read_signed(record, key, fingerprint())
    if not isinstance(run, _Run) or (run.selection, run.root_name, run.cwd, run.root_path) != (
        tuple(selection),
        root.resolve().name,
        _cwd(),
        str(root.absolute()),
    ):
        return Replayed()
    if meanwhile and use_helper(len(run.files), WALK_ON_HELPER_FROM):
        with started_beside([lambda: _walk_sent(root, run)]) as started:
            for step in meanwhile:
                if started.done():
                    break
                step()
            ((plain, problems),) = started.results()
        walk = _walk_received(plain, problems, run)
    else:
        walk = _walk(root, run)
    discovered = (walk.found, walk.problems)
    stats = walk.stats
    known = {rel: content for rel, content, status in run.files if status is not None and stats.get(rel) == status}
    if not walk.patchable:
        return Replayed(discovered=discovered, stats=stats, known=known)
    if walk.changed:
        return Replayed(discovered=discovered, kept=run, changed=tuple(walk.changed), stats=stats, known=known)
    files = {name: _Kept(lines) for name, lines in run.lines.items()}
    return Replayed(LintResult(list(run.diagnostics), files, dict(run.counts), run.raw), discovered)


class _Walk(NamedTuple):
    """What the folder holds now against a kept run: the files found, each one's `stat`, the files
    whose content changed, and whether a run can patch the kept one (`problems`: the walk's findings)."""

    found: list[Found]
    stats: dict[str, Stat | None]
    changed: list[str]
    patchable: bool
    problems: list[Finding]


def _walk(root: Path, run: _Run) -> _Walk:
    """Walk the folder, `stat` every file the kept run read and hash those whose `stat` changed."""
    found, problems = discover(root)
    name = org_file(root)
    names = sorted(([name] if name else []) + [rel for rel, _, _ in found])
    patchable = names == [rel for rel, _, _ in run.files] and _walked(problems) == run.walked
    present = set(names)
    changed: list[str] = []
    stats: dict[str, Stat | None] = {}
    for rel, content, status in run.files:
        if rel not in present:
            continue
        current = stats[rel] = _stat(f"{root}/{rel}")
        if (status is None or current != status) and patchable:
            path = root / rel
            if path.is_symlink():  # whether the loader reads it depends on where it points
                patchable = False
                continue
            try:
                now = digest(path.read_bytes())
            except OSError:
                now = b""
            if now == content:
                continue
            changed.append(rel)
            patchable = len(changed) <= CHANGED_UP_TO
    return _Walk(found, stats, changed, patchable, problems)


def _walk_sent(root: Path, run: _Run) -> tuple[bytes, list[Finding]]:
    """`_walk` on the helper, as little plain data as `_walk_received` needs, marshalled: the
    files found as three strings, and only the `stat`s that are not the kept run's (10,000 files:
    taking it in costs this process 4 ms instead of 19)."""
    walk = _walk(root, run)
    kept = {rel: status for rel, _, status in run.files}
    moved = {rel: status for rel, status in walk.stats.items() if kept[rel] != status}
    gone = [rel for rel in kept if rel not in walk.stats]
    columns = ["\0".join(column) for column in zip(*walk.found, strict=True)] if walk.found else None
    return marshal.dumps((columns, moved, gone, walk.changed, walk.patchable)), walk.problems


def _walk_received(plain: bytes, problems: list[Finding], run: _Run) -> _Walk:
    """The `_walk` the helper sent (`_walk_sent`)."""
    columns, moved, gone, changed, patchable = marshal.loads(plain)
    found: list[Found] = list(zip(*(column.split("\0") for column in columns), strict=True)) if columns else []
    left = set(gone)
    stats: dict[str, Stat | None] = {rel: status for rel, _, status in run.files if rel not in left}
    stats.update(moved)
    return _Walk(found, stats, changed, patchable, problems)


def _cwd() -> str:
    try:
        return str(Path.cwd())
    except OSError:  # the current folder was removed
        return ""


def _stat(path: str) -> Stat | None:
    """The stat of a regular file; None for a link (the loader judges where it points: always hashed)."""
    try:
        info = os.lstat(path)  # a str path: Path objects cost more than the call, 10,000 times
    except OSError:
        return None
    if stat.S_ISLNK(info.st_mode):
        return None
    return stat_of(info)


def _walked(problems: list[Finding]) -> tuple[tuple[str, str, str], ...]:
    return tuple((f.code, f.file, f.message) for f in problems)
