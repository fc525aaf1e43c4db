"""Job descriptions and handbooks as self-contained, print-friendly HTML."""

from collections.abc import Sequence
from html import escape

from mktorg.render.content import DutyView, Handbook, JobDescription, ProcessView

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
ol.details{list-style:none;padding-left:2em;counter-reset:s;text-indent:0}
ol.details>li{counter-increment:s}
ol.details>li::before{content:"(" counter(s) ")"}
.chart svg{max-width:100%;height:auto}
@media print{body{margin:0;max-width:none}h1,h2{break-after:avoid}table{break-inside:avoid}}
"""


def page(title: str, body: str, lang: str) -> str:
    """A complete HTML document with inline CSS."""
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n{body}</body>\n</html>\n"
    )


def _table(head: list[str], rows: Sequence[Sequence[str]]) -> str:
    out = ["<table>", "<tr>" + "".join(f"<th>{escape(h)}</th>" for h in head) + "</tr>"]
    out += ["<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in rows]
    return "\n".join([*out, "</table>"]) + "\n"


def _keyvalue(rows: list[tuple[str, str]]) -> str:
    out = ["<table>"] + [f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in rows]
    return "\n".join([*out, "</table>"]) + "\n"


def _duties(duties: list[DutyView], supports: str) -> str:
    items = []
    for duty in duties:
        text = escape(duty.text) + (f"（{escape(supports)}：{escape(duty.supports)}）" if duty.supports else "")
        if duty.details:
            text += '<ol class="details">' + "".join(f"<li>{escape(d)}</li>" for d in duty.details) + "</ol>"
        items.append(f"<li>{text}</li>")
    return '<ol class="duties">\n' + "\n".join(items) + "\n</ol>\n"


def job_description_html(jd: JobDescription, level: int = 1) -> str:
    """The body of one job description (no <html> wrapper)."""
    h, h2 = f"h{level}", f"h{level + 1}"
    lab = jd.labels
    parts = [f"<{h}>{escape(jd.title)}</{h}>\n", _keyvalue(jd.header)]
    if jd.summary:
        parts.append(f"<{h2}>{escape(lab['summary'])}</{h2}>\n<p>{escape(jd.summary)}</p>\n")
    if jd.primary or jd.supporting:
        parts.append(f"<{h2}>{escape(lab['duties'])}</{h2}>\n")
        if jd.primary:
            parts.append(_duties(jd.primary, lab["supports"]))
        if jd.supporting:
            parts.append(f"<p><strong>{escape(lab['supporting'])}</strong></p>\n")
            parts.append(_duties(jd.supporting, lab["supports"]))
    if jd.authorities:
        parts.append(f"<{h2}>{escape(lab['authorities'])}</{h2}>\n")
        parts.append('<ol class="duties">' + "".join(f"<li>{escape(a)}</li>" for a in jd.authorities) + "</ol>\n")
    if jd.qualifications:
        parts.append(f"<{h2}>{escape(lab['qualifications'])}</{h2}>\n" + _keyvalue(jd.qualifications))
    if jd.kpis:
        parts.append(f"<{h2}>{escape(lab['kpis'])}</{h2}>\n")
        parts.append(_table([lab["kpi"], lab["weight"], lab["target"], lab["cycle"]], jd.kpis))
    return "".join(parts)


def handbook_html(hb: Handbook, level: int = 1) -> str:
    """The body of one department handbook."""
    h, h2 = f"h{level}", f"h{level + 1}"
    lab = hb.labels
    parts = [f"<{h}>{escape(hb.name)} · {escape(lab['handbook'])}</{h}>\n", _keyvalue(hb.header)]
    if hb.functions:
        parts.append(f"<{h2}>{escape(lab['functions'])}</{h2}>\n")
        parts.append(_table([lab["function"], lab["description"], lab["carried_by"]], hb.functions))
    if hb.roles:
        parts.append(f"<{h2}>{escape(lab['roles'])}</{h2}>\n<p>{escape('、'.join(hb.roles))}</p>\n")
    return "".join(parts)


def process_html(view: ProcessView, level: int = 3) -> str:
    """One process as a heading and a table of its steps."""
    return f"<h{level}>{escape(view.name)}</h{level}>\n" + _table(view.head, view.rows)
