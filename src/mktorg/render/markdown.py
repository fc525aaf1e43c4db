"""Documents as CommonMark with pipe tables: Chinese numbering (1、 （1）) as hard-broken lines, a
table of contents linking to the headings (GitHub's heading anchors), charts inline as SVG files.
Text is escaped so that it shows as written and never becomes HTML, a link, a code fence or a list."""

import re
import unicodedata

from mktorg.model.invisible import without_invisible
from mktorg.render.document import (
    Block,
    ChartPage,
    Contents,
    Cover,
    Document,
    Figure,
    Group,
    Heading,
    ListItem,
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
    rule = "".join("---:|" if table.is_numeric(c) else "---|" for c in range(len(table.head)))
    out = ["| " + " | ".join(cell(h) for h in table.head) + " |", "|" + rule]
    for r, row in enumerate(table.rows):
        depth = table.depth(r)
        first = "\u3000" * (depth - 1) + "└ " if depth else ""  # ideographic spaces survive a pipe table
        out.append("| " + " | ".join(first + cell(c) if i == 0 else cell(c) for i, c in enumerate(row)) + " |")
    return out


def _numbered(items: tuple[ListItem, ...], markers: tuple[str, ...], depth: int = 0) -> list[str]:
    """Every item on a line of its own, numbered as in print (`1、`, `（1）`), indented by level with
    non-breaking spaces; the lines of one list end in a hard line break."""
    marker = markers[min(depth, len(markers) - 1)]
    lines: list[str] = []
    for number, item in enumerate(items, 1):
        label = marker.format(number)
        if label.isascii():  # 1. and 1) would start a Markdown list, which cannot hold these numbers
            label = label.replace(".", "\\.").replace(")", "\\)")
        lines.append("\u00a0" * 4 * depth + label + inline(item.text))
        lines += _numbered(item.children, markers, depth + 1)
    if depth == 0:
        lines = [line + "\\" for line in lines[:-1]] + lines[-1:]
    return lines


def slug(text: str) -> str:
    """GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens."""
    kept = "".join(c for c in text.lower() if c in " -_" or unicodedata.category(c)[0] in "LMN")
    return kept.replace(" ", "-")


def _anchors(document: Document) -> list[str]:
    """The anchor of every heading in order, `-1`, `-2` added to repeats as GitHub does."""
    seen: dict[str, int] = {}
    out = []
    titles = [b.title for b in document.blocks if isinstance(b, Cover)]
    titles += [b.title for b in document.blocks if isinstance(b, Contents)]
    for text in titles:
        seen[slug(text)] = seen.get(slug(text), -1) + 1
    for heading in document.headings():
        base = slug(heading.text)
        count = seen.get(base, -1) + 1
        seen[base] = count
        out.append(base if count == 0 else f"{base}-{count}")
    return out


def _contents(document: Document, title: str, shift: int) -> list[str]:
    anchors = _anchors(document)
    lines = [f"{'#' * (1 + shift)} {inline(title)}", ""]
    lines += [
        f"{'  ' * (level - 1)}- [{inline(text)}](#{anchors[index]})" for level, text, index in document.contents()
    ]
    return lines


def _cover(block: Cover) -> list[str]:
    lines = [f"# {inline(block.title)}", "", inline(block.subtitle)]
    if block.fields:
        lines += ["", *[inline(f"{k}：{v}" if not k.isascii() else f"{k}: {v}") + "\\" for k, v in block.fields]]
        lines[-1] = lines[-1].removesuffix("\\")
    if block.mark:
        lines += ["", f"**{inline(block.mark)}**"]
    return lines


def _block(document: Document, block: Block, shift: int) -> list[str]:
    if isinstance(block, Cover):
        return _cover(block)
    if isinstance(block, Contents):
        return _contents(document, block.title, shift)
    if isinstance(block, Heading):
        return [f"{'#' * min(block.level + shift, 6)} {inline(block.text)}"]
    if isinstance(block, Paragraph):
        if block.style == "muted":
            return [f"*{inline(block.text)}*"]
        return [f"**{inline(block.text)}**" if block.style == "strong" else inline(block.text)]
    if isinstance(block, NumberedList):
        return _numbered(block.items, block.markers)
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Figure):
        return [f"![{inline(block.alt)}]({block.name})"] if block.svg else []
    if isinstance(block, ChartPage):
        heading = _block(document, block.heading, shift) + [""] if block.heading else []
        return heading + _block(document, block.figure, shift)
    if isinstance(block, Group):
        parts = [lines for b in block.blocks if (lines := _block(document, b, shift))]
        return [line for i, lines in enumerate(parts) for line in ([""] if i else []) + lines]
    assert isinstance(block, PageBreak)
    return []


def render_markdown(document: Document) -> str:
    """The document as Markdown: one blank line between blocks, headings below a cover shifted one level."""
    shift = 1 if document.has_cover else 0
    parts = [lines for block in document.blocks if (lines := _block(document, block, shift))]
    return "\n\n".join("\n".join(lines) for lines in parts) + "\n"
