"""Documents as self-contained, print-friendly HTML."""

import base64
from html import escape

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
th.num,td.num{text-align:right}
ol.numbered{list-style:none;padding-left:0;margin:.3em 0}
ol.numbered>li{margin:.3em 0 .3em 2.2em;text-indent:-2.2em}
ol.numbered>li>.marker{display:inline-block;width:2.2em;text-indent:0}
ol.numbered ol.numbered{margin:0}
ol.numbered ol.numbered>li{margin-left:2.8em;text-indent:-2.8em}
ol.numbered ol.numbered>li>.marker{width:2.8em}
.muted{color:#7b8794}
th.label{width:7em}
html:not([lang|="zh"]) th.label{width:11em}
table.sign td{height:2.4em}
nav.toc ol{list-style:none;padding-left:1.2em}
nav.toc a{color:inherit;text-decoration:none}
nav.toc>ol>li{font-weight:bold}
nav.toc>ol>li li{font-weight:normal}
.cover{text-align:center;margin:4em 0}
.cover .title{font-size:2.2em;border:none;color:#243b53}
.cover .subtitle{font-size:1.3em}
.cover dl{display:grid;grid-template-columns:auto auto;justify-content:center;gap:.4em 1em;margin-top:3em}
.cover dt{text-align:right;color:#52606d}
.cover dd{margin:0;text-align:left}
.cover .mark{color:#b42318;font-weight:bold;margin-top:3em}
.cover img.logo{max-height:5em}
.chart{text-align:center}
.chart svg,.chart img{max-width:100%;height:auto}
@page{size:A4;margin:2.2cm}
@page landscape{size:A4 landscape;margin:2cm}
@media print{body{margin:0;max-width:none}h1,h2,h3,h4,h5,h6{break-after:avoid}table,li{break-inside:avoid}
.page-break{break-after:page}.cover{break-after:page;margin-top:30%}
section.landscape{page:landscape;break-before:page;break-after:page}}
"""


def _table(table: Table) -> str:
    if table.keyed:
        rows = [f'<tr><th class="label">{escape(row[0])}</th><td>{escape(row[1])}</td></tr>' for row in table.rows]
        return "\n".join(["<table>", *rows, "</table>"]) + "\n"
    label = table.row_height is not None  # a signature block: the first column labels the rows
    out = ['<table class="sign">' if label else "<table>"]
    num = [' class="num"' if table.is_numeric(c) else "" for c in range(len(table.head))]
    out.append("<tr>" + "".join(f"<th{num[i]}>{escape(h)}</th>" for i, h in enumerate(table.head)) + "</tr>")
    for r, row in enumerate(table.rows):
        depth = table.depth(r)
        cells = []
        for i, c in enumerate(row):
            if label and i == 0:
                cells.append(f"<th>{escape(c)}</th>")
            elif i == 0 and depth:
                cells.append(f'<td style="padding-left:{0.6 + 1.2 * depth:g}em">{escape(c)}</td>')
            else:
                cells.append(f"<td{num[i]}>{escape(c)}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    return "\n".join([*out, "</table>"]) + "\n"


def _numbered(items: tuple[ListItem, ...], markers: tuple[str, ...], depth: int = 0) -> str:
    marker = markers[min(depth, len(markers) - 1)]
    out = []
    for number, item in enumerate(items, 1):
        text = f'<span class="marker">{escape(marker.format(number))}</span>{escape(item.text)}'
        if item.children:
            text += _numbered(item.children, markers, depth + 1)
        out.append(f"<li>{text}</li>")
    return '<ol class="numbered">\n' + "\n".join(out) + "\n</ol>\n"


def _cover(block: Cover) -> str:
    out = ['<section class="cover">']
    if block.logo is not None:
        mime = "image/png" if block.logo.kind == "png" else "image/svg+xml"
        data = base64.b64encode(block.logo.data).decode("ascii")
        out.append(f'<img class="logo" alt="" src="data:{mime};base64,{data}">')
    out.append(f'<h1 class="title">{escape(block.title)}</h1>\n<p class="subtitle">{escape(block.subtitle)}</p>')
    if block.fields:
        out.append("<dl>" + "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in block.fields) + "</dl>")
    if block.mark:
        out.append(f'<p class="mark">{escape(block.mark)}</p>')
    return "\n".join(out) + "\n</section>\n"


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
        return f'<div class="chart" role="img" aria-label="{escape(block.alt)}">{svg[svg.find("<svg") :]}</div>\n'
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
            return _cover(block)
        if isinstance(block, Contents):
            return _contents(self.document, block.title, self.shift)
        if isinstance(block, Heading):
            return self.heading(block)
        if isinstance(block, Paragraph):
            text = escape(block.text)
            if block.style == "muted":
                return f'<p class="muted">{text}</p>\n'
            return f"<p><strong>{text}</strong></p>\n" if block.style == "strong" else f"<p>{text}</p>\n"
        if isinstance(block, NumberedList):
            return _numbered(block.items, block.markers)
        if isinstance(block, Table):
            return _table(block)
        if isinstance(block, Figure):
            return _figure(block)
        if isinstance(block, ChartPage):
            heading = self.heading(block.heading) if block.heading else ""
            return f'<section class="landscape">\n{heading}{_figure(block.figure)}</section>\n'
        if isinstance(block, Group):
            return "".join(self.block(b) for b in block.blocks)
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
