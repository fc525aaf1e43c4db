"""Documents as CommonMark with pipe tables (GFM): text is escaped so that it shows as written and
never becomes HTML, a link, a code fence or a list."""

import re

from mktorg.model.invisible import without_invisible
from mktorg.render.document import (
    Block,
    Contents,
    Cover,
    Document,
    Figure,
    Heading,
    NumberedList,
    PageBreak,
    Paragraph,
    Table,
)

_INLINE_SPECIAL = re.compile(r"[\\`*_<>\[\]&~|#]")
"""Characters that start CommonMark or GFM markup anywhere in a line: escapes, code, emphasis,
links and images, raw HTML and autolinks, entities, strikethrough and fences, tables, headings."""
_BLOCK_START = re.compile(r"[-+=>]|[0-9]{1,9}[.)]")
"""What turns the start of a line into a list, a heading underline or a quote."""


def _one_line(text: str) -> str:
    return " ".join(without_invisible(text).split())


def cell(text: str) -> str:
    """A pipe-table cell: one line, every character that could start markup escaped."""
    return _INLINE_SPECIAL.sub(r"\\\g<0>", _one_line(text))


def inline(text: str) -> str:
    """Text in a paragraph, heading or list item: one line, markup characters escaped, and a start
    that would open a list, a quote or a heading underline escaped too."""
    line = cell(text)
    start = _BLOCK_START.match(line)
    if start is not None:
        end = start.end()
        line = line[: end - 1] + "\\" + line[end - 1 :]
    return line


def _table(table: Table) -> list[str]:
    out = ["| " + " | ".join(cell(h) for h in table.head) + " |", "|" + "---|" * len(table.head)]
    out += ["| " + " | ".join(cell(c) for c in row) + " |" for row in table.rows]
    return out


def _numbered(block: NumberedList) -> list[str]:
    lines: list[str] = []
    for number, item in enumerate(block.items, 1):
        lines.append(f"{number}. {inline(item.text)}" + ("\\" if item.children else ""))
        for sub, child in enumerate(item.children, 1):
            lines.append(f"   ({sub}) {inline(child)}" + ("\\" if sub < len(item.children) else ""))
    return lines


def _contents(document: Document, title: str, shift: int) -> list[str]:
    lines = [f"{'#' * (1 + shift)} {inline(title)}", ""]
    lines += [f"{'  ' * (level - 1)}- {inline(text)}" for level, text, _ in document.contents()]
    return lines


def _block(document: Document, block: Block, shift: int) -> list[str]:
    if isinstance(block, Cover):
        return [f"# {inline(block.title)}", "", inline(block.subtitle)]
    if isinstance(block, Contents):
        return _contents(document, block.title, shift)
    if isinstance(block, Heading):
        return [f"{'#' * (block.level + shift)} {inline(block.text)}"]
    if isinstance(block, Paragraph):
        return [f"**{inline(block.text)}**" if block.style == "strong" else inline(block.text)]
    if isinstance(block, NumberedList):
        return _numbered(block)
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Figure):
        return [f"![{inline(block.alt)}]({block.name})"] if block.svg else []
    assert isinstance(block, PageBreak)
    return []


def render_markdown(document: Document) -> str:
    """The document as Markdown: one blank line between blocks, headings below a cover shifted one level."""
    shift = 1 if document.has_cover else 0
    parts = [lines for block in document.blocks if (lines := _block(document, block, shift))]
    return "\n\n".join("\n".join(lines) for lines in parts) + "\n"
