"""The document model: the blocks every format draws (Markdown, HTML, Word, and formats to come).

A job description, a department handbook and the book are built once as a `Document`
(see `render.documents`); each writer only draws blocks, so the formats cannot disagree on
sections, their order or the table of contents.
"""

from dataclasses import dataclass, field
from typing import Literal


@dataclass(frozen=True)
class Cover:
    """The title page: the document title and a subtitle."""

    title: str
    subtitle: str


@dataclass(frozen=True)
class Contents:
    """The table of contents: every heading down to `depth`, drawn by each writer."""

    title: str
    depth: int = 2


@dataclass(frozen=True)
class Heading:
    """A heading; level 1 is a chapter."""

    text: str
    level: int


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of running text; `strong` for a run-in label such as 辅助职责."""

    text: str
    style: Literal["normal", "strong"] = "normal"


@dataclass(frozen=True)
class ListItem:
    """A numbered item (1、) with its numbered sub-items ((1))."""

    text: str
    children: tuple[str, ...] = ()


@dataclass(frozen=True)
class NumberedList:
    """A list numbered 1、2、…, each list starting again at 1."""

    items: tuple[ListItem, ...]


@dataclass(frozen=True)
class Table:
    """A table with a header row; `widths` are column widths in centimetres for paged formats.

    `keyed`: a key/value table whose first column labels each row; paged formats and HTML
    draw it without the header row (Markdown needs one).
    """

    head: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]
    keyed: bool = False


@dataclass(frozen=True)
class Figure:
    """A picture: PNG for paged formats, SVG for the web; `name` is the file a Markdown book links to."""

    alt: str
    png: bytes | None = None
    svg: bytes | None = None
    name: str = "org-chart.svg"


@dataclass(frozen=True)
class PageBreak:
    """Start a new page (paged formats and print)."""


Block = Cover | Contents | Heading | Paragraph | NumberedList | Table | Figure | PageBreak


@dataclass
class Document:
    """A document: its title, language, running header and blocks."""

    title: str
    lang: str
    running_header: str = ""
    page_label: str = "{}"
    blocks: list[Block] = field(default_factory=list)

    def add(self, *blocks: Block) -> None:
        """Append blocks."""
        self.blocks.extend(blocks)

    @property
    def has_cover(self) -> bool:
        """Whether the document opens with a cover (its headings then sit one level below the title)."""
        return any(isinstance(block, Cover) for block in self.blocks)

    def contents(self) -> list[tuple[int, str, int]]:
        """The table of contents: (level, text, index of the heading among all headings)."""
        depth = next((block.depth for block in self.blocks if isinstance(block, Contents)), 0)
        headings = [block for block in self.blocks if isinstance(block, Heading)]
        return [(h.level, h.text, i) for i, h in enumerate(headings) if h.level <= depth]
