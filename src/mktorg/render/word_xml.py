"""WordprocessingML fragments as text: paragraphs, numbered items, tables and page breaks.

The Word writer joins these and parses them once (lxml, in C) instead of building each
element through python-docx's Python-level element API, which cost about 20 calls per
element. The markup is exactly what python-docx writes for the same content.
"""

from collections.abc import Sequence
from xml.sax.saxutils import escape, quoteattr

from docx.shared import Cm

from mktorg.model.base import without_controls

W_NAMESPACE = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
PAGE_BREAK = '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'
_TABLE_LOOK = (
    '<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" '
    'w:noHBand="0" w:noVBand="1" w:val="04A0"/>'
)
_SHADE = '<w:shd w:val="clear" w:color="auto" w:fill="EEF2F7"/>'
_CELL_MARGINS = (
    '<w:tblCellMar><w:top w:w="80" w:type="dxa"/><w:left w:w="100" w:type="dxa"/>'
    '<w:bottom w:w="80" w:type="dxa"/><w:right w:w="100" w:type="dxa"/></w:tblCellMar>'
)
"""4 pt above and below, 5 pt beside the text of every cell (as in the PDF)."""


def run(text: str, *, bold: bool = False, color: str | None = None) -> str:
    """A run: tabs become `w:tab`, line ends `w:br`, like python-docx's `Run.text`."""
    parts = ["<w:r>"]
    if bold or color:
        parts.append(
            "<w:rPr>" + ("<w:b/>" if bold else "") + (f'<w:color w:val="{color}"/>' if color else "") + "</w:rPr>"
        )
    start = 0
    for index, char in enumerate(text):
        if char in "\t\r\n":
            parts.append(_t(text[start:index]))
            parts.append("<w:tab/>" if char == "\t" else "<w:br/>")
            start = index + 1
    parts.append(_t(text[start:]))
    parts.append("</w:r>")
    return "".join(parts)


def _t(text: str) -> str:
    if not text:
        return ""
    space = ' xml:space="preserve"' if len(text.strip()) < len(text) else ""
    return f"<w:t{space}>{escape(text)}</w:t>"


def paragraph(
    text: str,
    style_id: str | None,
    *,
    bold: bool = False,
    color: str | None = None,
    numbering: tuple[str, int] | None = None,
    space_after: int | None = None,
    indent: int | None = None,
    align: str | None = None,
    outline: int | None = None,
    before: str = "",
    after: str = "",
) -> str:
    """A paragraph in a style (by id): optionally an item (num id, level) of a numbered list,
    spacing after and left indent (twips), an alignment (`left`, `right`), an outline level,
    a text colour (hex) and runs `before` and `after` its text."""
    properties = f"<w:pStyle w:val={quoteattr(style_id)}/>" if style_id else ""
    if numbering is not None:
        num_id, level = numbering
        properties += f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val={quoteattr(num_id)}/></w:numPr>'
    if space_after is not None:
        properties += f'<w:spacing w:after="{space_after}"/>'
    if indent is not None:
        properties += f'<w:ind w:left="{indent}"/>'
    if align is not None:
        properties += f'<w:jc w:val="{align}"/>'
    if outline is not None:
        properties += f'<w:outlineLvl w:val="{outline}"/>'
    content = (f"<w:pPr>{properties}</w:pPr>" if properties else "") + before
    content += (run(without_controls(text), bold=bold, color=color) if text else "") + after
    return f"<w:p>{content}</w:p>" if content else "<w:p/>"


def field_begin(instruction: str) -> str:
    """The runs that open a complex field (its result follows until `FIELD_END`)."""
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {escape(instruction)} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    )


FIELD_END = '<w:r><w:fldChar w:fldCharType="end"/></w:r>'


def table(
    head: Sequence[str] | None,
    rows: Sequence[Sequence[str]],
    widths: Sequence[float],
    style_id: str | None,
    *,
    row_height: float | None = None,
    label_column: bool = False,
    numeric: Sequence[bool] = (),
    indent: Sequence[int] = (),
    keep: bool = False,
) -> str:
    """A fixed-layout table (`keep`: every row kept with the next paragraph); `head` is a bold,
    shaded header row repeated on each page, without it
    (or with `label_column`) the first column is; `row_height` (cm) leaves room to sign; `numeric`
    columns are aligned right; `indent` gives each row's depth (its first cell is indented)."""
    twips = [Cm(width).twips for width in widths]
    parts = ["<w:tbl><w:tblPr>"]
    if style_id:
        parts.append(f"<w:tblStyle w:val={quoteattr(style_id)}/>")
    parts.append(f'<w:tblW w:type="auto" w:w="0"/><w:tblLayout w:type="fixed"/>{_CELL_MARGINS}{_TABLE_LOOK}</w:tblPr>')
    parts.append("<w:tblGrid>")
    parts.extend(f'<w:gridCol w:w="{w}"/>' for w in twips)
    parts.append("</w:tblGrid>")
    all_rows = ([head] if head else []) + list(rows)
    height = f'<w:trHeight w:val="{Cm(row_height).twips}"/>' if row_height else ""
    for r, values in enumerate(all_rows):
        # a row never splits across pages; the header row repeats on every page the table spans
        header = head and r == 0
        parts.append("<w:tr><w:trPr><w:cantSplit/>" + ("<w:tblHeader/>" if header else height) + "</w:trPr>")
        body = r - 1 if head else r
        depth = indent[body] if 0 <= body < len(indent) else 0
        for c, width in enumerate(twips):
            value = values[c] if c < len(values) else None
            strong = value is not None and bool((head and r == 0) or ((not head or label_column) and c == 0))
            parts.append(f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{width}"/>{_SHADE if strong else ""}</w:tcPr>')
            if value is None:
                parts.append("<w:p/></w:tc>")
                continue
            properties = ("<w:keepNext/>" if keep else "") + '<w:spacing w:after="0"/>'
            if c == 0 and depth:
                properties += f'<w:ind w:left="{Cm(0.4 * depth).twips}"/>'
            # never justified (Normal is): a justified cell spreads Chinese letter by letter
            properties += '<w:jc w:val="right"/>' if c < len(numeric) and numeric[c] else '<w:jc w:val="left"/>'
            parts.append(f"<w:p><w:pPr>{properties}</w:pPr>{run(without_controls(value), bold=strong)}</w:p>")
            parts.append("</w:tc>")
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    return "".join(parts)
