"""Colours and font of a chart: defaults, then org.yaml `theme`, then --theme FILE, then --font."""

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from mktorg.errors import MktorgError
from mktorg.model.org_file import Theme
from mktorg.render.chart.options import DEFAULT_FONT


@dataclass(frozen=True)
class ChartTheme:
    """Resolved colours (#rrggbb) and font family."""

    font: str = DEFAULT_FONT
    primary: str = "#2f5597"
    accent: str = "#c55a11"
    department: str = "#e9f0f9"
    vacant: str = "#c0392b"
    external: str = "#8a94a6"
    text: str = "#1f2933"
    muted: str = "#5b6573"

    @property
    def line(self) -> str:
        """Connector colour: the primary colour, softened."""
        return mix(self.primary, "#808080", 0.35)


def resolve_theme(*themes: Theme | None, font: str | None = None) -> ChartTheme:
    """Later themes override earlier ones, key by key; `font` overrides them all."""
    values: dict[str, str] = {}
    for theme in themes:
        if theme is None:
            continue
        if theme.font:
            values["font"] = theme.font
        values.update({k: v.lower() for k, v in theme.colors.model_dump().items() if v})
    if font:
        values["font"] = font
    return ChartTheme(**values)


def load_theme(path: Path) -> Theme:
    """A theme file: YAML with `font` and `colors`, the shape of org.yaml `theme`."""
    import yaml
    from pydantic import ValidationError

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as err:
        raise MktorgError(f"cannot read theme {path}: {str(err).splitlines()[0]}") from None
    if isinstance(data, dict) and isinstance(data.get("theme"), dict):
        data = data["theme"]
    try:
        return Theme.model_validate(data)
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "theme"
        raise MktorgError(f"theme {path}: {where}: {first['msg']}") from None


def _rgb(color: str) -> tuple[int, int, int]:
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)


@lru_cache(maxsize=1024)
def mix(color: str, other: str, share: float) -> str:
    """`color` moved `share` (0..1) of the way towards `other`."""
    a, b = _rgb(color), _rgb(other)
    return "#" + "".join(f"{round(x + (y - x) * share):02x}" for x, y in zip(a, b, strict=True))


@lru_cache(maxsize=1024)
def luminance(color: str) -> float:
    """Relative luminance (0 black .. 1 white)."""
    r, g, b = (c / 255 for c in _rgb(color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ink_on(fill: str, theme: ChartTheme) -> str:
    """Readable text colour on `fill`."""
    return "#ffffff" if luminance(fill) < 0.5 else theme.text
