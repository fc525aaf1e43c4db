"""The design book has a 编制与人数 section with the numbers of `mktorg stats`."""

import csv
import io
from pathlib import Path

import docx

from helpers import ROOT, run_cli


def _stats_rows() -> list[list[str]]:
    out, _ = run_cli("stats", str(ROOT / "data"), "--format", "csv", "--table", "departments")
    return list(csv.reader(io.StringIO(out.lstrip("\ufeff"))))


def test_word_book_section_matches_stats(tmp_path: Path) -> None:
    run_cli("export", str(ROOT / "data"), "--format", "docx", "--book", "-o", str(tmp_path))
    document = docx.Document(str(tmp_path / "book.docx"))
    body = document.element.body
    found = [p for p in document.paragraphs if p.text == "编制与人数"]
    headings = [p for p in found if p.style is not None and p.style.name.startswith("Heading")]
    assert len(found) == 2 and len(headings) == 1  # the contents entry, and the heading
    following = headings[0]._p.getnext()
    while following is not None and not following.tag.endswith("}tbl"):
        following = following.getnext()
    assert following is not None and following.getparent() is body
    table = next(t for t in document.tables if t._tbl is following)
    cells = [[cell.text for cell in row.cells] for row in table.rows]
    assert [[row[0].lstrip("\u3000"), *row[1:]] for row in cells] == _stats_rows()
    assert cells[4][0] == "\u3000市场部" and cells[5][0] == "\u3000\u3000品牌推广组"  # sub-departments indented


def test_html_and_markdown_books_have_the_section(tmp_path: Path) -> None:
    run_cli("export", str(ROOT / "data"), "--format", "html", "--book", "-o", str(tmp_path))
    html = (tmp_path / "book.html").read_text(encoding="utf-8")
    assert "<h2>编制与人数</h2>" in html
    for row in _stats_rows()[1:]:
        assert f">{row[0]}</td>" in html and f">{row[3]}</td>" in html
    run_cli("export", str(ROOT / "data"), "--format", "md", "--book", "-o", str(tmp_path))
    markdown = (tmp_path / "book.md").read_text(encoding="utf-8")
    assert "## 编制与人数\n\n| 部门 | 岗位数 | 本部门人数 | 合计人数 | 编制 | 占编制 | 空缺 |" in markdown
    assert "| 市场营销部 | 2 | 2 | 31–34+N | 34 | 91%–100% | 1 |" in markdown
