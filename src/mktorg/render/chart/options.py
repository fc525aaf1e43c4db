"""What to draw and how: the chart options shared by the command, the book export and the tests."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the choices below are read by the command's --help: no model import for them
    from mktorg.model.org_file import Theme
    from mktorg.render.chart.diff import ChartMarks

PAGE_SIZES: dict[str, tuple[float, float]] = {"a4": (842.0, 595.0), "a3": (1191.0, 842.0), "16:9": (960.0, 540.0)}
"""Landscape page sizes in points; a page turns to portrait when its chart is taller than wide."""
PAGES = ("auto", "none", *PAGE_SIZES)
COLOR_BY = ("depth", "level")
VIEWS = ("roles", "departments")
DIRECTIONS = ("TB", "LR")
DEFAULT_FONT = "Noto Sans CJK SC"


@dataclass(frozen=True)
class ChartOptions:
    """What to draw and how; `font`, `theme` and the page are resolved against org.yaml `theme`."""

    view: str = "roles"
    root: str | None = None
    depth: int | None = None
    direction: str = "TB"
    lang: str | None = None
    title: str | None = None
    clusters: bool = True
    font: str | None = None
    wide_team: int = 2
    """Leaf-only teams of more than this many roles are stacked in two columns under a spine."""
    page: str = "none"
    """none (one drawing of any size), a4, a3 or 16:9 (split into pages that fit)."""
    color_by: str = "depth"
    min_font: float = 6.0
    """The smallest text on a page, in points: pages are split rather than shrunk below it."""
    theme: Theme | None = None
    """Overrides org.yaml `theme` (from --theme FILE)."""
    legend: bool = True
    orientation: str = "auto"
    """auto (portrait for a page whose chart is taller than wide) or landscape (slides)."""
    marks: ChartMarks | None = None
    """What changed since an old version (`chart --diff`), marked on boxes, frames, lines and the legend."""
