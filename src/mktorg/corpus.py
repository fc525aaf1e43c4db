"""All strings of an organisation joined into one, so text rules scan them at C speed."""

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

from mktorg.organization import Organization
from mktorg.source import PathPart, SourceFile
from mktorg.texts import department_texts, process_texts, role_texts, strings

SEP = "\x00"


@dataclass
class Corpus:
    """Every string with its file and path; `joined` holds them separated by NUL."""

    places: list[tuple[SourceFile, list[PathPart]]]
    texts: list[str]
    starts: list[int]
    joined: str

    def matches(self, pattern: re.Pattern[str]) -> Iterator[tuple[int, re.Match[str]]]:
        """(string index, match) for every match of `pattern` in any string."""
        for match in pattern.finditer(self.joined):
            yield bisect.bisect_right(self.starts, match.start()) - 1, match

    def first_matches(self, pattern: re.Pattern[str]) -> Iterator[tuple[int, re.Match[str]]]:
        """Like `matches`, but at most one match per string."""
        last = -1
        for index, match in self.matches(pattern):
            if index != last:
                last = index
                yield index, match


def corpus(org: Organization) -> Corpus:
    """The organisation's corpus, built once."""
    cached = org.memo.get("corpus")
    if isinstance(cached, Corpus):
        return cached
    places: list[tuple[SourceFile, list[PathPart]]] = []
    texts: list[str] = []
    groups = [
        *(("department", d, department_texts(x)) for d, x in sorted(org.departments.items())),
        *(("role", r, role_texts(x)) for r, x in org.iter_roles()),
        *(("process", p, process_texts(x)) for p, x in sorted(org.processes.items())),
    ]
    for kind, id_, items in groups:
        source = org.source(kind, id_)
        for path, text in strings(items):
            places.append((source, path))
            texts.append(text.replace(SEP, " "))
    starts: list[int] = []
    position = 1
    for text in texts:
        starts.append(position)
        position += len(text) + 1
    result = Corpus(places, texts, starts, SEP + SEP.join(texts))
    org.memo["corpus"] = result
    return result
