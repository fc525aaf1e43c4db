"""Job descriptions, handbooks and books as Word (.docx) through python-docx.

Styles are looked up by name once and then applied by id (by-name lookups cost ~1 ms
each). For one file per role, the body is cleared and refilled in one Document, and the
package is zipped from cached parts, so a job description costs a few milliseconds.

Blocks are written as markup (`word_xml`) and parsed in one go before the body's trailing
`w:sectPr`, held once; numbering ids are counted, not re-read. python-docx's own
`add_paragraph`/`add_table` scan the whole body on every append (and `add_table` runs an
XPath over it), which made a book quadratic.
"""

import io
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.parser import parse_xml
from docx.shared import Cm, Mm, Pt
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml import etree

from mktorg.model.base import without_controls
from mktorg.render import word_xml
from mktorg.render.document import (
    Block,
    Contents,
    Cover,
    Document,
    Figure,
    Heading,
    NumberedList,
    PageBreak,
    Paragraph,
    Table,
)

_FIXED_TIME = (2000, 1, 1, 0, 0, 0)
_DUTY_LEVELS = (("decimal", "%1、", 0), ("decimal", "(%2)", 1))
_STYLE_NAMES = {
    "title": ("Title", WD_STYLE_TYPE.PARAGRAPH),
    "subtitle": ("Subtitle", WD_STYLE_TYPE.PARAGRAPH),
    "h1": ("Heading 1", WD_STYLE_TYPE.PARAGRAPH),
    "h2": ("Heading 2", WD_STYLE_TYPE.PARAGRAPH),
    "h3": ("Heading 3", WD_STYLE_TYPE.PARAGRAPH),
    "toc_title": ("TOC Heading", WD_STYLE_TYPE.PARAGRAPH),
    "normal": ("Normal", WD_STYLE_TYPE.PARAGRAPH),
    "duty": ("Duty List", WD_STYLE_TYPE.PARAGRAPH),
    "table": ("Table Grid", WD_STYLE_TYPE.TABLE),
}


class WordWriter:
    """One python-docx document, prepared once, filled with job descriptions and handbooks."""

    def __init__(self, org_name: str, *, font: str, reference: Path | None = None, page_label: str = "") -> None:
        self.doc: Any = docx.Document(str(reference)) if reference else docx.Document()
        self.font = font
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
        self._page(org_name, page_label)
        self.numbering = self.doc.part.numbering_part.element
        self.abstract_id = self._abstract_numbering()
        self.first_num_id = max((int(n.get(qn("w:numId"))) for n in self.numbering.findall(qn("w:num"))), default=0) + 1
        self.added_nums: list[Any] = []
        self.pending: list[str] = []
        """Blocks written as markup, not yet parsed into the body (see `_flush`)."""
        self._cache: bytes | None = None

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
        return str(style.style_id)

    def _fonts(self) -> None:
        """Set the East Asian font on the defaults and every style (no Japanese fallback)."""
        styles_el = self.doc.styles.element
        defaults = styles_el.find(qn("w:docDefaults"))
        targets = [defaults.find(qn("w:rPrDefault"))] if defaults is not None else []
        for rpr_parent in targets:
            if rpr_parent is not None:
                self._set_rfonts(_child(rpr_parent, "w:rPr"), latin=True)
        for style in styles_el.findall(qn("w:style")):
            if style.get(qn("w:type")) in ("paragraph", "character", "table"):
                self._set_rfonts(_child(style, "w:rPr"), latin=style.get(qn("w:styleId")) == "Normal")
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

    def _page(self, org_name: str, page_label: str) -> None:
        if self.reference:
            return
        section = self.doc.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Cm(2.2)
        section.top_margin = section.bottom_margin = Cm(2.2)
        header = section.header.paragraphs[0]
        header.text = org_name
        header.alignment = 2
        footer = section.footer.paragraphs[0]
        footer.alignment = 1
        before, _, after = (page_label or "{}").partition("{}")
        if before:
            footer.add_run(before)
        _field(footer, "PAGE", "1")
        if after:
            footer.add_run(after)

    def _abstract_numbering(self) -> str:
        ids = [int(a.get(qn("w:abstractNumId"))) for a in self.numbering.findall(qn("w:abstractNum"))]
        abstract_id = str(max(ids, default=0) + 100)
        abstract = OxmlElement("w:abstractNum")
        abstract.set(qn("w:abstractNumId"), abstract_id)
        multi = OxmlElement("w:multiLevelType")
        multi.set(qn("w:val"), "multilevel")
        abstract.append(multi)
        for fmt, text, level in _DUTY_LEVELS:
            lvl = OxmlElement("w:lvl")
            lvl.set(qn("w:ilvl"), str(level))
            for tag, value in (("w:start", "1"), ("w:numFmt", fmt), ("w:lvlText", text), ("w:lvlJc", "left")):
                el = OxmlElement(tag)
                el.set(qn("w:val"), value)
                lvl.append(el)
            ppr = OxmlElement("w:pPr")
            ind = OxmlElement("w:ind")
            ind.set(qn("w:left"), str(420 + 420 * level))
            ind.set(qn("w:hanging"), "420")
            ppr.append(ind)
            lvl.append(ppr)
            abstract.append(lvl)
        first_num = self.numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            self.numbering.append(abstract)
        return abstract_id

    def _new_list(self) -> str:
        """A numbering instance that starts again at 1 (one per duty list)."""
        num_id = str(self.first_num_id + len(self.added_nums))
        num = OxmlElement("w:num")
        num.set(qn("w:numId"), num_id)
        abstract = OxmlElement("w:abstractNumId")
        abstract.set(qn("w:val"), self.abstract_id)
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
        fragment = parse_xml(f'<w:body xmlns:w="{word_xml.W_NAMESPACE}">{"".join(self.pending)}</w:body>')
        self.pending.clear()
        for element in list(fragment):
            self._append(element)

    def _new_paragraph(self) -> Any:
        self._flush()
        p = OxmlElement("w:p")
        self._append(p)
        return DocxParagraph(p, self.container)

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

    def _write(self, text: str, style: str = "normal", *, bold: bool = False) -> None:
        """Append a paragraph that nothing changes afterwards (as markup)."""
        self.pending.append(word_xml.paragraph(text, self.ids[style], bold=bold))

    def numbered(self, text: str, num_id: str, level: int = 0) -> None:
        """Append an item of a numbered list (1、 or (1))."""
        self.pending.append(word_xml.paragraph(text, self.ids["duty"], numbering=(num_id, level)))

    def table(self, head: Sequence[str] | None, rows: Iterable[Iterable[str]], widths: Sequence[float]) -> None:
        """Append a table; `head` is a bold header row, the first column is bold without it."""
        self.pending.append(word_xml.table(head, [list(r) for r in rows], widths, self.ids["table"]))
        self._write("")

    def page_break(self) -> None:
        """Start a new page."""
        self.pending.append(word_xml.PAGE_BREAK)

    def draw(self, document: Document) -> None:
        """Append every block of a document."""
        for block in document.blocks:
            self.block(block, document)

    def block(self, block: Block, document: Document) -> None:
        """Append one block."""
        if isinstance(block, Cover):
            self._write(block.title, "title")
            self._write(block.subtitle, "subtitle")
        elif isinstance(block, Contents):
            self.toc(block.title, [(level, text) for level, text, _ in document.contents()], block.depth)
        elif isinstance(block, Heading):
            self._write(block.text, f"h{min(block.level, 3)}")
        elif isinstance(block, Paragraph):
            self._write(block.text, bold=block.style == "strong")
        elif isinstance(block, NumberedList):
            num = self._new_list()
            for item in block.items:
                self.numbered(item.text, num)
                for child in item.children:
                    self.numbered(child, num, level=1)
        elif isinstance(block, Table):
            self.table(None if block.keyed else block.head, block.rows, block.widths)
        elif isinstance(block, Figure):
            if block.png:
                self.picture(block.png)
        else:
            assert isinstance(block, PageBreak)
            self.page_break()

    def toc(self, title: str, entries: list[tuple[int, str]], depth: int = 2) -> None:
        """A table-of-contents field: Word updates it (page numbers) when the document opens;
        until then, and in viewers that do not update fields, it lists `entries` (level, text)."""
        normal = self.ids["normal"]
        self._write(title, "toc_title")
        begin = word_xml.field_begin(f'TOC \\o "1-{depth}" \\h \\z \\u')
        self.pending.append(word_xml.paragraph("", normal, after=begin))
        entries = entries or [(1, "…")]
        for index, (level, text) in enumerate(entries, 1):
            end = word_xml.FIELD_END if index == len(entries) else ""
            indent = Cm(0.8 * (level - 1)).twips
            self.pending.append(word_xml.paragraph(text, normal, space_after=Pt(2).twips, indent=indent, after=end))
        settings = self.doc.settings.element
        update = _child(settings, "w:updateFields")
        update.set(qn("w:val"), "true")

    def picture(self, png: bytes, width_cm: float = 16.5) -> None:
        """A PNG picture scaled to the text width."""
        self._new_paragraph().add_run().add_picture(io.BytesIO(png), width=Cm(width_cm))

    def reset(self) -> None:
        """Empty the body and drop the lists added since the last reset (one file per role)."""
        self.pending.clear()
        for child in list(self.body):
            if child.tag != qn("w:sectPr"):
                self.body.remove(child)
        for num in self.added_nums:
            self.numbering.remove(num)
        self.added_nums.clear()

    # --- output ---------------------------------------------------------------------------

    def to_bytes(self) -> bytes:
        """The .docx package: the unchanging parts are compressed once, then body and numbering added."""
        self._flush()
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
        return out_buffer.getvalue()

    def save(self) -> bytes:
        """The package through python-docx's own writer (for books with pictures)."""
        self._flush()
        buffer = io.BytesIO()
        self.doc.core_properties.revision = 1
        self.doc.save(buffer)
        return buffer.getvalue()


_PER_DOCUMENT = frozenset(("word/document.xml", "word/numbering.xml"))


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
