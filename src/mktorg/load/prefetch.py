"""Read and parse the files of a cold run on a forked helper, started before the models are imported.

Parsing is most of a first lint, and libyaml needs nothing of pydantic: when the cache holds
little, `mktorg lint` starts a helper that reads and parses the last part of the files (sending
their data back in parts) before it imports the models and the rules, which then cost this
process nothing the helper waits for. This process reads, parses and validates the first part,
then validates what the helper sent (the loader: `load_org(..., prefetched=...)`). Nothing here
imports the models.
"""

import marshal
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from mktorg.diagnostics import Finding
from mktorg.load.cache import Entry, looks_cold
from mktorg.load.cache import digest as content_hash
from mktorg.load.discover import Found
from mktorg.load.filestat import Stat
from mktorg.load.read import Content, parse_text, read_file
from mktorg.perf import (
    HELPER_ROUND_FILES,
    PARSE_ON_HELPER_FROM,
    PREFETCH_SHARE_OF_FILES,
    Started,
    in_parts,
    split,
    started_beside,
)


class Read(NamedTuple):
    """A discovered file as read: its text (None when unreadable), content hash and cache entry."""

    found: Found
    text: str | None
    digest: bytes
    entry: Entry | None
    problems: list[Finding]
    stat: Stat | None = None
    """Its `stat`, taken before it was read (None for a link, or when not read)."""


def read(root: Path, found: Found) -> Read:
    """Read one file (its entry is not looked up)."""
    stats: dict[str, Stat | None] = {}
    raw, text, problem = read_file(root, found[0], stats)
    status = stats.get(found[0])
    if raw is None or text is None:
        return Read(
            found, None, content_hash(raw) if raw is not None else b"", None, [problem] if problem else [], status
        )
    return Read(found, text, content_hash(raw), None, [], status)


Parsed = tuple[Read, "Content | None"]
"""A file as the helper read it, and what parsing its text found (None when it has no text)."""


@dataclass
class Prefetched:
    """The files a helper reads and parses (the last of the files found), and when reading began."""

    files: list[Found]
    started: float
    parts: "Started[_Part]"

    def parsed(self) -> Iterator[Parsed]:
        """What the helper found in each of its files, in order (waits for the helper)."""
        for plain, other in self.parts.each():
            for number, (found, text, hashed, status, data, strings) in enumerate(marshal.loads(plain)):
                if number in other:
                    yield other[number]
                else:
                    content: Content | None = (data, strings, []) if text is not None else None
                    yield Read(found, text, hashed, None, [], status), content


_Part = tuple[bytes, dict[int, Parsed]]
"""A part of the files as the helper sends it: the plain data of most files, marshalled (four
times faster to write than pickled), and the files that read or parse to something else (a
finding, or positions), by number."""


@contextmanager
def prefetching(root: Path, todo: list[Found], cache: bool) -> Iterator[Prefetched | None]:
    """A helper reading and parsing the last part of `todo` when the run is cold (no cache, or
    one that holds few of the files) and large enough to pay for it; None otherwise."""
    cut = split(len(todo), PARSE_ON_HELPER_FROM, PREFETCH_SHARE_OF_FILES)
    if cut == len(todo) or len(todo) > HELPER_ROUND_FILES or (cache and not looks_cold(root, todo)):
        yield None
        return
    tail = todo[cut:]
    started = time.time()
    with started_beside([_reader(root, part) for part in in_parts(tail)]) as running:
        yield Prefetched(tail, started, running)


def _reader(root: Path, files: Sequence[Found]) -> Callable[[], _Part]:
    def read_and_parse() -> _Part:
        plain: list[tuple[object, ...]] = []
        other: dict[int, Parsed] = {}
        for number, found in enumerate(files):
            file = read(root, found)
            content = parse_text(found[0], file.text) if file.text is not None else None
            data, strings, findings = content if content is not None else (None, None, [])
            if file.problems or findings or (data is not None and type(data) is not dict):
                other[number] = (file, content)
                data, strings = None, None
            plain.append((found, file.text, file.digest, file.stat, data, strings))
        return marshal.dumps(plain), other

    return read_and_parse
