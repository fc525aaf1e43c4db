"""Documents as CommonMark with pipe tables."""

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


def cell(text: str) -> str:
    """A pipe-table cell: one line, pipes and backslashes escaped."""
    return " ".join(text.replace("\\", "\\\\").replace("|", "\\|").split())


def inline(text: str) -> str:
    """Text in a paragraph or list item: one line, Markdown punctuation that starts a line escaped."""
    line = " ".join(text.split())
    for char in "\\`*_<>[]":
        line = line.replace(char, "\\" + char)
    if line[:1] in "#+-=|":
        line = "\\" + line
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
