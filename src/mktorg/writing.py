"""Writing output files safely: atomically, and never into an organisation's YAML sources."""

import contextlib
import os
import tempfile
from pathlib import Path

from mktorg.errors import OutputError
from mktorg.model.kinds import FOLDER_KINDS


def write_bytes(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that readers see the old file or the new one, never a part."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, _file_mode(path))
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_text(path: Path, text: str) -> None:
    """Write UTF-8 text atomically."""
    write_bytes(path, text.encode("utf-8"))


def _file_mode(path: Path) -> int:
    """Keep an existing file's mode; otherwise 0o666 less the umask, as open() would."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def refuse_source_folder(org: Path, output: Path) -> None:
    """Refuse an output path inside departments/, roles/ or processes/, or the org folder itself."""
    target = output.resolve()
    root = org.resolve()
    if target == root:
        raise OutputError(f"refusing to write into the organisation folder {org}; choose another output")
    for folder in FOLDER_KINDS:
        if target.is_relative_to(root / folder):
            raise OutputError(f"refusing to write into {org / folder}: it holds YAML sources")


def write_tree(root: Path, writes: dict[str, bytes], deletes: set[str], expected: dict[str, bytes | None]) -> None:
    """Change several files of a folder at once: all of them or, on any failure, none.

    `writes` and `deletes` are paths relative to `root`; `expected` holds what each touched path
    held when the change was planned (None: it did not exist). Every new file is written and
    synced to a temporary file beside its target first; then each target that changed since it
    was planned makes the whole change refused; then the old files are set aside and the new ones
    renamed into place, and if any step fails the old files are put back. Used by the commands
    that edit sources (`import`, `mv`, `rename`): the YAML is never left half-changed.
    """
    touched = sorted(set(writes) | deletes)
    for rel in touched:
        path = root / rel
        now = path.read_bytes() if path.is_file() else None
        if now != expected.get(rel):
            raise OutputError(f"{path} changed since it was read; nothing was written, run the command again")
    staged: dict[str, str] = {}
    made_dirs: list[Path] = []
    try:
        for rel, data in sorted(writes.items()):
            path = root / rel
            for parent in reversed(path.parents):
                if not parent.exists():
                    parent.mkdir()
                    made_dirs.append(parent)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            staged[rel] = tmp
            os.chmod(tmp, _file_mode(path))
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        _commit(root, staged, touched)
    except BaseException:
        for tmp in staged.values():
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        for folder in reversed(made_dirs):
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise


def _commit(root: Path, staged: dict[str, str], touched: list[str]) -> None:
    """Set the old files aside, move the new ones in; undo everything when a step fails."""
    aside: dict[str, str] = {}
    placed: list[str] = []
    try:
        for rel in touched:
            path = root / rel
            if path.exists():
                fd, backup = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".old", dir=path.parent)
                os.close(fd)
                os.replace(path, backup)
                aside[rel] = backup
            if rel in staged:
                os.replace(staged[rel], path)
                placed.append(rel)
    except BaseException:
        for rel in placed:
            with contextlib.suppress(OSError):
                os.unlink(root / rel)
        for rel, backup in aside.items():
            with contextlib.suppress(OSError):
                os.replace(backup, root / rel)
        raise
    for backup in aside.values():
        with contextlib.suppress(OSError):
            os.unlink(backup)
