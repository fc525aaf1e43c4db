"""Round trips: export → import into an empty folder gives the same roster; import of an unchanged
workbook into a commented organisation changes no byte."""

import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mktorg.edit.yamledit import render_new
from mktorg.lint.engine import lint
from mktorg.load.loader import load_org
from mktorg.model.organization import Organization
from mktorg.render.xlsx import workbook
from tests.helpers import ROOT, run_cli

EXAMPLES = sorted(p.parent for p in (ROOT / "examples").glob("*/org.yaml"))
LEVELS = ["总监", "经理", "专员"]
GRADES = {"M1": {"name": "经理级", "min": 15000, "max": 22000}, "P1": {"name": "专员级", "min": 5000, "max": 8000}}

_letters = st.characters(blacklist_categories=("Cs",), max_codepoint=0x2FFFF)
_risky = st.sampled_from(['=HYPERLINK("x")', "+1", "-1", "@SUM(A1)", "\tTab", "\r回车", "NO", "010", "3", "1.5"])
_text = st.one_of(
    st.text(_letters, min_size=1, max_size=10).filter(lambda s: any(ch.isprintable() and not ch.isspace() for ch in s)),
    _risky,
    st.sampled_from(["市场部经理", "品牌推广主管", "Key Account 经理", "营销内勤（兼）"]),
)


@st.composite
def organisations(draw: Any) -> dict[str, Any]:
    """Files of a random organisation that lints without errors."""
    depts: dict[str, dict[str, Any]] = {}
    for i in range(draw(st.integers(1, 4))):
        dept: dict[str, Any] = {"name": draw(_text)}
        if i and draw(st.booleans()):
            dept["parent"] = f"d{draw(st.integers(0, i - 1))}"
        if draw(st.booleans()):
            dept["headcount_budget"] = draw(st.integers(40, 60))
        if draw(st.booleans()):
            dept["external"] = True
        depts[f"d{i}"] = dept
    roles: dict[str, dict[str, Any]] = {}
    count = draw(st.integers(1, 8))
    for i in range(count):
        role: dict[str, Any] = {"title": draw(_text), "department": f"d{draw(st.integers(0, len(depts) - 1))}"}
        if i and draw(st.booleans()):
            role["reports_to"] = f"r{draw(st.integers(0, i - 1))}"
        others = [f"r{j}" for j in range(count) if j != i and f"r{j}" != role.get("reports_to")]
        if others and draw(st.booleans()):
            role["dotted_to"] = draw(st.lists(st.sampled_from(others), min_size=1, max_size=2, unique=True))
        headcount = draw(st.one_of(st.integers(0, 3), st.just("N"), st.just({"min": 0, "max": 3})))
        if headcount != 1:
            role["headcount"] = headcount
        role["employment"] = draw(st.sampled_from(["full_time", "part_time", "intern", "outsourced"]))
        for key, values in (("level", LEVELS), ("grade", list(GRADES))):
            if draw(st.booleans()):
                role[key] = draw(st.sampled_from(values))
        if draw(st.booleans()):
            role["code"] = draw(_text) + f"#{i}"
        for key in ("vacant", "optional", "external"):
            if draw(st.booleans()):
                role[key] = True
        roles[f"r{i}"] = role
    for dept_id, dept in depts.items():
        members = [r for r, role in roles.items() if role["department"] == dept_id]
        if members and draw(st.booleans()):
            dept["head"] = draw(st.sampled_from(members))
    return {"departments": depts, "roles": roles}


def _write(root: Path, files: dict[str, Any]) -> None:
    (root / "departments").mkdir(parents=True)
    (root / "roles").mkdir()
    org = {"name": "随机组织", "levels": LEVELS, "grades": GRADES, "lint": {"rules": {"MK2": "off", "MK5": "off"}}}
    (root / "org.yaml").write_text(render_new(org), encoding="utf-8")
    for kind in ("departments", "roles"):
        for id_, data in files[kind].items():
            (root / kind / f"{id_}.yaml").write_text(render_new(data), encoding="utf-8")


ROSTER_FIELDS = ("title", "department", "reports_to", "dotted", "headcount", "employment", "level", "grade", "code")
FLAGS = ("vacant", "optional", "external")


def _roster(org: Organization) -> dict[str, Any]:
    roles = {
        role_id: (
            org.text(role.title),
            role.department,
            role.reports_to,
            role.dotted(),
            role.headcount,
            role.employment,
            role.level,
            role.grade,
            role.code,
            *(getattr(role, flag) for flag in FLAGS),
        )
        for role_id, role in org.roles.items()
    }
    depts = {
        d: (org.text(dept.name), dept.parent, dept.head, dept.headcount_budget, dept.external)
        for d, dept in org.departments.items()
    }
    return {"roles": roles, "departments": depts, "levels": org.settings.level_names(), "grades": org.settings.grades}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(organisations())
def test_export_import_gives_the_same_roster(files: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "org"
        _write(root, files)
        loaded = load_org(root)
        assert not [d for d in lint(loaded).diagnostics if d.severity.value == "error"]
        sheet = Path(tmp) / "design.xlsx"
        sheet.write_bytes(workbook(loaded.org))
        target = Path(tmp) / "new"
        run_cli("import", str(sheet), "-o", str(target))
        assert _roster(load_org(target).org) == _roster(loaded.org)
        # and importing the same workbook again, now into the organisation it came from, changes nothing
        _, err = run_cli("import", str(sheet), "-o", str(root))
        assert "nothing to change" in err


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.name for e in EXAMPLES])
def test_every_example_round_trips(example: Path, tmp_path: Path) -> None:
    org = load_org(example).org
    sheet = tmp_path / "design.xlsx"
    run_cli("export", str(example), "--format", "xlsx", "-o", str(sheet))
    run_cli("import", str(sheet), "-o", str(tmp_path / "new"))
    imported = load_org(tmp_path / "new").org
    assert _roster(imported)["roles"] == _roster(org)["roles"]
    assert _roster(imported)["departments"] == _roster(org)["departments"]
    copy = tmp_path / "copy"
    shutil.copytree(example, copy)
    before = {p: p.read_bytes() for p in copy.rglob("*.yaml")}
    _, err = run_cli("import", str(sheet), "-o", str(copy))
    assert "nothing to change" in err
    assert {p: p.read_bytes() for p in copy.rglob("*.yaml")} == before


def test_an_edited_workbook_changes_only_the_edited_values(tmp_path: Path) -> None:
    """Titles and a department changed in Excel: only those values change in the YAML, comments stay."""
    from openpyxl import load_workbook

    copy = tmp_path / "data"
    shutil.copytree(ROOT / "data", copy)
    sheet = tmp_path / "design.xlsx"
    run_cli("export", str(copy), "--format", "xlsx", "-o", str(sheet))
    book = load_workbook(sheet)
    roster = book["岗位清单"]
    for row in roster.iter_rows(min_row=2):
        if row[1].value == "data-analyst":
            row[2].value = "数据分析师"
            row[10].value, row[11].value = 1, 2
        if row[1].value == "sales-rep":
            row[14].value = "是"
    book.save(sheet)
    before = {p.relative_to(copy).as_posix(): p.read_text(encoding="utf-8") for p in copy.rglob("*.yaml")}
    run_cli("import", str(sheet), "-o", str(copy))
    after = {p.relative_to(copy).as_posix(): p.read_text(encoding="utf-8") for p in copy.rglob("*.yaml")}
    changed = {p for p in before if before[p] != after[p]}
    assert changed == {"roles/market/data-analyst.yaml", "roles/sales/sales-rep.yaml"}
    old, new = before["roles/market/data-analyst.yaml"], after["roles/market/data-analyst.yaml"]
    expected = old.replace("{zh: 数据分析专员, en: Data Analyst}", "{zh: 数据分析师, en: Data Analyst}")
    assert new == expected.replace("level: 专员", "headcount: {min: 1, max: 2}\nlevel: 专员")
    assert "# 虚线: monthly sales analysis for the sales department" in new
    assert "vacant: true" in after["roles/sales/sales-rep.yaml"]
