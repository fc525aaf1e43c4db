"""The cache beside an organisation (`.mktorg_cache/`), as ruff's: what was found in each file.

For every file it keeps, under the file's content hash, what loading found (the validated
entity and the findings of parsing and validation) and what the per-file rules found in it;
the lint engine reruns the cross-file rules on the cached entities. Everything is keyed by
mktorg's code too (`fingerprint`), so another version, or an edited checkout, starts afresh.

The entries are pickled in shards; only the shards that hold a changed file are written again.
A pickle can run code, so each shard starts with a MAC keyed by a secret in the user's own
cache folder: a cache that came with a copied or cloned organisation folder is never unpickled.
Anything unexpected (no key, a bad shard, a read-only folder) means no cache, never an error.
"""

import contextlib
import hashlib
import hmac
import importlib.util
import os
import pickle
import sys
import tempfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from mktorg import __version__
from mktorg.diagnostics import Finding

FOLDER = ".mktorg_cache"
"""The cache folder, in the organisation folder (its own .gitignore keeps it out of git)."""
SHARDS = 32
_MAC_SIZE = 32
_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# mktorg's cache; `mktorg clean` removes it.\n"
_DEPENDENCIES = ("yaml", "_yaml", "pydantic", "pydantic_core", "rjieba")
"""Libraries whose version changes what a file yields (parsing, validation messages, words)."""


@dataclass(slots=True)
class Entry:
    """What one file yielded, valid while its bytes hash to `digest`."""

    digest: bytes
    entity: Any
    """The validated model; None when the file did not load."""
    mapping: bool
    """Whether the text is a YAML mapping (the file's data is then parsed again on demand)."""
    findings: tuple[Finding, ...]
    """What parsing and validation found."""
    rules_key: bytes = b""
    """The settings the per-file rule findings were found under (org.yaml and the code)."""
    rules_ran: frozenset[str] = frozenset()
    """The per-file rules that ran on this file under `rules_key` (one set shared by many entries)."""
    rules_found: tuple[Finding, ...] = ()
    """What they found."""


def digest(raw: bytes) -> bytes:
    """The content hash of a file's bytes."""
    return hashlib.blake2b(raw, digest_size=16).digest()


class FileCache:
    """The entries of one organisation's files, read from and written to its cache folder."""

    def __init__(self, root: Path) -> None:
        self.folder = root / FOLDER
        self.key = _user_key()
        self.fingerprint = fingerprint()
        self.shards: list[dict[str, Entry]] = [{} for _ in range(SHARDS)]
        self.dirty: set[int] = set()
        self.seen: set[str] = set()
        if self.key is not None:
            for number in range(SHARDS):
                self.shards[number] = self._read(number)

    def count(self, paths: Iterable[str]) -> int:
        """How many of these files have an entry (whatever their content now)."""
        return sum(1 for rel in paths if rel in self.shards[_shard(rel)])

    def get(self, rel: str, content: bytes) -> Entry | None:
        """The entry of a file whose bytes hash to `content`, if there is one."""
        self.seen.add(rel)
        entry = self.shards[_shard(rel)].get(rel)
        return entry if entry is not None and entry.digest == content else None

    def entry(self, rel: str) -> Entry | None:
        """The entry of a file seen in this run (cached or fresh)."""
        return self.shards[_shard(rel)].get(rel) if rel in self.seen else None

    def put(self, rel: str, entry: Entry) -> None:
        """Keep (or replace) the entry of a file."""
        self.seen.add(rel)
        number = _shard(rel)
        self.shards[number][rel] = entry
        self.dirty.add(number)

    def touched(self, rel: str) -> None:
        """Mark an entry as changed in place (its rule findings)."""
        self.dirty.add(_shard(rel))

    def save(self) -> None:
        """Write the shards that changed, dropping files that are gone; never fails."""
        if self.key is None:
            return
        for number, entries in enumerate(self.shards):
            gone = [rel for rel in entries if rel not in self.seen]
            for rel in gone:
                del entries[rel]
            if gone or number in self.dirty:
                self._write(number, entries)
        self.dirty.clear()

    def _path(self, number: int) -> Path:
        return self.folder / f"files-{number:02d}.bin"

    def _read(self, number: int) -> dict[str, Entry]:
        assert self.key is not None
        try:
            blob = self._path(number).read_bytes()
        except OSError:
            return {}
        mac, payload = blob[:_MAC_SIZE], blob[_MAC_SIZE:]
        if not hmac.compare_digest(mac, _mac(self.key, payload)):
            return {}
        try:
            stamp, entries = pickle.loads(payload)
        except Exception:  # a shard written by an older mktorg whose classes changed
            return {}
        return entries if stamp == self.fingerprint and isinstance(entries, dict) else {}

    def _write(self, number: int, entries: dict[str, Entry]) -> None:
        assert self.key is not None
        payload = pickle.dumps((self.fingerprint, entries), protocol=pickle.HIGHEST_PROTOCOL)
        with contextlib.suppress(OSError):
            self._prepare_folder()
            _write_atomically(self._path(number), _mac(self.key, payload) + payload)

    def _prepare_folder(self) -> None:
        if (self.folder / ".gitignore").exists():
            return
        self.folder.mkdir(exist_ok=True)
        _write_atomically(self.folder / "CACHEDIR.TAG", _TAG.encode())
        _write_atomically(self.folder / ".gitignore", b"# mktorg's cache: never committed\n*\n")


def clean(root: Path) -> bool:
    """Remove the cache folder of an organisation; whether there was one."""
    folder = root / FOLDER
    if not folder.is_dir():
        return False
    for path in sorted(folder.iterdir()):
        if path.is_file() or path.is_symlink():
            path.unlink()
    folder.rmdir()
    return True


def _shard(rel: str) -> int:
    return zlib.crc32(rel.encode()) % SHARDS


def _mac(key: bytes, payload: bytes) -> bytes:
    return hashlib.blake2b(payload, key=key, digest_size=_MAC_SIZE).digest()


def _write_atomically(path: Path, data: bytes) -> None:
    """Write a file that readers see whole or not at all (no fsync: a cache may be lost, not torn)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _user_folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.environ.get("LOCALAPPDATA")
    return (Path(base) if base else Path.home() / ".cache") / "mktorg"


@cache
def _user_key() -> bytes | None:
    """This user's secret for the MACs, created on first use; None when it cannot be kept."""
    path = _user_folder() / "cache-key"
    with contextlib.suppress(OSError, RuntimeError):
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent)  # created 0600
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(os.urandom(_MAC_SIZE))
                with contextlib.suppress(FileExistsError):  # another process made one first: use it
                    os.link(tmp, path)
            finally:
                os.unlink(tmp)
        key = path.read_bytes()
        if len(key) == _MAC_SIZE:
            return key
    return None


@cache
def fingerprint() -> bytes:
    """mktorg's code as it is now: its version and the size and time of each of its files, the
    Python version and the libraries that shape results (an edited checkout counts as new code)."""
    parts = [__version__, sys.version]
    package = Path(__file__).resolve().parent.parent
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".yaml", ".json") and path.is_file():
            stat = path.stat()
            parts.append(f"{path.relative_to(package)}:{stat.st_size}:{stat.st_mtime_ns}")
    for name in _DEPENDENCIES:
        spec = importlib.util.find_spec(name)
        origin = spec.origin if spec is not None else None
        if origin and Path(origin).is_file():
            stat = Path(origin).stat()
            parts.append(f"{name}:{origin}:{stat.st_size}:{stat.st_mtime_ns}")
    return hashlib.blake2b("\n".join(parts).encode(), digest_size=16).digest()
