"""The cache beside an organisation (`.mktorg_cache/`), as ruff's: what was found in each file.

For every file it keeps, under the file's content hash, what loading found (the validated
entity and the findings of parsing and validation: `files-NN` shards) and what the per-file
rules found in it (`rules-NN` shards, valid for one org.yaml); the lint engine reruns the
cross-file rules on the cached entities. Slim entities (only what the cross-file rules rerun
on a whole organisation read, `lint/slim.py`) are kept as plain data in `slim-NN` shards, by a
cold run's helper, or by the helper of a patched run that asked for them and found the whole
entries. Everything is keyed by
mktorg's code too (`fingerprint`), so another version, or an edited checkout, starts afresh.
Only the shards that hold a changed file are written again.

A pickle can run code, so each shard starts with a MAC keyed by a secret in the user's own
cache folder: a cache that came with a copied or cloned organisation folder is never unpickled.
Anything unexpected (no key, a bad shard, a read-only folder) means no cache, never an error.
"""

import contextlib
import hashlib
import hmac
import importlib.util
import marshal
import os
import pickle
import sys
import tempfile
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from mktorg import __version__, segment
from mktorg.diagnostics import Finding
from mktorg.writing import signals_held

FOLDER = ".mktorg_cache"
"""The cache folder, in the organisation folder (its own .gitignore keeps it out of git)."""
SHARDS = 64
_KINDS = ("files", "rules", "slim")
WORDS = "words.bin"
"""The segmenter's answers (`segment.py`), kept like the shards."""
MAX_WORDS = 200_000
"""Answers up to which more are kept (a few MB)."""
_MAC_SIZE = 32
_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# mktorg's cache; `mktorg clean` removes it.\n"
_DEPENDENCIES = ("yaml", "_yaml", "pydantic", "pydantic_core", "rjieba")
"""Libraries whose version changes what a file yields (parsing, validation messages, words)."""


@dataclass(slots=True)
class Entry:
    """What loading found in one file, valid while its bytes hash to `digest`."""

    digest: bytes
    entity: Any
    """The validated model; None when the file did not load."""
    mapping: bool
    """Whether the text is a YAML mapping (the file's data is then parsed again on demand)."""
    findings: tuple[Finding, ...]
    """What parsing and validation found."""


@dataclass(slots=True)
class RuleEntry:
    """What the per-file rules found in one file's content (`digest`) under some settings (`key`)."""

    digest: bytes
    key: bytes
    ran: frozenset[str]
    """The per-file rules that ran (one set shared by many entries)."""
    found: tuple[Finding, ...]


class Slimming(NamedTuple):
    """How an entity is kept slim (`lint/slim.py`): as plain data that `marshal` writes
    (`to_plain`: None when it cannot be) and restored from it (`from_plain`)."""

    to_plain: Callable[[Any], Any]
    from_plain: Callable[[Any], Any]


def digest(raw: bytes) -> bytes:
    """The content hash of a file's bytes."""
    return hashlib.blake2b(raw, digest_size=16).digest()


class FileCache:
    """The entries of one organisation's files, read from and written to its cache folder.

    Two kinds of shard: `files-NN` (what loading found; large, final once loaded, so a forked
    helper can write them while the rules run) and `rules-NN` (what the per-file rules found).
    """

    def __init__(self, root: Path) -> None:
        self.folder = root / FOLDER
        self.key = user_key()
        self.fingerprint = fingerprint()
        self._shards: dict[str, list[dict[str, Any] | None]] = {kind: [None] * SHARDS for kind in _KINDS}
        """Each shard is read on first use: a run that looks at a few files reads a few shards."""
        self.dirty: dict[str, set[int]] = {kind: set() for kind in _KINDS}
        self.seen: set[str] = set()
        self.unslim: list[str] = []
        """The files whose whole entry `get` gave when asked for a slim one."""
        words = read_signed(self.folder / WORDS, self.key, self.fingerprint) if self.key is not None else None
        self.words: segment.Answers = words if isinstance(words, dict) else {}
        segment.recall(self.words)

    @property
    def files(self) -> list[dict[str, Entry]]:
        """Every `files` shard (all read)."""
        return [self._shard_of("files", n) for n in range(SHARDS)]

    @property
    def rules(self) -> list[dict[str, RuleEntry]]:
        """Every `rules` shard (all read)."""
        return [self._shard_of("rules", n) for n in range(SHARDS)]

    def _shard_of(self, kind: str, number: int) -> dict[str, Any]:
        shard = self._shards[kind][number]
        if shard is None:
            shard = self._shards[kind][number] = self._read(kind, number)
        return shard

    def count(self, paths: Iterable[str]) -> int:
        """How many of these files have an entry (whatever their content now)."""
        return sum(1 for rel in paths if rel in self._shard_of("files", _shard(rel)))

    def get(self, rel: str, content: bytes, slimming: Slimming | None = None) -> Entry | None:
        """The entry of a file whose bytes hash to `content`, if there is one; with `slimming`, its
        slim entry (slim entity, no findings) when the `slim` shards hold one, else the whole entry,
        the file noted in `unslim` (its slim entry is made later: `keep_slim`)."""
        self.seen.add(rel)
        if slimming is not None:
            kept = self.slim_entry(rel, content)
            if kept is not None:
                content_hash, mapping, plain = kept
                return Entry(content_hash, slimming.from_plain(plain) if plain is not None else None, mapping, ())
        entry: Entry | None = self._shard_of("files", _shard(rel)).get(rel)
        if entry is None or entry.digest != content:
            return None
        if slimming is not None:
            self.unslim.append(rel)
        return entry

    def slim_entry(self, rel: str, content: bytes) -> "_SlimKept | None":
        """The slim entry of a file whose bytes hash to `content` (its content hash, whether its
        text is a mapping, its slim entity as plain data), if the `slim` shards hold one (`get`
        without the whole entry to fall back on)."""
        self.seen.add(rel)
        kept: _SlimKept | None = self._shard_of("slim", _shard(rel)).get(rel)
        return kept if kept is not None and kept[0] == content else None

    def entry(self, rel: str) -> Entry | None:
        """The entry of a file seen in this run (cached or fresh)."""
        return self._shard_of("files", _shard(rel)).get(rel) if rel in self.seen else None

    def put(self, rel: str, entry: Entry) -> None:
        """Keep (or replace) the entry of a file."""
        self.seen.add(rel)
        number = _shard(rel)
        self._shard_of("files", number)[rel] = entry
        self.dirty["files"].add(number)

    def keep_slim(self, slimming: Slimming, paths: Iterable[str]) -> None:
        """Make the slim entries (`get`) of these files seen in this run; in a slim shard not read
        in this run (a cold run's files are nearly all new) they replace what it held."""
        for rel in paths:
            entry = self.entry(rel)
            kept = _slim_kept(entry, slimming) if entry is not None else None
            if kept is None:
                continue
            number = _shard(rel)
            shard = self._shards["slim"][number]
            if shard is None:
                shard = self._shards["slim"][number] = {}
            shard[rel] = kept
            self.dirty["slim"].add(number)

    def rule_entry(self, rel: str) -> RuleEntry | None:
        """What the per-file rules found in a file seen in this run, if it is for its content now."""
        entry, found = self.entry(rel), self._shard_of("rules", _shard(rel)).get(rel)
        return found if entry is not None and found is not None and found.digest == entry.digest else None

    def put_rules(self, rel: str, found: RuleEntry) -> None:
        """Keep what the per-file rules found in a file."""
        number = _shard(rel)
        self._shard_of("rules", number)[rel] = found
        self.dirty["rules"].add(number)

    def save(
        self,
        kinds: tuple[str, ...] = ("files", "rules", "words"),
        *,
        write: bool = True,
        shards: "set[int] | None" = None,
        prune: bool = True,
    ) -> None:
        """Write the shards that changed, dropping files that are gone; never fails.

        `shards`: only these shard numbers, so that two processes can share the writing;
        `write=False`: another process wrote them, only forget the changes; `prune=False`: the run
        saw only some files (no file is gone), so the shards it did not read stay as they are.
        """
        if self.key is None:
            return
        if "words" in kinds:
            self._save_words()
        for kind in kinds:
            if kind == "words":
                continue
            for number in range(SHARDS):
                if shards is not None and number not in shards:
                    continue
                entries = self._shard_of(kind, number) if prune else self._shards[kind][number]
                if entries is None:
                    continue
                gone = [rel for rel in entries if rel not in self.seen]
                for rel in gone:
                    del entries[rel]
                if write and (gone or number in self.dirty[kind]):
                    self._write(kind, number, entries)
                self.dirty[kind].discard(number)

    def _save_words(self) -> None:
        """Keep the segmenter's new answers, with those another process (the helper) kept."""
        assert self.key is not None
        new = {key: value for key, value in segment.learned().items() if key not in self.words}
        if not new or len(self.words) >= MAX_WORDS:
            return
        kept = read_signed(self.folder / WORDS, self.key, self.fingerprint)
        self.words = (kept if isinstance(kept, dict) else {}) | self.words | new
        write_signed(self.folder, WORDS, self.key, self.fingerprint, self.words)

    def _path(self, kind: str, number: int) -> Path:
        return self.folder / _shard_file(kind, number)

    def _read(self, kind: str, number: int) -> dict[str, Any]:
        if self.key is None:
            return {}
        plain = kind == "slim"
        entries = read_signed(self._path(kind, number), self.key, self.fingerprint, plain=plain)
        return entries if isinstance(entries, dict) else {}

    def _write(self, kind: str, number: int, entries: dict[str, Any]) -> None:
        assert self.key is not None
        plain = kind == "slim"
        write_signed(self.folder, _shard_file(kind, number), self.key, self.fingerprint, entries, plain=plain)


_SlimKept = tuple[bytes, bool, Any]
"""A slim shard's entry: the content hash, whether the text is a mapping, the entity as plain data."""


def _slim_kept(entry: Entry, slimming: Slimming) -> _SlimKept | None:
    """What a slim shard keeps of an entry; None when its entity cannot be plain data."""
    if entry.entity is None:
        return (entry.digest, entry.mapping, None)
    plain = slimming.to_plain(entry.entity)
    return None if plain is None else (entry.digest, entry.mapping, plain)


def read_signed(path: Path, key: bytes, stamp: bytes, *, plain: bool = False) -> Any:
    """What `write_signed` kept in a file, or None (no file, a bad MAC, another mktorg's code)."""
    try:
        blob = path.read_bytes()
    except OSError:
        return None
    mac, payload = blob[:_MAC_SIZE], blob[_MAC_SIZE:]
    if not hmac.compare_digest(mac, _mac(key, payload)):
        return None
    try:
        kept_stamp, value = marshal.loads(payload) if plain else pickle.loads(payload)
    except Exception:  # written by an older mktorg whose classes changed
        return None
    return value if kept_stamp == stamp else None


def write_signed(folder: Path, name: str, key: bytes, stamp: bytes, value: Any, *, plain: bool = False) -> None:
    """Keep `value` in a file of the cache folder, signed with the user's key; never fails.
    `plain`: plain data (str, bytes, numbers, lists, tuples, dicts), written with `marshal`,
    several times faster to write and read than a pickle."""
    kept = (stamp, value)
    payload = marshal.dumps(kept) if plain else pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL)
    with contextlib.suppress(OSError):
        _prepare_folder(folder)
        _write_atomically(folder / name, _mac(key, payload) + payload)


def _prepare_folder(folder: Path) -> None:
    if (folder / ".gitignore").exists():
        return
    folder.mkdir(exist_ok=True)
    _write_atomically(folder / "CACHEDIR.TAG", _TAG.encode())
    _write_atomically(folder / ".gitignore", b"# mktorg's cache: never committed\n*\n")


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


def looks_cold(root: Path, found: Sequence[tuple[str, ...]]) -> bool:
    """Whether the cache holds fewer than half of these files (`found`: paths first), judged by
    the shard of the first one alone, so that it is cheap to ask before anything is loaded."""
    key = user_key()
    if key is None or not found:
        return True
    number = _shard(found[0][0])
    entries = read_signed(root / FOLDER / _shard_file("files", number), key, fingerprint())
    if not isinstance(entries, dict):
        return True
    in_shard = [rel for rel, *_ in found if _shard(rel) == number]
    return sum(1 for rel in in_shard if rel in entries) * 2 < len(in_shard)


def share_of_shards(share: float) -> tuple[set[int], set[int]]:
    """The shard numbers split in two: `share` of them (files are spread evenly), and the rest."""
    cut = round(SHARDS * share)
    return set(range(cut)), set(range(cut, SHARDS))


def _shard_file(kind: str, number: int) -> str:
    return f"{kind}-{number:02d}.bin"


@cache
def _shard(rel: str) -> int:
    """The shard of a file (asked several times per file in a run: remembered)."""
    return zlib.crc32(rel.encode()) % SHARDS


def _mac(key: bytes, payload: bytes) -> bytes:
    return hashlib.blake2b(payload, key=key, digest_size=_MAC_SIZE).digest()


def _write_atomically(path: Path, data: bytes) -> None:
    """Write a file that readers see whole or not at all (no fsync: a cache may be lost, not torn);
    a Ctrl-C or SIGTERM is held while the temporary file is made, written, renamed or removed, so
    none is left behind: a forked helper writing shards (lint/engine.py) dies at once on SIGTERM,
    with no `finally` to remove it, and the data is ready (pickled) before, so the hold is short."""
    tmp: str | None = None
    try:
        with signals_held():
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, path)
            tmp = None
    finally:
        if tmp is not None:
            with signals_held(), contextlib.suppress(OSError):
                os.unlink(tmp)


def _user_folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.environ.get("LOCALAPPDATA")
    return (Path(base) if base else Path.home() / ".cache") / "mktorg"


@cache
def user_key() -> bytes | None:
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
