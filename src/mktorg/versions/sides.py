"""The two versions a comparison reads: folders, git revisions or the working tree, loaded together.

A revision is read with git plumbing into a temporary folder (the working tree and the index are
never touched). When one side is the working tree of the organisation, or both are revisions of
one repository, only the files that differ are read for the second side (see derive.py).
"""

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
        if old.tree is not None and new.tree is not None:
            return self._two_revisions(git, prefix, old, new, scratch)
        revision, folder = (old, new) if old.tree is not None else (new, old)
        if folder.folder is not None and _has_org(folder.folder) and _same_folder(folder.folder, git.top / prefix):
            first, second = self._revision_and_work_tree(git, prefix, revision, folder, scratch)
        else:
            first, second = self._whole(revision, scratch / "rev"), self._whole(folder, scratch / "dir")
        return (first, second) if revision is old else (second, first)

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

    def _revision_and_work_tree(
        self, git: Git, prefix: str, revision: Side, work_tree: Side, scratch: Path
    ) -> tuple[Version, Version]:
        """The working tree loaded as it is; the revision derived from it and the files that differ."""
        assert revision.tree is not None and work_tree.folder is not None
        entries = git.files(revision.tree, prefix)
        current = Version(work_tree, load_org(work_tree.folder))
        changed = git.changed_in_work_tree(revision.tree, prefix)
        changes = _blobs(git, {rel: entries.get(rel) for rel in changed})
        root = scratch / "rev" / self._name()
        root.mkdir(parents=True)
        if not entries:
            return self._empty(revision, root), current
        return Version(revision, derive(current.loaded, work_tree.folder, changes, root)), current

    def _two_revisions(self, git: Git, prefix: str, old: Side, new: Side, scratch: Path) -> tuple[Version, Version]:
        """The new revision written out and loaded; the old one derived from it and the files that differ."""
        assert old.tree is not None and new.tree is not None
        old_entries, new_entries = git.files(old.tree, prefix), git.files(new.tree, prefix)
        new_root = scratch / "new" / self._name()
        _write_all(git, new_entries, new_root)
        newer = self._loaded(new, new_root, new_entries)
        old_root = scratch / "old" / self._name()
        if newer.empty or not old_entries:
            _write_all(git, old_entries, old_root)
            return self._loaded(old, old_root, old_entries), newer
        differ = {
            rel for rel in old_entries.keys() | new_entries.keys() if old_entries.get(rel) != new_entries.get(rel)
        }
        changes = _blobs(git, {rel: old_entries.get(rel) for rel in differ})
        old_root.mkdir(parents=True)
        return Version(old, derive(newer.loaded, new_root, changes, old_root)), newer

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
