"""The design book has a 编制与人数 section with the numbers of `mktorg stats`, in every format."""

import csv
import io
import re
from html import unescape
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from pypdf import PdfReader

from tests.helpers import ROOT, run_cli

DATA = str(ROOT / "data")
EXTERNAL = "（外部）"


def _stats_rows(*args: str) -> list[list[str]]:
    """The rows of `mktorg stats --format csv --table departments` but those of external departments:
    a book leaves out what is not part of the design."""
    out, _ = run_cli("stats", DATA, "--format", "csv", "--table", "departments", *args)
    rows = list(csv.reader(io.StringIO(out.lstrip("\ufeff"))))
    assert any(EXTERNAL in row[0] or "(external)" in row[0] for row in rows)
    return [row for row in rows if EXTERNAL not in row[0] and "(external)" not in row[0]]


def _stats_markdown() -> list[str]:
    """The pipe-table lines of `mktorg stats --format markdown --table departments` but external ones."""
    out, _ = run_cli("stats", DATA, "--format", "markdown", "--table", "departments")
    return [line for line in out.splitlines() if line.startswith("|") and EXTERNAL not in line]


def test_word_book_section_matches_stats(tmp_path: Path) -> None:
    run_cli("export", DATA, "--format", "docx", "--book", "-o", str(tmp_path))
    document = docx.Document(str(tmp_path / "book.docx"))
    found = [p for p in document.paragraphs if p.text.split("\t")[0] == "编制与人数"]
    assert [p.style.name for p in found] == ["TOC 1", "Heading 1"]  # listed in the contents, then the heading
    following = found[1]._p.getnext()
    while following is not None and not following.tag.endswith("}tbl"):
        following = following.getnext()
    table = next(t for t in document.tables if t._tbl is following)
    cells = [[cell.text for cell in row.cells] for row in table.rows]
    assert cells == _stats_rows()
    first = {row.cells[0].text: row.cells[0].paragraphs[0].paragraph_format.left_indent for row in table.rows}
    assert first["市场营销部"] is None and 0 < first["市场部"] < first["品牌推广组"]  # sub-departments indented
    numbers = [row.cells[3].paragraphs[0].alignment for row in table.rows]
    assert set(numbers) == {WD_ALIGN_PARAGRAPH.RIGHT}  # numbers aligned right, the head too
    assert table.rows[1].cells[0].paragraphs[0].alignment != WD_ALIGN_PARAGRAPH.RIGHT


def test_markdown_book_section_is_the_stats_table(tmp_path: Path) -> None:
    run_cli("export", DATA, "--format", "md", "--book", "-o", str(tmp_path))
    markdown = (tmp_path / "book.md").read_text(encoding="utf-8")
    section = markdown.split("\n## 编制与人数\n\n", 1)[1].split("\n## ", 1)[0]
    assert [line for line in section.splitlines() if line.startswith("|")] == _stats_markdown()
    assert "\\+N：人数为 N（若干）的岗位，不计入人数。" in section  # the table's note
    assert EXTERNAL not in section  # external departments are no part of the design
    assert "| 市场营销部 | 2 | 2 | 31–34+N | 34 | 91%–100% | 1 |" in section
    assert "| \u3000└ 品牌推广组 | 4 | 4+N | 4+N |  | — |  |" in section


def test_html_book_section_matches_stats(tmp_path: Path) -> None:
    run_cli("export", DATA, "--format", "html", "--book", "-o", str(tmp_path))
    html = (tmp_path / "book.html").read_text(encoding="utf-8")
    section = re.split(r'<h2 id="[^"]*">编制与人数</h2>', html, maxsplit=1)[1].split("<h2", 1)[0]
    rows = [
        [unescape(re.sub(r"<[^>]+>", "", cell)) for cell in re.findall(r"<t[hd][^>]*>.*?</t[hd]>", row)]
        for row in re.findall(r"<tr>(.*?)</tr>", section)
    ]
    assert rows == _stats_rows()
    assert '<td style="padding-left:1.8em">市场部</td>' in section
    assert '<td style="padding-left:3em">品牌推广组</td>' in section
    assert '<td class="num">31–34+N</td>' in section and '<th class="num">合计人数</th>' in section


def test_pdf_book_section(tmp_path: Path) -> None:
    run_cli("export", DATA, "--format", "pdf", "--book", "-o", str(tmp_path))
    reader = PdfReader(str(tmp_path / "book.pdf"))
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert titles[:3] == ["组织架构图", "编制与人数", "市场营销部"]
    page = next(p.extract_text() for p in reader.pages if p.extract_text().lstrip().split("\n")[1:2] == ["编制与人数"])
    for row in _stats_rows()[1:]:
        assert row[0] in page and row[3] in page


def test_a_book_of_some_departments_counts_just_those(tmp_path: Path) -> None:
    run_cli("export", DATA, "--format", "md", "--book", "--department", "market", "-o", str(tmp_path))
    markdown = (tmp_path / "book.md").read_text(encoding="utf-8")
    section = markdown.split("\n## 编制与人数\n\n", 1)[1].split("\n## ", 1)[0]
    rows = [line.split(" | ")[0].lstrip("| \u3000└") for line in section.splitlines() if line.startswith("|")]
    assert rows[2:] == ["市场部", "品牌推广组", "市场调研组"]  # no other department, and no total
    assert "| 市场部 | 3 | 4 | 12+N | 14 | 86% |  |" in section  # the shallowest shown is not indented


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_english_book_section(tmp_path: Path, fmt: str) -> None:
    run_cli("export", DATA, "--format", fmt, "--book", "--lang", "en", "-o", str(tmp_path))
    text = (tmp_path / f"book.{fmt}").read_text(encoding="utf-8")
    assert re.search(
        r"^## Headcount and budget$" if fmt == "md" else r'<h2 id="[^"]*">Headcount and budget</h2>', text, re.M
    )
    assert _stats_rows("--lang", "en")[0][3] == "People (total)" and "People (total)" in text
