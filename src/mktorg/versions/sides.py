"""The two versions a comparison reads: folders, git revisions or the working tree, loaded together.

The organisation in the working tree is loaded once; a revision is derived from it and the files
that differ (see derive.py), read with git plumbing: the working tree and the index are never
touched. Only a revision far from the working tree (or one compared outside a working tree) is
written out whole to a temporary folder and loaded like a folder.
"""

import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from mktorg.errors import MktorgError, OrgNotFoundError
from mktorg.load.loader import LoadResult, load_org
from mktorg.model.kinds import FOLDER_KINDS, ORG_FILE_NAMES
from mktorg.versions.derive import Blob, derive, discoverable, write_blob
from mktorg.versions.git import LINK_MODE, Entry, Git

DERIVE_UP_TO = (200, 0.3)
"""A revision is derived from the working tree when at most this many files differ (or this share of
its files); beyond, it is written out and loaded whole (parsing then runs on two processes)."""


@dataclass(frozen=True)
class Side:
    """One version: a folder, or a revision (tree) of a repository."""

    spec: str
    """What the user wrote ('' for the working tree)."""
    folder: Path | None = None
    tree: str | None = None
    commit: str | None = None

    @property
    def label(self) -> str:
        """`HEAD (c5a2b76)`, `v1.0`, a folder path, or '' for the working tree."""
        if self.tree is None:
            return self.spec
        short = (self.commit or self.tree)[:7]
        return self.spec if self.spec.startswith(short) else f"{self.spec} ({short})"

    @property
    def kind(self) -> str:
        """revision, folder or worktree."""
        if self.tree is not None:
            return "revision"
        return "folder" if self.spec else "worktree"


@dataclass
class Version:
    """A loaded side; `empty` when a revision holds no organisation at that path."""

    side: Side
    loaded: LoadResult
    empty: bool = False


class Versions:
    """Resolve and load the two sides of a comparison of the organisation at `org`."""

    def __init__(self, org: Path) -> None:
        self.org = org
        self._git: Git | None = None
        self._searched = False

    @property
    def git(self) -> Git | None:
        """The repository holding the organisation folder (or its nearest existing parent), if any."""
        if not self._searched:
            self._searched = True
            self._git = Git.find(self.org)
        return self._git

    def side(self, spec: str | None, default: str | None) -> Side:
        """A side from what the user wrote: an existing folder, else a revision; None: `default`."""
        if spec is None:
            if default is None:
                return Side("", folder=self.org)
            spec = default
        if Path(spec).is_dir():
            return Side(spec, folder=Path(spec))
        if self.git is None:
            if shutil.which("git") is None:
                raise MktorgError(f"'{spec}' is not a folder, and git was not found to read it as a revision")
            raise MktorgError(f"'{spec}' is not a folder, and {self.org} is not in a git repository")
        tree, commit = self.git.resolve(spec)
        return Side(spec, tree=tree, commit=commit)

    @contextmanager
    def load(self, old: Side, new: Side) -> Iterator[tuple[Version, Version]]:
        """Both sides loaded; temporary folders live until the block ends."""
        with tempfile.TemporaryDirectory(prefix="mktorg-diff-") as scratch:
            versions = self._load(old, new, Path(scratch))
            if versions[0].empty and versions[1].empty:
                raise OrgNotFoundError(f"no organisation at {self.org} in either version")
            for version in versions:
                if version.empty:
                    where = version.side.label or "the working tree"
                    print(
                        f"mktorg: {where} has no organisation at {self.org}: all of it is new or gone", file=sys.stderr
                    )
            yield versions

    def _load(self, old: Side, new: Side, scratch: Path) -> tuple[Version, Version]:
        git = self.git
        if git is None or (old.tree is None and new.tree is None):
            return self._whole(old, scratch / "old"), self._whole(new, scratch / "new")
        prefix = git.prefix(self.org)
        work_tree = git.top / prefix if prefix else git.top
        base = Version(Side("", folder=work_tree), load_org(work_tree)) if _has_org(work_tree) else None
        return (
            self._version(old, git, prefix, base, scratch / "old"),
            self._version(new, git, prefix, base, scratch / "new"),
        )

    def _version(self, side: Side, git: Git, prefix: str, base: Version | None, scratch: Path) -> Version:
        """One side, from the working tree's organisation (`base`) where that is cheaper than reading it whole."""
        if side.tree is None:
            assert side.folder is not None
            if base is not None and base.side.folder is not None and _same_folder(side.folder, base.side.folder):
                return Version(side, base.loaded)
            return self._whole(side, scratch)
        entries = git.files(side.tree, prefix)
        root = scratch / self._name()
        if not entries:
            return self._empty(side, root)
        if base is None or base.side.folder is None:
            return self._whole(side, scratch)
        changed = {
            rel for rel in git.changed_in_work_tree(side.tree, prefix) if rel in ORG_FILE_NAMES or discoverable(rel)
        }
        if not changed:
            return Version(side, base.loaded)
        if len(changed) > max(DERIVE_UP_TO[0], DERIVE_UP_TO[1] * len(entries)):
            return self._whole(side, scratch)
        root.mkdir(parents=True)
        changes = _blobs(git, {rel: entries.get(rel) for rel in changed})
        return Version(side, derive(base.loaded, base.side.folder, changes, root))

    def _whole(self, side: Side, scratch: Path) -> Version:
        """A side loaded on its own: a folder as it is, a revision written out first."""
        root = scratch / self._name()
        if side.folder is not None:
            if side.kind == "worktree" and not _has_org(side.folder):
                return self._empty(side, root)
            return Version(side, load_org(side.folder))
        assert self.git is not None and side.tree is not None
        entries = self.git.files(side.tree, self.git.prefix(self.org))
        _write_all(self.git, entries, root)
        return self._loaded(side, root, entries)

    def _loaded(self, side: Side, root: Path, entries: dict[str, Entry]) -> Version:
        """A revision written out below `root`, loaded (or empty when it holds no organisation)."""
        return Version(side, load_org(root)) if _has_org(root) else self._empty(side, root)

    @staticmethod
    def _empty(side: Side, root: Path) -> Version:
        """A version without the organisation, compared as an empty one: everything is new, or gone."""
        (root / "roles").mkdir(parents=True, exist_ok=True)
        return Version(side, load_org(root), empty=True)

    def _name(self) -> str:
        """The organisation folder's name (an organisation without org.yaml is named after it)."""
        return self.org.resolve().name or "org"


def _same_folder(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def _has_org(folder: Path) -> bool:
    """Whether `load_org` would find an organisation in the folder."""
    try:
        return folder.is_dir() and any((folder / name).exists() for name in (*ORG_FILE_NAMES, *FOLDER_KINDS))
    except OSError:
        return False


def _write_all(git: Git, entries: dict[str, Entry], root: Path) -> None:
    """Write every file of a revision that the loader reads below `root`."""
    wanted = {rel: e for rel, e in entries.items() if rel in ("org.yaml", "org.yml") or discoverable(rel)}
    contents = git.blobs([e.blob for e in wanted.values()])
    root.mkdir(parents=True, exist_ok=True)
    for rel, entry in wanted.items():
        write_blob(root / rel, Blob(contents[entry.blob], entry.mode == LINK_MODE))


def _blobs(git: Git, entries: dict[str, Entry | None]) -> dict[str, Blob | None]:
    contents = git.blobs([e.blob for e in entries.values() if e is not None])
    return {rel: None if e is None else Blob(contents[e.blob], e.mode == LINK_MODE) for rel, e in entries.items()}
