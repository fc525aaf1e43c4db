"""The stats tables for people: rich tables on a terminal, Markdown for documents and pull requests."""

import os
import re
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


def markdown(tables: list[StatsTable], heading: str) -> str:
    """GitHub-flavoured Markdown: a heading per table, a pipe table, notes as paragraphs."""
    parts = [f"## {_inline(heading)}\n"] + [markdown_table(table, 3) for table in tables]
    return "\n".join(parts)


def markdown_table(table: StatsTable, level: int) -> str:
    """One table under a heading of `level`, sub-departments marked `└`, notes as paragraphs."""
    lines = [f"{'#' * level} {_inline(table.title)}", ""]
    if table.rows:
        lines.append("| " + " | ".join(_cell(h) for h in table.head) + " |")
        lines.append("|" + "".join("---:|" if n else "---|" for n in table.numeric))
        for i, row in enumerate(table.rows):
            depth = table.indent[i] if i < len(table.indent) else 0
            first = _INDENT * (depth - 1) + "└ " + row[0] if depth else row[0]
            lines.append("| " + " | ".join(_cell(c) for c in [first, *row[1:]]) + " |")
        lines.append("")
    for note in table.notes:
        lines += [_inline(note), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _cell(text: str) -> str:
    """One line; ASCII white space folded (ideographic spaces that indent stay), pipes escaped."""
    return re.sub(r"[ \t\r\n]+", " ", text.replace("\\", "\\\\").replace("|", "\\|")).strip(" ") or " "


def _inline(text: str) -> str:
    line = " ".join(text.split())
    for char in "\\`*_<>[]|":
        line = line.replace(char, "\\" + char)
    return line
