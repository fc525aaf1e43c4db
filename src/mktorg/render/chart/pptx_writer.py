"""Chart pages -> an editable PowerPoint deck: one slide per page, native shapes and elbow connectors.

Every box is a rounded rectangle holding its text (East Asian and Latin typefaces set on every run);
every reporting line is a bent connector glued to its two boxes (`stCxn`/`endCxn`), so a consultant
can move boxes and PowerPoint re-routes the lines.
"""

import io
from typing import Any

from mktorg.render.chart.scene import Box, Connector, Frame, Legend, Line, Page, Rect, Style
from mktorg.render.chart.wrap import clean

EMU = 12700
MAX_SLIDE = 4032.0
"""PowerPoint's largest slide side (56 inches), in points."""
SITES = {"top": 0, "left": 1, "bottom": 2, "right": 3}
"""Connection sites of a (rounded) rectangle."""


def _emu(points: float) -> int:
    return round(points * EMU)


def pptx_bytes(pages: list[Page], title: str) -> bytes:
    """The deck as bytes (deterministic: fixed core properties)."""
    import datetime

    from pptx import Presentation

    deck = Presentation()
    from pptx.util import Emu

    deck.slide_width, deck.slide_height = Emu(_emu(pages[0].width)), Emu(_emu(pages[0].height))
    blank = deck.slide_layouts[6]
    for page in pages:
        _Slide(deck.slides.add_slide(blank), page).draw()
    props = deck.core_properties
    props.title, props.author, props.last_modified_by = title, "", ""
    props.comments, props.keywords, props.subject = "", "", ""
    stamp = datetime.datetime(2000, 1, 1)
    props.created = props.modified = stamp
    props.revision = 1
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def _set_font(run: Any, family: str) -> None:
    from pptx.oxml.ns import qn

    r_pr = run._r.get_or_add_rPr()
    for tag in ("a:latin", "a:ea", "a:cs"):
        for old in r_pr.findall(qn(tag)):
            r_pr.remove(old)
    fill = r_pr.find(qn("a:solidFill"))
    for tag in ("a:latin", "a:ea", "a:cs"):
        element = r_pr.makeelement(qn(tag), {"typeface": family})
        if fill is not None:
            fill.addnext(element)
            fill = element
        else:
            r_pr.append(element)


class _Slide:
    def __init__(self, slide: Any, page: Page) -> None:
        self.slide, self.page = slide, page
        self.shapes: dict[str, Any] = {}

    def draw(self) -> None:
        for frame in self.page.frames:
            self.frame(frame)
        for box in self.page.boxes:
            self.shapes[box.id] = self.box(box)
        for conn in self.page.connectors:
            self.connector(conn)
        self.text(self.page.title_rect, self.page.title, "left")
        if self.page.legend is not None:
            self.legend(self.page.legend)

    def _rect(self, rect: Rect, style: Style, rounded: bool = True) -> Any:
        from pptx.enum.dml import MSO_LINE_DASH_STYLE
        from pptx.enum.shapes import MSO_SHAPE
        from pptx.util import Pt

        kind = MSO_SHAPE.ROUNDED_RECTANGLE if rounded else MSO_SHAPE.RECTANGLE
        shape = self.slide.shapes.add_shape(kind, _emu(rect.x), _emu(rect.y), _emu(rect.w), _emu(rect.h))
        if rounded:
            shape.adjustments[0] = min(0.5, 5.0 / max(min(rect.w, rect.h), 1.0))
        if style.fill:
            shape.fill.solid()
            shape.fill.fore_color.rgb = _rgb(style.fill)
        else:
            shape.fill.background()
        shape.line.color.rgb = _rgb(style.border)
        shape.line.width = Pt(style.width)
        if style.dash != "solid":
            shape.line.dash_style = (
                MSO_LINE_DASH_STYLE.DASH if style.dash == "dashed" else MSO_LINE_DASH_STYLE.ROUND_DOT
            )
        shape.shadow.inherit = False
        _no_effects(shape)
        return shape

    def _paragraphs(self, frame: Any, lines: list[Line], align: str) -> None:
        from pptx.enum.text import PP_ALIGN
        from pptx.util import Pt

        frame.clear()
        for i, line in enumerate(lines):
            para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            para.alignment = {"center": PP_ALIGN.CENTER, "right": PP_ALIGN.RIGHT}.get(align, PP_ALIGN.LEFT)
            para.line_spacing = 1.0
            for piece in line:
                run = para.add_run()
                run.text = clean(piece.text)
                run.font.size = Pt(piece.size)
                run.font.bold = piece.bold
                run.font.color.rgb = _rgb(piece.color)
                if piece.strike:
                    run.font._rPr.set("strike", "sngStrike")
                _set_font(run, self.page.font)

    def _fit(self, frame: Any, anchor: str = "middle") -> None:
        from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE

        frame.word_wrap = True
        frame.auto_size = MSO_AUTO_SIZE.NONE
        frame.margin_left = frame.margin_right = _emu(2)
        frame.margin_top = frame.margin_bottom = _emu(1)
        frame.vertical_anchor = MSO_ANCHOR.MIDDLE if anchor == "middle" else MSO_ANCHOR.TOP

    def box(self, box: Box) -> Any:
        shape = self._rect(box.rect, box.style, box.style.rounded)
        shape.name = box.id
        self._fit(shape.text_frame)
        self._paragraphs(shape.text_frame, box.lines, "center")
        return shape

    def frame(self, frame: Frame) -> None:
        shape = self._rect(frame.rect, frame.style)
        shape.name = "frame " + frame.dept
        self.text(frame.label_rect, [frame.label], "left", name="label " + frame.dept, anchor="middle")
        if frame.note and frame.note_rect is not None:
            self.text(frame.note_rect, [frame.note], "right", name="count " + frame.dept, anchor="middle")

    def text(self, rect: Rect, lines: list[Line], align: str, name: str = "title", anchor: str = "top") -> Any:
        """A text box around `rect`; `anchor="middle"` centres the text on the rect's middle line (a
        frame label inside its band, a legend row level with its symbol) instead of hanging it from the
        rect's top with a margin."""
        pad = 4.0
        if anchor == "middle":
            box = self.slide.shapes.add_textbox(_emu(rect.x - pad), _emu(rect.y), _emu(rect.w + 2 * pad), _emu(rect.h))
        else:
            box = self.slide.shapes.add_textbox(
                _emu(rect.x - pad), _emu(rect.y - pad), _emu(rect.w + 2 * pad), _emu(rect.h + 2 * pad)
            )
        box.name = name
        self._fit(box.text_frame, anchor)
        if anchor == "middle":
            box.text_frame.margin_top = box.text_frame.margin_bottom = 0
        box.text_frame.word_wrap = False
        self._paragraphs(box.text_frame, lines, align)
        return box

    def connector(self, conn: Connector) -> None:
        from pptx.enum.dml import MSO_LINE_DASH_STYLE
        from pptx.enum.shapes import MSO_CONNECTOR
        from pptx.util import Pt

        points = conn.points
        (x0, y0), (x1, y1) = points[0], points[-1]
        kind = MSO_CONNECTOR.STRAIGHT if len(points) == 2 else MSO_CONNECTOR.ELBOW
        shape = self.slide.shapes.add_connector(kind, _emu(x0), _emu(y0), _emu(x1), _emu(y1))
        tail, head = self.shapes.get(conn.tail), self.shapes.get(conn.head)
        if not conn.dotted:  # dotted lines keep their route around boxes, whatever the viewer's router does
            if tail is not None:
                shape.begin_connect(tail, SITES[conn.tail_side])
            if head is not None:
                shape.end_connect(head, SITES[conn.head_side])
        if len(points) > 2:
            _bend(shape, points)
        else:
            shape.begin_x, shape.begin_y, shape.end_x, shape.end_y = _emu(x0), _emu(y0), _emu(x1), _emu(y1)
        shape.name = f"{conn.tail}->{conn.head}"
        _no_effects(shape)
        shape.line.color.rgb = _rgb(conn.color)
        shape.line.width = Pt(conn.width)
        if conn.pattern != "solid":
            shape.line.dash_style = (
                MSO_LINE_DASH_STYLE.DASH if conn.pattern == "dashed" else MSO_LINE_DASH_STYLE.ROUND_DOT
            )

    def legend(self, legend: Legend) -> None:
        from mktorg.render.chart.scene import Run

        r = legend.rect
        frame = self._rect(r, Style("#ffffff", "#c8d0da", "solid", 0.75))
        frame.name = "legend"
        pad, row = 7.0 * self.page.scale, legend.row
        y = r.y + pad
        self.text(
            Rect(r.x + pad, y, r.w - 2 * pad, row),
            [(Run(legend.title, legend.font_size, True),)],
            "left",
            "legend title",
        )
        for item in legend.items:
            y += row
            sample = Rect(r.x + pad, y + row * 0.15, legend.sample_width - 4, row * 0.7)
            if item.sample == "line":
                from pptx.enum.dml import MSO_LINE_DASH_STYLE
                from pptx.enum.shapes import MSO_CONNECTOR
                from pptx.util import Pt

                line = self.slide.shapes.add_connector(
                    MSO_CONNECTOR.STRAIGHT, _emu(sample.x), _emu(sample.cy), _emu(sample.right), _emu(sample.cy)
                )
                line.line.color.rgb = _rgb(item.style.border)
                line.line.width = Pt(item.style.width)
                if item.style.dash != "solid":
                    line.line.dash_style = (
                        MSO_LINE_DASH_STYLE.DASH if item.style.dash == "dashed" else MSO_LINE_DASH_STYLE.ROUND_DOT
                    )
            elif item.sample in ("box", "swatch"):
                self._rect(sample, item.style, item.sample == "box")
            elif item.sample_text:
                self.text(
                    Rect(sample.x, y, sample.w, row),
                    [(Run(item.sample_text, legend.font_size, True, "#5b6573"),)],
                    "left",
                    "legend sample",
                    anchor="middle",
                )
            text = Rect(r.x + pad + legend.sample_width + 6 * self.page.scale, y, r.w, row)
            self.text(text, [(Run(item.text, legend.font_size),)], "left", "legend text", anchor="middle")


def _no_effects(shape: Any) -> None:
    """No theme style (shadows, theme line colours): every colour is set on the shape itself."""
    from pptx.oxml.ns import qn

    element = shape._element
    sp_pr = element.spPr
    if sp_pr.find(qn("a:effectLst")) is None:
        sp_pr.append(sp_pr.makeelement(qn("a:effectLst"), {}))
    style = element.find(qn("p:style"))
    if style is not None:
        element.remove(style)


def _rgb(color: str) -> Any:
    from pptx.dml.color import RGBColor

    return RGBColor.from_string(color.lstrip("#").upper())  # type: ignore[no-untyped-call]


def _bend(shape: Any, points: list[tuple[float, float]]) -> None:
    """Shape an elbow connector to follow `points` (alternating horizontal and vertical segments)."""
    from pptx.oxml.ns import qn

    xs, ys = [p[0] for p in points], [p[1] for p in points]
    x_min, x_max, y_min, y_max = min(xs), max(xs), min(ys), max(ys)
    (x0, y0), (x1, y1) = points[0], points[-1]
    vertical = points[0][0] == points[1][0]
    segments = len(points) - 1
    sp = shape._element
    xfrm = sp.spPr.get_or_add_xfrm()
    for attr in ("rot", "flipH", "flipV"):
        if attr in xfrm.attrib:
            del xfrm.attrib[attr]
    vis_w, vis_h = max(x_max - x_min, 0.01), max(y_max - y_min, 0.01)
    if vertical:  # rotated a quarter turn: the local x axis points down
        w, h = vis_h, vis_w
        flip = x1 > x0
        local = [(y - y_min, (x - x_min) if flip else (x_max - x)) for x, y in points]
        cx, cy = (x_min + x_max) / 2, (y_min + y_max) / 2
        xfrm.set("rot", "5400000")
        if flip:
            xfrm.set("flipV", "1")
        off = (cx - w / 2, cy - h / 2)
    else:
        w, h = vis_w, vis_h
        flip_h, flip_v = x1 < x0, y1 < y0
        local = [((x_max - x) if flip_h else (x - x_min), (y_max - y) if flip_v else (y - y_min)) for x, y in points]
        if flip_h:
            xfrm.set("flipH", "1")
        if flip_v:
            xfrm.set("flipV", "1")
        off = (x_min, y_min)
    xfrm.off.x, xfrm.off.y = _emu(off[0]), _emu(off[1])
    xfrm.ext.cx, xfrm.ext.cy = _emu(w), _emu(h)
    geom = sp.spPr.find(qn("a:prstGeom"))
    if segments > 5:
        segments = 3
    geom.set("prst", f"bentConnector{segments}")
    av = geom.find(qn("a:avLst"))
    if av is None:
        av = geom.makeelement(qn("a:avLst"), {})
        geom.append(av)
    for child in list(av):
        av.remove(child)
    values = []
    if segments >= 3:
        inner = local[1:-1]
        # bentConnectorN turns at adj1 (x), adj2 (y), adj3 (x) ...
        for k in range(segments - 2):
            px, py = inner[k]
            values.append(px / w if k % 2 == 0 else py / h)
    for k, value in enumerate(values, 1):
        av.append(av.makeelement(qn("a:gd"), {"name": f"adj{k}", "fmla": f"val {round(value * 100000)}"}))
