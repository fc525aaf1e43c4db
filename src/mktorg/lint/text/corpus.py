"""All string values of an organisation joined into one, so text rules scan them at C speed.

Text rules report (and fix) only Text values: titles, duties, names, descriptions. Ids,
references, settings and level names are strings too, but changing one would break what refers
to it, so a match in one of them is passed over.
"""

import bisect
import re
from array import array
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import accumulate, repeat
from typing import Any

from mktorg.diagnostics import TextEdit
from mktorg.lint.text.fields import TextAt, department_texts, org_file_texts, process_texts, role_texts, strings
from mktorg.load.loader import LoadResult
from mktorg.load.parse import Position, YamlMapping
from mktorg.load.source import PathPart, SourceFile

SEP = "\x00"
NUL_STAND_IN = "\ufffe"
"""What a NUL inside a value becomes in the joined text (NUL separates the values): another
invisible character, of the same length, that no rule reads as a space."""


_FEW = 16
"""`Corpus.first_matches` searches string by string when at most one in this many holds a character
that a match needs."""


@dataclass
class Corpus:
    """Every string value of every loaded entity with its file and position, joined by NUL.

    The per-string bookkeeping is kept in arrays, not lists of tuples and ints: at 100,000 roles
    (3 million strings) that is 50 MB instead of 300 MB.
    """

    sources: list[SourceFile]
    owner: "array[int]"
    """For each string, the index of its file in `sources`."""
    number: "array[int]"
    """For each string, its index among its file's strings."""
    texts: list[str]
    starts: "array[int]"
    """Where each string starts in `joined`."""
    joined: str
    loaded: LoadResult | None = None
    _masks: dict[str, list[bool]] = field(default_factory=dict, repr=False)

    def matches(
        self, pattern: re.Pattern[str], keep: Callable[[int, re.Match[str]], bool] | None = None
    ) -> Iterator[tuple[int, re.Match[str]]]:
        """(string index, match) for every match of `pattern` in a Text value (and that `keep`
        accepts: a rule whose pattern matches many strings it then rejects checks them first, so
        that the files of rejected strings are never parsed again to tell Texts from ids).

        A pattern may start with the separator to anchor at the start of a string.
        """
        starts = self.starts
        for match in pattern.finditer(self.joined):
            start = match.start()
            index = bisect.bisect_right(starts, start + (self.joined[start] == SEP)) - 1
            if (keep is None or keep(index, match)) and self.is_text(index):
                yield index, match

    def place(self, index: int) -> tuple[SourceFile, int]:
        """The file of the `index`-th string and its number among the file's strings."""
        return self.sources[self.owner[index]], self.number[index]

    def is_text(self, index: int) -> bool:
        """Whether the `index`-th string is a Text value (and is not shared, through an alias, with
        a string that is not): only these are reported and fixed."""
        if self.loaded is None:
            return True
        source, number = self.place(index)
        mask = self._masks.get(source.path)
        if mask is None:
            mask = self._masks[source.path] = text_mask(source, _texts_of(self.loaded, source))
        return number < len(mask) and mask[number]

    def where(self, index: int, match: re.Match[str] | None = None) -> tuple[SourceFile, Position]:
        """The file and position of the `index`-th string, or of `match` inside it.

        A match is pointed at only where the source line shows the matched text at that column
        (a string on one line, without escapes); otherwise the string's start is given.
        """
        source = self.sources[self.owner[index]]
        line, column = source.string_position(self.number[index])
        if match is not None:
            found = match.group(0).strip(SEP)
            offset = match.start() + match.group(0).index(found) - self.starts[index]
            text = source.line_text(line)
            for skip in (0, 1):  # 1: past an opening quote
                at = column - 1 + skip + offset
                if offset > 0 and text[at : at + len(found)] == found:
                    return source, (line, at + 1)
        return source, (line, column)

    def edit(self, index: int, start: int, end: int, new: str) -> TextEdit:
        """An edit of characters [start, end) of the `index`-th string, addressed in its own file."""
        return TextEdit(self.number[index], start, end, new)

    def first_matches(self, pattern: re.Pattern[str], needs: str = "") -> Iterator[tuple[int, re.Match[str]]]:
        """Like `matches`, but at most one match per string.

        `needs`: characters of which every match holds one, for a pattern that never matches a
        separator. When few strings hold one, only those strings are searched.
        """
        holding = self._holding(needs) if needs else None
        if holding is None:
            last = -1
            for index, match in self.matches(pattern):
                if index != last:
                    last = index
                    yield index, match
            return
        joined, starts = self.joined, self.starts
        for index in holding:
            end = starts[index + 1] - 1 if index + 1 < len(starts) else len(joined)
            found = pattern.search(joined, starts[index], end)
            if found is not None and self.is_text(index):
                yield index, found

    def _holding(self, chars: str) -> list[int] | None:
        """The strings that hold one of `chars`, in order; None when so many of them do that one scan
        of the whole corpus for a pattern costs less than searching them one by one."""
        joined, starts = self.joined, self.starts
        present = [char for char in chars if char in joined]
        if sum(joined.count(char) for char in present) * _FEW > len(starts):
            return None
        finder = re.compile("|".join(map(re.escape, present))) if present else None
        out: list[int] = []
        at = 0
        while finder is not None and (hit := finder.search(joined, at)) is not None:
            index = bisect.bisect_right(starts, hit.start()) - 1
            out.append(index)
            at = starts[index + 1] if index + 1 < len(starts) else len(joined)
        return out


def corpus(loaded: LoadResult) -> Corpus:
    """The organisation's corpus, built once from the strings the parser collected.

    Only files whose content validated take part, so text rules never report on a file that
    already failed to load.
    """
    org = loaded.org
    cached = org.memo.get("corpus")
    if isinstance(cached, Corpus):
        return cached
    sources = loaded.valid_sources()
    owner, number = array("l"), array("l")
    texts: list[str] = []
    for index, source in enumerate(sources):
        strings = source.strings
        owner.extend(repeat(index, len(strings)))
        number.extend(range(len(strings)))
        texts.extend(strings)
    joined = SEP + SEP.join(texts)
    if joined.count(SEP) != len(texts):  # a string held NUL itself: keep the offsets right
        texts = [text.replace(SEP, NUL_STAND_IN) for text in texts]
        joined = SEP + SEP.join(texts)
    starts = array("q", accumulate((len(text) + 1 for text in texts), initial=1))
    starts.pop()  # the last sum is where a next string would start
    result = Corpus(sources, owner, number, texts, starts, joined, loaded)
    org.memo["corpus"] = result
    return result


def _texts_of(loaded: LoadResult, source: SourceFile) -> list[TextAt]:
    org = loaded.org
    if source.kind == "org":
        return org_file_texts(org.settings)
    entity = org.table(source.kind).get(source.id)
    if source.kind == "role":
        return role_texts(entity) if entity is not None else []
    if source.kind == "department":
        return department_texts(entity) if entity is not None else []
    return process_texts(entity) if entity is not None else []


def text_mask(source: SourceFile, texts: list[TextAt]) -> list[bool]:
    """For each string of the file, in document order: whether it is one of the Text values `texts`
    and every other place the same scalar is reached from (through an alias) is one too."""
    wanted = {tuple(path) for path, _ in strings(texts)}
    paths = string_paths(source.data)
    if len(paths) != len(source.strings):  # cannot happen: the parser lists the strings so
        return [False] * len(source.strings)
    mask = [path in wanted for path in paths]
    data = source.data
    if isinstance(data, YamlMapping):  # only documents with anchors can repeat a scalar
        spans = [string.start for string in data.strings]
        shared_with_other = {start for start, text in zip(spans, mask, strict=True) if not text}
        mask = [text and start not in shared_with_other for start, text in zip(spans, mask, strict=True)]
    return mask


def string_paths(data: Any) -> list[tuple[PathPart, ...]]:
    """The path of every string value, in document order, as the parser lists them: a scalar reached
    again through an alias is listed again, a mapping or list reached again is not."""
    out: list[tuple[PathPart, ...]] = []
    seen: set[int] = set()
    stack: list[tuple[tuple[PathPart, ...], Any]] = [((), data)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, str):
            out.append(path)
        elif isinstance(node, dict | list) and id(node) not in seen:
            seen.add(id(node))
            items = node.items() if isinstance(node, dict) else enumerate(node)
            stack.extend(reversed([((*path, key), value) for key, value in items]))
    return out
