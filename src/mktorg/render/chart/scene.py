"""A drawn chart page: boxes, connectors, frames, title and legend in points (y downwards).

Writers (positioned DOT for Graphviz, PowerPoint) only draw what is here.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Run:
    """A piece of text in one style."""

    text: str
    size: float
    bold: bool = False
    color: str = "#1f2933"
    strike: bool = False
    """Struck through (a box that `chart --diff` shows as removed)."""


Line = tuple[Run, ...]


@dataclass(frozen=True)
class Style:
    """Fill and outline of a box or frame."""

    fill: str | None = "#ffffff"
    border: str = "#2f5597"
    dash: str = "solid"
    """solid, dashed or dotted."""
    width: float = 1.0
    rounded: bool = True


@dataclass
class Rect:
    """x, y of the top-left corner, width and height."""

    x: float
    y: float
    w: float
    h: float

    @property
    def cx(self) -> float:
        """Centre x."""
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        """Centre y."""
        return self.y + self.h / 2

    @property
    def right(self) -> float:
        """Right edge."""
        return self.x + self.w

    @property
    def bottom(self) -> float:
        """Bottom edge."""
        return self.y + self.h


@dataclass
class Box:
    """A role or department box."""

    id: str
    kind: str
    rect: Rect
    lines: list[Line]
    style: Style


@dataclass
class Connector:
    """A reporting line from `tail` (the superior) to `head` (the report), as an orthogonal polyline.

    `dotted`: routed around the boxes on its own (a dotted line, or with `chart --diff` a reporting
    line that was replaced), never glued to its boxes.
    """

    tail: str
    head: str
    points: list[tuple[float, float]]
    dotted: bool = False
    tail_side: str = "bottom"
    head_side: str = "top"
    color: str = "#5b6b7f"
    width: float = 1.0
    dash: str | None = None
    """solid, dashed or dotted; None: dashed when `dotted`, else solid."""

    @property
    def pattern(self) -> str:
        """The line pattern drawn: solid, dashed or dotted."""
        return self.dash or ("dashed" if self.dotted else "solid")


@dataclass
class Frame:
    """A department frame with its label at the top left."""

    id: str
    dept: str
    rect: Rect
    label: Line
    label_rect: Rect
    style: Style
    note: Line = ()
    """Right-aligned in the label band (the headcount), so the label leaves room for the connector."""
    note_rect: Rect | None = None


@dataclass
class LegendItem:
    """One legend line: a sample (a box style, a line style, a swatch or a text) and what it means."""

    sample: str
    """box, line, swatch or text."""
    text: str
    style: Style = field(default_factory=Style)
    sample_text: str = ""


@dataclass
class Legend:
    """The legend block."""

    rect: Rect
    title: str
    items: list[LegendItem]
    font_size: float
    row: float
    sample_width: float


@dataclass
class Page:
    """One page (or the one drawing) of a chart."""

    width: float
    height: float
    font: str
    title: list[Line]
    title_rect: Rect
    boxes: list[Box] = field(default_factory=list)
    connectors: list[Connector] = field(default_factory=list)
    frames: list[Frame] = field(default_factory=list)
    legend: Legend | None = None
    number: int = 1
    scale: float = 1.0
