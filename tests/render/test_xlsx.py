"""`export --format xlsx`, read back with openpyxl: sheets, headers, matrices, injection, layout."""

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from mktorg.load.loader import load_org
from mktorg.model import function_ref, headcount_bounds
from mktorg.model.organization import Organization
from mktorg.render.xlsx import display_width, workbook
from mktorg.sheets.layout import DEPARTMENT_COLUMNS, ROSTER_COLUMNS
from mktorg.sheets.read import ooxml_text
from tests.helpers import ROOT, make_org, run_cli

EXAMPLES = sorted(p.parent for p in (ROOT / "examples").glob("*/org.yaml"))
ORGS = [*EXAMPLES, ROOT / "data", ROOT / "tests" / "fixtures" / "every-key"]


def _book(org: Organization, lang: str | None = None) -> Workbook:
    return load_workbook(io.BytesIO(workbook(org, lang)))


def _rows(sheet, first: int = 1) -> list[tuple]:  # type: ignore[no-untyped-def]
    return [row for row in sheet.iter_rows(min_row=first, values_only=True) if any(v is not None for v in row)]


@pytest.mark.parametrize("root", ORGS, ids=[p.name for p in ORGS])
def test_every_sheet_and_cell(root: Path) -> None:
    org = load_org(root).org
    book = _book(org)
    names = book.sheetnames
    assert names[:3] == ["岗位清单", "部门", "职能分解表"]
    assert names[-4:] == ["权限", "考核指标", "统计", "组织设置"]
    assert len([n for n in names if n.startswith("RACI-")]) == len(org.processes)

    roster = book["岗位清单"]
    head = [c.value for c in roster[1]]
    assert head == [c.zh for c in ROSTER_COLUMNS]
    rows = {row[1]: dict(zip([c.key for c in ROSTER_COLUMNS], row, strict=True)) for row in _rows(roster, 2)}
    assert set(rows) == set(org.roles)
    for role_id, role in org.roles.items():
        row = rows[role_id]
        assert row["title"] == org.text(role.title)
        assert row["department"] == role.department
        assert row["reports_to"] == role.reports_to
        low, high, variable = headcount_bounds(role.headcount)
        assert (row["headcount_min"], row["headcount_max"]) == ((None, None) if variable else (low, high))
        assert (row["headcount_n"] == "是") is variable
        assert (row["vacant"] == "是") is role.vacant

    depts = book["部门"]
    assert [c.value for c in depts[1]] == [c.zh for c in DEPARTMENT_COLUMNS]
    assert {row[0] for row in _rows(depts, 2)} == set(org.departments)

    _check_matrix(org, book["职能分解表"])
    for process_id in org.processes:
        _check_raci(org, process_id, book)
    authorities = _rows(book["权限"], 2)
    assert len(authorities) == sum(len(r.authorities) for r in org.roles.values())
    kpis = _rows(book["考核指标"], 2)
    assert len(kpis) == sum(len(r.kpis) for r in org.roles.values())


def _check_matrix(org: Organization, sheet) -> None:  # type: ignore[no-untyped-def]
    expected: dict[tuple[str, str, str], str] = {}
    for role_id, role in org.roles.items():
        for duty in role.duty_list():
            if duty.function:
                dept, function = function_ref(role.department, duty.function)
                key = (dept, function, role_id)
                if duty.type == "primary" or expected.get(key) != "主":
                    expected[key] = "主" if duty.type == "primary" else "辅"
    ids = [c.value for c in sheet[2]]
    assert ids[2] == "岗位ID"
    names = {org.text(d.name): d_id for d_id, d in org.departments.items()}
    found: dict[tuple[str, str, str], str] = {}
    rows = _rows(sheet, 3)
    functions = [(d, f.id) for d, dept in org.departments.items() for f in dept.functions]
    assert len([r for r in rows if r[2] is not None]) == len(functions)
    for row in rows:
        if row[2] is None:  # the note under the table
            continue
        for col, mark in enumerate(row[3:], 3):
            if mark is not None:
                found[(names[row[0]], row[2], ids[col])] = mark
    assert found == {k: v for k, v in expected.items() if k[:2] in set(functions)}


def _check_raci(org: Organization, process_id: str, book: Workbook) -> None:
    process = org.processes[process_id]
    sheet = book[f"RACI-{org.text(process.name)}"[:31]]
    ids = [c.value for c in sheet[2]]
    rows = _rows(sheet, 3)
    for step, row in zip(process.steps, rows, strict=False):
        assert row[3] == step.id
        for col, role_id in enumerate(ids[4:], 4):
            letters = [
                letter
                for letter, field in zip("RACI", ("responsible", "accountable", "consulted", "informed"), strict=True)
                if role_id in step.roles(field)
            ]
            assert (row[col] or "") == "/".join(letters)


INJECTION = {
    "roles/boss.yaml": (
        'title: "=HYPERLINK(\\"http://evil.example\\",\\"点击\\")"\ndepartment: dept\nduties: [负责]\n'
        'authorities: ["+1", "-1", "@SUM(A1:A2)", "\\tTAB", "\\rCR", "=1+1"]\n'
    ),
    "roles/staff.yaml": 'title: "-1"\ndepartment: dept\nreports_to: boss\nduties: [执行]\nkpis: [{name: "@SUM(1)"}]\n',
}


def test_formula_injection_is_written_as_text(tmp_path: Path) -> None:
    org = make_org(tmp_path, INJECTION)
    out = tmp_path / "d.xlsx"
    run_cli("export", str(org), "--format", "xlsx", "-o", str(out), "--force")
    book = load_workbook(out)
    risky = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and ooxml_text(cell.value)[:1] in "=+-@\t\r":
                    risky.append(cell)
    values = {ooxml_text(c.value) for c in risky}
    expected = {
        '=HYPERLINK("http://evil.example","点击")',
        "+1",
        "-1",
        "@SUM(A1:A2)",
        "\tTAB",
        "\rCR",
        "=1+1",
        "@SUM(1)",
    }
    assert expected <= values
    for cell in risky:
        assert cell.data_type == "s", (cell.coordinate, cell.value)
        assert cell.quotePrefix, cell.coordinate
    raw = _sheet_xml(out)
    assert "<f>" not in raw


def _sheet_xml(path: Path) -> str:
    import zipfile

    with zipfile.ZipFile(path) as archive:
        return "".join(archive.read(n).decode() for n in archive.namelist() if n.startswith("xl/worksheets/"))


def test_layout_for_a_client() -> None:
    org = load_org(ROOT / "data").org
    book = _book(org)
    for sheet in book.worksheets:
        assert sheet.freeze_panes is not None, sheet.title
        assert sheet.auto_filter.ref, sheet.title
        assert sheet.page_setup.orientation == "landscape", sheet.title
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
        assert sheet.page_setup.fitToHeight == 0, sheet.title
        assert sheet.print_title_rows, sheet.title
    roster = book["岗位清单"]
    assert roster.freeze_panes == "D2"
    assert roster.auto_filter.ref.startswith("A1:Q")
    widths = {c: roster.column_dimensions[c].width for c in "BCD"}
    longest_path = max(display_width(str(r[3] or "")) for r in _rows(roster, 2))
    assert widths["D"] >= longest_path  # Chinese counts two
    assert roster["C2"].alignment.wrap_text
    matrix = book["职能分解表"]
    assert matrix.freeze_panes == "C3"
    assert matrix.print_title_rows == "$1:$2"


def test_english_workbook_and_the_same_bytes_twice() -> None:
    org = load_org(ROOT / "examples" / "marketing-director").org
    assert workbook(org) == workbook(org)
    book = _book(org, "en")
    assert book.sheetnames[:3] == ["Roles", "Departments", "Functions"]
    assert [c.value for c in book["Roles"][1]][:3] == ["Code", "ID", "Title"]


def test_export_refuses_document_options(tmp_path: Path) -> None:
    _, err = run_cli(
        "export", str(ROOT / "data"), "--format", "xlsx", "--book", "-o", str(tmp_path / "x.xlsx"), expect=2
    )
    assert "--book" in err
    run_cli("export", str(ROOT / "data"), "--format", "xlsx", "-o", str(tmp_path / "folder"))
    assert (tmp_path / "folder" / "design.xlsx").is_file()


@pytest.mark.parametrize("root", [ROOT / "data", ROOT / "tests" / "fixtures" / "every-key"], ids=["data", "every-key"])
def test_the_stats_sheet_holds_the_tables_of_mktorg_stats(root: Path) -> None:
    from mktorg.render.stats.tables import stats_tables
    from mktorg.stats.numbers import compute

    org = load_org(root).org
    sheet = _book(org)["统计"]
    cells = [[("" if v is None else str(v)) for v in row] for row in sheet.iter_rows(values_only=True)]
    expected = stats_tables(org, compute(org))
    assert expected
    at = 2
    for table in expected:
        assert cells[at][0] == table.title
        assert cells[at + 1][: len(table.head)] == table.head
        for offset, row in enumerate(table.rows, at + 2):
            assert cells[offset][: len(row)] == row
        at += 2 + len(table.rows)
        for note in table.notes:
            assert cells[at][0] == note
            at += 1
        at += 1  # one blank row between tables
    number = sheet.cell(5, 2)
    assert isinstance(number.value, int)  # whole numbers are numbers, ranges stay text
