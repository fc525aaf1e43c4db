"""Exports: Markdown/HTML golden files; .docx read back with python-docx, .pdf with pypdf."""

import re
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from pypdf import PdfReader

from tests.helpers import FIXTURES, ROOT, make_org, run_cli

DATA = str(ROOT / "data")
EVERY = str(FIXTURES / "every-key")
JOB_DESCRIPTION_SECTIONS = [
    "岗位目的",
    "工作职责",
    "主要职责",
    "辅助职责",
    "工作关系",
    "权限",
    "任职资格",
    "考核指标",
    "工作环境",
    "签字",
]
"""The sections of the standard 岗位说明书, in their order."""


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("role", ["marketing-director", "research-specialist"])
def test_text_formats_golden(tmp_path: Path, fmt: str, role: str, golden) -> None:
    run_cli("export", DATA, "--format", fmt, "--role", role, "-o", str(tmp_path))
    (path,) = tmp_path.glob(f"{role}-*.{fmt}")
    golden(f"export/{role}.{fmt}", path.read_text(encoding="utf-8"))


def test_markdown_english_and_book_golden(tmp_path: Path, golden) -> None:
    run_cli("export", DATA, "--format", "md", "--role", "sales-manager", "--lang", "en", "-o", str(tmp_path))
    golden("export/sales-manager.en.md", (tmp_path / "sales-manager-Sales-Manager.md").read_text(encoding="utf-8"))
    run_cli("export", DATA, "--format", "md", "--department", "market-research", "--book", "-o", str(tmp_path / "b"))
    golden("export/book-market-research.md", (tmp_path / "b" / "book.md").read_text(encoding="utf-8"))
    run_cli("export", EVERY, "--format", "md", "--book", "--lang", "en", "-o", str(tmp_path / "e"))
    golden("export/book-every-key.en.md", (tmp_path / "e" / "book.md").read_text(encoding="utf-8"))


def test_one_document_per_non_external_role_named_by_code_or_id_and_title(tmp_path: Path) -> None:
    run_cli("export", DATA, "--format", "md", "-o", str(tmp_path))
    names = sorted(p.stem for p in tmp_path.glob("*.md"))
    assert len(names) == 22 and not any(n.startswith("general-manager") for n in names)
    assert "marketing-director-营销总监" in names
    run_cli("export", EVERY, "--format", "md", "-o", str(tmp_path / "e"))
    assert sorted(p.stem for p in (tmp_path / "e").glob("*.md")) == [
        "MK-01-市场总监",
        "analyst-调研专员",
        "helper-市场助理",
    ]


def _docx(tmp_path: Path, *args: str, org: str = DATA) -> docx.document.Document:
    run_cli("export", org, "--format", "docx", "-o", str(tmp_path), *args)
    (path,) = tmp_path.glob("*.docx")
    return docx.Document(str(path))


def _sections(paragraphs: list[tuple[str, str]]) -> list[str]:
    return [t for s, t in paragraphs if s.startswith("Heading ")][1:]


def test_docx_job_description(tmp_path: Path) -> None:
    document = _docx(tmp_path, "--role", "marketing-director")
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    assert paragraphs[0] == ("Heading 1", "营销总监岗位说明书")
    assert _sections(paragraphs) == ["岗位目的", "工作职责", "权限", "任职资格", "考核指标", "签字"]
    header = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}
    assert list(header) == ["岗位名称", "所属部门", "直接上级", "直接下级", "岗位定员", "职级"]
    assert header["直接上级"] == "总经理" and header["直接下级"] == "市场部经理、销售部经理、营销内勤"
    duties = [p for p in document.paragraphs if p.style.name == "Duty List"]
    levels = [p._p.pPr.numPr.ilvl.val for p in duties]
    assert levels[:3] == [0, 1, 1] and duties[0].text == "参与企业经营战略管理的编制"
    top = [p.text for p in duties if p._p.pPr.numPr.ilvl.val == 0]
    assert top[5] == "完成总经理交办的其他工作", "the catch-all is the last duty"
    numbering = document.part.numbering_part.element
    levels_xml = {lvl.find(qn("w:lvlText")).get(qn("w:val")): lvl for lvl in numbering.iter(qn("w:lvl"))}
    assert {"%1、", "（%2）"} <= set(levels_xml), "full-width numbering"
    assert levels_xml["（%2）"].find(qn("w:suff")).get(qn("w:val")) == "nothing", "no tab after the number"
    kpi = document.tables[-2]
    assert [c.text for c in kpi.rows[0].cells] == ["指标", "权重", "目标值", "考核周期"]
    assert [c.text for c in kpi.rows[1].cells] == ["年度销售目标达成率", "40%", "≥100%", "年度"]
    sign = document.tables[-1]
    assert [c.text for c in sign.rows[0].cells] == ["", "编制", "审核", "批准"]
    assert [r.cells[0].text for r in sign.rows[1:]] == ["签字", "日期"]
    assert document.sections[0].header.paragraphs[0].text == "华东制造有限公司市场营销部"
    assert "PAGE" in document.sections[0].footer._element.xml
    assert round(document.sections[0].page_width.mm) == 210


def test_docx_core_properties_never_name_the_tool(tmp_path: Path) -> None:
    document = _docx(tmp_path / "jd", "--role", "director", org=EVERY)
    props = document.core_properties
    assert props.title == "市场总监岗位说明书" and props.author == "乙方咨询"
    assert props.created.isoformat().startswith("2026-03-15") and props.modified == props.created
    assert props.comments == "机密文件" and props.revision == 1
    run_cli("export", EVERY, "--format", "docx", "--book", "-o", str(tmp_path / "b"))
    with (tmp_path / "b" / "book.docx").open("rb") as handle:
        raw = handle.read()
    assert b"python-docx" not in raw and b"thumbnail" not in raw
    book = docx.Document(str(tmp_path / "b" / "book.docx"))
    assert book.core_properties.title == "样例公司市场部" and book.core_properties.subject == "组织架构与岗位说明书"
    assert book.core_properties.created.isoformat().startswith("2026-03-15")


def test_docx_dates_from_the_source_when_org_yaml_has_none(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1772323200")  # 2026-03-01
    document = _docx(tmp_path / "a", "--role", "sales-rep")
    assert document.core_properties.created.isoformat().startswith("2026-03-01")
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    org = make_org(tmp_path, {})  # not in a git work tree: no date rather than an invented one
    run_cli("export", str(org), "--format", "docx", "--role", "staff", "-o", str(tmp_path / "b"))
    assert docx.Document(str(tmp_path / "b" / "staff-市场专员.docx")).core_properties.created is None
    assert document.core_properties.author == "华东制造有限公司市场营销部"


def test_docx_cover_without_header_and_contents_with_page_numbers(tmp_path: Path) -> None:
    run_cli("export", EVERY, "--format", "docx", "--book", "-o", str(tmp_path / "w"))
    run_cli("export", EVERY, "--format", "pdf", "--book", "-o", str(tmp_path / "p"))
    document = docx.Document(str(tmp_path / "w" / "book.docx"))
    texts = [p.text for p in document.paragraphs]
    assert texts[texts.index("样例公司市场部") + 1] == "组织架构与岗位说明书"
    assert {"客户：甲方集团", "版本：V2.1", "日期：2026-03-15", "编制单位：乙方咨询", "机密文件"} <= set(texts)
    assert not any(r.italic for p in document.paragraphs[:8] for r in p.runs), "no italic Chinese"
    first = document.sections[0]
    assert first.different_first_page_header_footer and first.first_page_header.paragraphs[0].text == ""
    assert first.header.paragraphs[0].text.startswith("样例公司市场部")
    assert document.paragraphs[texts.index("目录")].style.name == "TOC Heading"
    assert b"updateFields" not in document.settings.element.xml.encode()
    entries = [p for p in document.paragraphs if p.style.name.startswith("TOC ") and p.style.name != "TOC Heading"]
    assert "TOC \\o" in entries[0]._p.xml
    toc = [(int(p.style.name[-1]), *p.text.split("\t")) for p in entries]
    assert [(level, text) for level, text, _ in toc] == [
        (1, "组织架构图"),
        (1, "编制与人数"),
        (1, "市场部"),
        (2, "市场总监"),
        (1, "调研组"),
        (2, "调研专员"),
        (2, "市场助理"),
        (1, "流程"),
        (2, "新品上市流程"),
    ]
    assert all("PAGEREF _Toc" in p._p.xml for p in entries), "each entry links its heading's bookmark"
    assert _pdf_heading_pages(tmp_path / "p" / "book.pdf") == {text: int(page) for _, text, page in toc}


def _pdf_heading_pages(path: Path) -> dict[str, int]:
    """Where each heading of the PDF's contents is: the first page after the contents starting with it."""
    reader = PdfReader(str(path))
    pages = [page.extract_text() for page in reader.pages]
    contents = next(i for i, text in enumerate(pages) if "目录" in text.splitlines()[:3])
    listed = re.findall(r"^(\S+)[ .]+(\d+)$", pages[contents], re.M)
    found = {}
    for title, page in listed:
        body = [line.strip() for line in pages[int(page) - 1].splitlines()[1:4]]
        assert title in body, f"{title} is not at the top of page {page}"
        found[title] = int(page)
    return found


def test_pdf_book(tmp_path: Path) -> None:
    run_cli("export", EVERY, "--format", "pdf", "--book", "-o", str(tmp_path))
    reader = PdfReader(str(tmp_path / "book.pdf"))
    assert reader.metadata.title == "样例公司市场部" and reader.metadata.author == "乙方咨询"
    pages = [page.extract_text() for page in reader.pages]
    cover = pages[0]
    assert "样例公司市场部" in cover and "机密文件" in cover
    assert "第 1 页" not in cover and cover.count("样例公司市场部") == 1, "no running header on the cover"
    assert pages[1].startswith("样例公司市场部") and "第 2 页" in pages[1]
    headings = _pdf_heading_pages(tmp_path / "book.pdf")
    assert list(headings) == [
        *("组织架构图", "编制与人数", "市场部", "市场总监"),
        *("调研组", "调研专员", "市场助理", "流程", "新品上市流程"),
    ], "every job description is listed, under its department, however deep the department"
    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    assert outline == ["组织架构图", "编制与人数", "市场部", "调研组", "流程"]
    chart_page = reader.pages[headings["组织架构图"] - 1]
    assert chart_page.mediabox.width > chart_page.mediabox.height, "charts on landscape pages"
    assert reader.pages[headings["市场部"] - 1].mediabox.width < reader.pages[0].mediabox.height
    fonts = _fonts(reader)
    assert fonts and all(embedded for embedded in fonts.values()), fonts


def _fonts(reader: PdfReader) -> dict[str, bool]:
    """Every font of the PDF and whether its program is embedded."""
    found: dict[str, bool] = {}
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            for sub in font.get("/DescendantFonts", [font]):
                descriptor = sub.get_object().get("/FontDescriptor")
                name = str(sub.get_object().get("/BaseFont"))
                found[name] = descriptor is not None and any(
                    k in descriptor.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3")
                )
    return found


def test_pdf_job_description_says_what_it_is(tmp_path: Path) -> None:
    run_cli("export", DATA, "--format", "pdf", "--role", "sales-rep", "-o", str(tmp_path))
    reader = PdfReader(str(tmp_path / "sales-rep-销售代表.pdf"))
    text = reader.pages[0].extract_text()
    assert "销售代表岗位说明书" in text and "1、" in text
    assert reader.metadata.title == "销售代表岗位说明书"


def _section_order(tmp_path: Path, fmt: str) -> list[str]:
    out = tmp_path / fmt
    run_cli("export", EVERY, "--format", fmt, "--role", "analyst", "--empty-sections", "show", "-o", str(out))
    (path,) = out.iterdir()
    if fmt == "docx":
        return _sections([(p.style.name, p.text) for p in docx.Document(str(path)).paragraphs])
    if fmt == "pdf":
        lines = [ln.strip() for page in PdfReader(str(path)).pages for ln in page.extract_text().splitlines()]
        return list(
            dict.fromkeys(ln for ln in lines if ln in JOB_DESCRIPTION_SECTIONS)
        )  # 签字 is also a row of the sign-off
    text = path.read_text(encoding="utf-8")
    if fmt == "md":
        return [m[1] for m in re.finditer(r"^#{2,} (.*)$", text, re.M)]
    return [m[1] for m in re.finditer(r"<h[2-6][^>]*>(.*?)</h", text)]


def test_job_description_sections_in_the_same_order_in_every_format(tmp_path: Path) -> None:
    orders = {fmt: _section_order(tmp_path, fmt) for fmt in ("md", "html", "docx", "pdf")}
    assert orders == dict.fromkeys(orders, JOB_DESCRIPTION_SECTIONS)


def test_empty_sections_show_a_placeholder_or_are_left_out(tmp_path: Path) -> None:
    run_cli(
        "export", EVERY, "--format", "md", "--role", "helper", "--empty-sections", "show", "-o", str(tmp_path / "s")
    )
    shown = (tmp_path / "s" / "helper-市场助理.md").read_text(encoding="utf-8")
    assert "## 工作环境\n\n*无*" in shown and "| 岗位编号 | 无 |" in shown
    run_cli("export", EVERY, "--format", "md", "--role", "helper", "-o", str(tmp_path / "h"))
    hidden = (tmp_path / "h" / "helper-市场助理.md").read_text(encoding="utf-8")
    assert "工作环境" not in hidden and "岗位编号" not in hidden and "## 签字" in hidden
    run_cli("export", EVERY, "--empty-sections", "maybe", "-o", str(tmp_path / "x"), expect=2)


def test_english_labels_numbering_separators_and_levels(tmp_path: Path) -> None:
    run_cli("export", EVERY, "--format", "md", "--lang", "en", "-o", str(tmp_path))
    text = (tmp_path / "MK-01-Marketing-Director.md").read_text(encoding="utf-8")
    assert "| Level | Director |" in text and "| Pay grade | Manager grade 2 |" in text
    assert (
        "1\\. Organise the yearly promotion plan" in text
        and "\u00a0" * 4 + "(1\\) Approve the promotion budget" in text
    )
    assert "| Direct reports | Research Specialist, Marketing Assistant |" in text
    assert "Research Specialist: approves research plans; Finance" in text
    assert not re.search(r"[\u4e00-\u9fff、，（）]", text), "no Chinese in English output"


def test_docx_english_labels_and_empty_sections_left_out(tmp_path: Path) -> None:
    document = _docx(tmp_path, "--lang", "en", "--role", "channel-specialist")
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "Job Description: Channel Specialist"
    assert "Duties" in texts and "KPIs" not in texts and "Authorities" not in texts and "Qualifications" not in texts
    assert document.tables[0].rows[0].cells[0].text == "Position"


def test_chinese_typography(tmp_path: Path) -> None:
    org = make_org(
        tmp_path,
        {
            "roles/staff.yaml": "title: 专员\ndepartment: dept\nreports_to: boss\n"
            "duties: ['组织市场调查,建立市场信息系统(含竞品)', '完成上级交办的其他工作', '比例控制在6:4']\n",
            "processes/p.yaml": "name: 流程\nsteps:\n  - {id: a, name: 调研, responsible: staff, accountable: boss}\n",
        },
    )
    run_cli("export", str(org), "--format", "md", "--book", "--force", "-o", str(tmp_path / "o"))
    text = (tmp_path / "o" / "book.md").read_text(encoding="utf-8")
    assert "1、组织市场调查，建立市场信息系统（含竞品）" in text and "2、比例控制在6:4" in text
    assert "3、完成上级交办的其他工作" in text
    assert "| 步骤 | 阶段 | 负责（R） | 批准（A） | 咨询（C） | 知会（I） | 业务要点 |" in text
    assert "| 1、调研 |" in text


def test_sibling_order(tmp_path: Path) -> None:
    org = make_org(
        tmp_path,
        {
            "departments/east.yaml": "name: 华东大区\nparent: dept\norder: 2\n",
            "departments/central.yaml": "name: 华中大区\nparent: dept\norder: 1\n",
            "roles/a.yaml": "title: 甲专员\ndepartment: dept\nreports_to: boss\norder: 2\nduties: [x]\n",
            "roles/b.yaml": "title: 乙专员\ndepartment: dept\nreports_to: boss\norder: 1\nduties: [y]\n",
        },
    )
    run_cli("export", str(org), "--format", "md", "--book", "--force", "-o", str(tmp_path / "o"))
    text = (tmp_path / "o" / "book.md").read_text(encoding="utf-8")
    assert text.index("乙专员") < text.index("甲专员") and text.index("## 华中大区") < text.index("## 华东大区")


def test_external_parts_left_out(tmp_path: Path) -> None:
    run_cli("export", EVERY, "--format", "md", "--book", "-o", str(tmp_path))
    text = (tmp_path / "book.md").read_text(encoding="utf-8")
    positions = text.split("### 岗位设置", 1)[1].split("###", 1)[0]
    assert "市场总监" in positions and "总经理" not in positions
    assert "公司总部" not in text and "| 直接上级 | 总经理 |" in text


def test_department_only_design_gives_a_book(tmp_path: Path) -> None:
    org = make_org(
        tmp_path,
        {
            "org.yaml": "name: 只有部门\n",
            "departments/dept.yaml": "name: 市场部\nfunctions:\n  - {id: r, name: 市场调研, details: [竞品调研]}\n",
            "departments/sub.yaml": "name: 推广组\nparent: dept\nduties: [组织推广活动]\n",
            "roles/boss.yaml": None,
        },
        base="minimal",
    )
    for path in (org / "roles").glob("*.yaml"):
        path.unlink()
    run_cli("export", str(org), "--format", "md", "--book", "--force", "-o", str(tmp_path / "o"))
    text = (tmp_path / "o" / "book.md").read_text(encoding="utf-8")
    assert "## 市场部" in text and "\n## 推广组" in text and "市场调研" in text and "竞品调研" in text
    assert "组织推广活动" in text
    assert ("![部门架构](chart-1.svg)" in text) == (tmp_path / "o" / "chart-1.svg").exists()


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


def test_docx_book_restarts_numbering(tmp_path: Path) -> None:
    run_cli("export", DATA, "--format", "docx", "--book", "--department", "market-research", "-o", str(tmp_path))
    document = docx.Document(str(tmp_path / "book.docx"))
    assert document.paragraphs[1].style.name == "Title"
    ids = {p._p.pPr.numPr.numId.val for p in document.paragraphs if p.style.name == "Duty List"}
    assert len(ids) >= 3, "each duty list has its own numbering instance (restarts at 1)"
    h1 = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    h2 = [p.text for p in document.paragraphs if p.style.name == "Heading 2" and "outlineLvl" not in p._p.xml]
    assert h1 == ["组织架构图", "编制与人数", "市场调研组", "流程"]
    assert h2 == ["市场调研主管", "数据分析专员", "市场调研专员", "新业务拓展流程"]


def test_logo_on_the_cover(tmp_path: Path) -> None:
    document = _docx(tmp_path / "w", "--book", org=EVERY)
    assert document.inline_shapes[0].height.cm == pytest.approx(2.2, abs=0.01)
    run_cli("export", EVERY, "--format", "html", "--book", "-o", str(tmp_path / "h"))
    assert 'class="logo" alt="" src="data:image/png;base64,' in (tmp_path / "h" / "book.html").read_text("utf-8")


def test_theme_font_and_colours(tmp_path: Path) -> None:
    org = make_org(
        tmp_path,
        {"org.yaml": "name: 主题\ntheme: {font: Noto Serif CJK SC, colors: {primary: '#aa0000', accent: '#00aa00'}}\n"},
    )
    run_cli("export", str(org), "--format", "pdf", "--force", "-o", str(tmp_path / "p"))
    pdf = tmp_path / "p" / "staff-市场专员.pdf"
    assert any("Serif" in name for name in _fonts(PdfReader(str(pdf))))
    run_cli("export", str(org), "--format", "docx", "--force", "-o", str(tmp_path / "w"))
    document = docx.Document(str(tmp_path / "w" / "staff-市场专员.docx"))
    assert str(document.styles["Heading 1"].font.color.rgb) == "AA0000"
    assert "00aa00" in document.sections[0].header._element.xml
    normal = document.styles["Normal"].element.find(qn("w:rPr")).find(qn("w:rFonts"))
    assert normal.get(qn("w:eastAsia")) == "Noto Serif CJK SC"


def test_reference_doc_styles_are_used(tmp_path: Path) -> None:
    template = docx.Document()
    template.styles["Heading 1"].font.size = docx.shared.Pt(28)
    template.sections[0].header.paragraphs[0].text = "ACME 内部资料"
    template.sections[0].left_margin = docx.shared.Cm(4)
    template.add_paragraph("template body text that must not survive")
    ref = tmp_path / "company.docx"
    template.save(str(ref))
    document = _docx(tmp_path / "o", "--role", "sales-rep", "--reference-doc", str(ref))
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


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_paged_books_are_deterministic(tmp_path: Path, fmt: str) -> None:
    for name in ("a", "b"):
        run_cli("export", EVERY, "--format", fmt, "--book", "-o", str(tmp_path / name))
    assert (tmp_path / "a" / f"book.{fmt}").read_bytes() == (tmp_path / "b" / f"book.{fmt}").read_bytes()


def _book_outline(tmp_path: Path, fmt: str) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """(listed headings, table-of-contents entries) of a book, each as (level, text)."""
    from html import unescape

    out = tmp_path / fmt
    run_cli("export", DATA, "--format", fmt, "--book", "--department", "market", "-o", str(out))
    if fmt == "docx":
        document = docx.Document(str(out / "book.docx"))
        headings = [
            (int(p.style.name[-1]), p.text)
            for p in document.paragraphs
            if p.style.name.startswith("Heading ") and "outlineLvl" not in p._p.xml
        ]
        entries = [
            (int(p.style.name[-1]), p.text.split("\t")[0])
            for p in document.paragraphs
            if p.style.name in ("TOC 1", "TOC 2")
        ]
        return [h for h in headings if h[0] <= 2], entries
    text = (out / f"book.{fmt}").read_text(encoding="utf-8")
    if fmt == "md":
        toc = text.split("## 目录\n\n", 1)[1].split("\n\n", 1)[0]
        entries = [(len(m[1]) // 2 + 1, m[2]) for m in re.finditer(r"^( *)- \[(.*?)\]\(#", toc, re.M)]
        headings = [(len(m[1]) - 1, m[2]) for m in re.finditer(r"^(#+) (.*)$", text, re.M)][1:]
    else:
        nav = text.split('<nav class="toc">', 1)[1].split("</nav>", 1)[0]
        depth, entries = 0, []
        for m in re.finditer(r"<(/?)ol>|<li><a [^>]*>(.*?)</a>", nav):
            if m[2] is not None:
                entries.append((depth, unescape(m[2])))
            else:
                depth += -1 if m[1] else 1
        headings = [(int(m[1]) - 1, unescape(m[2])) for m in re.finditer(r"<h(\d)[^>]*>(.*?)</h\d>", text)][1:]
    listed = {text for _, text in entries}
    return [h for h in headings if h[1] in listed and h[0] <= 2], entries


def test_books_agree_in_every_format(tmp_path: Path) -> None:
    outlines = {fmt: _book_outline(tmp_path, fmt) for fmt in ("md", "html", "docx")}
    headings, entries = outlines["md"]
    assert entries == headings
    assert entries == [
        (1, "组织架构图"),
        (1, "编制与人数"),
        (1, "市场部"),
        (2, "市场部经理"),
        (2, "营销策划专员"),
        (2, "价格管理专员"),
        (1, "品牌推广组"),
        (2, "品牌推广主管"),
        (2, "广告专员"),
        (2, "平面设计"),
        (2, "兼职推广"),
        (1, "市场调研组"),
        (2, "市场调研主管"),
        (2, "数据分析专员"),
        (2, "市场调研专员"),
        (1, "流程"),
        (2, "新业务拓展流程"),
    ]
    assert outlines["html"] == outlines["md"]
    assert outlines["docx"][1] == entries


def test_markdown_contents_link_to_headings(tmp_path: Path) -> None:
    run_cli("export", DATA, "--format", "md", "--book", "-o", str(tmp_path))
    text = (tmp_path / "book.md").read_text(encoding="utf-8")
    assert "- [市场营销部](#市场营销部)" in text and "  - [营销总监](#营销总监)" in text
    assert (tmp_path / "chart-1.svg").exists() == ("![部门架构](chart-1.svg)" in text)


def test_docx_tables_are_left_aligned_rows_kept_whole_and_headers_repeated(tmp_path: Path) -> None:
    run_cli("export", DATA, "--format", "docx", "--book", "-o", str(tmp_path))
    document = docx.Document(str(tmp_path / "book.docx"))
    process = next(t for t in document.tables if t.rows[0].cells[0].text == "步骤")
    assert process.rows[0].cells[3].text == "批准（A）"
    for table in document.tables:
        for row in table.rows:
            tr_pr = row._tr.trPr
            assert tr_pr is not None and tr_pr.find(qn("w:cantSplit")) is not None, "a row never splits across pages"
            for cell in row.cells:
                assert cell.paragraphs[0].alignment is not None, "a cell is never justified like Normal"
                assert cell.paragraphs[0].alignment.name in ("LEFT", "RIGHT")
    assert process.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None, "the header row repeats on each page"
    assert all(t.rows[1]._tr.trPr.find(qn("w:tblHeader")) is None for t in document.tables if len(t.rows) > 1)


def test_process_table_on_a_landscape_page_with_role_names_unbroken(tmp_path: Path) -> None:
    run_cli("export", DATA, "--format", "pdf", "--book", "-o", str(tmp_path))
    reader = PdfReader(str(tmp_path / "book.pdf"))
    page = next(p for p in reader.pages if "业务要点" in p.extract_text())
    assert page.mediabox.width > page.mediabox.height, "the wide process table gets a landscape page"
    text = page.extract_text()
    assert "流程" in text.split("\n")[1], "the chapter heading goes with the table, not alone on a portrait page"
    for name in ("营销策划专员", "价格管理专员", "区域销售主管", "客户服务主管", "市场调研主管"):
        assert name in text.replace(" ", ""), f"{name} on one line"
    run_cli("export", DATA, "--format", "docx", "--book", "-o", str(tmp_path))
    document = docx.Document(str(tmp_path / "book.docx"))
    process = next(t for t in document.tables if t.rows[0].cells[0].text == "步骤")
    grid = [int(c.get(qn("w:w"))) / 567 for c in process._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert all(width >= 6 * 0.37 for width in grid[2:6]), "a role column holds a six-character title"
    assert sum(grid) > 17, "wider than a portrait page: drawn in a landscape section"
    landscape = [s for s in document.sections if s.page_width > s.page_height]
    assert len(landscape) >= 2, "the chart and the processes"


def test_a_column_empty_in_every_row_is_left_out() -> None:
    from dataclasses import replace

    from mktorg.load.loader import load_org
    from mktorg.render.content import handbook
    from mktorg.render.document import Table
    from mktorg.render.layout import handbook_blocks

    org = load_org(ROOT / "data").org
    full = handbook(org, "market", "zh")
    bare = replace(full, functions=[replace(f, description="") for f in full.functions])
    tables = [b for b in handbook_blocks(full) if isinstance(b, Table) and "承担岗位" in b.head]
    assert tables[0].head == ("职能", "职能说明", "承担岗位")
    table = next(b for b in handbook_blocks(bare) if isinstance(b, Table) and "承担岗位" in b.head)
    assert table.head == ("职能", "承担岗位") and all(len(row) == 2 for row in table.rows)
    assert table.names == (False, True) and round(sum(table.widths), 1) == 16.6


def test_kpis_kept_on_one_page_with_the_signatures(tmp_path: Path) -> None:
    run_cli("export", DATA, "--format", "docx", "--role", "marketing-director", "-o", str(tmp_path))
    document = docx.Document(str(next(tmp_path.glob("*.docx"))))
    kpis = next(t for t in document.tables if t.rows[0].cells[0].text == "指标")
    assert all(cell.paragraphs[0].paragraph_format.keep_with_next for row in kpis.rows for cell in row.cells)
    run_cli("export", DATA, "--format", "pdf", "--book", "-o", str(tmp_path))
    for page in PdfReader(str(tmp_path / "book.pdf")).pages:
        lines = page.extract_text().split("\n")
        assert lines[1] not in ("签字", "指标 权重 目标值 考核周期"), "signatures and KPIs start with their heading"


def test_english_edition_never_joins_chinese_with_english_separators(tmp_path: Path) -> None:
    run_cli("export", DATA, "--format", "md", "--book", "--lang", "en", "-o", str(tmp_path))
    text = (tmp_path / "book.md").read_text(encoding="utf-8")
    han = "\u4e00-\u9fff"
    assert not re.search(rf"[{han}》], [{han}《]", text), "Chinese items are joined with 、 even in English"
    assert "市场营销、企业管理" in text and "《年度营销计划》、《营销费用预算表》" in text
    assert not re.search(rf"\| Level \| [^|]*[{han}]", text), "an untranslated level is left out"
    assert "approved headcount" in text and "(budget " not in text
    assert "| Structure | Functional |" in text


def test_docx_headings_use_the_document_font_for_latin_text_too(tmp_path: Path) -> None:
    document = _docx(tmp_path, "--lang", "en", "--role", "sales-rep")
    for name in ("Heading 1", "Heading 2", "Title"):
        fonts = document.styles[name].element.find(qn("w:rPr")).find(qn("w:rFonts"))
        assert fonts.get(qn("w:ascii")) == fonts.get(qn("w:hAnsi")) == "Noto Sans CJK SC", name
        assert fonts.get(qn("w:asciiTheme")) is None, name


def test_pagination_is_of_the_document_asked_about() -> None:
    """The layout query reads its compiler's own document: a second document is laid out as itself."""
    from mktorg.load.loader import load_org
    from mktorg.render.content import selected_roles
    from mktorg.render.layout import book_document
    from mktorg.render.pdf import PdfWriter
    from mktorg.render.style import style_for

    books = []
    for root in (Path(DATA), Path(EVERY)):
        org = load_org(root).org
        books.append((book_document(org, selected_roles(org, [], []), None, []), style_for(org, None)))
    alone = []
    for document, style in books:
        with PdfWriter(style) as writer:
            alone.append(writer.pagination(document))
    with PdfWriter(books[0][1]) as writer:
        writer.pdf(books[1][0])
        assert writer.pagination(books[0][0]) == alone[0]
    assert alone[0] != alone[1]


@pytest.mark.parametrize("root", [DATA, EVERY])
def test_pagination_without_shaded_cells_is_the_pdfs(root: str) -> None:
    """The contents' page numbers are asked of the book without its shaded label cells (a fill
    takes no room): the pages are those of the PDF's own markup, shading included."""
    import json

    from mktorg.load.loader import load_org
    from mktorg.render.content import selected_roles
    from mktorg.render.layout import book_document
    from mktorg.render.pdf import PdfWriter, typst_source
    from mktorg.render.style import style_for

    org = load_org(Path(root)).org
    style = style_for(org, None)
    document = book_document(org, selected_roles(org, [], []), None, [])
    shaded, _ = typst_source(document, style)
    assert "table.cell(fill:" in shaded and "table.cell(fill:" not in typst_source(document, style, shaded=False)[0]
    with PdfWriter(style) as writer:
        pages = writer.pagination(document)
        (writer.folder / "shaded.typ").write_text(shaded, encoding="utf-8")
        compiler = writer.typst.Compiler(str(writer.folder / "shaded.typ"), root=str(writer.folder))
        found = json.loads(compiler.query("<mktorg-heading>", field="value"))
    assert len(pages) > 5 and pages == dict(found)


def test_docx_book_draws_every_chart_at_print_resolution(tmp_path: Path) -> None:
    """Charts are sized from their DOT, drawn while the book is paginated, and all reach the book."""
    from mktorg.load.loader import load_org
    from mktorg.render.figures import PAGE_PT, PRINT_DPI, book_charts

    run_cli("export", DATA, "--format", "docx", "--book", "-o", str(tmp_path))
    book = docx.Document(str(tmp_path / "book.docx"))
    charts = book_charts(load_org(Path(DATA)).org, None, png=True, font="Noto Sans CJK SC")
    assert charts and all(page.figure.png is None and page.figure.width_pt for page in charts)
    pictures = list(book.inline_shapes)
    assert len(pictures) == len(charts)
    for page, picture in zip(charts, pictures, strict=True):
        shown_in = picture.width.inches
        scale = min(1.0, PAGE_PT[0] / page.figure.width_pt, PAGE_PT[1] / page.figure.height_pt)
        assert shown_in == pytest.approx(page.figure.width_pt * scale / 72, rel=0.01)
        pixels = picture._inline.graphic.graphicData.pic.blipFill  # the PNG behind the picture
        blip = book.part.related_parts[pixels.blip.embed].image
        assert blip.px_width / shown_in == pytest.approx(PRINT_DPI, rel=0.05)


def test_headcount_of_several_stays_on_one_line_in_the_positions_table(tmp_path: Path) -> None:
    """岗位设置 of used-car-merchants: 若干人（人数不定） was cut 人数不 / 定 in a 3 cm column."""
    from mktorg.render.chart.metrics import text_width

    run_cli("export", str(ROOT / "examples" / "used-car-merchants"), "--format", "docx", "--book", "-o", str(tmp_path))
    book = docx.Document(str(tmp_path / "book.docx"))
    table = next(t for t in book.tables if [c.text for c in t.rows[0].cells] == ["岗位", "岗位定员", "职级"])
    column = [row.cells[1].text for row in table.rows[1:]]
    assert "若干人（人数不定）" in column
    body_pt = book.styles["Normal"].font.size.pt
    need = max(text_width(text, body_pt) for text in column) + 2 * 5.4  # the default cell margins
    assert table.columns[1].width.pt >= need, (table.columns[1].width.pt, need)
    widths = [column.width.cm for column in table.columns]
    assert sum(widths) == pytest.approx(16.6, abs=0.05), "the table keeps the text width"


@pytest.mark.parametrize(
    ("example", "head"),
    [
        ("real-estate-zhengzhou", ["部门", "岗位数", "本部门人数", "合计人数", "空缺"]),
        ("used-car-merchants", ["部门", "岗位数", "本部门人数", "合计人数", "编制", "占编制", "空缺"]),
    ],
)
def test_headcount_table_of_a_book_without_budgets_leaves_out_the_budget_columns(
    tmp_path: Path, example: str, head: list[str]
) -> None:
    """编制与人数 of a design without budgets (real-estate-zhengzhou) showed 编制 and 占编制 blank
    and `—` all the way down; with a budget (used-car-merchants) they stay."""
    run_cli("export", str(ROOT / "examples" / example), "--format", "docx", "--book", "-o", str(tmp_path))
    book = docx.Document(str(tmp_path / "book.docx"))
    table = next(t for t in book.tables if t.rows[0].cells[0].text == "部门")
    assert [c.text for c in table.rows[0].cells] == head
    for row in table.rows[1:]:
        assert len(row.cells) == len(head)
    assert any(any(c.text for c in row.cells[1:]) for row in table.rows[1:])


def _lines_at(page: object) -> list[tuple[float, str]]:
    """The text runs of a PDF page with their baselines, top down."""
    runs: list[tuple[float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            runs.append((tm[5] * cm[3] + cm[5], text.strip()))

    page.extract_text(visitor_text=visit)  # type: ignore[attr-defined]
    return runs


def test_pdf_heading_after_a_list_keeps_its_space_when_kept_with_the_signatures(tmp_path: Path) -> None:
    """签字 (kept on one page with the signatures) after the 招商部助理's duty list sat 9 pt closer
    to it than 工作关系 sits to the 招商部负责人's list: the heading's space was lost in the block."""
    run_cli("export", str(ROOT / "examples" / "used-car-merchants"), "--format", "pdf", "--book", "-o", str(tmp_path))
    reader = PdfReader(str(tmp_path / "book.pdf"))
    headings = _pdf_heading_pages(tmp_path / "book.pdf")

    def gap_before(role: str, heading: str, after: str) -> float:
        runs = _lines_at(reader.pages[headings[role] - 1])
        last = next(y for y, text in runs if text.endswith(after))
        return last - next(y for y, text in runs if text == heading and y < last)

    ordinary = gap_before("招商部负责人", "工作关系", "参与项目招商谈判")
    assert gap_before("招商部助理", "签字", "资料收集整理备案") == pytest.approx(ordinary, abs=1.0)


def test_docx_book_starts_pages_on_the_heading_not_with_a_paragraph_of_its_own(tmp_path: Path) -> None:
    """The Word book of used-car-merchants had a blank page before 招商业务员: the 副理's signature
    table nearly filled its page, and the spacer and the paragraph holding the page break were
    pushed onto the next page, where the break broke it once more. A new page is now the heading's
    `pageBreakBefore`, with no empty paragraph before it."""
    run_cli("export", str(ROOT / "examples" / "used-car-merchants"), "--format", "docx", "--book", "-o", str(tmp_path))
    body = docx.Document(str(tmp_path / "book.docx")).element.body
    children = list(body)

    def text(element: object) -> str:
        return "".join(t.text or "" for t in element.iter(qn("w:t")))  # type: ignore[attr-defined]

    roles = ("招商部负责人", "副理", "招商业务员", "招商部助理")
    for title in roles:
        heading = next(
            p for p in children if p.tag == qn("w:p") and text(p) == title and p.find(qn("w:pPr")) is not None
        )
        assert heading.find(f"{qn('w:pPr')}/{qn('w:pageBreakBefore')}") is not None, title
        before = children[children.index(heading) - 1]
        assert before.tag == qn("w:tbl"), f"{title} follows the signature table directly"
    for i, p in enumerate(children):
        if p.find(f".//{qn('w:br')}[@{qn('w:type')}='page']") is not None and not text(p).strip():
            assert children[i - 1].tag != qn("w:tbl"), "no paragraph of its own breaks the page after a table"
