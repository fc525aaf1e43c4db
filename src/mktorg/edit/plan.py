"""A change to an organisation's files, planned whole before anything is written.

`import`, `mv` and `rename` first plan every file they create, edit, move or delete; the plan
is shown as a unified diff (`--dry-run`), checked (`edit/check.py`: it must lint no worse), and
only then written, all files or none (`writing.write_tree`).
"""

import difflib
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from mktorg.errors import MktorgError
from mktorg.model.kinds import FOLDER_KINDS, ORG_FILE_NAMES
from mktorg.writing import write_tree

BOM = "\ufeff"


@dataclass
class FileChange:
    """One file: its old path and text (None: new), its new path and text (None: deleted)."""

    old_path: str | None
    old_text: str | None
    new_path: str | None
    new_text: str | None


@dataclass
class Plan:
    """Every change to the folder `root`, by path."""

    root: Path
    changes: list[FileChange] = field(default_factory=list)
    originals: dict[str, bytes | None] = field(default_factory=dict)
    _created: set[str] = field(default_factory=set)

    def read(self, rel: str) -> str:
        """The text of a file of the folder, as it is on disk now (the plan remembers its bytes)."""
        data = (self.root / rel).read_bytes()
        self.originals.setdefault(rel, data)
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            raise MktorgError(f"{self.root / rel} is not UTF-8 text; nothing was changed") from None

    def edit(self, rel: str, old_text: str, new_text: str, new_rel: str | None = None) -> None:
        """A file edited in place, or moved to `new_rel` with its new text."""
        if new_text != old_text or (new_rel or rel) != rel:
            self.changes.append(FileChange(rel, old_text, new_rel or rel, new_text))

    def create(self, rel: str, text: str) -> None:
        """A new file; refused when a file is already there."""
        if rel in self._created or (self.root / rel).exists():
            raise MktorgError(f"{self.root / rel} already exists; nothing was changed")
        self._created.add(rel)
        self.originals.setdefault(rel, None)
        self.changes.append(FileChange(None, None, rel, text))

    def delete(self, rel: str, old_text: str) -> None:
        """A file removed."""
        self.changes.append(FileChange(rel, old_text, None, None))

    def __bool__(self) -> bool:
        return bool(self.changes)

    def summary(self) -> str:
        """`2 files edited, 1 created, 1 moved, 0 deleted`."""
        counts = {"edited": 0, "created": 0, "moved": 0, "deleted": 0}
        for change in self.changes:
            if change.old_path is None:
                counts["created"] += 1
            elif change.new_path is None:
                counts["deleted"] += 1
            elif change.new_path != change.old_path:
                counts["moved"] += 1
            else:
                counts["edited"] += 1
        return ", ".join(f"{n} {what}" for what, n in counts.items() if n) or "no change"

    def diff(self) -> str:
        """Unified diffs of every change, git-style for moves, new and deleted files."""
        out: list[str] = []
        for change in sorted(self.changes, key=lambda c: c.old_path or c.new_path or ""):
            old_name = f"a/{change.old_path}" if change.old_path else "/dev/null"
            new_name = f"b/{change.new_path}" if change.new_path else "/dev/null"
            if change.old_path and change.new_path and change.old_path != change.new_path:
                out.append(f"rename from {change.old_path}\nrename to {change.new_path}\n")
            before = _body(change.old_text).splitlines(keepends=True)
            after = _body(change.new_text).splitlines(keepends=True)
            lines = list(difflib.unified_diff(before, after, fromfile=old_name, tofile=new_name))
            out += [line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines]
        return "".join(out)

    def contents(self) -> tuple[dict[str, bytes], set[str]]:
        """The bytes to write by path, and the paths to delete."""
        writes: dict[str, bytes] = {}
        deletes: set[str] = set()
        for change in self.changes:
            if change.old_path and change.old_path != change.new_path:
                deletes.add(change.old_path)
            if change.new_path is not None and change.new_text is not None:
                writes[change.new_path] = change.new_text.encode("utf-8")
        deletes -= set(writes)
        return writes, deletes

    def write(self) -> None:
        """Write the whole plan: every file or, if anything fails, none."""
        writes, deletes = self.contents()
        expected = {rel: self.originals.get(rel) for rel in set(writes) | deletes}
        for rel in expected:
            if rel not in self.originals and (self.root / rel).exists():
                expected[rel] = (self.root / rel).read_bytes()
        write_tree(self.root, writes, deletes, expected)

    @contextmanager
    def staged(self) -> Iterator[Path]:
        """A temporary copy of the organisation's files with the plan applied (for checking)."""
        with tempfile.TemporaryDirectory(prefix="mktorg-plan-") as tmp:
            stage = Path(tmp) / (self.root.resolve().name or "org")
            copy_org(self.root, stage)
            writes, deletes = self.contents()
            for rel in deletes:
                (stage / rel).unlink(missing_ok=True)
            for rel, data in writes.items():
                (stage / rel).parent.mkdir(parents=True, exist_ok=True)
                (stage / rel).write_bytes(data)
            yield stage


def _body(text: str | None) -> str:
    return "" if text is None else text.removeprefix(BOM)


def copy_org(root: Path, target: Path) -> None:
    """Copy org.yaml and the departments/, roles/ and processes/ folders (what lint reads)."""
    target.mkdir(parents=True, exist_ok=True)
    if not root.is_dir():
        return
    for name in ORG_FILE_NAMES:
        if (root / name).is_file():
            shutil.copy2(root / name, target / name)
    for folder in FOLDER_KINDS:
        if (root / folder).is_dir():
            shutil.copytree(root / folder, target / folder, symlinks=True)
