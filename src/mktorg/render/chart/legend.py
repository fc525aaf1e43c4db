"""The legend: only what the page shows, each style with what it means."""

from mktorg.render.chart.boxes import Painter
from mktorg.render.chart.metrics import text_width
from mktorg.render.chart.scene import Legend, LegendItem, Rect, Style

FONT = 8.0
ROW = 13.0
SAMPLE = 28.0
PAD = 7.0


def legend_items(painter: Painter, used: set[str], dotted: bool, markers: list[tuple[str, str]]) -> list[LegendItem]:
    """Legend lines for the styles and notations in `used` (keys collected while painting)."""
    w, theme = painter.words, painter.theme
    solid = w("solid_units") if painter.options.view == "departments" else w("solid")
    items: list[LegendItem] = [LegendItem("line", solid, Style(None, theme.line))] if "solid" in used else []
    if "context_link" in used:
        items.append(LegendItem("line", w("context_link"), Style(None, theme.line, "dashed")))
    if dotted:
        items.append(LegendItem("line", w("dotted"), Style(None, theme.accent, "dashed")))
    items += [LegendItem("text", text, sample_text=mark) for mark, text in markers]
    boxes = {
        "vacant": Style("#ffffff", theme.vacant, "dashed", 1.3),
        "optional": Style("#ffffff", theme.primary, "dotted", 1.3),
        "external": Style("#f5f6f8", theme.external, "dashed"),
        "continued": Style("#ffffff", theme.accent, "solid", 1.8),
    }
    for key, style in boxes.items():
        if key in used:
            items.append(LegendItem("box", w("box_" + key), style))
    if "assistant" in used:
        items.append(LegendItem("text", w("assistant"), sample_text="┤"))
    if "headcount" in used:
        items.append(LegendItem("text", w("headcount"), sample_text=w("people", n=3)))
    if "unit_people" in used:
        items.append(LegendItem("text", w("unit_people_note"), sample_text=w("people", n=12)))
    if "budget" in used:
        items.append(LegendItem("text", w("budget_note"), sample_text=w("budget", b=14, n=12).split(" ·")[0]))
    if "range" in used:
        items.append(LegendItem("text", w("range_note"), sample_text="2–4"))
    if "plus" in used:
        items.append(LegendItem("text", w("plus_note"), sample_text="4+"))
    if "concurrent" in used:
        items.append(LegendItem("text", w("concurrent_note"), sample_text=w("concurrent", titles="").strip()))
    depths = sorted(int(k.split(":")[1]) for k in used if k.startswith("depth:"))
    if len(depths) > 1 or (depths and depths[0] > 0):
        items.append(LegendItem("text", w("by_depth"), sample_text=""))
        items += [
            LegendItem("swatch", w("depth_name", n=d + 1), Style(painter.depth_fill(d), theme.primary, "solid", 0.8))
            for d in depths
        ]
    levels = [k.split(":", 1)[1] for k in sorted(used) if k.startswith("level:")]
    if levels:
        items.append(LegendItem("text", w("by_level"), sample_text=""))
        ordered = sorted(levels, key=lambda name: painter.level_rank.get(name, 99))
        for name in ordered:
            fill = painter.level_fill(name) or "#ffffff"
            items.append(LegendItem("swatch", w.level(name) or name, Style(fill, theme.primary, "solid", 0.8)))
    return items


def build_legend(title: str, items: list[LegendItem]) -> Legend:
    """A legend block at the origin, sized for its items."""
    widest = max([text_width(i.text, FONT) for i in items] + [text_width(title, FONT, True)])
    sample = max([SAMPLE] + [text_width(i.sample_text, FONT) + 4 for i in items if i.sample == "text"])
    width = 2 * PAD + sample + 6 + widest
    height = 2 * PAD + ROW * (len(items) + 1)
    return Legend(Rect(0, 0, width, height), title, items, FONT, ROW, sample)
