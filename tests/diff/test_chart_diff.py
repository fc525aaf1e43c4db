"""`mktorg chart --diff`: added, moved, changed and removed boxes, new and old lines, a legend, in every format."""

import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from mktorg.diff.compare import compare
from mktorg.load.loader import load_org
from mktorg.render.chart.build import chart_pages
from mktorg.render.chart.diff import BOX, NEW_LINE, OLD_LINE, marked
from mktorg.render.chart.options import ChartOptions
from tests.diff.gitrepo import Repo
from tests.helpers import run_cli
from tests.render.chart.svgcheck import check

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz dot is not installed")
GREEN, ORANGE, BLUE, GREY = (BOX[s].border for s in ("added", "moved", "changed", "removed"))


@contextmanager
def checked_out(repo: Repo, rev: str) -> Iterator[None]:
    """The working tree at `rev` for the duration of the block."""
    repo.git("checkout", "-q", rev)
    try:
        yield
    finally:
        repo.git("checkout", "-q", "main")


def _chart(repo: Repo, *args: str, against: str = "base") -> str:
    with checked_out(repo, "process"):
        out, _ = run_cli("chart", str(repo.org), "--diff", against, "--format", "dot", "--force", *args)
    return out


def _node(dot: str, node: str) -> str:
    found = re.search(rf'^\s*"{re.escape(node)}" \[(.*)\];$', dot, re.M)
    assert found, node
    return found.group(1)


def _edge(dot: str, tail: str, head: str) -> str:
    found = re.search(rf'^\s*"{re.escape(tail)}" -> "{re.escape(head)}" \[(.*)\];$', dot, re.M)
    assert found, f"{tail}->{head}"
    return re.sub(r'pos="[^"]*", ', "", found.group(1))


def _frame(dot: str, dept: str) -> str:
    found = re.search(rf'^\s*subgraph "cluster_{re.escape(dept)}" \{{ graph \[(.*)\]; \}}$', dot, re.M)
    assert found, dept
    return found.group(1)


def _legend(dot: str) -> str:
    found = re.search(r'subgraph "cluster__legend" \{ graph \[(.*)\]; \}', dot)
    assert found
    return found.group(1)


def test_role_chart_marks_every_kind_of_change(repo: Repo, golden) -> None:  # type: ignore[no-untyped-def]
    dot = _chart(repo)
    golden("diff/chart-roles.dot", dot)
    added = _node(dot, "telesales")
    assert f'color="{GREEN}"' in added and f'fillcolor="{BOX["added"].fill}"' in added
    for moved in ("market-planner", "sales-rep", "customer-service-supervisor", "market-analyst"):
        assert f'color="{ORANGE}"' in _node(dot, moved), moved
    assert f'color="{BLUE}"' in _node(dot, "key-account-manager")  # changed in place (vacancy, qualifications)
    assert f'color="{BLUE}"' not in _node(dot, "market-manager")  # unchanged: drawn as usual
    assert "#2e7d32" not in _node(dot, "market-manager") and "#ef6c00" not in _node(dot, "market-manager")
    ghost = _node(dot, "pricing-specialist")  # removed: faded, dashed, struck through, said, at its old place
    assert "dashed" in ghost and "<S><B>价格管理专员</B></S>" in ghost and ">已删除<" in ghost
    assert _edge(dot, "market-manager", "pricing-specialist") == 'color="#aab2bf", penwidth=1.5, style=dotted'
    assert _edge(dot, "sales-manager", "sales-rep") == f'color="{ORANGE}", penwidth=2'  # the new line
    assert _edge(dot, "sales-manager", "telesales") == f'color="{ORANGE}", penwidth=2'  # an added role's line
    assert _edge(dot, "regional-sales-supervisor", "sales-rep") == 'color="#aab2bf", penwidth=1.5, style=dotted'
    assert "penwidth=1," in _edge(dot, "market-manager", "research-supervisor") + ","  # unchanged line
    research = _node(dot, "market-research")  # the removed department, whose roles moved: a box of its own
    assert "<S>" in research and ">已删除<" in research and "未设岗位" not in research
    assert f'color="{BLUE}"' in _frame(dot, "market")  # its functions and budget changed
    assert ">15 人<" in _frame(dot, "market")  # the new count: the removed role is in no count
    assert f'color="{BLUE}"' not in _frame(dot, "brand-promotion")  # only its people roll-up changed
    legend = _legend(dot)
    words = ("变更（与 base (", "新增", "调整位置或上级", "内容变更", "已删除（原位置）", "新的汇报线", "原汇报线")
    assert all(word in legend for word in words), legend


def test_department_chart_marks_parents_and_removed_departments(repo: Repo, golden) -> None:  # type: ignore[no-untyped-def]
    dot = _chart(repo, "--view", "departments")
    golden("diff/chart-departments.dot", dot)
    assert f'color="{GREEN}"' in _node(dot, "telesales-team")
    assert f'color="{ORANGE}"' in _node(dot, "customer-service")
    assert f'color="{BLUE}"' in _node(dot, "channel-mgmt")  # renamed (file and name)
    gone = _node(dot, "market-research")
    assert "<S>" in gone and ">已删除<" in gone and "dashed" in gone
    assert _edge(dot, "market", "market-research") == 'color="#aab2bf", penwidth=1.5, style=dotted'
    assert _edge(dot, "marketing-sales", "customer-service") == f'color="{ORANGE}", penwidth=2'
    assert _edge(dot, "sales", "customer-service") == 'color="#aab2bf", penwidth=1.5, style=dotted'
    assert ">市场部经理 · 15 人<" in _node(dot, "market")  # the new count, the removed role not in it
    legend = _legend(dot)
    assert "新的隶属关系" in legend and "原隶属关系" in legend and "汇报线" not in legend


def test_english_legend(repo: Repo) -> None:
    dot = _chart(repo, "--lang", "en")
    legend = _legend(dot)
    for word in ("Changes since base (", "added", "moved (department, superior or parent)", "old reporting line"):
        assert word in legend
    assert ">removed<" in _node(dot, "pricing-specialist")
    assert not re.search(r"[\u4e00-\u9fff]", legend)


def test_a_folder_gives_the_same_marks_as_the_revision(repo: Repo, tmp_path: Path) -> None:
    folder = repo.export("base", tmp_path / "old")
    by_revision = _chart(repo)
    by_folder = _chart(repo, against=str(folder))
    assert "变更（与 base (" in _legend(by_revision) and f"变更（与 {folder} 相比）" in _legend(by_folder)

    def drawing(dot: str) -> list[str]:  # boxes, frames and lines: all but the legend (and the page around it)
        return [line for line in dot.splitlines() if "cluster__legend" not in line and "cluster__page" not in line]

    assert drawing(by_folder) == drawing(by_revision)


def test_nothing_changed_draws_the_plain_chart(repo: Repo) -> None:
    with checked_out(repo, "base"):
        plain, _ = run_cli("chart", str(repo.org), "--format", "dot")
        same, _ = run_cli("chart", str(repo.org), "--diff", "HEAD", "--format", "dot")
    assert same == plain


def test_chart_diff_refuses_an_erroneous_new_version(repo: Repo) -> None:
    with checked_out(repo, "process"):
        _, err = run_cli("chart", str(repo.org), "--diff", "base", "--format", "dot", expect=1)
    assert "MK401" in err and "--force" in err


def test_chart_diff_errors_are_one_line(repo: Repo, tmp_path: Path) -> None:
    _, err = run_cli("chart", str(repo.org), "--diff", "no-such-rev", "--format", "dot", expect=2)
    assert "no-such-rev" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    outside = tmp_path / "outside"
    shutil.copytree(repo.org, outside)
    _, err = run_cli("chart", str(outside), "--diff", "HEAD", "--format", "dot", expect=2)
    assert "not in a git repository" in err and "Traceback" not in err


def test_pages_carry_the_marks_and_each_legend_names_what_its_page_shows(repo: Repo) -> None:
    with checked_out(repo, "process"):
        old, new = load_org(repo.export("base", repo.path.parent / "pages-old")), load_org(repo.org)
    drawn, marks = marked(old.org, new.org, compare(old, new), "base")
    pages = chart_pages(drawn, ChartOptions(page="a4", min_font=9.0, marks=marks)).pages
    assert len(pages) > 1
    boxes = {b.id: b for p in pages for b in p.boxes}
    assert boxes["telesales"].style == BOX["added"] and boxes["pricing-specialist"].style == BOX["removed"]
    for page in pages:
        assert page.legend is not None
        shown = {i.text for i in page.legend.items}
        styles = {b.style.border for b in page.boxes} | {f.style.border for f in page.frames}
        for status, words in (("added", "新增"), ("moved", "调整位置或上级"), ("removed", "已删除（原位置）")):
            assert (words in shown) == (BOX[status].border in styles), (page.number, status)
        lines = {(c.color, c.pattern) for c in page.connectors}
        assert ("新的汇报线" in shown) == ((NEW_LINE.border, "solid") in lines), page.number
        assert ("原汇报线" in shown) == ((OLD_LINE.border, "dotted") in lines), page.number


@needs_dot
def test_svg_png_and_pdf_show_the_marks(repo: Repo, tmp_path: Path) -> None:
    from PIL import Image
    from pypdf import PdfReader

    with checked_out(repo, "process"):
        svg, _ = run_cli("chart", str(repo.org), "--diff", "base", "--force")
        for suffix in ("png", "pdf"):
            run_cli("chart", str(repo.org), "--diff", "base", "--force", "-o", str(tmp_path / f"chart.{suffix}"))
    boxes, edges, _ = check(svg.encode("utf-8"))  # no overlaps, no line through a box, frames nest
    assert {"pricing-specialist", "telesales", "market-research"} <= set(boxes)
    dotted = {(e.tail, e.head) for e in edges if e.dashed}
    assert {("regional-sales-supervisor", "sales-rep"), ("market-manager", "pricing-specialist")} <= dotted
    assert 'text-decoration="line-through"' in svg and "已删除（原位置）" in svg
    image = Image.open(tmp_path / "chart.png").convert("RGB")
    colours = {colour for _, colour in image.getcolors(maxcolors=1 << 20) or []}
    for status in ("added", "moved", "changed"):
        assert _rgb(BOX[status].border) in colours, status
    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "chart.pdf").pages)
    assert all(word in text.replace(" ", "") for word in ("价格管理专员", "已删除", "新增", "原汇报线"))


def test_powerpoint_shows_the_marks(repo: Repo, tmp_path: Path) -> None:
    from pptx import Presentation
    from pptx.enum.dml import MSO_LINE_DASH_STYLE
    from pptx.oxml.ns import qn

    out = tmp_path / "chart.pptx"
    with checked_out(repo, "process"):
        run_cli("chart", str(repo.org), "--diff", "base", "--force", "-o", str(out))
    shapes = {s.name: s for slide in Presentation(str(out)).slides for s in slide.shapes}
    assert str(shapes["telesales"].line.color.rgb) == GREEN.lstrip("#").upper()
    ghost = [r for p in shapes["pricing-specialist"].text_frame.paragraphs for r in p.runs]
    assert [(r.text, r._r.get_or_add_rPr().get("strike")) for r in ghost] == [
        ("价格管理专员", "sngStrike"),
        ("已删除", None),
    ]
    new = shapes["sales-manager->sales-rep"]
    assert str(new.line.color.rgb) == ORANGE.lstrip("#").upper() and new.line.width.pt == 2.0
    assert new.element.find(".//" + qn("a:stCxn")) is not None  # a reporting line stays glued to its boxes
    old = shapes["regional-sales-supervisor->sales-rep"]
    assert old.line.dash_style == MSO_LINE_DASH_STYLE.ROUND_DOT
    assert old.element.find(".//" + qn("a:stCxn")) is None  # routed around the boxes, not glued


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)
