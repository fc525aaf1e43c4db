"""Writing files safely: atomically, never over an organisation's sources, never half-way.

Every file is written to a temporary file beside it and renamed over the target, so readers see
the old file or the new one. SIGINT and SIGTERM wait while a temporary file is created, renamed or
removed, so an interrupted run never leaves one behind.
"""

import contextlib
import os
import shutil
import signal
import stat
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from mktorg.errors import OutputError
from mktorg.model.kinds import FOLDER_KINDS, ORG_FILE_NAMES

_TEMP_PREFIX = ".mktorg-"
"""Temporary files get a short name of their own: `.<target name>.` could exceed 255 bytes."""


_HELD: tuple[int, ...] = (signal.SIGINT, signal.SIGTERM)


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM until the block is done, then act on the first that came (raise
    KeyboardInterrupt, say). Their handlers always run in the main thread, so only it holds them."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pending: list[int] = []
    previous: dict[int, Any] = {}
    try:
        for number in _HELD:
            previous[number] = signal.signal(number, lambda received, _frame: pending.append(received))
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, signal.SIG_DFL if handler is None else handler)  # None: set outside Python
        if pending:
            _deliver(pending[0], previous.get(pending[0], signal.SIG_DFL))


def _deliver(number: int, handler: Any) -> None:
    """Act on a held signal as its handler would have."""
    if callable(handler):
        handler(number, None)
    elif handler == signal.SIG_DFL:
        os.kill(os.getpid(), number)


def write_bytes(path: Path, data: bytes, *, unchanged: Callable[[], bool] | None = None) -> bool:
    """Write `data` to `path` so that readers see the old file or the new one, never a part.

    `unchanged` is asked just before the file is replaced; when it says False nothing is
    written and the result is False.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    mode, owner = _file_mode(path)
    tmp: str | None = None
    handle: BinaryIO | None = None
    try:
        with signals_held():
            fd, tmp = tempfile.mkstemp(prefix=_TEMP_PREFIX, suffix=".tmp", dir=path.parent)
            handle = os.fdopen(fd, "wb")
        with handle:
            os.fchmod(handle.fileno(), mode)
            if owner is not None:
                with contextlib.suppress(OSError):  # only the superuser may give a file away
                    os.fchown(handle.fileno(), *owner)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        with signals_held():
            if unchanged is not None and not unchanged():
                return False
            os.replace(tmp, path)
            tmp = None
        return True
    finally:
        with signals_held():
            if handle is not None:
                handle.close()  # closing twice is harmless
            if tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)


def write_text(path: Path, text: str) -> None:
    """Write UTF-8 text atomically."""
    write_bytes(path, text.encode("utf-8"))


def _file_mode(path: Path) -> tuple[int, tuple[int, int] | None]:
    """Keep an existing file's mode and owner; otherwise 0o666 less the umask, as open() would."""
    try:
        info = path.stat()
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask, None
    return info.st_mode & 0o7777, (info.st_uid, info.st_gid)


def why_not_writable(path: Path) -> str | None:
    """Why `path` cannot (or must not) be replaced, or None: a read-only file (no write permission
    bit at all, even for the superuser) or a folder where the replacement cannot be created."""
    try:
        info = path.stat()
    except FileNotFoundError:
        info = None
    except OSError as err:
        return err.strerror or str(err)
    if info is not None:
        if not stat.S_ISREG(info.st_mode):
            return "is not a regular file"
        if not info.st_mode & 0o222 or not os.access(path, os.W_OK):
            return "is read-only"
    folder = path.parent
    try:
        folder_mode = folder.stat().st_mode
    except OSError as err:
        return f"its folder cannot be used ({err.strerror or err})"
    if not folder_mode & 0o222 or not os.access(folder, os.W_OK | os.X_OK):
        return "is in a read-only folder"
    return None


def _real(path: Path) -> Path:
    return Path(os.path.realpath(path))


def _entry(path: Path) -> Path:
    """The directory entry a write to `path` replaces: its folder resolved, its own name kept."""
    return _real(path.parent) / path.name


class SourceGuard:
    """The files an organisation loads and the folders that hold them, whatever their spelling
    (relative, through links, `..`): no output may replace one of them or go into such a folder."""

    def __init__(self, org: Path, sources: Iterable[Path] = ()) -> None:
        self.org = org
        self.root = _real(org)
        real_sources = [(path, _real(path)) for path in sources]
        self.folders = {_real(self.root / folder) for folder in FOLDER_KINDS}
        self.folders |= {real.parent for _, real in real_sources if real.parent != self.root}
        self.files = {self.root / name for name in ORG_FILE_NAMES}
        for path, real in real_sources:
            self.files |= {_entry(path), real}

    def refuse_folder(self, output: Path) -> None:
        """Refuse an output folder that is the organisation folder or inside a source folder."""
        target = _real(output)
        if target == self.root:
            raise OutputError(f"refusing to write into the organisation folder {self.org}; choose another output")
        self._refuse_inside(output, target)

    def refuse_file(self, output: Path) -> None:
        """Refuse an output file that is a source, or that would go into a source folder."""
        entry = _entry(output)
        self._refuse_inside(output, entry.parent)
        for source in self.files:
            if entry == source or _same_file(output, source):
                raise OutputError(f"refusing to write {output}: the organisation loads {source}")

    def _refuse_inside(self, output: Path, target: Path) -> None:
        for folder in self.folders:
            if target.is_relative_to(folder):
                raise OutputError(f"refusing to write into {output}: {folder} holds the organisation's YAML sources")


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except OSError:
        return False


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
    stage: Path | None = None
    staged: dict[str, str] = {}
    one_sync = len(writes) > SYNC_EACH_UP_TO and hasattr(os, "sync")
    try:
        with signals_held():  # the staging folder is removed below, however the run ends
            stage = Path(tempfile.mkdtemp(prefix=_TEMP_PREFIX, dir=root))
        for number, (rel, data) in enumerate(sorted(writes.items())):
            path = root / rel
            for parent in reversed(path.parents):
                if not parent.exists():
                    parent.mkdir()
                    made_dirs.append(parent)
            tmp = str(stage / str(number))
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, _file_mode(path)[0])
            staged[rel] = tmp
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                if not one_sync:
                    handle.flush()
                    os.fsync(handle.fileno())
        if one_sync:
            os.sync()  # one flush of everything: 10,000 fsync calls take 40 s, this well under one
        with signals_held():  # SIGINT and SIGTERM wait until every file is in place (or put back)
            _commit(root, staged, touched, stage)
    except BaseException:
        for folder in reversed(made_dirs):
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise
    finally:
        if stage is not None:
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
