"""Markdown output shows text as written: no HTML, link, code fence, list or strikethrough comes
out of a value, checked with a CommonMark renderer (markdown-it, with GFM tables and strikethrough)."""

import html
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from mktorg.model.invisible import without_invisible
from mktorg.render.markdown import cell, inline
from tests.helpers import make_org, run_cli

MD = MarkdownIt("commonmark").enable(["table", "strikethrough"])
MARKUP = st.text(alphabet="<>[]()!`~*_#&|\\-+=.:;1)'\"/ 市场a\t\u202e", max_size=40)


def _plain(rendered: str) -> str:
    """The text a reader sees in rendered HTML."""
    return html.unescape(re.sub(r"<[^>]*>", "", rendered)).strip()


@settings(max_examples=300, deadline=None)
@given(MARKUP)
def test_a_paragraph_shows_exactly_its_text(text: str) -> None:
    rendered = MD.render(inline(text))
    expected = " ".join(without_invisible(text).split())
    assert re.fullmatch(r"(<p>.*</p>\n)?", rendered, re.DOTALL), rendered
    assert _plain(rendered) == expected


@settings(max_examples=300, deadline=None)
@given(MARKUP, MARKUP)
def test_a_table_cell_shows_exactly_its_text(left: str, right: str) -> None:
    rendered = MD.render(f"| a | b |\n|---|---|\n| {cell(left)} | {cell(right)} |\n")
    cells = re.findall(r"<td>(.*?)</td>", rendered, re.DOTALL)
    assert [html.unescape(c) for c in cells] == [" ".join(without_invisible(t).split()) for t in (left, right)]
    assert "<a " not in rendered and "<img" not in rendered and "<del>" not in rendered


def test_hostile_kpis_and_summary_stay_text(tmp_path: Path) -> None:
    staff = (
        'title: 市场专员\ndepartment: dept\nreports_to: boss\nheadcount: 2\nsummary: "~~~"\n'
        "duties: ['<script>alert(1)</script>', '1. 不是列表', '- 也不是']\n"
        "kpis:\n  - {name: '<img src=x onerror=alert(1)>', target: '[点击](javascript:alert(1))', weight: 100}\n"
    )
    org = make_org(tmp_path, {"roles/staff.yaml": staff})
    out = tmp_path / "out"
    run_cli("export", str(org), "--format", "md", "--role", "staff", "-o", str(out))
    (document,) = out.glob("staff*.md")
    rendered = MD.render(document.read_text(encoding="utf-8"))
    for markup in ("<img", "<script", "<a ", "<pre", "<code", "<del>", "<ul>"):
        assert markup not in rendered, markup
    assert rendered.count("<table>") == rendered.count("</table>") >= 2, "the tables are still tables"
    for shown in (
        "&lt;img src=x onerror=alert(1)&gt;",
        "[点击](javascript:alert(1))",
        "~~~",
        "1. 不是列表",
        "- 也不是",
    ):
        assert shown in rendered, shown
