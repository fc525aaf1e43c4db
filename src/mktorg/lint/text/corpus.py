"""All string values of an organisation joined into one, so text rules scan them at C speed."""

import bisect
import re
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate, repeat

from mktorg.diagnostics import TextEdit
from mktorg.load.loader import LoadResult
from mktorg.load.parse import Position
from mktorg.load.source import SourceFile

SEP = "\x00"


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

    def matches(self, pattern: re.Pattern[str]) -> Iterator[tuple[int, re.Match[str]]]:
        """(string index, match) for every match of `pattern` in any string.

        A pattern may start with the separator to anchor at the start of a string.
        """
        starts = self.starts
        for match in pattern.finditer(self.joined):
            start = match.start()
            yield bisect.bisect_right(starts, start + (self.joined[start] == SEP)) - 1, match

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

    def first_matches(self, pattern: re.Pattern[str]) -> Iterator[tuple[int, re.Match[str]]]:
        """Like `matches`, but at most one match per string."""
        last = -1
        for index, match in self.matches(pattern):
            if index != last:
                last = index
                yield index, match


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
        texts = [text.replace(SEP, " ") for text in texts]
        joined = SEP + SEP.join(texts)
    starts = array("q", accumulate((len(text) + 1 for text in texts), initial=1))
    starts.pop()  # the last sum is where a next string would start
    result = Corpus(sources, owner, number, texts, starts, joined)
    org.memo["corpus"] = result
    return result
