"""The look of paged documents, shared by the Word and PDF writers so both paginate alike:
font, sizes, spacing, margins and colours (org.yaml `theme` may set the font and colours)."""

from dataclasses import dataclass

from mktorg.model.organization import Organization

DEFAULT_FONT = "Noto Sans CJK SC"


@dataclass(frozen=True)
class Style:
    """Sizes in points, spacing in em of the body size, margins in centimetres."""

    font: str = DEFAULT_FONT
    primary: str = "#243b53"
    accent: str = "#9fb3c8"
    shade: str = "#eef2f7"
    body_pt: float = 10.5
    heading_pt: tuple[float, ...] = (16.0, 13.5, 12.0, 11.0)
    line_em: float = 1.5
    """Line pitch of body text."""
    gap_em: float = 0.3
    """Extra space between paragraphs and list items."""
    marker_em: tuple[float, ...] = (1.6, 2.6, 1.6)
    """The room of a list marker at each level (1、 （1） 1)), so text starts at the same place in Word and PDF."""
    margin_cm: float = 2.2

    @property
    def text_width_pt(self) -> float:
        """The text width of an A4 page."""
        return (21.0 - 2 * self.margin_cm) / 2.54 * 72


def style_for(org: Organization, font: str | None = None) -> Style:
    """The style of an organisation's documents: `font` (command line) over `theme.font` over the default."""
    theme = org.settings.theme
    colors = theme.colors if theme else None
    return Style(
        font=font or (theme.font if theme and theme.font else DEFAULT_FONT),
        primary=(colors.primary if colors and colors.primary else Style.primary),
        accent=(colors.accent if colors and colors.accent else Style.accent),
    )
