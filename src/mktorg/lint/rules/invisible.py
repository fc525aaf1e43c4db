"""MK513: control and invisible characters in text."""

import re

from mktorg.diagnostics import Severity
from mktorg.lint.registry import Context, rule
from mktorg.lint.text.corpus import SEP, corpus
from mktorg.lint.text.patterns import HAN
from mktorg.model.invisible import INVISIBLE
from mktorg.model.organization import Organization

_IN_CORPUS = re.compile(f"(?!{SEP}){INVISIBLE.pattern}")
"""An invisible character in the joined corpus (not its separators)."""
_HAN = re.compile(f"[{HAN}]")
_BREAKS = frozenset("\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
"""Characters that end a line somewhere: removed, they leave a space between two words."""
_NOT_PRINTABLE_TEXT = ("\x00", "\t", "\n", "\u3000", "\u00a0")
"""The separator of the corpus and the white space of texts that `str.isprintable` refuses."""
PRINTABLE_INVISIBLE = "\u034f\u115f\u1160\u17b4\u17b5\u3164\uffa0"
"""The invisible characters that `str.isprintable` accepts (a test checks every code point)."""


def may_hold_invisible(joined: str) -> bool:
    """False when `joined` certainly holds no invisible character but NUL: two scans at C speed,
    several times faster than the regex."""
    for char in _NOT_PRINTABLE_TEXT:
        joined = joined.replace(char, "")
    return not joined.isprintable() or any(char in joined for char in PRINTABLE_INVISIBLE)


@rule("MK513", "invisible-character", Severity.WARNING, fixable=True, on_helper=True)
def invisible_character(org: Organization, ctx: Context) -> None:
    """A control or invisible character in a text (`\\0`, `\\a`, U+202E, U+FEFF, U+200B, U+FFFE).

    Why: they come from escapes or from copying out of Word and PDF files. Nobody sees them, but
    they break search and duplicate checks, reorder what a reader sees (U+202E), stop XML, Word
    and Graphviz (U+FFFE), and drive terminals (`\\e[2J`). Documents and charts leave them out;
    `--fix` removes them (a line separator between two words becomes a space).

    Bad:
    ```yaml
    title: "市场\\u200b专员"
    ```

    Good:
    ```yaml
    title: 市场专员
    ```
    """
    texts = corpus(ctx.loaded)
    if not may_hold_invisible(texts.joined):
        return
    for index, _ in texts.first_matches(_IN_CORPUS):
        source, number = texts.place(index)
        real = source.strings[number]
        found = sorted({f"U+{ord(char):04X}" for char in INVISIBLE.findall(real)})
        source, position = texts.where(index)
        edits = tuple(texts.edit(index, at, at + 1, new) for at, new in _removals(real))
        ctx.report_at(
            source,
            position,
            "invisible or control character " + ", ".join(found),
            "remove it: nobody sees it, and documents, charts and searches go wrong",
            edits,
        )


def _removals(text: str) -> list[tuple[int, str]]:
    """(offset, replacement) of every invisible character: removed, or a space for a line break
    between two words (not between Chinese characters, nor beside a space)."""
    out = []
    for match in INVISIBLE.finditer(text):
        at = match.start()
        before = text[at - 1] if at > 0 else " "
        after = text[at + 1] if at + 1 < len(text) else " "
        joins_words = text[at] in _BREAKS and not _blank_or_han(before) and not _blank_or_han(after)
        out.append((at, " " if joins_words else ""))
    return out


def _blank_or_han(char: str) -> bool:
    return char.isspace() or INVISIBLE.match(char) is not None or _HAN.match(char) is not None
