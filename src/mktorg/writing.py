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
