"""Documents as PDF through Typst (the `typst` package): CJK line breaking, embedded font subsets,
bookmarks, a table of contents with page numbers, running headers and footers that skip the cover,
landscape chart pages with vector charts.

The writer turns blocks into Typst markup; every text is a Typst string literal, so nothing a
user typed is read as markup. `pagination` lays the same markup out (its label cells unshaded: a
fill takes no room) to tell on which page each heading lands (the Word writer fills its table of
contents with these numbers).
"""

import datetime
import json
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mktorg.errors import MktorgError
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
from mktorg.render.style import Style

CHART_ROOM_PT = (717.0, 400.0)
"""Width and height a chart may take on a landscape page, in points."""
HEADING_ABOVE_PT = 12
"""The space above a heading, in points (also above a block kept on one page that starts with one)."""


def lit(text: str) -> str:
    """A Typst string literal."""
    return json.dumps(text, ensure_ascii=False)


def _date(iso: str) -> str:
    if not iso:
        return "none"
    day = datetime.date.fromisoformat(iso)
    return f"datetime(year: {day.year}, month: {day.month}, day: {day.day})"


def _preamble(document: Document, style: Style) -> str:
    info = document.info
    lang = "zh" if document.lang.startswith("zh") else document.lang.split("-")[0]
    region = ', region: "cn"' if lang == "zh" else ""
    before, _, after = document.page_label.partition("{}")
    author = f"({lit(info.author)},)" if info.author else "()"
    fonts = f'({lit(style.font)}, "Noto Sans CJK SC")'
    return f"""#set document(title: {lit(info.title)}, author: {author}, keywords: ({lit(info.keywords)},), \
date: {_date(info.date)})
#set text(font: {fonts}, size: {style.body_pt}pt, lang: "{lang}"{region}, fill: rgb("#1f2933"))
#set text(top-edge: {0.5 + style.line_em / 2:.3f}em, bottom-edge: {0.5 - style.line_em / 2:.3f}em)
#set par(leading: 0em, spacing: {style.gap_em}em, justify: {"true" if lang == "zh" else "false"}, linebreaks: "simple")
#set text(hyphenate: false)
#show table: set par(justify: false)
#set page(paper: "a4", margin: {style.margin_cm}cm,
  header: context {{
    set text(size: 8.5pt, fill: rgb("#52606d"))
    {lit(document.running_header)}
    line(length: 100%, stroke: 0.6pt + rgb("{style.accent}"))
  }},
  footer: context align(center, text(size: 9pt, fill: rgb("#52606d"),
    {lit(before)} + counter(page).display() + {lit(after)})))
#set table(stroke: 0.5pt + rgb("#9fb3c8"), inset: (x: 5pt, y: 4pt))
#set enum(indent: 0pt, body-indent: 0pt, number-align: start + top, spacing: {style.gap_em}em)
#show table: set block(above: {style.gap_em}em, below: {style.line_em + style.gap_em}em)
#show heading: it => {{
  set text(fill: rgb("{style.primary}"))
  let size = ({", ".join(f"{s}pt" for s in style.heading_pt)}).at(calc.min(it.level, {len(style.heading_pt)}) - 1)
  set text(top-edge: 1.0em, bottom-edge: -0.3em)
  block(above: {HEADING_ABOVE_PT}pt, below: 6pt, sticky: true, text(size: size, weight: "bold", it.body))
}}
#show outline.entry.where(level: 1): set text(weight: "bold")
"""


def _names(text: str, separator: str) -> str:
    """A cell listing names: a name without spaces in a box of its own, so a line breaks only
    between names (营销策划专员 never as 营销策划专/员)."""
    mark = separator.strip() or separator
    names = text.split(mark)
    if len(text) == 0 or not any(n.strip() and " " not in n.strip() for n in names):
        return lit(text)
    parts = []
    for i, name in enumerate(names):
        piece = name + (mark if i < len(names) - 1 else "")
        parts.append(f"box({lit(piece)})" if " " not in name.strip() else lit(piece))
    return "[" + "".join(f"#{p}" for p in parts) + "]"


def _cell(text: str, *, bold: bool = False, fill: bool = False, indent: int = 0, names: str | None = None) -> str:
    body = f"strong({lit(text)})" if bold else (_names(text, names) if names is not None else lit(text))
    if indent:
        body = f"pad(left: {indent}em, {body})"
    return f'table.cell(fill: rgb("#eef2f7"), {body})' if fill else body


class _Writer:
    def __init__(self, document: Document, style: Style, assets: dict[str, bytes], *, shaded: bool = True) -> None:
        self.document, self.style, self.assets = document, style, assets
        self.shaded = shaded
        """Shaded label cells; a layout only for page numbers leaves the shading out (a cell's fill
        takes no room, and the cells wrapped to carry it cost Typst a twelfth of the book's layout)."""
        self.headings = 0

    def block(self, block: Block) -> str:
        if isinstance(block, Cover):
            return self.cover(block)
        if isinstance(block, Contents):
            return f"#outline(title: {lit(block.title)}, depth: {block.depth}, indent: 1.5em)\n"
        if isinstance(block, Heading):
            return self.heading(block)
        if isinstance(block, Paragraph):
            if block.style == "strong":
                return f"#strong({lit(block.text)})\n\n"
            if block.style == "muted":
                return f'#text(fill: rgb("#7b8794"), {lit(block.text)})\n\n'
            return f"#{lit(block.text)}\n\n"
        if isinstance(block, NumberedList):
            return "#" + _enum(block.items, block.markers, 0, self.style.marker_em) + "\n"
        if isinstance(block, Table):
            return self.table(block)
        if isinstance(block, Figure):
            return self.figure(block, (self.style.text_width_pt, CHART_ROOM_PT[1]))
        if isinstance(block, ChartPage):
            heading = self.heading(block.heading) if block.heading else ""
            return f"#page(flipped: true)[\n{heading}{self.figure(block.figure, CHART_ROOM_PT)}]\n"
        if isinstance(block, Group):
            inner = "".join(self.block(b) for b in block.blocks)
            if block.landscape:
                return f"#page(flipped: true)[\n{inner}]\n"
            if not block.keep:
                return inner
            # a heading's space above is lost at the top of a block: the block keeps it (签字 after a
            # list sat 9 pt closer than after a table)
            above = f", above: {HEADING_ABOVE_PT}pt" if block.blocks and isinstance(block.blocks[0], Heading) else ""
            return f"#block(breakable: false, width: 100%{above})[\n{inner}]\n"
        assert isinstance(block, PageBreak)
        return "#pagebreak(weak: true)\n"

    def heading(self, block: Heading) -> str:
        index = self.headings
        self.headings += 1
        flags = "" if block.toc else ", outlined: false, bookmarked: false"
        marker = f"#context [#metadata(({index}, here().page())) <mktorg-heading>]\n" if block.toc else ""
        return f"#heading(level: {block.level}{flags}, {lit(block.text)})\n{marker}"

    def cover(self, block: Cover) -> str:
        parts = ["#page(header: none, footer: none)[", "#v(3cm)"]
        if block.logo is not None:
            name = f"logo.{block.logo.kind}"
            self.assets[name] = block.logo.data
            parts.append(f'#align(center, image("{name}", height: 2.2cm))\n#v(1cm)')
        parts.append(
            f'#align(center, text(size: 26pt, weight: "bold", fill: rgb("{self.style.primary}"), {lit(block.title)}))'
        )
        parts.append(f"#v(0.6cm)\n#align(center, text(size: 16pt, {lit(block.subtitle)}))")
        if block.fields:
            cells = ", ".join(f"{lit(k)}, {lit(v)}" for k, v in block.fields)
            parts.append(
                "#v(3cm)\n#align(center, grid(columns: (auto, auto), column-gutter: 1.2em, row-gutter: 0.9em, "
                f"align: (right, left), ..({cells},).map(x => text(size: 12pt, x))))"
            )
        parts.append("#v(1fr)")
        if block.mark:
            parts.append(f'#align(center, text(size: 12pt, weight: "bold", fill: rgb("#b42318"), {lit(block.mark)}))')
        parts.append("]")
        return "\n".join(parts) + "\n"

    def table(self, block: Table) -> str:
        columns = ", ".join(f"{w}cm" for w in block.widths)
        cells: list[str] = []
        if not block.keyed:
            cells.append("table.header(" + ", ".join(_cell(h, bold=True, fill=self.shaded) for h in block.head) + ")")
        for r, row in enumerate(block.rows):
            for c, value in enumerate(row):
                first = c == 0 and (block.keyed or block.row_height is not None)
                depth = block.depth(r) if c == 0 else 0
                names = block.separator if block.is_names(c) else None
                cells.append(_cell(value, bold=first, fill=first and self.shaded, indent=depth, names=names))
        rows = f", rows: (auto, {block.row_height}cm)" if block.row_height else ""
        align = ""
        if any(block.numeric):
            sides = ("right" if block.is_numeric(c) else "left" for c in range(len(block.widths)))
            align = ", align: (" + ", ".join(sides) + ",)"
        return f"#table(columns: ({columns},){rows}{align},\n  " + ",\n  ".join(cells) + ")\n"

    def figure(self, block: Figure, room: tuple[float, float]) -> str:
        if block.svg is None and not (block.dot and block.width_pt and block.height_pt):
            return ""  # neither drawn nor sized
        width, height = block.width_pt or room[0], block.height_pt or room[1]
        scale = min(1.0, room[0] / width, room[1] / height)
        caption = (
            f'#align(center, text(size: 9pt, fill: rgb("#52606d"), {lit(block.caption)}))\n' if block.caption else ""
        )
        if block.svg is None:  # sized, not drawn yet (a Word book being paginated): its room only
            return f"{caption}#align(center, box(width: {width * scale:.1f}pt, height: {height * scale:.1f}pt))\n"
        self.assets[block.name] = block.svg
        return f'{caption}#align(center, image("{block.name}", width: {width * scale:.1f}pt, alt: {lit(block.alt)}))\n'


def _enum(items: tuple[ListItem, ...], markers: tuple[str, ...], depth: int, room: tuple[float, ...]) -> str:
    pattern = markers[min(depth, len(markers) - 1)].replace("{}", "1")
    width = room[min(depth, len(room) - 1)] + (0.55 if len(items) >= 10 else 0)  # room for a second digit
    marker = f"(..n) => box(width: {width}em, numbering({lit(pattern)}, ..n))"
    bodies = []
    for item in items:
        if item.children:
            bodies.append(f"[#{lit(item.text)} #{_enum(item.children, markers, depth + 1, room)}]")
        else:
            bodies.append(lit(item.text))
    return f"enum(numbering: {marker}, tight: false, " + ", ".join(bodies) + ")"


def typst_source(document: Document, style: Style, *, shaded: bool = True) -> tuple[str, dict[str, bytes]]:
    """The Typst markup of a document and the files it includes (charts, logo); without `shaded`,
    label cells are not shaded (what only its page breaks are asked of)."""
    assets: dict[str, bytes] = {}
    writer = _Writer(document, style, assets, shaded=shaded)
    body = "".join(writer.block(block) for block in document.blocks)
    return _preamble(document, style) + body, assets


def _fixed_time(document: Document) -> int:
    date = document.info.date or "2000-01-01"
    return int(datetime.datetime.fromisoformat(date).replace(tzinfo=datetime.UTC).timestamp())


class PdfWriter:
    """One Typst compiler (fonts scanned once) in a scratch folder, for any number of documents."""

    def __init__(self, style: Style) -> None:
        try:
            import typst
        except ImportError:  # pragma: no cover - a dependency of mktorg
            raise MktorgError("PDF output needs the typst package: pip install typst") from None
        self.typst = typst
        self.style = style
        self._scratch = tempfile.TemporaryDirectory(prefix="mktorg-pdf-")
        self.folder = Path(self._scratch.name)
        self.compiler: Any = None
        self.count = 0

    def __enter__(self) -> "PdfWriter":
        return self

    def __exit__(self, *exc: object) -> None:
        self._scratch.cleanup()

    def _prepare(self, document: Document, *, shaded: bool = True) -> str:
        source, assets = typst_source(document, self.style, shaded=shaded)
        self.count += 1
        name = f"doc-{self.count}.typ"
        (self.folder / name).write_text(source, encoding="utf-8")
        for asset, data in assets.items():
            (self.folder / asset).write_bytes(data)
        if self.compiler is None:
            self.compiler = self.typst.Compiler(str(self.folder / name), root=str(self.folder))
        return str(self.folder / name)

    def pdf(self, document: Document) -> bytes:
        """The document as PDF bytes."""
        path = self._prepare(document)
        try:
            out: bytes = self.compiler.compile(input=path, format="pdf", timestamp=_fixed_time(document))
        except self.typst.TypstError as err:
            raise MktorgError(f"PDF typesetting failed: {str(err).splitlines()[0]}") from None
        return out

    def pagination(self, document: Document) -> dict[int, int]:
        """The page of each heading listed in the contents, by its index among all headings."""
        return self.paginate(document)()

    def paginate(self, document: Document) -> Callable[[], dict[int, int]]:
        """Write the document's Typst source now; the call returned lays it out and answers as
        `pagination` does. Typst runs outside the GIL: another thread may make that call."""
        path = self._prepare(document, shaded=False)
        # A query lays the document out without writing a PDF (a fifth of the time at 1,000 roles); it
        # reads the compiler's own input, so a later document gets a compiler of its own.
        compiler = self.compiler if self.count == 1 else self.typst.Compiler(path, root=str(self.folder))

        def pages() -> dict[int, int]:
            try:
                found = json.loads(compiler.query("<mktorg-heading>", field="value"))
            except self.typst.TypstError as err:
                raise MktorgError(f"PDF typesetting failed: {str(err).splitlines()[0]}") from None
            return {int(index): int(page) for index, page in found}

        return pages
