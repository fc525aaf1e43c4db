"""Charts: the org-chart layout checked on the SVG of every organisation, DOT golden files, options."""

import itertools
import re
import shutil
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from mktorg.devtools.bench import generate
from mktorg.init.template import load_template, template_names
from mktorg.init.writer import write_template
from mktorg.load.loader import load_org
from mktorg.model.organization import Organization
from mktorg.render.chart.build import chart_pages
from mktorg.render.chart.dot import ChartOptions, build_dot
from mktorg.render.chart.output import chart_files
from tests.helpers import ROOT, make_org, run_cli
from tests.render.chart.svgcheck import SVG, check, children_in_rows

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz dot is not installed")
CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]")


def bundled() -> Organization:
    return load_org(ROOT / "data").org


def _organisations() -> list[tuple[str, Path]]:
    scratch = Path(tempfile.mkdtemp(prefix="mktorg-chart-"))
    out = [("data", ROOT / "data")]
    out += [(f"example-{p.name}", p) for p in sorted((ROOT / "examples").iterdir()) if (p / "org.yaml").exists()]
    for name in template_names():
        write_template(load_template(name), scratch / name, "zh")
        out.append((f"template-{name}", scratch / name))
    generate(scratch / "org300", 300)
    out.append(("generated-300", scratch / "org300"))
    return out


ORGANISATIONS = _organisations()


@needs_dot
@pytest.mark.parametrize(("name", "folder"), ORGANISATIONS, ids=[n for n, _ in ORGANISATIONS])
def test_svg_structure_of_every_organisation(name: str, folder: Path) -> None:
    org = load_org(folder).org
    svg = chart_files(org, ChartOptions(), "svg").files[0]
    boxes, edges, _ = check(svg)
    drawn_roles = {b for b in boxes if b in org.roles}
    assert drawn_roles == set(org.roles), "every role once"
    solid = {(e.tail, e.head) for e in edges if not e.dashed}
    for role_id, role in org.roles.items():
        if role.reports_to in org.roles:
            assert (role.reports_to, role_id) in solid, f"{role.reports_to}->{role_id} missing"
    rows = children_in_rows(boxes, edges)
    for boss, kids in rows.items():
        if len(kids) > 1 or kids:
            middle = (boxes[kids[0]].cx + boxes[kids[-1]].cx) / 2
            assert abs(boxes[boss].cx - middle) <= 1.0, f"{boss} is not centred over its reports"
        expected = [r for r in org.reports.get(boss, []) if r in kids]
        assert kids == expected, f"sibling order under {boss}: {kids} != {expected}"


@needs_dot
def test_departments_view_structure() -> None:
    for _, folder in ORGANISATIONS:
        org = load_org(folder).org
        svg = chart_files(org, ChartOptions(view="departments"), "svg").files[0]
        boxes, edges, _ = check(svg)
        client = {d for d, dept in org.departments.items() if not dept.external}
        assert client <= set(boxes)
        linked = {e.tail for e in edges} | {e.head for e in edges}
        for dept_id in set(boxes) - client:  # context: linked to the chart, never floating beside it
            assert dept_id in linked, f"{dept_id} floats beside the chart"


@pytest.mark.parametrize("page", ["a4", "a3", "16:9"])
@pytest.mark.parametrize("name", ["generated-300", "data", "example-twelve-person-market"])
def test_every_page_fits_at_the_minimum_font(page: str, name: str) -> None:
    org = load_org(dict(ORGANISATIONS)[name]).org
    pages = chart_pages(org, ChartOptions(page=page, min_font=6.0)).pages
    if name == "generated-300":
        assert len(pages) > 1
    sizes = {"a4": {(842, 595), (595, 842)}, "a3": {(1191, 842), (842, 1191)}, "16:9": {(960, 540)}}[page]
    seen: set[str] = set()
    for p in pages:
        assert (round(p.width), round(p.height)) in sizes
        runs = [r for b in p.boxes for line in b.lines for r in line]
        runs += [r for f in p.frames for r in (*f.label, *f.note)] + [r for line in p.title for r in line]
        assert min(r.size for r in runs) >= 6.0 - 1e-6
        if p.legend is not None:
            assert p.legend.font_size >= 6.0 - 1e-6
        for b in p.boxes:
            assert b.rect.x >= 0 and b.rect.right <= p.width and b.rect.y >= 0 and b.rect.bottom <= p.height
        seen |= {b.id for b in p.boxes}
    assert seen == set(org.roles), "every role is on some page"
    if len(pages) > 1:
        markers = [b for p in pages for b in p.boxes if any("见第" in r.text for line in b.lines for r in line)]
        assert markers, "continuation markers name the page"
        pattern = re.compile(r"见第 (\d+) 页")
        numbers = {int(m) for b in markers for line in b.lines for r in line for m in pattern.findall(r.text)}
        assert numbers <= set(range(2, len(pages) + 1))


def test_dot_golden(golden) -> None:
    org = bundled()
    golden("chart/data-roles.dot", build_dot(org, ChartOptions()))
    golden("chart/data-departments.dot", build_dot(org, ChartOptions(view="departments")))


def test_dot_is_deterministic() -> None:
    assert build_dot(bundled(), ChartOptions(page="a4")) == build_dot(bundled(), ChartOptions(page="a4"))


def test_positions_and_elbows_in_dot() -> None:
    dot = build_dot(bundled(), ChartOptions())
    assert "layout=nop2" in dot and dot.count("digraph") == 1
    assert '"sales-manager" -> "data-analyst" [pos=' in dot and "style=dashed" in dot
    assert 'subgraph "cluster_market"' in dot and 'subgraph "cluster_market-research"' in dot
    assert 'subgraph "cluster__legend"' in dot
    plain = build_dot(bundled(), ChartOptions(clusters=False, legend=False))
    assert 'subgraph "cluster_market"' not in plain and "cluster__legend" not in plain


def test_root_and_depth() -> None:
    org = bundled()
    dot = build_dot(org, ChartOptions(root="market-manager", depth=1))
    nodes = set(re.findall(r'^\s*"([^"]+)" \[pos=', dot, re.M))
    assert nodes == {"market-manager", *org.reports["market-manager"]}, "--depth 1: the root and its reports"
    by_title = build_dot(org, ChartOptions(root="市场部经理", depth=1))
    assert set(re.findall(r'^\s*"([^"]+)" \[pos=', by_title, re.M)) == nodes
    assert "华东制造有限公司市场营销部 · 市场部经理" in by_title, "the title names the sub-tree"
    dept = build_dot(org, ChartOptions(root="销售部", view="departments", depth=1))
    assert set(re.findall(r'^\s*"([^"]+)" \[pos=', dept, re.M)) == {
        "sales",
        "channel",
        "customer-service",
        "regional-sales",
    }
    by_dept = build_dot(org, ChartOptions(root="sales"))
    assert '"sales-manager" [' in by_dept and '"market-manager" [' not in by_dept


def test_assistant_beside_and_external_outside(tmp_path: Path) -> None:
    org = bundled()
    page = chart_pages(org, ChartOptions()).pages[0]
    boxes = {b.id: b.rect for b in page.boxes}
    director, helper = boxes["marketing-director"], boxes["marketing-assistant"]
    manager = boxes["market-manager"]
    assert director.bottom < helper.y and helper.bottom < manager.y, "between the superior's row and the next"
    assert helper.x > director.cx
    conn = next(c for c in page.connectors if c.head == "marketing-assistant")
    assert conn.head_side == "left" and conn.points[-1][1] == pytest.approx(helper.cy)
    frames = {f.dept: f.rect for f in page.frames}
    client, gm = frames["marketing-sales"], boxes["general-manager"]
    assert gm.bottom < client.y, "the external general manager is outside the client's frame"


def test_chinese_breaks_at_words(tmp_path: Path) -> None:
    from mktorg.render.chart.words import break_lines

    assert break_lines("地方销售经理（江苏）", 66, 10.5, True) == ("地方销售经理", "（江苏）")
    assert break_lines("销售培训师", 45, 10.5, True) == ("销售", "培训师")
    for width in (30, 45, 60):
        for line in break_lines("渠道开发经理（华南区）、大客户经理", width, 10.5, True)[1:]:
            assert line[0] not in "）、，"
    org_dir = make_org(
        tmp_path,
        {
            "roles/staff.yaml": "title: 地方销售经理（江苏）\ndepartment: dept\nreports_to: boss\nduties: [x]\n",
            "roles/trainer.yaml": "title: 销售培训师\ndepartment: dept\nreports_to: boss\nduties: [x]\n",
        },
    )
    page = chart_pages(load_org(org_dir).org, ChartOptions()).pages[0]
    lines = {b.id: [r.text for line in b.lines for r in line] for b in page.boxes}
    assert "苏）" not in lines["staff"] and "师" not in lines["trainer"]


def test_english_shows_no_chinese(tmp_path: Path) -> None:
    org_dir = make_org(
        tmp_path,
        {
            "org.yaml": "name: {zh: 公司, en: Company}\nlocales: [zh, en]\n"
            "levels: [{zh: 经理, en: Manager}, {zh: 专员, en: Officer}]\n",
            "departments/dept.yaml": "name: {zh: 部门, en: Unit}\nhead: boss\n",
            "roles/boss.yaml": "title: {zh: 经理, en: Head}\ndepartment: dept\nlevel: 经理\nduties: [x]\n",
            "roles/staff.yaml": "title: {zh: 专员, en: Staff Member Responsible For Long Things}\ndepartment: dept\n"
            "reports_to: boss\nlevel: 专员\nheadcount: 3\nvacant: true\nduties: [x]\n",
        },
    )
    page = chart_pages(load_org(org_dir).org, ChartOptions(lang="en")).pages[0]
    texts = [r.text for b in page.boxes for line in b.lines for r in line]
    texts += [r.text for line in page.title for r in line] + [i.text for i in page.legend.items]  # type: ignore[union-attr]
    texts += [r.text for f in page.frames for r in (*f.label, *f.note)]
    assert not [t for t in texts if CJK.search(t)]
    assert "Officer · 3 people · vacant" in " ".join(texts)
    staff = next(b for b in page.boxes if b.id == "staff")
    title_lines = [line for line in staff.lines if line[0].bold]
    assert len(title_lines) >= 2 and all(" " not in line[0].text[:1] for line in title_lines)
    data = chart_pages(bundled(), ChartOptions(lang="en")).pages[0]
    shown = [r.text for b in data.boxes for line in b.lines for r in line]
    assert not [t for t in shown if CJK.search(t)], "levels of the bundled data are translated"


def test_legend_shows_only_what_occurs(tmp_path: Path) -> None:
    org = bundled()
    page = chart_pages(org, ChartOptions()).pages[0]
    legend = [i.text for i in page.legend.items]  # type: ignore[union-attr]
    assert "虚线汇报" in legend and "空缺岗位" in legend and "可选岗位（小公司可不设）" in legend
    plain = make_org(tmp_path, {})
    plain_legend = [i.text for i in chart_pages(load_org(plain).org, ChartOptions()).pages[0].legend.items]  # type: ignore[union-attr]
    assert "虚线汇报" not in plain_legend and "空缺岗位" not in plain_legend
    boxes = {b.id: " ".join(r.text for line in b.lines for r in line) for b in page.boxes}
    assert "3 人" in boxes["customer-service-specialist"] and "若干人" in boxes["promotion-staff"]
    frames = {f.dept: " ".join(r.text for r in (*f.label, *f.note)) for f in page.frames}
    assert "编制 14 人 · 在岗 12+" in frames["market"]


def test_a_box_explains_itself_on_any_page(tmp_path: Path) -> None:
    """A box drawn again on a later page brings every legend key it shows, also those that an
    earlier box of the page it was first drawn on had already brought."""
    from mktorg.render.chart.build import Chart

    files = {
        "roles/other.yaml": "title: 市场助理\ndepartment: dept\nreports_to: boss\nvacant: true\n",
        "roles/staff.yaml": "title: 市场专员\ndepartment: dept\nreports_to: boss\nheadcount: 2\nvacant: true\n",
    }
    chart = Chart(load_org(make_org(tmp_path, files)).org, ChartOptions())
    nodes = {n.id: n for root in chart.forest.roots for n in root.walk()}
    painter = chart.painter
    painter.begin()
    painter.content(nodes["other"])
    painter.content(nodes["staff"])  # first painted when the page already explained vacancy and headcount
    painter.begin()
    painter.content(nodes["staff"])
    assert {"vacant", "headcount"} <= painter.used


def test_concurrent_roles_are_shown(tmp_path: Path) -> None:
    org_dir = make_org(
        tmp_path,
        {
            "roles/staff.yaml": "title: 大区经理\ndepartment: dept\nreports_to: boss\nduties: [x]\n"
            "concurrent: [super]\n",
            "roles/super.yaml": "title: 市场督导\ndepartment: dept\nreports_to: boss\nheadcount: 0\nduties: [x]\n",
        },
    )
    page = chart_pages(load_org(org_dir).org, ChartOptions()).pages[0]
    boxes = {b.id: " ".join(r.text for line in b.lines for r in line) for b in page.boxes}
    assert "兼 市场督导" in boxes["staff"] and "由 大区经理 兼任" in boxes["super"] and "0 人" not in boxes["super"]


def test_titles_of_concurrent_holders_are_never_cut(tmp_path: Path) -> None:
    """由 招商部助理、招商部负责人、副理、招商业务员 兼任 wraps between titles, never inside one
    (the segmenter alone cut it 招商 / 部负责人)."""
    from mktorg.render.chart.words import break_lines

    text = "由 招商部助理、招商部负责人、副理、招商业务员 兼任"
    names = ("招商部助理", "招商部负责人", "副理", "招商业务员")
    org = load_org(ROOT / "examples" / "used-car-merchants").org
    svg = chart_files(org, ChartOptions(), "svg").files[0]
    texts = ["".join(t.itertext()) for t in ET.fromstring(svg).iter(f"{SVG}text")]
    start = next(i for i, t in enumerate(texts) if t.startswith("由 "))
    end = next(i for i in range(start, len(texts)) if texts[i].endswith("兼任"))
    lines = texts[start : end + 1]
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    for name in names:
        assert any(name in line for line in lines), f"{name} cut across lines: {lines}"
    assert "招商部负责人、副理、" in break_lines(text, 110, 9.5, names=names)


def test_theme_from_org_and_file(tmp_path: Path) -> None:
    org_dir = make_org(
        tmp_path,
        {
            "org.yaml": "name: 公司\ntheme: {font: Source Han Sans SC, "
            "colors: {primary: '#112233', vacant: '#aa0000'}}\n"
        },
    )
    dot, _ = run_cli("chart", str(org_dir), "--format", "dot")
    assert 'fontname="Source Han Sans SC"' in dot and "#112233" in dot
    theme = tmp_path / "theme.yaml"
    theme.write_text("font: LXGW WenKai\ncolors: {primary: '#445566'}\n", encoding="utf-8")
    dot, _ = run_cli("chart", str(org_dir), "--format", "dot", "--theme", str(theme))
    assert 'fontname="LXGW WenKai"' in dot and "#445566" in dot and "#112233" not in dot
    theme.write_text("colors: {primary: blue}\n", encoding="utf-8")
    _, err = run_cli("chart", str(org_dir), "--format", "dot", "--theme", str(theme), expect=2)
    assert "colors.primary" in err


def test_color_by_level_is_explained() -> None:
    page = chart_pages(bundled(), ChartOptions(color_by="level")).pages[0]
    legend = [i.text for i in page.legend.items]  # type: ignore[union-attr]
    assert "方框底色：职级" in legend and "总监" in legend and "专员" in legend
    fills = {b.id: b.style.fill for b in page.boxes}
    assert fills["marketing-director"] != fills["sales-rep"]


def test_wide_team_is_stacked(tmp_path: Path) -> None:
    files = {
        f"roles/r{i}.yaml": f"title: 专员{i}\ndepartment: dept\nreports_to: boss\nduties: [执行{i}]\n" for i in range(9)
    }
    org = load_org(make_org(tmp_path, files)).org
    page = chart_pages(org, ChartOptions()).pages[0]
    sides = {c.head: c.head_side for c in page.connectors}
    assert {sides[f"r{i}"] for i in range(9)} == {"left", "right"}
    wide = chart_pages(org, ChartOptions(wide_team=20)).pages[0]
    assert {c.head_side for c in wide.connectors} == {"top"}


def test_left_to_right_keeps_sibling_order() -> None:
    org = bundled()
    page = chart_pages(org, ChartOptions(direction="LR")).pages[0]
    boxes = {b.id: b.rect for b in page.boxes}
    kids = org.reports["sales-manager"]
    ys = [boxes[k].cy for k in kids]
    assert ys == sorted(ys), "siblings top to bottom in order"
    assert boxes["sales-manager"].right < min(boxes[k].x for k in kids)


@needs_dot
def test_svg_keeps_graphviz_structure(tmp_path: Path) -> None:
    out = tmp_path / "org.svg"
    run_cli("chart", str(ROOT / "data"), "-o", str(out))
    root = ET.parse(out).getroot()
    texts = {t.text for t in root.iter(f"{SVG}text")}
    org = bundled()
    for role in org.roles.values():
        assert org.text(role.title) in texts
    titles = [t.text for t in root.iter(f"{SVG}title")]
    assert "cluster_market" in titles and "sales-manager->data-analyst" in titles
    assert b"Generated by graphviz" not in out.read_bytes()


@needs_dot
def test_hostile_svg_is_well_formed(tmp_path: Path) -> None:
    org_dir = make_org(
        tmp_path,
        {
            "roles/staff.yaml": "title: '<script>alert(1)</script> & \"q\" {x} ]]>'\n"
            "department: dept\nreports_to: boss\nduties: [x]\n"
        },
    )
    out = tmp_path / "o.svg"
    run_cli("chart", str(org_dir), "-o", str(out))
    root = ET.parse(out).getroot()
    texts = "".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert "<script>alert(1)</script>" in texts.replace("\xa0", " ") or "alert(1)" in texts
    assert not list(root.iter(f"{SVG}script"))


@needs_dot
def test_png_and_multi_page_pdf(tmp_path: Path) -> None:
    from pypdf import PdfReader

    png, pdf = tmp_path / "org.png", tmp_path / "org.pdf"
    run_cli("chart", str(ROOT / "data"), "-o", str(png))
    data = png.read_bytes()
    assert data.startswith(b"\x89PNG")
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert width > 1000 and height > 300
    run_cli("chart", str(dict(ORGANISATIONS)["generated-300"]), "-o", str(pdf), "--page", "a3")
    reader = PdfReader(pdf)
    assert len(reader.pages) > 1
    for page in reader.pages:
        box = page.mediabox
        assert {round(float(box.width)), round(float(box.height))} == {1191, 842}
    assert re.search(rb"/BaseFont /[A-Z]+\+NotoSansCJKsc-(Regular|Bold)", pdf.read_bytes()), "the CJK font is embedded"
    pages_png = tmp_path / "p.png"
    _, err = run_cli("chart", str(dict(ORGANISATIONS)["generated-300"]), "-o", str(pages_png), "--page", "a4")
    written = sorted(tmp_path.glob("p-*.png"))
    assert len(written) > 1 and "pages" in err
    assert all(f.read_bytes().startswith(b"\x89PNG") for f in written)


@needs_dot
def test_large_png_is_never_silently_capped(tmp_path: Path) -> None:
    big = tmp_path / "big"
    generate(big, 1200)
    out = tmp_path / "big.png"
    _, err = run_cli("chart", str(big), "-o", str(out))
    data = out.read_bytes()
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert max(width, height) <= 32767
    assert "dpi" in err or "too large" in err
    from mktorg.render.chart.graphviz import render

    png = render(build_dot(load_org(big).org, ChartOptions()), "png")  # the way a document asks for it
    assert max(int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")) <= 32767


def test_pptx_is_editable(tmp_path: Path) -> None:
    from pptx import Presentation
    from pptx.oxml.ns import qn

    out = tmp_path / "org.pptx"
    run_cli("chart", str(ROOT / "data"), "-o", str(out))
    deck = Presentation(str(out))
    org = bundled()
    assert deck.slide_width == 960 * 12700 and deck.slide_height == 540 * 12700
    names: dict[str, int] = {}
    texts: dict[str, str] = {}
    glued = 0
    for slide in deck.slides:
        ids = {s.shape_id: s.name for s in slide.shapes}
        for shape in slide.shapes:
            if shape.name in org.roles:
                names[shape.name] = names.get(shape.name, 0) + 1
                texts[shape.name] = shape.text_frame.text
                for run in (r for p in shape.text_frame.paragraphs for r in p.runs):
                    ea = run._r.find(qn("a:rPr")).find(qn("a:ea"))
                    assert ea is not None and ea.get("typeface") == "Noto Sans CJK SC"
            if shape.shape_type == 9 or shape.element.tag == qn("p:cxnSp"):
                start = shape.element.find(".//" + qn("a:stCxn"))
                end = shape.element.find(".//" + qn("a:endCxn"))
                if start is not None and end is not None:
                    assert ids[int(start.get("id"))] + "->" + ids[int(end.get("id"))] == shape.name
                    glued += 1
    assert set(names) == set(org.roles)
    for role_id, role in org.roles.items():
        assert org.text(role.title) in texts[role_id].replace("\n", "")
    assert glued >= len([r for r in org.roles.values() if r.reports_to])


def test_cli_refusals_and_stdout(tmp_path: Path) -> None:
    out, _ = run_cli("chart", str(ROOT / "data"), "--format", "dot")
    assert out.startswith('digraph "page1" {')
    broken = make_org(tmp_path, {"roles/staff.yaml": "title: x\ndepartment: nowhere\n"})
    _, err = run_cli("chart", str(broken), "--format", "dot", expect=1)
    assert "MK101" in err and "--force" in err
    out, _ = run_cli("chart", str(broken), "--format", "dot", "--force")
    assert "digraph" in out
    run_cli("chart", str(broken), "-o", str(broken / "roles" / "x.svg"), "--force", expect=2)
    run_cli("chart", str(ROOT / "data"), "--format", "dot", "--direction", "up", expect=2)
    run_cli("chart", str(ROOT / "data"), "--format", "gif", expect=2)
    run_cli("chart", str(ROOT / "data"), "--format", "dot", "--page", "b5", expect=2)
    _, err = run_cli("chart", str(ROOT / "data"), "--format", "dot", "--root", "nobody", expect=2)
    assert "names no role" in err
    _, err = run_cli("chart", str(ROOT / "data"), "--format", "svg", "--page", "a4", expect=2)
    assert "pages" in err
    run_cli("chart", str(ROOT / "data"), "--format", "pptx", expect=2)


def test_missing_dot_is_one_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    _, err = run_cli("chart", str(ROOT / "data"), "-o", str(tmp_path / "o.svg"), expect=2)
    assert "apt-get install graphviz" in err and len(err.strip().splitlines()) == 1


@needs_dot
def test_paged_svg_pages_fit_and_keep_the_rules(tmp_path: Path) -> None:
    folder = dict(ORGANISATIONS)["generated-300"]
    org = load_org(folder).org
    files = chart_files(org, ChartOptions(page="a4", min_font=6.0), "svg").files
    assert len(files) > 1
    seen: set[str] = set()
    for svg in files:
        root = ET.fromstring(svg)
        assert {root.get("width"), root.get("height")} == {"842pt", "595pt"}
        sizes = [float(t.get("font-size", "0")) for t in root.iter(f"{SVG}text")]
        assert min(sizes) >= 6.0
        boxes, _, _ = check(svg)
        seen |= set(boxes)
    assert seen == set(org.roles)


def test_department_named_like_a_role(tmp_path: Path) -> None:
    org_dir = make_org(
        tmp_path,
        {
            "departments/boss.yaml": "name: 空部门\nparent: dept\n",
        },
    )
    org = load_org(org_dir).org
    assert "boss" in org.roles and "boss" in org.departments
    page = chart_pages(org, ChartOptions()).pages[0]
    ids = [b.id for b in page.boxes]
    assert len(ids) == len(set(ids)) and "department:boss" in ids


def test_hostile_titles_in_powerpoint(tmp_path: Path) -> None:
    from pptx import Presentation

    org_dir = make_org(
        tmp_path,
        {"roles/staff.yaml": 'title: "<b>&\\x07\\u0001 x"\ndepartment: dept\nreports_to: boss\nduties: [x]\n'},
    )
    out = tmp_path / "o.pptx"
    run_cli("chart", str(org_dir), "-o", str(out))
    texts = [s.text_frame.text for s in Presentation(str(out)).slides[0].shapes if s.name == "staff"]
    assert texts == ["<b>& x"]


def test_dotted_lines_without_a_clean_route_become_markers() -> None:
    org = load_org(dict(ORGANISATIONS)["template-matrix"]).org
    page = chart_pages(org, ChartOptions()).pages[0]
    dotted = [(c.tail, c.head) for c in page.connectors if c.dotted]
    relations = [(b, r) for r, role in org.roles.items() for b in role.dotted()]
    legend = page.legend.items  # type: ignore[union-attr]
    marked = [i for i in legend if i.sample == "text" and i.sample_text and i.sample_text in "①②③④"]
    assert len(dotted) + len(marked) == len(relations)
    segments = [(a, b) for c in page.connectors for a, b in zip(c.points, c.points[1:], strict=False) if c.dotted]
    for (a, b), (c, d) in ((s, t) for i, s in enumerate(segments) for t in segments[i + 1 :]):
        same_line = (a[0] == b[0] == c[0] == d[0]) or (a[1] == b[1] == c[1] == d[1])
        if same_line:
            axis = 1 if a[0] == b[0] else 0
            overlap = min(max(a[axis], b[axis]), max(c[axis], d[axis])) - max(
                min(a[axis], b[axis]), min(c[axis], d[axis])
            )
            assert overlap <= 1.0, "two dotted lines share a segment"
    texts = {b.id: " ".join(r.text for line in b.lines for r in line) for b in page.boxes}
    for item in marked:
        assert any(item.sample_text in t for t in texts.values())
        assert "虚线汇报至" in item.text


def test_missing_translations_are_reported() -> None:
    _, err = run_cli("chart", str(ROOT / "examples" / "group-marketing-centre"), "--format", "dot", "--lang", "en")
    assert "9 text(s) have no 'en' translation" in err and "媒介主管" in err
    _, err = run_cli("chart", str(ROOT / "data"), "--format", "dot", "--lang", "en")
    assert "translation" not in err


@needs_dot
@pytest.mark.parametrize(("name", "folder"), ORGANISATIONS, ids=[n for n, _ in ORGANISATIONS])
def test_a_department_is_framed_once_per_superior(name: str, folder: Path) -> None:
    """Roles without a superior (or under one superior) of one department share one frame."""
    from tests.render.chart.svgcheck import frames

    org = load_org(folder).org
    svg = chart_files(org, ChartOptions(), "svg").files[0]
    drawn: dict[str, int] = {}
    for frame in frames(svg):
        dept = frame.id.removeprefix("cluster_").split("~")[0]
        drawn[dept] = drawn.get(dept, 0) + 1
    for dept, count in drawn.items():
        inside = set(org.subtree_departments(dept))
        entries = {
            role.reports_to if role.reports_to in org.roles else None
            for role in org.roles.values()
            if role.department in inside
            and (role.reports_to not in org.roles or org.roles[role.reports_to].department not in inside)
        }
        assert count <= len(entries), f"{dept} framed {count} times, entered from {len(entries)} superior(s)"
    assert not re.search(r"(?<![0-9–])0\+ (人|people)", svg.decode()), "a count of 0+ instead of 若干人"


def test_roles_without_superior_share_their_department_frame() -> None:
    org = load_org(ROOT / "examples" / "tcl-promotion").org
    page = chart_pages(org, ChartOptions()).pages[0]
    assert len(page.frames) == 1
    frame = page.frames[0].rect
    for box in page.boxes:
        assert frame.x < box.rect.x and box.rect.right < frame.right
    assert page.frames[0].note and "若干" in "".join(r.text for r in page.frames[0].note)
    empty = load_org(ROOT / "examples" / "real-estate-centre").org
    page = chart_pages(empty, ChartOptions()).pages[0]
    assert not page.frames, "a department drawn as a box is not framed again"
    assert sorted(b.id for b in page.boxes) == sorted(empty.departments)


def _runs_along(a: tuple[float, float], b: tuple[float, float], rect: object, near: float) -> bool:
    x, y, right, bottom = rect.x, rect.y, rect.right, rect.bottom  # type: ignore[attr-defined]
    if a[1] == b[1]:
        lo, hi = sorted((a[0], b[0]))
        return min(hi, right) - max(lo, x) > 1.0 and min(abs(a[1] - y), abs(a[1] - bottom)) < near
    lo, hi = sorted((a[1], b[1]))
    return min(hi, bottom) - max(lo, y) > 1.0 and min(abs(a[0] - x), abs(a[0] - right)) < near


@pytest.mark.parametrize(("name", "folder"), ORGANISATIONS, ids=[n for n, _ in ORGANISATIONS])
def test_dotted_lines_end_at_their_boxes_clear_of_other_boxes_and_frame_borders(name: str, folder: Path) -> None:
    """A dotted line starts at its superior and ends at its report, and runs along no other box and no frame border."""
    org = load_org(folder).org
    for page in chart_pages(org, ChartOptions()).pages:
        boxes = {b.id: b for b in page.boxes}
        for conn in (c for c in page.connectors if c.dotted):
            head, tail = boxes[conn.head].rect, boxes[conn.tail].rect
            for end, rect in ((conn.points[-1], head), (conn.points[0], tail)):
                on_x = rect.x - 0.01 <= end[0] <= rect.right + 0.01
                on_y = rect.y - 0.01 <= end[1] <= rect.bottom + 0.01
                on_edge = min(
                    abs(end[0] - rect.x), abs(end[0] - rect.right), abs(end[1] - rect.y), abs(end[1] - rect.bottom)
                )
                assert on_x and on_y and on_edge < 0.01, f"{conn.tail}->{conn.head} does not end on its box"
            segments = list(zip(conn.points, conn.points[1:], strict=False))
            for a, b in segments:
                for frame in page.frames:
                    assert not _runs_along(a, b, frame.rect, 3.0), f"{conn.tail}->{conn.head} runs along {frame.dept}"
                for box in page.boxes:
                    if box.id not in (conn.head, conn.tail):
                        assert not _runs_along(a, b, box.rect, 5.5), f"{conn.tail}->{conn.head} runs along {box.id}"


def test_the_dotted_line_of_the_data_analyst_is_a_clean_line_or_a_marker() -> None:
    org = bundled()
    for options in (ChartOptions(), ChartOptions(page="a4"), ChartOptions(page="16:9")):
        for page in chart_pages(org, options).pages:
            box = next((b for b in page.boxes if b.id == "data-analyst"), None)
            if box is None:
                continue
            drawn = [c for c in page.connectors if c.dotted and c.head == "data-analyst"]
            text = "".join(r.text for line in box.lines for r in line)
            assert drawn or "①" in text, "neither a dotted line nor a marker"


def _legend_texts(page: object) -> list[str]:
    legend = page.legend  # type: ignore[attr-defined]
    return [item.text for item in legend.items] if legend is not None else []


def test_department_shades_are_absolute_and_apart_in_print() -> None:
    """A unit has one shade on every page (its level in the department tree), and neighbouring shades differ."""
    org = bundled()
    fills: dict[str, set[str]] = {}
    for options in (ChartOptions(), ChartOptions(page="a4", lang="en"), ChartOptions(page="16:9")):
        for page in chart_pages(org, options).pages:
            for frame in page.frames:
                if not org.departments[frame.dept].external:
                    fills.setdefault(frame.dept, set()).add(frame.style.fill or "")
    assert all(len(f) == 1 for f in fills.values()), fills
    by_level: dict[int, str] = {}
    for dept, fill in fills.items():
        client = [d for d in org.department_chain(dept) if not org.departments[d].external]
        by_level[len(client) - 1] = next(iter(fill))
    reds = [int(by_level[level][1:3], 16) for level in sorted(by_level)]
    assert len(reds) >= 3
    assert all(a - b >= 20 for a, b in itertools.pairwise(reds)), reds


def test_legend_explains_every_count_notation_drawn() -> None:
    """'+', ranges and a unit's total each have a legend line when, and only when, a page shows them."""
    for folder in (ROOT / "data", ROOT / "examples" / "group-marketing-centre", ROOT / "examples" / "tcl-promotion"):
        org = load_org(folder).org
        for options in (ChartOptions(), ChartOptions(page="a4")):
            for page in chart_pages(org, options).pages:
                texts = [r.text for b in page.boxes for line in b.lines for r in line]
                texts += [r.text for f in page.frames for r in f.note]
                legend = " ".join(_legend_texts(page))
                plus = any(re.search(r"[0-9]\+", t) for t in texts)
                ranged = any(re.search(r"[0-9]–[0-9]", t) for t in texts)
                assert plus == ("+ =" in legend), (folder.name, texts)
                assert ranged == ("人数范围" in legend), (folder.name, texts)
                notes = ["".join(r.text for r in f.note) for f in page.frames]
                unit_total = any(re.fullmatch(r"[0-9–+]+ 人|若干人", note) for note in notes)
                assert unit_total == ("部门及下属部门各岗位人数合计" in legend), (folder.name, texts)


def test_departments_view_links_the_heads_superior_and_drops_unrelated_context() -> None:
    org = bundled()
    page = chart_pages(org, ChartOptions(view="departments")).pages[0]
    ids = {b.id for b in page.boxes}
    assert "finance" not in ids, "an external unit no client unit reports to is left out"
    link = [c for c in page.connectors if c.tail == "general-office" and c.head == "marketing-sales"]
    assert link and link[0].pattern == "dashed"
    legend = _legend_texts(page)
    assert "部门负责人的上级所在部门" in legend and "下属部门" in legend


def test_departments_view_says_nothing_twice_and_no_undrawn_line() -> None:
    org = load_org(ROOT / "examples" / "group-marketing-centre").org
    page = chart_pages(org, ChartOptions(view="departments")).pages[0]
    for box in page.boxes:
        texts = ["".join(r.text for r in line) for line in box.lines]
        assert len(texts) == len(set(texts)), f"{box.id} repeats {texts}"
    legend = _legend_texts(page)
    solid = [c for c in page.connectors if c.pattern == "solid"]
    assert ("下属部门" in legend) == bool(solid)


def test_pptx_frame_labels_are_inset_and_legend_rows_level_with_their_symbols(tmp_path: Path) -> None:
    from pptx import Presentation
    from pptx.enum.text import MSO_ANCHOR
    from pptx.util import Pt

    out = tmp_path / "org.pptx"
    run_cli("chart", str(ROOT / "data"), "-o", str(out))
    slide = Presentation(str(out)).slides[0]
    shapes = {s.name: s for s in slide.shapes}
    labels = [s for s in slide.shapes if s.name.startswith("label ")]
    assert labels
    for label in labels:
        frame = shapes["frame " + label.name.removeprefix("label ")]
        assert label.top >= frame.top + Pt(2), f"{label.name} sits on the frame line"
        assert label.left >= frame.left, f"{label.name} starts outside its frame"
        assert label.text_frame.vertical_anchor == MSO_ANCHOR.MIDDLE
    ordered = list(slide.shapes)
    start = next(i for i, s in enumerate(ordered) if s.name == "legend")
    rows = 0
    for i, shape in enumerate(ordered[start:], start):
        if shape.name != "legend text":
            continue
        sample = ordered[i - 1]
        if sample.name in ("legend title", "legend text"):
            continue  # a heading line without a symbol
        text_mid = shape.top + shape.height / 2
        sample_mid = sample.top + sample.height / 2
        assert abs(text_mid - sample_mid) <= Pt(1), f"legend row {shape.text_frame.text} is not level with its symbol"
        assert shape.text_frame.vertical_anchor == MSO_ANCHOR.MIDDLE
        rows += 1
    assert rows >= 5


def _inside(frame: object, box: object) -> bool:
    f, b = frame.rect, box.rect  # type: ignore[attr-defined]
    return f.x <= b.x and b.right <= f.right and f.y <= b.y and b.bottom <= f.bottom


@pytest.mark.parametrize(("name", "folder"), ORGANISATIONS, ids=[n for n, _ in ORGANISATIONS])
def test_a_role_is_inside_a_frame_of_its_department_when_one_is_drawn(name: str, folder: Path) -> None:
    """External roles included: market-building's 市场调研员 stood beside its department's frame,
    which held only 领导 (the frame ends above the client units under 领导)."""
    org = load_org(folder).org
    for options in (ChartOptions(), ChartOptions(direction="LR")):
        for page in chart_pages(org, options).pages:
            for box in page.boxes:
                if box.kind != "role":
                    continue
                own = [f for f in page.frames if f.dept == org.roles[box.id].department]
                assert not own or any(_inside(f, box) for f in own), f"{box.id} outside its department's frame"


def _crosses(a: tuple[float, float], b: tuple[float, float], x0: float, y0: float, x1: float, y1: float) -> bool:
    """Whether the axis-parallel segment a-b passes through the inside of the rectangle."""
    lo_x, hi_x = sorted((a[0], b[0]))
    lo_y, hi_y = sorted((a[1], b[1]))
    return lo_x < x1 and hi_x > x0 and lo_y < y1 and hi_y > y0


@pytest.mark.parametrize(("name", "folder"), ORGANISATIONS, ids=[n for n, _ in ORGANISATIONS])
def test_dotted_lines_keep_out_of_frame_label_bands(name: str, folder: Path) -> None:
    """Not through a frame's name, its count, nor between them (the matrix template's dotted line
    ran along 产品管理部's band between its name and 3 人)."""
    org = load_org(folder).org
    for options in (ChartOptions(), ChartOptions(direction="LR"), ChartOptions(page="a4")):
        for page in chart_pages(org, options).pages:
            for frame in page.frames:
                parts = [frame.label_rect, *([frame.note_rect] if frame.note_rect else [])]
                band = (min(r.x for r in parts), min(r.y for r in parts))
                band += (max(r.right for r in parts), max(r.bottom for r in parts))
                for conn in (c for c in page.connectors if c.dotted):
                    for a, b in itertools.pairwise(conn.points):
                        assert not _crosses(a, b, *band), f"{conn.tail}->{conn.head} runs through {frame.dept}'s label"


def test_a_superiors_reports_are_gathered_by_department_in_one_frame(tmp_path: Path) -> None:
    """Reports of one department that `order` puts apart are drawn side by side in one frame,
    keeping their own order; the first department keeps its place."""
    role = "title: {t}\ndepartment: {d}\nreports_to: boss\norder: {o}\n"
    org_dir = make_org(
        tmp_path,
        {
            "org.yaml": "name: 测试公司市场部\nformat: '1.1'\n",
            "departments/research.yaml": "name: 调研组\nparent: dept\nhead: r1\n",
            "departments/media.yaml": "name: 媒介组\nparent: dept\nhead: m1\n",
            "roles/staff.yaml": None,
            "roles/r1.yaml": role.format(t="调研主管", d="research", o=1),
            "roles/m1.yaml": role.format(t="媒介主管", d="media", o=2),
            "roles/r2.yaml": role.format(t="调研专员", d="research", o=3),
            "roles/m2.yaml": role.format(t="媒介专员", d="media", o=4),
            "roles/r3.yaml": role.format(t="数据专员", d="research", o=5),
        },
    )
    org = load_org(org_dir).org
    assert org.reports["boss"] == ["r1", "m1", "r2", "m2", "r3"]
    for options in (ChartOptions(), ChartOptions(direction="LR")):
        page = chart_pages(org, options).pages[0]
        assert sorted(f.dept for f in page.frames) == ["dept", "media", "research"], "one frame each"
        boxes = {b.id: b.rect for b in page.boxes}
        along = sorted(org.reports["boss"], key=lambda r: (boxes[r].x, boxes[r].y))
        assert along == ["r1", "r2", "r3", "m1", "m2"]
    page = chart_pages(org, ChartOptions(clusters=False)).pages[0]
    boxes = {b.id: b.rect for b in page.boxes}
    stacked = sorted(org.reports["boss"], key=lambda r: (boxes[r].y, boxes[r].x))  # a leaf-only team: two columns
    assert stacked == org.reports["boss"], "without frames: as written"


@pytest.mark.parametrize("name", ["data", "every-key", "generated"])
def test_charts_drawn_one_after_another_are_those_drawn_alone(name: str, tmp_path: Path) -> None:
    """A book draws a hundred charts of one organisation, which keeps what they share (who holds a
    role concurrently, each department's vacancies): each chart is the one drawn on a fresh copy."""
    from tests.helpers import FIXTURES

    if name == "generated":
        generate(tmp_path / "org", 300)
        root = tmp_path / "org"
    else:
        root = ROOT / "data" if name == "data" else FIXTURES / name
    shared = load_org(root).org
    departments = [None, *sorted(shared.departments)]
    for view, dept in itertools.product(("roles", "departments"), departments):
        options = ChartOptions(view=view, root=dept)
        assert build_dot(shared, options) == build_dot(load_org(root).org, options), (view, dept)
    assert {"chart.held_by", "chart.vacancies"} <= set(shared.memo)
