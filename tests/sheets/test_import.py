"""`mktorg import`: every bad cell a diagnostic at its address, nothing written; good sheets create or update."""

import datetime
import hashlib
import json
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from mktorg.load.loader import load_org
from mktorg.sheets.layout import ROSTER_COLUMNS
from tests.helpers import ROOT, make_org, run_cli

HEAD = [c.zh for c in ROSTER_COLUMNS]
COL = {c.key: i for i, c in enumerate(ROSTER_COLUMNS)}


def _row(**values: object) -> list[object]:
    row: list[object] = [None] * len(ROSTER_COLUMNS)
    for key, value in values.items():
        row[COL[key]] = value
    return row


def _good_rows() -> list[list[object]]:
    return [
        _row(id="boss", title="经理", department="dept"),
        _row(id="staff", title="专员", department="dept", reports_to="boss", headcount_min=2, headcount_max=2),
    ]


def _workbook(path: Path, rows: list[list[object]], head: list[str] | None = None) -> Workbook:
    book = Workbook()
    sheet = book.active
    sheet.title = "岗位清单"
    sheet.append(head if head is not None else HEAD)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return book


def _snapshot(folder: Path) -> dict[str, str]:
    if not folder.exists():
        return {}
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _import_fails(tmp_path: Path, sheet: Path, code: str, cell: str) -> dict[str, object]:
    org = make_org(tmp_path, {})
    before = _snapshot(org)
    out, err = run_cli("import", str(sheet), "-o", str(org), "--format", "json", expect=1)
    assert "nothing was written" in err
    assert _snapshot(org) == before
    report = json.loads(out)
    found = [d for d in report["diagnostics"] if d["code"] == code]
    assert found, report
    assert any(d["message"].startswith(cell) for d in found), found
    return found[0]  # type: ignore[no-any-return]


def test_empty_sheet(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    book = Workbook()
    book.active.title = "岗位清单"
    book.save(path)
    _import_fails(tmp_path, path, "MK071", "岗位清单!A1")


def test_header_without_rows(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    _workbook(path, [])
    _import_fails(tmp_path, path, "MK071", "岗位清单!A2")


def test_missing_column(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    _workbook(path, [["经理", "boss"]], head=["岗位名称", "岗位ID"])
    diagnostic = _import_fails(tmp_path, path, "MK072", "岗位清单!A1")
    assert "部门ID" in str(diagnostic["message"])


def test_duplicate_id(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    _workbook(path, [*_good_rows(), _row(id="Staff", title="专员二", department="dept")])
    diagnostic = _import_fails(tmp_path, path, "MK076", "岗位清单!B4")
    assert "row 3" in str(diagnostic["message"])


def test_unknown_department(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    _workbook(path, [*_good_rows(), _row(title="新岗位", department="nowhere")])
    _import_fails(tmp_path, path, "MK077", "岗位清单!E4")
    _workbook(path, [*_good_rows(), _row(title="新岗位", department_path="不存在的部门")])
    _import_fails(tmp_path / "b", path, "MK077", "岗位清单!D4")


def test_bad_headcount(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    _workbook(path, [*_good_rows(), _row(title="新岗位", department="dept", headcount_min="三")])
    diagnostic = _import_fails(tmp_path, path, "MK073", "岗位清单!K4")
    assert diagnostic["line"] == 4 and diagnostic["column"] == 11
    assert "digits" in str(diagnostic["hint"])


def test_merged_cells(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    book = _workbook(path, [*_good_rows(), _row(title="新岗位", department="dept")])
    book.active.merge_cells("E3:E4")
    book.save(path)
    _import_fails(tmp_path, path, "MK075", "岗位清单!E3:E4")


def test_formula_cell(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    _workbook(path, [*_good_rows(), _row(title="新岗位", department='=LOWER("DEPT")')])
    diagnostic = _import_fails(tmp_path, path, "MK074", "岗位清单!E4")
    assert "formula" in str(diagnostic["message"])


def test_date_where_text_goes(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    _workbook(path, [*_good_rows(), _row(title="新岗位", department="dept", code=datetime.datetime(2024, 3, 1))])
    diagnostic = _import_fails(tmp_path, path, "MK073", "岗位清单!A4")
    assert "2024-03-01" in str(diagnostic["message"])


def test_ten_thousand_rows_with_one_bad_cell(tmp_path: Path) -> None:
    rows = [_row(id="boss", title="经理", department="dept")]
    rows += [_row(id=f"r{i}", title=f"岗位{i}", department="dept", reports_to="boss") for i in range(9_998)]
    rows.append(_row(id="last", title="最后", department="dept", headcount_max="几个", headcount_min=1))
    path = tmp_path / "big.xlsx"
    _workbook(path, rows)
    _import_fails(tmp_path, path, "MK073", "岗位清单!L10001")


def test_every_error_of_a_sheet_in_one_run(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    rows = [
        *_good_rows(),
        _row(title="甲", department="dept", vacant="也许"),
        _row(title="乙", department="dept", employment="临时"),
    ]
    _workbook(path, rows)
    org = make_org(tmp_path, {})
    out, _ = run_cli("import", str(path), "-o", str(org), expect=1)
    assert "岗位清单!O4" in out and "岗位清单!N5" in out
    assert "MK073" in out and "hint:" in out


def test_unreadable_files(tmp_path: Path) -> None:
    org = make_org(tmp_path, {})
    bad = tmp_path / "x.xlsx"
    bad.write_bytes(b"not a zip")
    out, _ = run_cli("import", str(bad), "-o", str(org), expect=1)
    assert "MK070" in out
    gbk = tmp_path / "x.csv"
    gbk.write_bytes("岗位名称,部门ID\n经理,dept\n".encode("gb18030"))
    out, _ = run_cli("import", str(gbk), "-o", str(org), expect=1)
    assert "MK070" in out and "gb18030" in out
    _, err = run_cli("import", str(gbk), "-o", str(org), "--encoding", "gb18030", "--dry-run")
    assert "would change" in err


def test_csv_creates_roles_with_pinyin_ids(tmp_path: Path) -> None:
    org = make_org(tmp_path, {})
    csv_file = tmp_path / "roster.csv"
    rows = "岗位名称,所属部门,直接上级\n市场部经理,市场部,\n推广主管,市场部,市场部经理\n推广主管,市场部,市场部经理\n"
    csv_file.write_text(rows, encoding="utf-8-sig")
    out, _ = run_cli("import", str(csv_file), "-o", str(org))
    assert "MK079" in out  # staff is not in the sheet
    roles = load_org(org).org.roles
    assert {"boss", "staff", "tuiguang-zhuguan", "tuiguang-zhuguan-2"} == set(roles)
    assert roles["tuiguang-zhuguan-2"].reports_to == "boss"
    assert roles["tuiguang-zhuguan"].department == "dept"


def test_import_into_a_commented_organisation_keeps_every_other_byte(tmp_path: Path) -> None:
    text = (
        "# 经理岗位 — 手写注释\n"
        "title: 经理   # 行尾注释\n"
        "department: dept\n"
        "duties: [负责,协调]   # flow list kept as written\n"
        "authorities:\n"
        "- 审批权   # block list without indent\n"
    )
    org = make_org(tmp_path, {"roles/boss.yaml": text})
    path = tmp_path / "x.xlsx"
    rows = [
        _row(id="boss", title="部门经理", department="dept", headcount_min=1, headcount_max=2, vacant="是"),
        _row(id="staff", title="市场专员", department="dept", reports_to="boss", headcount_min=2),
        _row(title="新增专员", department="dept", reports_to="boss"),
    ]
    _workbook(path, rows)
    staff_before = (org / "roles" / "staff.yaml").read_bytes()
    run_cli("import", str(path), "-o", str(org))
    after = (org / "roles" / "boss.yaml").read_text(encoding="utf-8")
    assert after == (
        "# 经理岗位 — 手写注释\n"
        "title: 部门经理   # 行尾注释\n"
        "department: dept\n"
        "headcount: {min: 1, max: 2}\n"
        "vacant: true\n"
        "duties: [负责,协调]   # flow list kept as written\n"
        "authorities:\n"
        "- 审批权   # block list without indent\n"
    )
    assert (org / "roles" / "staff.yaml").read_bytes() == staff_before
    assert load_org(org).org.roles["xinzeng-zhuanyuan"].reports_to == "boss"


def test_missing_roles_are_kept_unless_asked(tmp_path: Path) -> None:
    org = make_org(tmp_path, {})
    path = tmp_path / "x.xlsx"
    _workbook(path, [_row(id="boss", title="经理", department="dept")])
    out, _ = run_cli("import", str(path), "-o", str(org))
    assert "MK079" in out and "roles/staff.yaml" in out
    assert (org / "roles" / "staff.yaml").is_file()
    run_cli("import", str(path), "-o", str(org), "--delete-missing")
    assert not (org / "roles" / "staff.yaml").exists()


def test_a_result_with_new_lint_errors_is_refused(tmp_path: Path) -> None:
    org = make_org(tmp_path, {})
    path = tmp_path / "x.xlsx"
    _workbook(
        path,
        [
            *_good_rows(),
            _row(title="另一经理", department="dept", code="A"),
            _row(title="又一", department="dept", code="B"),
        ],
    )
    before = _snapshot(org)
    # boss's department head moves away when boss is deleted and staff reports to it: MK102
    _workbook(path, [_row(id="staff", title="专员", department="dept", reports_to="boss")])
    _, err = run_cli("import", str(path), "-o", str(org), "--delete-missing", expect=1)
    assert "refused" in err and "MK102" in err
    assert _snapshot(org) == before


def test_template_round_trip(tmp_path: Path) -> None:
    template = tmp_path / "t.xlsx"
    run_cli("import", "--template", str(template), "-o", str(ROOT / "data"))
    book = load_workbook(template)
    sheet = book["岗位清单"]
    assert [c.value for c in sheet[1]] == HEAD
    assert all(str(c.value).startswith("说明") for c in sheet[2] if c.value)
    lists = {str(dv.sqref)[0]: dv.formula1 for dv in sheet.data_validations.dataValidation}
    assert "部门" in lists["D"]  # departments from the departments sheet
    assert "全职" in lists["N"]
    assert "总监" in lists["I"]  # the level ladder of data/org.yaml
    assert book["部门"]["B3"].value  # the departments are listed for the drop-down
    sheet.append(_row(title="活动策划", department_path="市场部", reports_to_title="市场部经理", employment="兼职"))
    book.save(template)
    org = tmp_path / "org"
    import shutil

    shutil.copytree(ROOT / "data", org)
    _out, _ = run_cli("import", str(template), "-o", str(org))
    role = load_org(org).org.roles["huodong-cehua"]
    assert (role.department, role.reports_to, role.employment) == ("market", "market-manager", "part_time")


@pytest.mark.parametrize("bad", ["是的", "2"])
def test_yes_no_cells(tmp_path: Path, bad: str) -> None:
    path = tmp_path / "x.xlsx"
    _workbook(path, [*_good_rows(), _row(title="甲", department="dept", optional=bad)])
    _import_fails(tmp_path, path, "MK073", "岗位清单!P4")


def test_a_name_that_disagrees_with_its_id_is_a_warning(tmp_path: Path) -> None:
    org = make_org(tmp_path, {})
    path = tmp_path / "x.xlsx"
    _workbook(path, [_row(id="boss", title="市场部经理", department="dept", department_path="销售部")])
    out, _ = run_cli("import", str(path), "-o", str(org), "--dry-run")
    assert "MK078" in out and "岗位清单!D2" in out and "the id is used" in out


def test_every_import_code_has_a_case_here() -> None:
    from mktorg.lint.rules import RULES

    text = Path(__file__).read_text(encoding="utf-8")
    codes = [code for code in RULES if code.startswith("MK07")]
    assert len(codes) == 10
    assert [code for code in codes if f'"{code}"' not in text] == []


def test_an_english_workbook_imports(tmp_path: Path) -> None:
    """English headers (Department = the path, Department ID = the id) and words (Yes, Part-time)."""
    sheet = tmp_path / "en.xlsx"
    run_cli("export", str(ROOT / "data"), "--format", "xlsx", "--lang", "en", "-o", str(sheet))
    run_cli("import", str(sheet), "-o", str(tmp_path / "new"), "--lang", "en")
    original, imported = load_org(ROOT / "data").org, load_org(tmp_path / "new").org
    for role_id, role in original.roles.items():
        again = imported.roles[role_id]
        assert (again.department, again.reports_to, again.headcount, again.employment, again.vacant) == (
            role.department,
            role.reports_to,
            role.headcount,
            role.employment,
            role.vacant,
        )
        assert again.title == {"en": original.text(role.title, "en")}


def test_departments_sheet_creates_and_updates_by_name(tmp_path: Path) -> None:
    from mktorg.sheets.layout import DEPARTMENT_COLUMNS

    org = make_org(tmp_path, {})
    path = tmp_path / "x.xlsx"
    book = _workbook(path, [_row(title="推广专员", department_path="市场部 / 推广组", reports_to_title="市场部经理")])
    depts = book.create_sheet("部门")
    depts.append([c.zh for c in DEPARTMENT_COLUMNS])
    dept_row = {c.key: None for c in DEPARTMENT_COLUMNS}
    old = {**dept_row, "name": "市场部", "headcount_budget": 9, "head_title": "市场部经理"}
    depts.append([old[c.key] for c in DEPARTMENT_COLUMNS])
    new = {**dept_row, "name": "推广组", "parent_path": "市场部", "head_title": "推广专员"}
    depts.append([new[c.key] for c in DEPARTMENT_COLUMNS])
    book.save(path)
    before = (org / "departments" / "dept.yaml").read_text(encoding="utf-8")
    run_cli("import", str(path), "-o", str(org))
    loaded = load_org(org).org
    group = loaded.departments["tuiguang-zu"]
    assert (group.parent, group.head) == ("dept", "tuiguang-zhuanyuan")
    assert loaded.roles["tuiguang-zhuanyuan"].department == "tuiguang-zu"
    assert (org / "departments" / "dept.yaml").read_text(encoding="utf-8") == before.replace(
        "head: boss\n", "head: boss\nheadcount_budget: 9\n"
    )
