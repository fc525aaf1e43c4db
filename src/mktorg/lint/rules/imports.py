"""MK07x: spreadsheet import. `mktorg import` reports these at a sheet and cell (岗位清单!D7);
lint never does. Declared here so that they have a name, a severity and documentation."""

from mktorg.diagnostics import Severity
from mktorg.lint.registry import declare

IMPORT_RULES = [
    (
        "MK070",
        "unreadable-sheet",
        Severity.ERROR,
        """The file cannot be read as a workbook or CSV file.

    Why: an old `.xls`, a damaged or password-protected workbook, a file over 50 MB, or a CSV
    file that is not UTF-8 (Chinese Excel saves CSV as GB18030 unless told otherwise) cannot be
    read faithfully, so nothing is imported.

    Bad: `roster.xls` (Excel 97–2003), or `roster.csv` saved as CSV (逗号分隔) by Chinese Excel.

    Good: `roster.xlsx`, or CSV UTF-8 (逗号分隔); or `--encoding gb18030` for the GB18030 file.
    """,
    ),
    (
        "MK071",
        "empty-sheet",
        Severity.ERROR,
        """The roster sheet is missing, empty, or has no header row.

    Why: `import` finds its columns by their headers (岗位名称, 部门ID, ... or their English
    names) in the first ten rows of the sheet 岗位清单 (a CSV file is one sheet).

    Bad: a workbook whose only sheet is named Sheet1 next to others, or a header row on line 12.

    Good: the sheet 岗位清单 with the header row of `mktorg import --template roster.xlsx`.
    """,
    ),
    (
        "MK072",
        "missing-column",
        Severity.ERROR,
        """A required column is missing from the header row.

    Why: a role needs a title (岗位名称) or an id (岗位ID), and a department (部门ID or 所属部门);
    a department row needs a name or an id.

    Bad: a header row `岗位名称 | 直接上级`.

    Good: a header row `岗位名称 | 所属部门 | 直接上级`.
    """,
    ),
    (
        "MK073",
        "invalid-cell",
        Severity.ERROR,
        """A cell holds a value of the wrong kind for its column.

    Why: `人数下限: 三`, `空缺: 也许`, `用工形式: 临时`, an id with spaces, or a date where text goes
    (Excel turns `3-1` into 1 March) cannot become the YAML the format allows.

    Bad: `人数下限` = `三`; `岗位编号` = 2024-03-01 (a date).

    Good: `人数下限` = `3`; `岗位编号` typed in a column formatted as 文本 (Text): `3-1`.
    """,
    ),
    (
        "MK074",
        "formula-cell",
        Severity.ERROR,
        """A cell holds a formula.

    Why: `import` never evaluates formulas (a workbook's cached results may be stale or absent,
    and a formula is not design data). Text that only looks like a formula, such as a cell
    exported as `=HYPERLINK(...)` text, is read as text.

    Bad: `=VLOOKUP(B2, 部门!A:B, 2, FALSE)` in 部门ID.

    Good: the value itself (`market`), e.g. after 选择性粘贴 → 数值 (paste values).
    """,
    ),
    (
        "MK075",
        "merged-cells",
        Severity.ERROR,
        """Cells are merged in the rows being imported.

    Why: a merged range keeps its value in its first cell only, so every other row of it would
    be read as empty (a department written once for a block of roles, say).

    Bad: `所属部门` merged over rows 3–8.

    Good: the range unmerged and the department written on each of rows 3–8.
    """,
    ),
    (
        "MK076",
        "duplicate-row",
        Severity.ERROR,
        """Two rows have one id (ignoring case), or two roles one code (岗位编号).

    Why: an id names one file; two rows for it would overwrite each other.

    Bad: rows 5 and 9 both with 岗位ID `sales-rep`.

    Good: `sales-rep-east` and `sales-rep-west`, or one row with 人数 2.
    """,
    ),
    (
        "MK077",
        "unresolved-reference",
        Severity.ERROR,
        """A department, role, level or grade that exists neither in the sheet nor in the organisation,
    or a name that several of them share.

    Why: `直接上级: 经理` cannot say which of two 经理 is meant; `部门ID: markt` names nothing.

    Bad: 所属部门 `销售部` when there are two departments named 销售部.

    Good: the 部门ID (`sales-east`), or the full path (`华东区 / 销售部`).
    """,
    ),
    (
        "MK078",
        "name-differs",
        Severity.WARNING,
        """A name column disagrees with its id column; the id is used.

    Why: after a role is moved in the sheet by changing 所属部门 but not 部门ID, the id still
    names the old department: the warning says which one the import uses.

    Bad: 所属部门 `市场部`, 部门ID `sales`.

    Good: both naming the same department, or the id cleared so that the name is used.
    """,
    ),
    (
        "MK079",
        "missing-from-sheet",
        Severity.WARNING,
        """A role of the organisation is not in the sheet.

    Why: `import` never deletes what a sheet leaves out unless asked (`--delete-missing`), so a
    partial sheet does not lose roles; the warning lists what was kept.

    Bad: importing a sheet of the sales roles only, expecting the others to go.

    Good: `mktorg import roster.xlsx --delete-missing` (the result must still lint without new errors).
    """,
    ),
]

for _code, _name, _severity, _doc in IMPORT_RULES:
    declare(_code, _name, _severity, _doc)
