"""The stats tables for people: aligned tables on a terminal, Markdown for documents and pull requests."""

import os
import unicodedata
from typing import TextIO

from rich.cells import cell_len

from mktorg.render.stats.tables import StatsTable

_INDENT = "\u3000"
"""An ideographic space per sub-department level: it survives Markdown tables and lines up with CJK text."""


def write_text(tables: list[StatsTable], out: TextIO, heading: str) -> None:
    """Aligned tables, one after another, each with its notes; bold titles only on a colour terminal.

    Column widths count terminal cells (a Chinese character takes two); the layout is rich's
    SIMPLE_HEAD box, drawn here because rich takes seconds for the ten thousand rows of a large design.
    """
    bold = out.isatty() and not os.environ.get("NO_COLOR")
    lines = [_bold(heading, bold)]
    for table in tables:
        lines += ["", _bold(table.title, bold)]
        if table.rows:
            lines += _grid(table)
        lines += table.notes
    out.write("\n".join(lines) + "\n")


def _bold(text: str, on: bool) -> str:
    return f"\x1b[1m{text}\x1b[0m" if on else text


def _grid(table: StatsTable) -> list[str]:
    rows = [[_clean(c) for c in _indented(table, i, row)] for i, row in enumerate(table.rows)]
    head = [_clean(h) for h in table.head]
    widths = [max(cell_len(r[c]) for r in [head, *rows]) for c in range(len(head))]

    def line(cells: list[str]) -> str:
        padded = [
            " " * (w - cell_len(c)) + c if numeric else c + " " * (w - cell_len(c))
            for c, w, numeric in zip(cells, widths, table.numeric, strict=True)
        ]
        return ("  " + "   ".join(padded)).rstrip()

    return [line(head), " " + "─" * (sum(widths) + 3 * (len(widths) - 1) + 2), *(line(r) for r in rows)]


def _clean(text: str) -> str:
    """One line, no control characters (a title could hold a newline or an escape)."""
    return "".join(" " if c in "\t\r\n" else c for c in text if unicodedata.category(c) != "Cc" or c in "\t\r\n")


def _indented(table: StatsTable, index: int, row: list[str]) -> list[str]:
    depth = table.indent[index] if index < len(table.indent) else 0
    return [_INDENT * depth + row[0], *row[1:]] if depth else row


def markdown(tables: list[StatsTable], heading: str, lang: str) -> str:
    """GitHub-flavoured Markdown, drawn by the document writer from the blocks the book uses: a
    heading per table, a pipe table (numbers aligned right, sub-departments marked `└`), notes."""
    from mktorg.render.document import Document, Heading
    from mktorg.render.layout import stats_blocks
    from mktorg.render.markdown import render_markdown

    document = Document(heading, lang, blocks=[Heading(heading, 2)])
    for table in tables:
        document.add(*stats_blocks(table, 3))
    return render_markdown(document)
