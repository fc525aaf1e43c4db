"""SourceFile: one loaded YAML file, its text and where each value was written."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mktorg.load.cache import digest
from mktorg.load.parse import Position, YamlList, YamlMapping, YamlProblem, parse, parse_fast
from mktorg.load.read import read_file

PathPart = str | int
UNPARSED: Any = object()
"""The data of a file restored from the cache: parsed again from its text only if something asks."""


@dataclass(slots=True)
class SourceFile:
    """A file of the organisation (path relative to its folder, with `/`), its data and text.

    Positions of keys, items and string values are computed on first use when the file was
    parsed on the fast path; the data of a file restored from the cache (`UNPARSED`) too.
    """

    path: str
    kind: str  # "org", "department", "role", "process"
    id: str
    _data: dict[str, Any] | None
    """The document: a YamlMapping with positions, plain dicts and lists (fast path), or UNPARSED."""
    _text: str | None = field(repr=False)
    """The text that was parsed (without a byte-order mark): positions are computed from it, never
    from disk; None for a file restored from the cache unread (its `stat` said it is unchanged),
    read from `_folder` on first use."""
    _strings: list[str] | None = field(default=None, repr=False)
    _positioned: YamlMapping | None = field(default=None, repr=False)
    _lines: list[str] | None = field(default=None, repr=False)
    _folder: str | None = field(default=None, repr=False)
    located: "dict[tuple[tuple[PathPart, ...], bool], Position] | None" = field(default=None, repr=False)
    """Positions known without parsing (where an earlier run of the same text found them)."""
    _digest: bytes | None = field(default=None, repr=False)
    """The content hash the text read on first use must have (what was restored from the cache)."""
    drifted: bool = field(default=False, repr=False)
    """The text read on first use is not what was restored from the cache (the file changed since
    its `stat` was compared): this run's positions may be off, and it must not be kept."""

    @property
    def text(self) -> str:
        """The file's text (without a byte-order mark)."""
        if self._text is None:
            raw, text, _ = read_file(Path(self._folder or "."), self.path)
            self._text = text or ""
            self.drifted = self._digest is not None and (raw is None or digest(raw) != self._digest)
        return self._text

    @property
    def data(self) -> dict[str, Any] | None:
        """The document (None when the file is not a YAML mapping)."""
        if self._data is UNPARSED:
            try:
                parsed = parse_fast(self.text)
            except YamlProblem:  # cannot happen: the same text parsed before
                parsed = None
            self._data, self._strings = parsed if isinstance(parsed, tuple) else (parsed, None)
        return self._data

    def release_data(self) -> bool:
        """Forget the parsed data of a plain document, keeping its text and string values: a
        validated file is read through its entity, and the data (a third of a 100,000-role
        organisation's memory) is parsed again only if a report or a fix asks for it. Whether
        it was forgotten."""
        if self._strings is not None and not isinstance(self._data, YamlMapping):
            self._data = UNPARSED
            return True
        return False

    @property
    def positioned(self) -> YamlMapping | None:
        """The document with positions, parsed again from the text the first time it is needed."""
        data = self.data
        if isinstance(data, YamlMapping):
            return data
        if self._positioned is None and data is not None:
            try:
                self._positioned = parse(self.text)
            except YamlProblem:  # cannot happen: the same text parsed before
                return None
        return self._positioned

    @property
    def strings(self) -> list[str]:
        """Every string value of the document, in document order."""
        if self._strings is not None:
            return self._strings
        data = self.data
        if isinstance(data, YamlMapping):
            return [string.text for string in data.strings]
        return self._strings or []

    def string_position(self, index: int) -> Position:
        """Where the `index`-th string value is written."""
        positioned = self.positioned
        if positioned is None or index >= len(positioned.strings):
            return (1, 1)
        return positioned.strings[index].position

    def line_text(self, line: int) -> str:
        """The text of a 1-based line ('' outside the file)."""
        if self._lines is None:
            self._lines = self.text.splitlines()
        return self._lines[line - 1] if 0 < line <= len(self._lines) else ""

    def locate(self, path: Sequence[PathPart], *, key: bool = False) -> Position:
        """The position of the value at `path` (or of its key), or of its closest ancestor.

        Path parts that do not exist in the data (pydantic's union tags, say) are skipped.
        """
        if self.located is not None:
            known = self.located.get((tuple(path), key))
            if known is not None:
                return known
        node: Any = self.positioned
        position: Position = (1, 1)
        for index, part in enumerate(path):
            last = index == len(path) - 1
            if isinstance(node, YamlMapping) and isinstance(part, str) and part in node:
                key_pos, value_pos = node.pos[part]
                position = key_pos if key and last else value_pos
                node = node[part]
            elif isinstance(node, YamlList) and isinstance(part, int) and 0 <= part < len(node):
                position = node.pos[part]
                node = node[part]
        return position

    def has(self, path: Sequence[PathPart]) -> bool:
        """Whether the data holds a value at `path`."""
        node: Any = self.data
        for part in path:
            if _holds(node, part):
                node = node[part]
            else:
                return False
        return True


def _holds(node: Any, part: PathPart) -> bool:
    """Whether a mapping has the key, or a list the index."""
    if isinstance(node, dict):
        return isinstance(part, str) and part in node
    return isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
