"""Writing output files safely: atomically, and never into an organisation's YAML sources."""

import contextlib
import os
import shutil
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


SYNC_EACH_UP_TO = 16
"""Up to this many new files are synced one by one; more are synced by one `os.sync()`."""


def write_tree(root: Path, writes: dict[str, bytes], deletes: set[str], expected: dict[str, bytes | None]) -> None:
    """Change several files of a folder at once: all of them or, on any failure, none.

    `writes` and `deletes` are paths relative to `root`; `expected` holds what each touched path
    held when the change was planned (None: it did not exist). A touched file that changed since
    it was planned makes the whole change refused. Every new file is written and synced into a
    staging folder inside `root` first; then the old files are set aside and the new ones renamed
    into place, and if any step fails the old files are put back. Used by the commands that edit
    sources (`import`, `mv`, `rename`): the YAML is never left half-changed.
    """
    touched = sorted(set(writes) | deletes)
    for rel in touched:
        path = root / rel
        now = path.read_bytes() if path.is_file() else None
        if now != expected.get(rel):
            raise OutputError(f"{path} changed since it was read; nothing was written, run the command again")
    made_dirs: list[Path] = []
    stage = Path(tempfile.mkdtemp(prefix=".mktorg-", dir=root))
    staged: dict[str, str] = {}
    one_sync = len(writes) > SYNC_EACH_UP_TO and hasattr(os, "sync")
    try:
        for number, (rel, data) in enumerate(sorted(writes.items())):
            path = root / rel
            for parent in reversed(path.parents):
                if not parent.exists():
                    parent.mkdir()
                    made_dirs.append(parent)
            tmp = str(stage / str(number))
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, _file_mode(path))
            staged[rel] = tmp
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                if not one_sync:
                    handle.flush()
                    os.fsync(handle.fileno())
        if one_sync:
            os.sync()  # one flush of everything: 10,000 fsync calls take 40 s, this well under one
        _commit(root, staged, touched, stage)
    except BaseException:
        for folder in reversed(made_dirs):
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def _commit(root: Path, staged: dict[str, str], touched: list[str], stage: Path) -> None:
    """Set the old files aside (into the staging folder), move the new ones in; undo everything when a step fails."""
    aside: dict[str, str] = {}
    placed: list[str] = []
    try:
        for number, rel in enumerate(touched):
            path = root / rel
            if path.exists():
                backup = str(stage / f"old-{number}")
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
