"""The Word writer's markup is what python-docx itself writes for the same content."""

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from hypothesis import given, settings
from hypothesis import strategies as st

from mktorg.render import word_xml

NS = f'xmlns:w="{word_xml.W_NAMESPACE}"'
TEXTS = st.text(alphabet=st.sampled_from(["市", "场", "a", " ", "\u3000", "\t", "\n", "\r", "<", "&", '"', ">"]))


def _canonical(element) -> tuple:  # type: ignore[no-untyped-def]
    """Tag, attributes in order, text and children: namespace declarations in scope left out."""
    return (element.tag, list(element.attrib.items()), element.text, [_canonical(child) for child in element])


def _markup(text: str):  # type: ignore[no-untyped-def]
    return parse_xml(f"<w:body {NS}>{text}</w:body>")[0]


@settings(max_examples=200)
@given(TEXTS, st.booleans(), st.sampled_from([None, "Heading1"]))
def test_paragraph_markup_equals_python_docx(text: str, bold: bool, style: str | None) -> None:
    document = docx.Document()
    p = document.add_paragraph()
    if style:
        p._p.style = style
    if text:
        run = p.add_run(text)
        if bold:
            run.bold = True
    assert _canonical(_markup(word_xml.paragraph(text, style, bold=bold))) == _canonical(p._p)


def test_toc_entry_markup_equals_python_docx() -> None:
    document = docx.Document()
    p = document.add_paragraph()
    p._p.style = "Normal"
    p.add_run("市场部")
    p.paragraph_format.left_indent = Cm(0.8)
    p.paragraph_format.space_after = Pt(2)
    markup = word_xml.paragraph("市场部", "Normal", space_after=Pt(2).twips, indent=Cm(0.8).twips)
    assert _canonical(_markup(markup)) == _canonical(p._p)


@given(st.lists(st.lists(TEXTS, min_size=2, max_size=2), max_size=3), st.booleans())
def test_table_markup_equals_python_docx(rows: list[list[str]], with_head: bool) -> None:
    widths = (3.5, 13.0)
    head = ["项目", "内容"] if with_head else None
    all_rows = ([head] if head else []) + rows
    document = docx.Document()
    table = document.add_table(rows=len(all_rows), cols=2)
    table._tbl.tblPr.style = "TableGrid"
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
    margins = "".join(
        f'<w:{side} w:w="{w}" w:type="dxa"/>'
        for side, w in (("top", 80), ("left", 100), ("bottom", 80), ("right", 100))
    )
    table._tbl.tblPr.find(qn("w:tblLook")).addprevious(parse_xml(f"<w:tblCellMar {NS}>{margins}</w:tblCellMar>"))
    for r, values in enumerate(all_rows):
        tr_pr = table.rows[r]._tr.get_or_add_trPr()
        tr_pr.append(parse_xml(f"<w:cantSplit {NS}/>"))
        if head and r == 0:
            tr_pr.append(parse_xml(f"<w:tblHeader {NS}/>"))
        for c, value in enumerate(values):
            cell = table.rows[r].cells[c]
            cell.width = Cm(widths[c])
            cell.paragraphs[0].paragraph_format.space_after = Pt(0)
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.LEFT
            run = cell.paragraphs[0].add_run(value)
            if (head and r == 0) or (not head and c == 0):
                run.bold = True
                shading = parse_xml(f'<w:shd {NS} w:val="clear" w:color="auto" w:fill="EEF2F7"/>')
                cell._tc.get_or_add_tcPr().append(shading)
    markup = word_xml.table(head, rows, widths, "TableGrid")
    assert _canonical(_markup(markup)) == _canonical(table._tbl)
