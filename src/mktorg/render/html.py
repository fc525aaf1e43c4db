"""Documents as self-contained, print-friendly HTML."""

import base64
from html import escape

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

CSS = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;max-width:52em;margin:2em auto;
color:#1f2933;line-height:1.6;padding:0 1em}
h1{font-size:1.6em;border-bottom:2px solid #3e4c59;padding-bottom:.2em}
h2{font-size:1.2em;margin-top:1.6em;color:#243b53}
table{border-collapse:collapse;width:100%;margin:.6em 0}
th,td{border:1px solid #9fb3c8;padding:.35em .6em;text-align:left;vertical-align:top}
th{background:#f0f4f8;white-space:nowrap}
ol.duties{list-style:none;padding-left:0;counter-reset:d}
ol.duties>li{counter-increment:d;margin:.3em 0 .3em 2em;text-indent:-2em}
ol.duties>li::before{content:counter(d) "、";display:inline-block;width:2em;text-indent:0}
html:not([lang|="zh"]) ol.duties>li::before{content:counter(d) ". "}
ol.details{list-style:none;padding-left:2em;counter-reset:s;text-indent:0}
ol.details>li{counter-increment:s}
ol.details>li::before{content:"(" counter(s) ")"}
nav.toc ol{list-style:none;padding-left:1.2em}
nav.toc a{color:inherit;text-decoration:none}
.chart svg,.chart img{max-width:100%;height:auto}
@media print{body{margin:0;max-width:none}h1,h2{break-after:avoid}table{break-inside:avoid}
.page-break{break-after:page}}
"""


def _table(table: Table) -> str:
    if table.keyed:
        rows = [f"<tr><th>{escape(row[0])}</th><td>{escape(row[1])}</td></tr>" for row in table.rows]
        return "\n".join(["<table>", *rows, "</table>"]) + "\n"
    out = ["<table>", "<tr>" + "".join(f"<th>{escape(h)}</th>" for h in table.head) + "</tr>"]
    out += ["<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in table.rows]
    return "\n".join([*out, "</table>"]) + "\n"


def _numbered(block: NumberedList) -> str:
    items = []
    for item in block.items:
        text = escape(item.text)
        if item.children:
            text += '<ol class="details">' + "".join(f"<li>{escape(c)}</li>" for c in item.children) + "</ol>"
        items.append(f"<li>{text}</li>")
    return '<ol class="duties">\n' + "\n".join(items) + "\n</ol>\n"


def _contents(document: Document, title: str, shift: int) -> str:
    out = [f'<nav class="toc">\n<h{1 + shift}>{escape(title)}</h{1 + shift}>\n']
    depth = 0
    for level, text, index in document.contents():
        while depth < level:
            out.append("<ol>\n")
            depth += 1
        while depth > level:
            out.append("</ol>\n")
            depth -= 1
        out.append(f'<li><a href="#h{index}">{escape(text)}</a></li>\n')
    out.append("</ol>\n" * depth + "</nav>\n")
    return "".join(out)


def _figure(block: Figure) -> str:
    if block.svg:
        svg = block.svg.decode("utf-8")
        return f'<div class="chart">{svg[svg.find("<svg") :]}</div>\n'
    if block.png:
        data = base64.b64encode(block.png).decode("ascii")
        return f'<div class="chart"><img alt="{escape(block.alt)}" src="data:image/png;base64,{data}"></div>\n'
    return ""


class _Writer:
    def __init__(self, document: Document) -> None:
        self.document = document
        self.shift = 1 if document.has_cover else 0
        self.anchors = any(isinstance(block, Contents) for block in document.blocks)
        self.headings = 0

    def block(self, block: Block) -> str:
        if isinstance(block, Cover):
            return f'<h1 class="title">{escape(block.title)}</h1>\n<p class="subtitle">{escape(block.subtitle)}</p>\n'
        if isinstance(block, Contents):
            return _contents(self.document, block.title, self.shift)
        if isinstance(block, Heading):
            return self.heading(block)
        if isinstance(block, Paragraph):
            text = escape(block.text)
            return f"<p><strong>{text}</strong></p>\n" if block.style == "strong" else f"<p>{text}</p>\n"
        if isinstance(block, NumberedList):
            return _numbered(block)
        if isinstance(block, Table):
            return _table(block)
        if isinstance(block, Figure):
            return _figure(block)
        assert isinstance(block, PageBreak)
        return '<div class="page-break"></div>\n' if self.anchors else ""

    def heading(self, block: Heading) -> str:
        tag = f"h{min(block.level + self.shift, 6)}"
        anchor = f' id="h{self.headings}"' if self.anchors else ""
        self.headings += 1
        return f"<{tag}{anchor}>{escape(block.text)}</{tag}>\n"


def render_html(document: Document) -> str:
    """The document as one HTML page with inline CSS."""
    writer = _Writer(document)
    body = "".join(writer.block(block) for block in document.blocks)
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(document.lang)}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(document.title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n{body}</body>\n</html>\n"
    )
