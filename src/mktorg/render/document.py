"""The document model: the blocks every format draws (Markdown, HTML, Word, PDF).

A job description, a department handbook and the book are built once as a `Document`
(see `render.layout`); each writer only draws blocks, so the formats cannot disagree on
sections, their order or the table of contents.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal


@dataclass(frozen=True)
class Properties:
    """What a deliverable says about itself: cover fields and file metadata (never the tool's name).

    `date` is an ISO date (from org.yaml `document.date` or the last commit), so output is
    deterministic; empty when neither is known.
    """

    title: str
    subject: str = ""
    author: str = ""
    client: str = ""
    version: str = ""
    date: str = ""
    confidentiality: str = ""
    keywords: str = ""


@dataclass(frozen=True)
class Logo:
    """A picture for the cover: PNG or SVG bytes."""

    data: bytes
    kind: Literal["png", "svg"]


@dataclass(frozen=True)
class Cover:
    """The title page: title, subtitle, labelled fields (client, version, date, author), a mark and a logo."""

    title: str
    subtitle: str
    fields: tuple[tuple[str, str], ...] = ()
    mark: str = ""
    logo: Logo | None = None


@dataclass(frozen=True)
class Contents:
    """The table of contents: every heading down to `depth`, drawn by each writer."""

    title: str
    depth: int = 2


@dataclass(frozen=True)
class Heading:
    """A heading; level 1 is a chapter. `toc`: listed in the table of contents and the PDF bookmarks
    (chapters, departments, roles); the sections inside a job description or handbook are not."""

    text: str
    level: int
    toc: bool = True


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of running text; `strong` for a run-in label, `muted` for a placeholder (无)."""

    text: str
    style: Literal["normal", "strong", "muted"] = "normal"


@dataclass(frozen=True)
class ListItem:
    """A numbered item with its numbered sub-items (nested at most three levels)."""

    text: str
    children: tuple["ListItem", ...] = ()


@dataclass(frozen=True)
class NumberedList:
    """A list numbered from 1; `markers` are the numbering of each level (`{}、`, `（{}）`, `{})`)."""

    items: tuple[ListItem, ...]
    markers: tuple[str, ...] = ("{}、", "（{}）", "{})")


@dataclass(frozen=True)
class Table:
    """A table with a header row; `widths` are column widths in centimetres for paged formats.

    `keyed`: a key/value table whose first column labels each row; paged formats and HTML
    draw it without the header row (Markdown needs one). `row_height`: a minimum row height
    in centimetres (room to sign). `numeric`: the columns of numbers, aligned right. `indent`:
    the nesting depth of each row (a sub-department under its department), drawn as an indented
    first cell. `names`: the columns whose cells list names joined by `separator` (role titles);
    paged formats keep each name on one line, breaking only between names.
    """

    head: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]
    keyed: bool = False
    row_height: float | None = None
    numeric: tuple[bool, ...] = ()
    indent: tuple[int, ...] = ()
    names: tuple[bool, ...] = ()
    separator: str = "、"

    def is_names(self, column: int) -> bool:
        """Whether a column lists names (each kept unbroken)."""
        return column < len(self.names) and self.names[column]

    def is_numeric(self, column: int) -> bool:
        """Whether a column holds numbers (aligned right)."""
        return column < len(self.numeric) and self.numeric[column]

    def depth(self, row: int) -> int:
        """The nesting depth of a row (0 when not nested)."""
        return self.indent[row] if row < len(self.indent) else 0


@dataclass(frozen=True)
class Figure:
    """A chart: PNG for Word, SVG for the web and PDF; `name` is the file a Markdown book links to."""

    alt: str
    png: bytes | None = None
    svg: bytes | None = None
    name: str = "org-chart.svg"
    caption: str = ""
    width_pt: float = 0.0
    height_pt: float = 0.0
    """The natural size: writers scale a chart down to the page, never up."""


@dataclass(frozen=True)
class ChartPage:
    """A landscape page of its own holding one figure, under an optional heading."""

    figure: Figure
    heading: Heading | None = None


@dataclass(frozen=True)
class PageBreak:
    """Start a new page (paged formats and print)."""


@dataclass(frozen=True)
class Group:
    """Blocks drawn together: `keep` on one page (a KPI table with the signatures under it),
    `landscape` on a landscape page of their own (a process table too wide for portrait)."""

    blocks: tuple["Block", ...]
    keep: bool = False
    landscape: bool = False


Block = Cover | Contents | Heading | Paragraph | NumberedList | Table | Figure | ChartPage | PageBreak | Group


def flat(blocks: "list[Block] | tuple[Block, ...]") -> Iterator[Block]:
    """Blocks in order with the blocks of groups in their place (groups left out)."""
    for block in blocks:
        if isinstance(block, Group):
            yield from flat(block.blocks)
        else:
            yield block


@dataclass
class Document:
    """A document: its properties, language, running header and blocks."""

    title: str
    lang: str
    running_header: str = ""
    page_label: str = "{}"
    blocks: list[Block] = field(default_factory=list)
    properties: Properties | None = None

    def add(self, *blocks: Block) -> None:
        """Append blocks."""
        self.blocks.extend(blocks)

    @property
    def has_cover(self) -> bool:
        """Whether the document opens with a cover (its headings then sit one level below the title)."""
        return any(isinstance(block, Cover) for block in self.blocks)

    @property
    def info(self) -> Properties:
        """The properties, or ones made of the title alone."""
        return self.properties or Properties(self.title)

    def headings(self) -> Iterator[Heading]:
        """Every heading in order, those of chart pages included."""
        for block in flat(self.blocks):
            if isinstance(block, Heading):
                yield block
            elif isinstance(block, ChartPage) and block.heading is not None:
                yield block.heading

    def contents(self) -> list[tuple[int, str, int]]:
        """The table of contents: (level, text, index of the heading among all headings)."""
        depth = next((block.depth for block in self.blocks if isinstance(block, Contents)), 0)
        return [(h.level, h.text, i) for i, h in enumerate(self.headings()) if h.toc and h.level <= depth]
