"""Job descriptions, handbooks and books as Word (.docx) through python-docx.

Styles are looked up by name once and then applied by id (by-name lookups cost ~1 ms
each). For one file per role, the body is cleared and refilled in one Document, and the
package is zipped from cached parts, so a job description costs a few milliseconds.

Blocks are written as markup (`word_xml`) and parsed in one go before the body's trailing
`w:sectPr`, held once; numbering ids are counted, not re-read. python-docx's own
`add_paragraph`/`add_table` scan the whole body on every append (and `add_table` runs an
XPath over it), which made a book quadratic.

Core properties come from the document's properties (never the tool's name, fixed dates);
the cover sits in a first page without header or footer; the table of contents is a TOC
field whose cached entries and page numbers are already filled (pages from the PDF layout
of the same document), so Word shows it right before any update; charts get landscape
sections of their own.
"""

import datetime
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.image.image import Image
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.pkgwriter import PackageWriter
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.parser import parse_xml
from docx.oxml.shape import CT_Inline
from docx.shared import Cm, Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml import etree

from mktorg.model.base import without_controls
from mktorg.render import word_xml
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
    Properties,
    Table,
)
from mktorg.render.style import Style
from mktorg.render.zipped import Zipped

_FIXED_TIME = (2000, 1, 1, 0, 0, 0)
_CHART_ROOM_CM = (25.3, 14.0)
_PROPERTIES_BEFORE_BREAK = re.compile(r"^(<w:p><w:pPr>(?:<w:pStyle [^>]*/>)?(?:<w:keepNext/>)?(?:<w:keepLines/>)?)")
"""Where `pageBreakBefore` goes in a paragraph's properties (after its style and keep rules)."""
_STYLE_NAMES = {
    "title": ("Title", WD_STYLE_TYPE.PARAGRAPH),
    "subtitle": ("Subtitle", WD_STYLE_TYPE.PARAGRAPH),
    "h1": ("Heading 1", WD_STYLE_TYPE.PARAGRAPH),
    "h2": ("Heading 2", WD_STYLE_TYPE.PARAGRAPH),
    "h3": ("Heading 3", WD_STYLE_TYPE.PARAGRAPH),
    "h4": ("Heading 4", WD_STYLE_TYPE.PARAGRAPH),
    "h5": ("Heading 5", WD_STYLE_TYPE.PARAGRAPH),
    "h6": ("Heading 6", WD_STYLE_TYPE.PARAGRAPH),
    "toc1": ("TOC 1", WD_STYLE_TYPE.PARAGRAPH),
    "toc2": ("TOC 2", WD_STYLE_TYPE.PARAGRAPH),
    "caption": ("Caption", WD_STYLE_TYPE.PARAGRAPH),
    "toc_title": ("TOC Heading", WD_STYLE_TYPE.PARAGRAPH),
    "normal": ("Normal", WD_STYLE_TYPE.PARAGRAPH),
    "duty": ("Duty List", WD_STYLE_TYPE.PARAGRAPH),
    "table": ("Table Grid", WD_STYLE_TYPE.TABLE),
}


_LATIN_TOO = ("Heading", "Title", "Subtitle", "TOCHeading")
"""Styles whose Latin font is the document's font too, not the theme's heading font."""


class WordWriter:
    """One python-docx document, prepared once, filled with job descriptions and handbooks."""

    def __init__(self, *, style: Style, reference: Path | None = None) -> None:
        self.doc: Any = docx.Document(str(reference)) if reference else docx.Document()
        self.style = style
        self.font = style.font
        self.reference = reference is not None
        self.body = self.doc.element.body
        self.container = self.doc._body
        for child in list(self.body):
            if child.tag != qn("w:sectPr"):
                self.body.remove(child)
        self.end = self.body.find(qn("w:sectPr"))
        """The trailing section properties: every block is inserted just before them."""
        self.ids = {key: self._style(name, kind) for key, (name, kind) in _STYLE_NAMES.items()}
        self._fonts()
        self._look()
        self._drop_thumbnail()
        self.numbering = self.doc.part.numbering_part.element
        self.abstracts: dict[tuple[str, ...], str] = {}
        self.abstract_id = self._abstract_numbering(("{}、", "（{}）", "{})"))
        self.first_num_id = max((int(n.get(qn("w:numId"))) for n in self.numbering.findall(qn("w:num"))), default=0) + 1
        self.added_nums: list[Any] = []
        self.pending: list[str] = []
        """Blocks written as markup, not yet parsed into the body (see `_flush`)."""
        self._cache: bytes | None = None
        self._paged = False
        self.landscape = False
        self.keep = False
        """Inside a group kept on one page: table rows are kept with what follows."""
        self.pages: dict[int, int] = {}
        self.headings = 0
        self.shape_id: int = self.doc.part.next_id - 1
        """The id of the last picture drawn (python-docx's `next_id` of the emptied body, less one, before any)."""
        self.images: dict[str, Any] | None = None
        """The package's image parts by the SHA-1 of their bytes (made on the first picture)."""
        self.page_numbers: list[tuple[Any, int]] = []
        """The contents' page numbers (their `w:t`) and the index of each one's heading."""
        self.unplaced: list[tuple[DocxParagraph, Figure, int]] = []
        """Paragraphs waiting for the picture of a figure sized but not drawn yet, and its width."""

    # --- set-up ---------------------------------------------------------------------------

    def _style(self, name: str, kind: Any) -> str | None:
        styles = self.doc.styles
        for style in styles:
            if style.type == kind and style.name and style.name.lower() == name.lower():
                return str(style.style_id)
        if name == "Duty List":
            style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = styles["Normal"]
            style.paragraph_format.space_after = Pt(2)
            return str(style.style_id)
        if kind == WD_STYLE_TYPE.TABLE:
            return None
        style = styles.add_style(name, kind)
        if name == "TOC Heading":  # looks like a chapter heading, but is not listed in the contents itself
            style.base_style = styles["Heading 1"]
            _child(style.element.get_or_add_pPr(), "w:outlineLvl").set(qn("w:val"), "9")
        elif name.startswith("TOC "):  # entries: indented by level, a dotted leader to the page number
            style.base_style = styles["Normal"]
            level = int(name[-1])
            style.paragraph_format.left_indent = Cm(0.8 * (level - 1))
            style.paragraph_format.space_after = Pt(3)
            style.paragraph_format.tab_stops.add_tab_stop(Cm(16.6), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
            style.font.bold = level == 1
        elif name == "Caption":
            style.base_style = styles["Normal"]
        return str(style.style_id)

    def _fonts(self) -> None:
        """Set the East Asian font on the defaults and every style (no Japanese fallback), and the
        Latin font too where the template would take the theme's (Calibri) for headings and titles."""
        styles_el = self.doc.styles.element
        defaults = styles_el.find(qn("w:docDefaults"))
        targets = [defaults.find(qn("w:rPrDefault"))] if defaults is not None else []
        for rpr_parent in targets:
            if rpr_parent is not None:
                self._set_rfonts(_child(rpr_parent, "w:rPr"), latin=True)
        for style in styles_el.findall(qn("w:style")):
            if style.get(qn("w:type")) in ("paragraph", "character", "table"):
                style_id = style.get(qn("w:styleId")) or ""
                latin = style_id == "Normal" or style_id.startswith(_LATIN_TOO)
                self._set_rfonts(_child(style, "w:rPr"), latin=latin)
        settings = self.doc.settings.element
        lang = settings.find(qn("w:themeFontLang"))
        if lang is not None:
            lang.set(qn("w:eastAsia"), "zh-CN")

    def _set_rfonts(self, rpr: Any, *, latin: bool) -> None:
        rfonts = _child(rpr, "w:rFonts", first=True)
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            if attr != "w:asciiTheme" or latin:
                rfonts.attrib.pop(qn(attr), None)
        if self.reference and rfonts.get(qn("w:eastAsia")):
            return
        rfonts.set(qn("w:eastAsia"), self.font)
        if latin and not self.reference:
            rfonts.attrib.pop(qn("w:asciiTheme"), None)
            rfonts.set(qn("w:ascii"), self.font)
            rfonts.set(qn("w:hAnsi"), self.font)
        lang = _child(rpr, "w:lang")
        lang.set(qn("w:eastAsia"), "zh-CN")

    def _look(self) -> None:
        """Sizes and spacing of the shared style, so Word paginates like the PDF (not with a reference)."""
        if self.reference:
            return
        st = self.style
        normal = self.doc.styles["Normal"]
        normal.font.size = Pt(st.body_pt)
        fmt = normal.paragraph_format
        fmt.line_spacing = Pt(st.body_pt * st.line_em)
        fmt.space_after = Pt(st.body_pt * st.gap_em)
        fmt.space_before = Pt(0)
        fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        self.doc.styles["Duty List"].paragraph_format.space_after = Pt(st.body_pt * st.gap_em)
        color = RGBColor.from_string(st.primary.lstrip("#").upper())
        for level in range(1, 7):
            heading = self.doc.styles[f"Heading {level}"]
            heading.font.size = Pt(st.heading_pt[min(level, len(st.heading_pt)) - 1])
            heading.font.bold = True
            heading.font.italic = False
            heading.font.color.rgb = color
            heading.paragraph_format.space_before = Pt(12)
            heading.paragraph_format.space_after = Pt(6)
            heading.paragraph_format.line_spacing = Pt(heading.font.size.pt * 1.3)
            heading.paragraph_format.keep_with_next = True
            heading.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
        for name in ("Title", "Subtitle"):
            title = self.doc.styles[name]
            title.font.italic = False
            title.font.color.rgb = color if name == "Title" else RGBColor(0x1F, 0x29, 0x33)
            title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _drop(title.element.get_or_add_pPr(), "w:pBdr")
        self.doc.styles["Title"].font.size = Pt(26)
        self.doc.styles["Subtitle"].font.size = Pt(16)
        section = self.doc.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Cm(st.margin_cm)
        section.top_margin = section.bottom_margin = Cm(st.margin_cm)

    def _drop_thumbnail(self) -> None:
        """The default template's blank thumbnail: a viewer would show it for the document."""
        rels = self.doc.part.package.rels
        for rel_id, rel in list(rels.items()):
            if rel.reltype.endswith("/metadata/thumbnail"):
                rels.pop(rel_id)

    def _prepare(self, document: Document) -> None:
        """Running header, page-number footer and core properties (once per writer)."""
        if self._paged:
            return
        self._paged = True
        self._properties(document.info, document.lang)
        if self.reference:
            return
        section = self.doc.sections[0]
        header = section.header.paragraphs[0]
        run = header.add_run(document.running_header)
        run.font.size = Pt(8.5)
        run.font.color.rgb = RGBColor(0x52, 0x60, 0x6D)
        _rule_below(header, self.style.accent)
        footer = section.footer.paragraphs[0]
        footer.alignment = 1
        footer.style.font.size = Pt(9)
        before, _, after = (document.page_label or "{}").partition("{}")
        if before:
            footer.add_run(before)
        _field(footer, "PAGE", "1")
        if after:
            footer.add_run(after)

    def _properties(self, info: Properties, lang: str) -> None:
        """Core properties from the document, dated by its date (fixed, so output is deterministic)."""
        props = self.doc.core_properties
        props.title = info.title
        props.subject = info.subject
        props.author = info.author or info.client
        props.last_modified_by = info.author or info.client
        props.keywords = info.keywords
        props.comments = info.confidentiality
        props.category = info.subject
        props.language = lang
        props.revision = 1
        props.content_status = info.version and f"{info.version}"
        when = datetime.datetime.fromisoformat(info.date or "2000-01-01")
        props.created = props.modified = when
        if not info.date:  # no date known: leave the dates out rather than invent one
            for tag in ("dcterms:created", "dcterms:modified"):
                _drop(props._element, tag)

    def _abstract_numbering(self, markers: tuple[str, ...]) -> str:
        """A list definition for one set of markers (`{}、`, `（{}）`): no tab after the marker in Chinese."""
        if markers in self.abstracts:
            return self.abstracts[markers]
        ids = [int(a.get(qn("w:abstractNumId"))) for a in self.numbering.findall(qn("w:abstractNum"))]
        abstract_id = str(max(ids, default=0) + 100)
        abstract = OxmlElement("w:abstractNum")
        abstract.set(qn("w:abstractNumId"), abstract_id)
        multi = OxmlElement("w:multiLevelType")
        multi.set(qn("w:val"), "multilevel")
        abstract.append(multi)
        for level, marker in enumerate(markers):
            lvl = OxmlElement("w:lvl")
            lvl.set(qn("w:ilvl"), str(level))
            suffix = "nothing"
            values = (
                ("w:start", "1"),
                ("w:numFmt", "decimal"),
                ("w:suff", suffix),
                ("w:lvlText", marker.replace("{}", f"%{level + 1}")),
                ("w:lvlJc", "left"),
            )
            for tag, value in values:
                el = OxmlElement(tag)
                el.set(qn("w:val"), value)
                lvl.append(el)
            ppr = OxmlElement("w:pPr")
            ind = OxmlElement("w:ind")
            room = self.style.marker_em
            twips = [round(em * self.style.body_pt * 20) for em in room]
            ind.set(qn("w:left"), str(sum(twips[: level + 1])))
            ind.set(qn("w:hanging"), str(twips[min(level, len(twips) - 1)]))
            ppr.append(ind)
            lvl.append(ppr)
            abstract.append(lvl)
        first_num = self.numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            self.numbering.append(abstract)
        self.abstracts[markers] = abstract_id
        return abstract_id

    def _new_list(self, markers: tuple[str, ...] | None = None) -> str:
        """A numbering instance that starts again at 1 (one per duty list)."""
        num_id = str(self.first_num_id + len(self.added_nums))
        num = OxmlElement("w:num")
        num.set(qn("w:numId"), num_id)
        abstract = OxmlElement("w:abstractNumId")
        abstract.set(qn("w:val"), self._abstract_numbering(markers) if markers else self.abstract_id)
        num.append(abstract)
        override = OxmlElement("w:lvlOverride")
        override.set(qn("w:ilvl"), "0")
        start = OxmlElement("w:startOverride")
        start.set(qn("w:val"), "1")
        override.append(start)
        num.append(override)
        self.numbering.append(num)
        self.added_nums.append(num)
        return num_id

    # --- content --------------------------------------------------------------------------

    def _append(self, element: Any) -> None:
        """Insert a block element at the end of the body (before its section properties)."""
        if self.end is not None:
            self.end.addprevious(element)
        else:
            self.body.append(element)

    def _flush(self) -> None:
        """Parse the blocks written as markup so far, in one go, into the body."""
        if not self.pending:
            return
        self._breaks_before()
        fragment = parse_xml(f'<w:body xmlns:w="{word_xml.W_NAMESPACE}">{"".join(self.pending)}</w:body>')
        self.pending.clear()
        for element in list(fragment):
            self._append(element)

    def _breaks_before(self) -> None:
        """A page break followed by a paragraph becomes that paragraph's `pageBreakBefore`, and the
        empty spacer paragraph before the break goes: a paragraph of its own holding the break,
        pushed off a page that a table has nearly filled, broke the page once more (a blank page
        before the 招商业务员 of used-car-merchants)."""
        spacers = {word_xml.paragraph("", self.ids["normal"])}
        spacers |= {spacer.replace("</w:pPr>", "<w:keepNext/></w:pPr>") for spacer in spacers}
        out: list[str] = []
        breaking = False
        for i, item in enumerate(self.pending):
            after = self.pending[i + 1] if i + 1 < len(self.pending) else ""
            if item in spacers and after == word_xml.PAGE_BREAK:
                continue
            if item == word_xml.PAGE_BREAK and after.startswith("<w:p><w:pPr>"):
                breaking = True
                continue
            if breaking:
                item = _PROPERTIES_BEFORE_BREAK.sub(r"\1<w:pageBreakBefore/>", item, count=1)
                breaking = False
            out.append(item)
        self.pending[:] = out

    def _new_paragraph(self) -> Any:
        self._flush()
        p = OxmlElement("w:p")
        self._append(p)
        return DocxParagraph(p, self.container)

    def _write(self, text: str, style: str = "normal", *, bold: bool = False) -> None:
        """Append a paragraph that nothing changes afterwards (as markup)."""
        self.pending.append(word_xml.paragraph(text, self.ids[style], bold=bold))

    def paragraph(self, text: str, style: str = "normal", *, bold: bool = False) -> Any:
        """Append a paragraph in one of the prepared styles."""
        p = self._new_paragraph()
        if self.ids[style]:
            p._p.style = self.ids[style]
        if text:
            run = p.add_run(without_controls(text))
            if bold:
                run.bold = True
        return p

    def numbered(self, text: str, num_id: str, level: int = 0) -> None:
        """Append an item of a numbered list (1、 or (1))."""
        self.pending.append(word_xml.paragraph(text, self.ids["duty"], numbering=(num_id, level)))

    def table(
        self,
        head: Sequence[str] | None,
        rows: Iterable[Iterable[str]],
        widths: Sequence[float],
        *,
        row_height: float | None = None,
        label_column: bool = False,
        numeric: Sequence[bool] = (),
        indent: Sequence[int] = (),
    ) -> None:
        """Append a table; `head` is a bold header row, the first column is bold without it (or with
        `label_column`); `row_height` in centimetres leaves room to sign; `numeric` columns are
        aligned right; `indent` gives each row's depth (its first cell is indented)."""
        self.pending.append(
            word_xml.table(
                head,
                [list(r) for r in rows],
                widths,
                self.ids["table"],
                row_height=row_height,
                label_column=label_column,
                numeric=numeric,
                indent=indent,
                keep=self.keep,
            )
        )
        spacer = word_xml.paragraph("", self.ids["normal"])
        self.pending.append(spacer.replace("</w:pPr>", "<w:keepNext/></w:pPr>") if self.keep else spacer)

    def page_break(self) -> None:
        """Start a new page."""
        self.pending.append(word_xml.PAGE_BREAK)

    def draw(self, document: Document, pages: dict[int, int] | None = None) -> None:
        """Append every block of a document; `pages` (heading index -> page) fills the contents, or
        `number_pages` does later. A figure sized but not drawn yet gets its picture from `place_pictures`."""
        self._prepare(document)
        self.pages = pages or {}
        self.headings = 0
        for block in document.blocks:
            self.block(block, document)
        self._flush()

    def number_pages(self, pages: dict[int, int]) -> None:
        """Fill the contents with the page of each heading (index -> page)."""
        self.pages = pages
        for text, index in self.page_numbers:
            text.text = str(pages.get(index, ""))

    def place_pictures(self, pngs: dict[Figure, bytes]) -> None:
        """Put the PNG of each figure drawn before it was, in the order the figures came."""
        for holder, figure, width in self.unplaced:
            self._picture(holder, pngs[figure], width=width)
        self.unplaced.clear()

    def block(self, block: Block, document: Document) -> None:
        """Append one block."""
        if self.landscape and not isinstance(block, ChartPage) and not (isinstance(block, Group) and block.landscape):
            self._section(landscape=False)  # a section break starts the page a page break would
            if isinstance(block, PageBreak):
                return
        self._draw(block, document)

    def _draw(self, block: Block, document: Document) -> None:
        if isinstance(block, Group):
            self.group(block, document)
        elif isinstance(block, Cover):
            self.cover(block)
        elif isinstance(block, Contents):
            self.toc(block.title, [(level, text, i) for level, text, i in document.contents()], block.depth)
        elif isinstance(block, Heading):
            self.heading(block)
        elif isinstance(block, Paragraph):
            self.pending.append(
                word_xml.paragraph(
                    block.text,
                    self.ids["normal"],
                    bold=block.style == "strong",
                    color="7B8794" if block.style == "muted" else None,
                )
            )
        elif isinstance(block, NumberedList):
            num = self._new_list(block.markers)
            self._items(block.items, num, 0)
        elif isinstance(block, Table):
            self.table(
                None if block.keyed else block.head,
                block.rows,
                block.widths,
                row_height=block.row_height,
                label_column=block.row_height is not None,
                numeric=block.numeric,
                indent=block.indent,
            )
        elif isinstance(block, Figure):
            self.figure(block, (16.6, _CHART_ROOM_CM[1]))
        elif isinstance(block, ChartPage):
            self.chart_page(block)
        else:
            assert isinstance(block, PageBreak)
            self.page_break()

    def group(self, block: Group, document: Document) -> None:
        """Blocks on a landscape page of their own, or kept on one page: every block but the last
        is kept with the next (headings always are)."""
        if block.landscape:
            if self.landscape:
                self.page_break()
            else:
                self._section(landscape=True)
        outer = self.keep
        for i, child in enumerate(block.blocks):
            self.keep = outer or (block.keep and i < len(block.blocks) - 1)
            self._draw(child, document)
        self.keep = outer

    def _items(self, items: tuple[ListItem, ...], num: str, level: int) -> None:
        for item in items:
            self.numbered(item.text, num, level=min(level, 2))
            self._items(item.children, num, level + 1)

    def heading(self, block: Heading) -> None:
        """A heading; listed ones carry the bookmark the contents link to, the others are kept out of
        Word's outline (a rebuilt table of contents lists departments and roles only)."""
        index = self.headings
        self.headings += 1
        style = self.ids[f"h{min(block.level, 6)}"]
        if block.toc:
            name = _toc_name(index)
            start = f'<w:bookmarkStart w:id="{index}" w:name="{name}"/>'
            end = f'<w:bookmarkEnd w:id="{index}"/>'
            self.pending.append(word_xml.paragraph(block.text, style, before=start, after=end))
        else:
            self.pending.append(word_xml.paragraph(block.text, style, outline=9))

    def cover(self, block: Cover) -> None:
        """The title page in a first page of its own: no running header, no page number."""
        section = self.doc.sections[0]
        section.different_first_page_header_footer = True
        section.first_page_header.is_linked_to_previous = False
        section.first_page_footer.is_linked_to_previous = False
        self.paragraph("").paragraph_format.space_before = Pt(90)
        if block.logo is not None and block.logo.kind == "png":
            holder = self._new_paragraph()
            self._picture(holder, block.logo.data, height=Cm(2.2))
            holder.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self.paragraph(block.title, "title")
        self.paragraph(block.subtitle, "subtitle")
        if block.fields:
            gap = self.paragraph("")
            gap.paragraph_format.space_before = Pt(80)
            for label, value in block.fields:
                p = self.paragraph(f"{label}：{value}" if not label.isascii() else f"{label}: {value}")
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                p.runs[0].font.size = Pt(12)
        if block.mark:
            p = self.paragraph(block.mark, bold=True)
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.space_before = Pt(60)
            p.runs[0].font.color.rgb = RGBColor(0xB4, 0x23, 0x18)
            p.runs[0].font.size = Pt(12)

    def toc(self, title: str, entries: list[tuple[int, str, int]], depth: int = 2) -> None:
        """A table-of-contents field whose cached result is already right: each entry links to its
        heading's bookmark and shows its page (a PAGEREF field) from `self.pages`; Word can update
        it, but need not, and viewers that never update fields show it as it is."""
        self.paragraph(title, "toc_title")
        entries = entries or [(1, "…", -1)]
        last = None
        for n, (level, text, index) in enumerate(entries):
            p = self.paragraph("", f"toc{min(level, 2)}")
            if n == 0:
                _field_start(p, f'TOC \\o "1-{depth}" \\h \\z \\u')
            link = OxmlElement("w:hyperlink")
            link.set(qn("w:anchor"), _toc_name(index))
            link.set(qn("w:history"), "1")
            p._p.append(link)
            _run(link, text=without_controls(text))
            _run(link, tab=True)
            _run(link, char="begin")
            _run(link, instr=f" PAGEREF {_toc_name(index)} \\h ")
            _run(link, char="separate")
            self.page_numbers.append((_run(link, text=str(self.pages.get(index, "")))[0], index))
            _run(link, char="end")
            last = p
        assert last is not None
        _field_end(last)

    def chart_page(self, block: ChartPage) -> None:
        """A landscape page holding a chart (and its heading); the next other block goes back to portrait."""
        if self.landscape:
            self.page_break()
        else:
            self._section(landscape=True)
        if block.heading is not None:
            self.heading(block.heading)
        self.figure(block.figure, _CHART_ROOM_CM)

    def _section(self, *, landscape: bool) -> None:
        self._flush()
        body_children = [c for c in self.body if c.tag != qn("w:sectPr")]
        if not body_children:
            self.paragraph("")
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        section.different_first_page_header_footer = False
        self.landscape = landscape
        width, height = Mm(210), Mm(297)
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = (height, width) if landscape else (width, height)

    def figure(self, block: Figure, room_cm: tuple[float, float]) -> None:
        """A chart at its natural size, scaled down (never up) to `room_cm`, with its caption (one
        sized but not drawn yet gets its picture from `place_pictures`)."""
        if not block.png and not block.dot:
            return
        if block.caption:
            self.paragraph(block.caption, "caption").alignment = WD_ALIGN_PARAGRAPH.CENTER
        width_cm = block.width_pt / 72 * 2.54 if block.width_pt else room_cm[0]
        height_cm = block.height_pt / 72 * 2.54 if block.height_pt else room_cm[1]
        scale = min(1.0, room_cm[0] / width_cm, room_cm[1] / height_cm)
        if block.png:
            holder = self.picture(block.png, round(width_cm * scale, 2))
        else:
            holder = self._new_paragraph()
            self.unplaced.append((holder, block, Cm(round(width_cm * scale, 2))))
        holder.alignment = WD_ALIGN_PARAGRAPH.CENTER
        holder.paragraph_format.line_spacing = 1.0  # not the exact spacing of Normal: it would clip the picture

    def picture(self, png: bytes, width_cm: float = 16.5) -> Any:
        """A PNG picture scaled to the text width, in a paragraph of its own (returned)."""
        holder = self._new_paragraph()
        self._picture(holder, png, width=Cm(width_cm))
        return holder

    def _picture(self, holder: DocxParagraph, data: bytes, *, width: Any = None, height: Any = None) -> None:
        """python-docx's `Run.add_picture`, with the picture's id counted: python-docx takes the
        largest `id` in the whole document plus one, an XPath over the body for every picture (the
        body's only such ids are those of its pictures, so they are counted from the emptied body's)."""
        rel_id, image = self._image(data)
        cx, cy = image.scaled_dimensions(width, height)
        self.shape_id += 1
        holder.add_run()._r.add_drawing(CT_Inline.new_pic_inline(self.shape_id, rel_id, image.filename, cx, cy))

    def _image(self, data: bytes) -> tuple[str, Any]:
        """python-docx's `get_or_add_image`, with the image parts indexed by their SHA-1: to find an
        image already in the package, python-docx hashed every image part again for each picture."""
        image = Image.from_blob(data)
        parts: Any = self.doc.part.package.image_parts
        if self.images is None:  # those of a reference document too, the first of equal ones kept
            self.images = {}
            for part in parts:
                self.images.setdefault(part.sha1, part)
        part = self.images.get(image.sha1)
        if part is None:
            part = self.images[image.sha1] = parts._add_image_part(image)
        return self.doc.part.relate_to(part, RT.IMAGE), part.image

    def reset(self) -> None:
        """Empty the body and drop the lists added since the last reset (one file per role)."""
        self.pending.clear()
        for child in list(self.body):
            if child.tag != qn("w:sectPr"):
                self.body.remove(child)
        for num in self.added_nums:
            self.numbering.remove(num)
        self.added_nums.clear()
        self.shape_id = self.doc.part.next_id - 1
        self.page_numbers.clear()
        self.unplaced.clear()

    # --- output ---------------------------------------------------------------------------

    def to_bytes(self) -> bytes:
        """The .docx package: the unchanging parts are compressed once, then body and numbering added."""
        self._flush()
        assert not self.unplaced, "a figure was never drawn"
        if self._cache is None:
            buffer = io.BytesIO()
            self.doc.save(buffer)
            static = io.BytesIO()
            with (
                zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as package,
                zipfile.ZipFile(static, "w", zipfile.ZIP_DEFLATED) as out,
            ):
                names = sorted(package.namelist(), key=lambda n: (n != "[Content_Types].xml", n))
                for name in names:
                    if name not in _PER_DOCUMENT:
                        out.writestr(_info(name), package.read(name))
            self._cache = static.getvalue()
        out_buffer = io.BytesIO(self._cache)
        out_buffer.seek(0, io.SEEK_END)
        with zipfile.ZipFile(out_buffer, "a", zipfile.ZIP_DEFLATED) as package:
            package.writestr(_info("word/document.xml"), _serialise(self.doc.element))
            package.writestr(_info("word/numbering.xml"), _serialise(self.numbering))
            package.writestr(_info("docProps/core.xml"), _serialise(self.doc.core_properties._element))
        return out_buffer.getvalue()

    def save(self) -> bytes:
        """The package as python-docx's own writer lays it out (for books with pictures), with fixed
        zip times, compressed once (saving through python-docx and zipping that again with fixed times
        compressed every part twice), two parts at a time (`zipped`)."""
        self._flush()
        assert not self.unplaced, "a figure was never drawn"
        package = self.doc.part.package
        parts = list(package.iter_parts())
        for part in parts:
            part.before_marshal()
        steps: Any = PackageWriter  # its `write`, step by step, into a zip with fixed times
        with Zipped(_FIXED_TIME) as archive:
            writer = _Members(archive)
            steps._write_content_types_stream(writer, parts)
            steps._write_pkg_rels(writer, package.rels)
            steps._write_parts(writer, parts)
            return archive.archive()


class _Members:
    """python-docx's physical package writer, into a zip with fixed times."""

    def __init__(self, archive: Zipped) -> None:
        self.archive = archive

    def write(self, pack_uri: Any, blob: bytes) -> None:
        self.archive.add(pack_uri.membername, blob)


_PER_DOCUMENT = frozenset(("word/document.xml", "word/numbering.xml", "docProps/core.xml"))


def _info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, _FIXED_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def _serialise(element: Any) -> bytes:
    return bytes(etree.tostring(element, xml_declaration=True, encoding="UTF-8", standalone=True))


def _child(parent: Any, tag: str, *, first: bool = False) -> Any:
    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        if first:
            parent.insert(0, found)
        else:
            parent.append(found)
    return found


def _drop(parent: Any, tag: str) -> None:
    found = parent.find(qn(tag))
    if found is not None:
        parent.remove(found)


def _rule_below(paragraph: Any, color: str) -> None:
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "5"), ("w:space", "1"), ("w:color", color.lstrip("#"))):
        bottom.set(qn(key), value)
    border.append(bottom)
    paragraph._p.get_or_add_pPr().append(border)


def _toc_name(index: int) -> str:
    return f"_Toc{index + 1:08d}"


def _run(
    parent: Any, *, text: str | None = None, tab: bool = False, char: str | None = None, instr: str | None = None
) -> Any:
    run = OxmlElement("w:r")
    if text is not None:
        t = OxmlElement("w:t")
        t.set(qn("xml:space"), "preserve")
        t.text = text
        run.append(t)
    if tab:
        run.append(OxmlElement("w:tab"))
    if char is not None:
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), char)
        run.append(el)
    if instr is not None:
        el = OxmlElement("w:instrText")
        el.set(qn("xml:space"), "preserve")
        el.text = instr
        run.append(el)
    parent.append(run)
    return run


def _field_char(paragraph: Any, kind: str) -> None:
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    paragraph.add_run()._r.append(char)


def _field_start(paragraph: Any, instruction: str) -> None:
    """Begin a complex field; its result follows until `_field_end`."""
    _field_char(paragraph, "begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    paragraph.add_run()._r.append(instr)
    _field_char(paragraph, "separate")


def _field_end(paragraph: Any) -> None:
    _field_char(paragraph, "end")


def _field(paragraph: Any, instruction: str, placeholder: str) -> None:
    """A complex field (PAGE) inside one paragraph."""
    _field_start(paragraph, instruction)
    paragraph.add_run(placeholder)
    _field_end(paragraph)
