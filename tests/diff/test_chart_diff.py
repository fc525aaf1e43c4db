"""`mktorg chart --diff`: added, moved, changed and removed boxes, new and old lines, a legend."""

import re
import shutil
import xml.etree.ElementTree as ET

import pytest
from gitrepo import Repo

from helpers import run_cli

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz dot is not installed")


def _chart(repo: Repo, *args: str) -> str:
    repo.git("checkout", "-q", "process")
    try:
        out, _ = run_cli("chart", str(repo.org), "--diff", "base", "--format", "dot", "--force", *args)
    finally:
        repo.git("checkout", "-q", "main")
    return out


def _node(dot: str, node: str) -> str:
    found = re.search(rf'^\s*"{re.escape(node)}" \[(.*)\];$', dot, re.M)
    assert found, node
    return found.group(1)


def test_role_chart_marks_every_kind_of_change(repo: Repo, golden) -> None:  # type: ignore[no-untyped-def]
    dot = _chart(repo)
    golden("diff/chart-roles.dot", dot)
    assert 'color="#2e7d32"' in _node(dot, "telesales")  # added
    for moved in ("market-planner", "sales-rep", "customer-service-supervisor", "market-analyst"):
        assert 'color="#ef6c00"' in _node(dot, moved), moved
    assert 'color="#1565c0"' in _node(dot, "key-account-manager")  # changed in place (vacancy, qualifications)
    ghost = _node(dot, "pricing-specialist")  # removed: faded, struck through, at its old place
    assert "dashed" in ghost and "<s>" in ghost
    assert re.search(r'"market-manager" -> "pricing-specialist" \[style=dashed', dot)
    assert '"sales-manager" -> "sales-rep" [color="#ef6c00", penwidth=2]' in dot  # the new line
    assert (
        '"regional-sales-supervisor" -> "sales-rep" [style=dotted, color="#aab2bf", penwidth=1.5, constraint=false]'
        in dot
    )
    assert '"market-manager" [' in dot and 'color="#ef6c00"' not in _node(dot, "market-manager")
    legend = _node(dot, "mktorg-legend")
    assert all(word in legend for word in ("新增", "调整位置或上级", "内容变更", "已删除", "新的汇报线", "原汇报线"))
    assert "base (" in legend


def test_department_chart_marks_parents_and_removed_departments(repo: Repo, golden) -> None:  # type: ignore[no-untyped-def]
    dot = _chart(repo, "--view", "departments")
    golden("diff/chart-departments.dot", dot)
    assert 'color="#2e7d32"' in _node(dot, "telesales-team")
    assert 'color="#ef6c00"' in _node(dot, "customer-service")
    assert "<s>" in _node(dot, "market-research") and '"market" -> "market-research" [style=dashed' in dot
    assert '"marketing-sales" -> "customer-service" [color="#ef6c00", penwidth=2]' in dot
    assert '"sales" -> "customer-service" [style=dotted, color="#aab2bf", penwidth=1.5, constraint=false]' in dot
    assert ">15<" in _node(dot, "market")  # the new count, removed roles not in it


def test_nothing_changed_draws_the_plain_chart(repo: Repo) -> None:
    repo.git("checkout", "-q", "base")
    try:
        plain, _ = run_cli("chart", str(repo.org), "--format", "dot")
        same, _ = run_cli("chart", str(repo.org), "--diff", "HEAD", "--format", "dot")
    finally:
        repo.git("checkout", "-q", "main")
    assert same == plain


def test_chart_diff_refuses_an_erroneous_new_version(repo: Repo) -> None:
    repo.git("checkout", "-q", "process")
    try:
        _, err = run_cli("chart", str(repo.org), "--diff", "base", "--format", "dot", expect=1)
    finally:
        repo.git("checkout", "-q", "main")
    assert "MK401" in err and "--force" in err


@needs_dot
def test_chart_diff_svg_has_every_box(repo: Repo) -> None:
    repo.git("checkout", "-q", "process")
    try:
        out, _ = run_cli("chart", str(repo.org), "--diff", "base", "--force")
    finally:
        repo.git("checkout", "-q", "main")
    svg = ET.fromstring(out)
    titles = {t.text for t in svg.iter("{http://www.w3.org/2000/svg}title")}
    assert {"pricing-specialist", "telesales", "mktorg-legend", "sales-manager->sales-rep"} <= titles
    assert "价格管理专员" in out and "已删除（原位置）" in out
