"""Exports: Markdown/HTML golden files, .docx read back with python-docx."""

from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from tests.helpers import ROOT, make_org, run_cli

DATA = str(ROOT / "data")


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("role", ["marketing-director", "research-specialist"])
def test_text_formats_golden(tmp_path: Path, fmt: str, role: str, golden) -> None:
    run_cli("export", DATA, "--format", fmt, "--role", role, "-o", str(tmp_path))
    golden(f"export/{role}.{fmt}", (tmp_path / f"{role}.{fmt}").read_text(encoding="utf-8"))


def test_markdown_english_and_book_golden(tmp_path: Path, golden) -> None:
    run_cli("export", DATA, "--format", "md", "--role", "sales-manager", "--lang", "en", "-o", str(tmp_path))
    golden("export/sales-manager.en.md", (tmp_path / "sales-manager.md").read_text(encoding="utf-8"))
    run_cli("export", DATA, "--format", "md", "--department", "market-research", "--book", "-o", str(tmp_path / "b"))
    golden("export/book-market-research.md", (tmp_path / "b" / "book.md").read_text(encoding="utf-8"))


def test_one_document_per_non_external_role(tmp_path: Path) -> None:
    run_cli("export", DATA, "--format", "md", "-o", str(tmp_path))
    names = sorted(p.stem for p in tmp_path.glob("*.md"))
    assert len(names) == 22 and "general-manager" not in names
    run_cli("export", DATA, "--format", "md", "--department", "sales", "-o", str(tmp_path / "s"))
    assert sorted(p.stem for p in (tmp_path / "s").glob("*.md")) == sorted(
        [
            "sales-manager",
            "sales-admin",
            "regional-sales-supervisor",
            "sales-rep",
            "key-account-manager",
            "customer-service-supervisor",
            "customer-service-specialist",
            "channel-supervisor",
            "channel-specialist",
            "store-manager",
        ]
    )


def _docx(tmp_path: Path, *args: str) -> docx.document.Document:
    run_cli("export", DATA, "--format", "docx", "-o", str(tmp_path), *args)
    return docx.Document(str(tmp_path / f"{args[-1] if args and not args[-1].startswith('-') else 'book'}.docx"))


def test_docx_job_description(tmp_path: Path) -> None:
    document = _docx(tmp_path, "--role", "marketing-director")
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    assert paragraphs[0] == ("Heading 1", "营销总监")
    headings = [t for s, t in paragraphs if s == "Heading 2"]
    assert headings == ["职位概要", "工作职责", "权限", "任职资格", "考核指标"]
    header = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}
    assert header["直接上级"] == "总经理" and header["直接下级"] == "市场部经理、销售部经理、营销内勤"
    assert list(header)[:4] == ["岗位名称", "所属部门", "直接上级", "直接下级"]
    duties = [p for p in document.paragraphs if p.style.name == "Duty List"]
    levels = [p._p.pPr.numPr.ilvl.val for p in duties]
    assert levels[:3] == [0, 1, 1] and duties[0].text == "参与企业经营战略管理的编制"
    numbering = document.part.numbering_part.element
    texts = [lvl.find(qn("w:lvlText")).get(qn("w:val")) for lvl in numbering.iter(qn("w:lvl"))]
    assert "%1、" in texts and "(%2)" in texts
    kpi = document.tables[-1]
    assert [c.text for c in kpi.rows[0].cells] == ["指标", "权重", "目标值", "考核周期"]
    assert [c.text for c in kpi.rows[1].cells] == ["年度销售目标达成率", "40%", "≥100%", "年度"]
    assert document.sections[0].header.paragraphs[0].text == "华东制造有限公司市场营销部"
    assert "PAGE" in document.sections[0].footer._element.xml
    assert round(document.sections[0].page_width.mm) == 210


def test_docx_east_asian_font_on_every_style(tmp_path: Path) -> None:
    document = _docx(tmp_path, "--role", "sales-rep")
    for style in document.styles.element.findall(qn("w:style")):
        if style.get(qn("w:type")) != "paragraph":
            continue
        fonts = style.find(qn("w:rPr")).find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsia")) == "Noto Sans CJK SC", style.get(qn("w:styleId"))
        assert fonts.get(qn("w:eastAsiaTheme")) is None
    lang = document.settings.element.find(qn("w:themeFontLang"))
    assert lang.get(qn("w:eastAsia")) == "zh-CN"


def test_docx_english_labels_and_empty_sections_left_out(tmp_path: Path) -> None:
    document = _docx(tmp_path, "--lang", "en", "--role", "channel-specialist")
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "Channel Specialist"
    assert "Duties" in texts and "KPIs" not in texts and "Authorities" not in texts and "Qualifications" not in texts
    assert document.tables[0].rows[0].cells[0].text == "Position"


def test_docx_book_restarts_numbering(tmp_path: Path) -> None:
    run_cli("export", DATA, "--format", "docx", "--book", "--department", "market-research", "-o", str(tmp_path))
    document = docx.Document(str(tmp_path / "book.docx"))
    assert document.paragraphs[0].style.name == "Title"
    assert any("TOC" in p._p.xml for p in document.paragraphs)
    ids = {p._p.pPr.numPr.numId.val for p in document.paragraphs if p.style.name == "Duty List"}
    assert len(ids) >= 3, "each duty list has its own numbering instance (restarts at 1)"
    h1 = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    h2 = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert h1 == ["组织架构图", "市场调研组", "流程"]
    assert h2 == ["部门职能说明书", "市场调研主管", "数据分析专员", "市场调研专员", "新业务拓展流程"]


def test_reference_doc_styles_are_used(tmp_path: Path) -> None:
    template = docx.Document()
    template.styles["Heading 1"].font.size = docx.shared.Pt(28)
    template.sections[0].header.paragraphs[0].text = "ACME 内部资料"
    template.sections[0].left_margin = docx.shared.Cm(4)
    template.add_paragraph("template body text that must not survive")
    ref = tmp_path / "company.docx"
    template.save(str(ref))
    run_cli("export", DATA, "--format", "docx", "--role", "sales-rep", "--reference-doc", str(ref), "-o", str(tmp_path))
    document = docx.Document(str(tmp_path / "sales-rep.docx"))
    assert document.styles["Heading 1"].font.size == docx.shared.Pt(28)
    assert document.sections[0].header.paragraphs[0].text == "ACME 内部资料"
    assert round(document.sections[0].left_margin.cm) == 4
    assert all("template body" not in p.text for p in document.paragraphs)


def test_export_refuses_sources_and_errors(tmp_path: Path) -> None:
    org = make_org(tmp_path, {"roles/staff.yaml": "title: x\ndepartment: nowhere\n"})
    run_cli("export", str(org), "-o", str(org / "roles"), "--force", expect=2)
    _, err = run_cli("export", str(org), "-o", str(tmp_path / "o"), expect=1)
    assert "MK101" in err
    before = {p: p.read_bytes() for p in org.rglob("*.yaml")}
    run_cli("export", str(org), "-o", str(tmp_path / "o"), "--force", "--format", "md")
    assert before == {p: p.read_bytes() for p in org.rglob("*.yaml")}


def test_docx_font_option(tmp_path: Path) -> None:
    document = _docx(tmp_path, "--font", "Microsoft YaHei", "--role", "sales-rep")
    normal = document.styles["Normal"].element.find(qn("w:rPr")).find(qn("w:rFonts"))
    assert normal.get(qn("w:eastAsia")) == "Microsoft YaHei"


def _book_outline(tmp_path: Path, fmt: str) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """(headings, table-of-contents entries) of a book, each as (level, text), levels counted from chapters."""
    import re
    from html import unescape

    out = tmp_path / fmt
    run_cli("export", DATA, "--format", fmt, "--book", "--department", "market", "-o", str(out))
    if fmt == "docx":
        document = docx.Document(str(out / "book.docx"))
        styles = [(p.style.name, p.text) for p in document.paragraphs]
        headings = [(int(s[-1]), t) for s, t in styles if s.startswith("Heading ")]
        start = next(i for i, (_, t) in enumerate(styles) if t == "目录") + 1
        entries = []
        for paragraph in document.paragraphs[start:]:
            if paragraph.style.name.startswith("Heading"):
                break
            if paragraph.text:
                indent = paragraph.paragraph_format.left_indent
                entries.append((1 + round((indent or 0) / docx.shared.Cm(0.8)), paragraph.text))
        return headings, entries
    text = (out / f"book.{fmt}").read_text(encoding="utf-8")
    if fmt == "md":
        headings = [(len(m[1]) - 1, m[2]) for m in re.finditer(r"^(#+) (.*)$", text, re.M)][1:]
        toc = text.split("## 目录\n\n", 1)[1].split("\n\n", 1)[0]
        entries = [(len(m[1]) // 2 + 1, m[2]) for m in re.finditer(r"^( *)- (.*)$", toc, re.M)]
        return [h for h in headings if h[1] != "目录"], entries
    headings = [(int(m[1]) - 1, unescape(m[2])) for m in re.finditer(r"<h(\d)[^>]*>(.*?)</h\d>", text)]
    nav = text.split('<nav class="toc">', 1)[1].split("</nav>", 1)[0]
    depth, entries = 0, []
    for m in re.finditer(r"<(/?)ol>|<li><a [^>]*>(.*?)</a>", nav):
        if m[2] is not None:
            entries.append((depth, unescape(m[2])))
        else:
            depth += -1 if m[1] else 1
    return [h for h in headings if h[1] != "目录"][1:], entries


def test_books_agree_in_every_format(tmp_path: Path) -> None:
    outlines = {fmt: _book_outline(tmp_path, fmt) for fmt in ("md", "html", "docx")}
    headings, entries = outlines["md"]
    assert entries == [(level, text) for level, text in headings if level <= 2]
    assert entries[:3] == [(1, "组织架构图"), (1, "市场部"), (2, "部门职能说明书")]
    assert (2, "市场部经理") in entries and (1, "流程") in entries
    assert outlines["html"] == outlines["md"]
    assert outlines["docx"] == outlines["md"]
