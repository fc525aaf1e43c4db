"""`export --format xlsx`: the design as one workbook a client opens in Excel.

Sheets: 岗位清单 (roster) and 部门 (departments) in the column layout `import` reads back
(`sheets/layout.py`), 职能分解表 (functions × roles, 主/辅), one RACI sheet per process, 权限 and
考核指标 per role, 统计 (the tables of `mktorg stats`) and 组织设置 (name, levels, grades: what a
new organisation imported from the workbook needs).

A workbook is a grid, not a flowing document, so this writer reads the model directly rather than
the document blocks of `layout.py`. Written with XlsxWriter (write-only, 4.6× faster than openpyxl
on 10,000 roles; see docs/sheets.md). Every cell that starts with `=`, `+`, `-`, `@`, a tab or a
carriage return is a string cell with Excel's quote prefix, never a formula; every header row is
frozen and filtered; widths count a Chinese character as two; long texts wrap; pages print
landscape, one page wide, with the header rows repeated.
"""

import datetime
import functools
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from mktorg.model import function_ref
from mktorg.model.base import text_of
from mktorg.model.organization import Organization
from mktorg.model.process import as_list

if TYPE_CHECKING:
    from mktorg.render.stats.tables import StatsTable
from mktorg.sheets.layout import (
    DEPARTMENT_COLUMNS,
    EMPLOYMENT,
    NO,
    PATH_SEPARATOR,
    ROSTER_COLUMNS,
    SETTING_ITEMS,
    SETTINGS_COLUMNS,
    YES,
    Column,
    employment_label,
    headcount_cells,
    sheet_name,
    words,
    yes,
)

Value = str | int | float | None
STEP_FIELDS = ("responsible", "accountable", "consulted", "informed")
DEFAULT_FONT = "等线"
"""Office's default Chinese font (DengXian); other systems substitute their own CJK font."""
_RISKY = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make Excel or LibreOffice read a typed cell as a formula."""
MAX_WIDTH = 50
"""Widest column, in characters of Latin width; longer texts wrap."""
MAX_COLUMNS = 16_384
MAX_ROWS = 1_048_576
MAX_CELL = 32_767
"""Excel's limits: columns and rows of a sheet, characters of a cell."""
_FIXED_DATE = datetime.datetime(2000, 1, 1)
_CYCLE = {
    "monthly": ("月度", "Monthly"),
    "quarterly": ("季度", "Quarterly"),
    "yearly": ("年度", "Yearly"),
    "per-project": ("项目", "Per project"),
}
_WORDS = {
    "department": ("部门", "Department"),
    "function": ("职能", "Function"),
    "function_id": ("职能ID", "Function ID"),
    "role": ("岗位", "Role"),
    "role_id": ("岗位ID", "Role ID"),
    "number": ("序号", "No."),
    "authority": ("权限", "Authority"),
    "kpi": ("指标", "Indicator"),
    "weight": ("权重（%）", "Weight (%)"),
    "target": ("目标值", "Target"),
    "cycle": ("考核周期", "Cycle"),
    "phase": ("阶段", "Phase"),
    "step": ("步骤", "Step"),
    "step_id": ("步骤ID", "Step ID"),
    "primary": ("主", "P"),
    "supporting": ("辅", "S"),
    "matrix_note": (
        "主：承担该职能的主要职责；辅：辅助职责。列为承担职能的岗位。",
        "P: a primary duty carries out the function; S: a supporting duty. Columns: roles that carry functions.",
    ),
    "raci_note": (
        "R 负责执行，A 审批，C 征询意见，I 知会。流程负责人：{}",
        "R responsible, A accountable (approves), C consulted, I informed. Process owner: {}",
    ),
    "no_owner": ("无", "none"),
    "continued": ("（续{}）", " ({})"),
}


def _word(key: str, lang: str) -> str:
    return _WORDS[key][words(lang)]


_WIDE = re.compile(
    "[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3"
    "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\U00020000-\U0003fffd]"
)


@functools.lru_cache(maxsize=1 << 16)
def display_width(text: str) -> int:
    """Columns a text takes: a Chinese (wide) character counts two."""
    return len(text) if text.isascii() else len(text) + len(_WIDE.findall(text))


@dataclass
class Table:
    """A sheet's table: headers, rows, and how to show them."""

    name: str
    head: list[str]
    rows: list[list[Value]]
    widths: list[int] | None = None
    """Fixed widths; otherwise from the content, up to MAX_WIDTH."""
    frozen_columns: int = 0
    computed: set[int] = field(default_factory=set)
    """Columns the export computes and `import` ignores (grey headers)."""
    narrow: set[int] = field(default_factory=set)
    """Matrix columns: centred, narrow."""
    notes: list[str] = field(default_factory=list)
    """Lines under the table."""
    ids: list[Value] | None = None
    """A second header row: the ids of the role columns of a matrix (filtered, frozen with the first)."""


@dataclass
class StatsSheet:
    """The stats tables stacked on one sheet under a title."""

    name: str
    title: str
    tables: "list[StatsTable]"


class _Writer:
    """One workbook in memory, its formats created once."""

    def __init__(self, font: str, title: str) -> None:
        import xlsxwriter

        self.buffer = io.BytesIO()
        self.book = xlsxwriter.Workbook(
            self.buffer,
            {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False},
        )
        self.book.set_properties({"title": title, "comments": "mktorg export", "created": _FIXED_DATE})
        self.book.set_calc_mode("auto")
        self.font = font
        self.formats: dict[tuple[str, bool], Any] = {}
        self.names: set[str] = set()

    def fmt(self, kind: str, quoted: bool = False) -> Any:
        key = (kind, quoted)
        if key not in self.formats:
            spec: dict[str, Any] = {"font_name": self.font, "font_size": 10, "valign": "top", "text_wrap": True}
            if kind in ("head", "computed"):
                spec |= {"bold": True, "bg_color": "#DDEBF7" if kind == "head" else "#EDEDED", "border": 1}
                spec |= {"valign": "vcenter", "align": "center"}
            elif kind == "center":
                spec |= {"align": "center"}
            elif kind == "ids":
                spec |= {"font_size": 8, "font_color": "#595959", "bg_color": "#F2F2F2", "align": "center"}
            elif kind == "number":
                spec |= {"align": "right"}
            elif kind.startswith("indent"):
                spec |= {"indent": int(kind[6:])}
            elif kind == "noterow":
                spec |= {"italic": True, "font_color": "#595959", "font_size": 9, "bg_color": "#FFF2CC"}
            elif kind == "note":
                spec |= {"italic": True, "font_color": "#595959", "text_wrap": False}
            elif kind == "title":
                spec |= {"bold": True, "font_size": 12, "text_wrap": False}
            if quoted:
                spec["quote_prefix"] = True
            self.formats[key] = self.book.add_format(spec)
        return self.formats[key]

    def unique_name(self, name: str) -> str:
        """A valid sheet name (31 characters, no []:*?/\\), unique ignoring case."""
        clean = "".join("_" if ch in "[]:*?/\\" else ch for ch in name).strip("'") or "Sheet"
        clean = clean[:31]
        candidate, n = clean, 1
        while candidate.casefold() in self.names:
            n += 1
            suffix = f"~{n}"
            candidate = clean[: 31 - len(suffix)] + suffix
        self.names.add(candidate.casefold())
        return candidate

    def put(self, sheet: Any, row: int, col: int, value: Value, kind: str = "body") -> None:
        """Write one cell: numbers as numbers, every string as a string (a risky one quote-prefixed)."""
        if value is None or value == "":
            sheet.write_blank(row, col, None, self.fmt(kind))
        elif isinstance(value, bool):
            sheet.write_string(row, col, str(value), self.fmt(kind))
        elif isinstance(value, int | float):
            sheet.write_number(row, col, value, self.fmt(kind))
        else:
            text = value[:MAX_CELL]
            sheet.write_string(row, col, text, self.fmt(kind, text.startswith(_RISKY)))

    def table(self, table: Table, lang: str) -> Any:
        """A sheet with a frozen, filtered header row, fitted widths, wrapped text and a print setup."""
        sheet = self.book.add_worksheet(self.unique_name(table.name))
        widths = table.widths or _widths(table.head, table.rows, table.narrow)
        for col, width in enumerate(widths):
            sheet.set_column(col, col, width, self.fmt("center" if col in table.narrow else "body"))
        sheet.set_row(0, _height([table.head], widths, header=True))
        for col, head in enumerate(table.head):
            self.put(sheet, 0, col, head, "computed" if col in table.computed else "head")
        top = 1
        if table.ids is not None:
            for col, value in enumerate(table.ids):
                self.put(sheet, 1, col, value, "ids")
            top = 2
        for r, row in enumerate(table.rows, top):
            height = _height([row], widths)
            if height is not None:
                sheet.set_row(r, height)
            for col, value in enumerate(row):
                if value is not None and value != "":
                    self.put(sheet, r, col, value, "center" if col in table.narrow else "body")
        last = len(table.rows) + top - 1
        for i, note in enumerate(table.notes):
            self.put(sheet, last + 2 + i, 0, note, "note")
        sheet.freeze_panes(top, table.frozen_columns)
        sheet.autofilter(top - 1, 0, max(last, top), len(table.head) - 1)
        _print_setup(sheet, lang, table.frozen_columns, top)
        return sheet

    def stats(self, sheet: StatsSheet, lang: str) -> None:
        """统计: each table under its title, with its notes; the first table's header is frozen and filtered."""
        out = self.book.add_worksheet(self.unique_name(sheet.name))
        columns = max((len(t.head) for t in sheet.tables), default=1)
        widths = [10] * columns
        for table in sheet.tables:
            cells = [table.head, *table.rows]
            for col in range(len(table.head)):
                longest = max(display_width(str(r[col])) for r in cells if col < len(r))
                indent = 2 * max(table.indent, default=0) if col == 0 else 0
                widths[col] = min(MAX_WIDTH, max(widths[col], longest + indent + 2))
        for col, width in enumerate(widths):
            out.set_column(col, col, width, self.fmt("body"))
        self.put(out, 0, 0, sheet.title, "title")
        row = 2
        first_head = None
        for table in sheet.tables:
            self.put(out, row, 0, table.title, "title")
            row += 1
            if first_head is None:
                first_head = (row, len(table.head), len(table.rows))
            for col, head in enumerate(table.head):
                self.put(out, row, col, head, "head")
            for number, line in enumerate(table.rows):
                row += 1
                depth = table.indent[number] if number < len(table.indent) else 0
                for col, text in enumerate(line):
                    numeric = col < len(table.numeric) and table.numeric[col]
                    kind = "number" if numeric else (f"indent{min(depth, 6)}" if col == 0 and depth else "body")
                    self.put(out, row, col, _stats_value(text, numeric), kind)
            for note in table.notes:
                row += 1
                self.put(out, row, 0, note, "note")
            row += 2
        head_row, head_columns, rows = first_head or (2, 1, 0)
        out.freeze_panes(1, 0)
        out.autofilter(head_row, 0, head_row + max(rows, 1), head_columns - 1)
        _print_setup(out, lang, 0)

    def close(self) -> bytes:
        self.book.close()
        return self.buffer.getvalue()


def _print_setup(sheet: Any, lang: str, frozen_columns: int, header_rows: int = 1) -> None:
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(0, header_rows - 1)
    if frozen_columns:
        sheet.repeat_columns(0, frozen_columns - 1)
    sheet.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    page = "第 &P 页，共 &N 页" if lang.startswith("zh") else "Page &P of &N"
    sheet.set_header("&C&A")
    sheet.set_footer(f"&C{page}")


def _cell_text(value: Value) -> str:
    return "" if value is None else (f"{value:g}" if isinstance(value, float) else str(value))


def _widths(head: list[str], rows: list[list[Value]], narrow: set[int]) -> list[int]:
    widths = []
    for col, header in enumerate(head):
        if col in narrow:
            widths.append(8)
            continue
        longest = max((_longest_line(_cell_text(row[col])) for row in rows if col < len(row)), default=0)
        widths.append(min(MAX_WIDTH, max(6, min(_longest_line(header), 24), longest) + 2))
    return widths


def _longest_line(text: str) -> int:
    return max((display_width(line) for line in text.split("\n")), default=0)


def _height(rows: Sequence[Sequence[Value]], widths: list[int], header: bool = False) -> float | None:
    """Points for a row whose text wraps (Excel does not grow rows by itself); None for one line."""
    lines = 1
    for row in rows:
        for col, value in enumerate(row):
            if not isinstance(value, str) or not value or col >= len(widths):
                continue
            room = max(1, widths[col] - 1)
            if "\n" not in value and len(value) <= room // 2:
                continue
            lines = max(lines, sum(max(1, -(-display_width(part) // room)) for part in value.split("\n")))
    if lines == 1 and not header:
        return None
    return min(409.0, 14.0 * lines + (4 if header else 2))


# --- the sheets -------------------------------------------------------------------------------


def roster_order(org: Organization) -> list[str]:
    """Roles in department tree order (head first, then siblings), then roles of unknown departments."""
    cached = org.memo.get("xlsx.roster_order")
    if isinstance(cached, list):
        return cached
    order = [r for d in org.department_tree_order() for r in org.department_roles.get(d, [])]
    seen = set(order)
    order += [r for r, _ in org.iter_roles() if r not in seen]
    org.memo["xlsx.roster_order"] = order
    return order


def department_path(org: Organization, dept_id: str, lang: str | None) -> str:
    """营销中心 / 市场部: the names from the top department down."""
    paths = org.memo.setdefault(f"xlsx.paths.{lang}", {})
    assert isinstance(paths, dict)
    if dept_id not in paths:
        chain = org.department_chain(dept_id)
        paths[dept_id] = PATH_SEPARATOR.join(org.text(org.departments[d].name, lang) for d in reversed(chain))
    return str(paths[dept_id])


def _people(org: Organization, dept_id: str) -> Value:
    low, high, variable = org.department_people(dept_id)
    if low == high and not variable:
        return low
    return (f"{low}" if low == high else f"{low}–{high}") + ("+N" if variable else "")


def roster_table(org: Organization, lang: str) -> Table:
    """岗位清单: one row per role, in the column layout `import` reads."""
    sep = "、" if lang.startswith("zh") else ", "
    rows: list[list[Value]] = []
    for role_id in roster_order(org):
        role = org.roles[role_id]
        low, high, variable = headcount_cells(role.headcount)
        boss = role.reports_to
        values: dict[str, Value] = {
            "code": role.code,
            "id": role_id,
            "title": text_of(role.title, lang, org.default_lang),
            "department_path": department_path(org, role.department, lang)
            if role.department in org.departments
            else "",
            "department": role.department,
            "reports_to_title": org.text(org.roles[boss].title, lang) if boss in org.roles else "",
            "reports_to": boss,
            "dotted_to": sep.join(role.dotted()),
            "level": role.level,
            "grade": role.grade,
            "headcount_min": low,
            "headcount_max": high,
            "headcount_n": yes(variable, lang),
            "employment": employment_label(role.employment, lang),
            "vacant": yes(role.vacant, lang),
            "optional": yes(role.optional, lang),
            "external": yes(role.external, lang),
        }
        rows.append([values[c.key] for c in ROSTER_COLUMNS])
    return _layout_table(sheet_name("roster", lang), ROSTER_COLUMNS, rows, lang, frozen=3)


def department_table(org: Organization, lang: str) -> Table:
    """部门: one row per department, parents first."""
    rows: list[list[Value]] = []
    for dept_id in org.department_tree_order():
        dept = org.departments[dept_id]
        parent, head = dept.parent, dept.head
        vacancies = sum(
            1
            for sub in org.subtree_departments(dept_id)
            for r in org.department_roles.get(sub, [])
            if org.roles[r].vacant and not org.roles[r].external
        )
        values: dict[str, Value] = {
            "id": dept_id,
            "name": org.text(dept.name, lang),
            "parent_path": department_path(org, parent, lang) if parent in org.departments else "",
            "parent": parent,
            "head_title": org.text(org.roles[head].title, lang) if head in org.roles else "",
            "head": head,
            "headcount_budget": dept.headcount_budget,
            "people": _people(org, dept_id),
            "vacancies": vacancies,
            "external": yes(dept.external, lang),
        }
        rows.append([values[c.key] for c in DEPARTMENT_COLUMNS])
    return _layout_table(sheet_name("departments", lang), DEPARTMENT_COLUMNS, rows, lang, frozen=2)


def settings_table(org: Organization, lang: str) -> Table:
    """组织设置: what a new organisation imported from this workbook takes over."""
    w = words(lang)
    settings = org.settings
    rows: list[list[Value]] = [
        [SETTING_ITEMS["name"][w], org.text(settings.name, lang), None, None, None],
        [SETTING_ITEMS["locales"][w], ", ".join(settings.locales), None, None, None],
    ]
    rows += [[SETTING_ITEMS["level"][w], org.text(level), None, None, None] for level in settings.levels or []]
    rows += [
        [SETTING_ITEMS["grade"][w], grade_id, org.text(grade.name, lang), grade.min, grade.max]
        for grade_id, grade in settings.grades.items()
    ]
    rows.append([SETTING_ITEMS["currency"][w], settings.currency, None, None, None])
    return _layout_table(sheet_name("settings", lang), SETTINGS_COLUMNS, rows, lang, frozen=1)


def _layout_table(name: str, columns: tuple[Column, ...], rows: list[list[Value]], lang: str, frozen: int) -> Table:
    head = [c.header(lang) for c in columns]
    computed = {i for i, c in enumerate(columns) if c.computed}
    return Table(name, head, rows, _widths(head, rows, set()), frozen, computed)


def _matrix_roles(org: Organization) -> list[str]:
    """Roles that carry at least one function, in roster order."""
    return [r for r in roster_order(org) if any(d.function for d in org.roles[r].duty_list())]


def function_tables(org: Organization, lang: str) -> list[Table]:
    """职能分解表: functions (rows, by department) × roles (columns), 主 or 辅 where a duty carries it.

    More roles than a sheet has columns continue on further sheets.
    """
    roles = _matrix_roles(org)
    marks: dict[tuple[str, str, str], str] = {}
    primary, supporting = _word("primary", lang), _word("supporting", lang)
    for role_id in roles:
        role = org.roles[role_id]
        for duty in role.duty_list():
            if duty.function:
                dept_id, function_id = function_ref(role.department, duty.function)
                key = (dept_id, function_id, role_id)
                if duty.type == "primary" or marks.get(key) != primary:
                    marks[key] = primary if duty.type == "primary" else supporting
    functions = [(d, f) for d in org.department_tree_order() for f in org.departments[d].functions]
    fixed = [_word("department", lang), _word("function", lang), _word("function_id", lang)]
    room = MAX_COLUMNS - len(fixed)
    chunks = [roles[i : i + room] for i in range(0, len(roles), room)] or [[]]
    tables = []
    for n, chunk in enumerate(chunks, 1):
        head = fixed + [_role_head(org, r, lang) for r in chunk]
        rows: list[list[Value]] = []
        for dept_id, function in functions:
            cells: list[Value] = [marks.get((dept_id, function.id, r)) for r in chunk]
            rows.append(
                [org.text(org.departments[dept_id].name, lang), org.text(function.name, lang), function.id, *cells]
            )
        name = sheet_name("functions", lang) + (_word("continued", lang).format(n) if n > 1 else "")
        narrow = set(range(len(fixed), len(head)))
        widths = _widths(head[: len(fixed)], [row[: len(fixed)] for row in rows], set())
        widths += [_matrix_width(h) for h in head[len(fixed) :]]
        ids: list[Value] = [None, None, _word("role_id", lang), *chunk]
        notes = [_word("matrix_note", lang)]
        tables.append(Table(name, head, rows, widths, 2, narrow=narrow, notes=notes, ids=ids))
    return tables


def _role_head(org: Organization, role_id: str, lang: str) -> str:
    """A matrix column head: the role's title over its department."""
    role = org.roles[role_id]
    dept = org.departments.get(role.department)
    title = org.text(role.title, lang)
    return f"{title}\n（{org.text(dept.name, lang)}）" if dept is not None else title


def _matrix_width(head: str) -> int:
    """A matrix column: as wide as its head's longest line, 8 to 16 characters (longer heads wrap)."""
    return max(8, min(16, _longest_line(head) + 2))


def raci_tables(org: Organization, lang: str) -> list[Table]:
    """One RACI sheet per process: steps × the roles named in them, with R, A, C and I."""
    tables = []
    place = {r: i for i, r in enumerate(roster_order(org))}
    for process_id in sorted(org.processes):
        process = org.processes[process_id]
        named: list[str] = []
        for step in process.steps:
            for letter_field in ("responsible", "accountable", "consulted", "informed"):
                named += [r for r in step.roles(letter_field) if r not in named]
        roles = sorted(named, key=lambda r: (r not in place, place.get(r, 0), r))
        fixed = [_word("number", lang), _word("phase", lang), _word("step", lang), _word("step_id", lang)]
        head = fixed + [_role_head(org, r, lang) if r in org.roles else r for r in roles]
        rows: list[list[Value]] = []
        for i, step in enumerate(process.steps, 1):
            cells: list[Value] = []
            for role_id in roles:
                letters = [
                    letter
                    for letter, letter_field in zip("RACI", STEP_FIELDS, strict=True)
                    if role_id in as_list(getattr(step, letter_field))
                ]
                cells.append("/".join(letters) or None)
            rows.append(
                [i, org.text(step.phase, lang) if step.phase else None, org.text(step.name, lang), step.id, *cells]
            )
        owner = process.owner
        owner_text = (
            org.text(org.roles[owner].title, lang) if owner in org.roles else (owner or _word("no_owner", lang))
        )
        widths = _widths(fixed, [row[: len(fixed)] for row in rows], set())
        widths += [_matrix_width(h) for h in head[len(fixed) :]]
        narrow = set(range(len(fixed), len(head)))
        name = f"RACI-{org.text(process.name, lang)}"
        notes = [_word("raci_note", lang).format(owner_text)]
        ids: list[Value] = [None, None, None, _word("role_id", lang), *roles]
        tables.append(Table(name, head, rows, widths, 3, narrow=narrow, notes=notes, ids=ids))
    return tables


def authority_table(org: Organization, lang: str) -> Table:
    """权限: each role's authorities, one per row."""
    rows: list[list[Value]] = []
    for role_id in roster_order(org):
        role = org.roles[role_id]
        dept = _dept_name(org, role.department, lang)
        for i, authority in enumerate(role.authorities, 1):
            rows.append([dept, org.text(role.title, lang), role_id, i, org.text(authority, lang)])
    head = [_word(k, lang) for k in ("department", "role", "role_id", "number", "authority")]
    return Table(sheet_name("authorities", lang), head, rows, _widths(head, rows, set()), 2)


def kpi_table(org: Organization, lang: str) -> Table:
    """考核指标: each role's KPIs with weight, target and cycle."""
    rows: list[list[Value]] = []
    w = words(lang)
    for role_id in roster_order(org):
        role = org.roles[role_id]
        dept = _dept_name(org, role.department, lang)
        for kpi in role.kpis:
            rows.append(
                [
                    dept,
                    org.text(role.title, lang),
                    role_id,
                    org.text(kpi.name, lang),
                    kpi.weight,
                    org.text(kpi.target, lang) if kpi.target is not None else None,
                    _CYCLE[kpi.cycle][w] if kpi.cycle else None,
                ]
            )
    head = [_word(k, lang) for k in ("department", "role", "role_id", "kpi", "weight", "target", "cycle")]
    return Table(sheet_name("kpis", lang), head, rows, _widths(head, rows, set()), 2)


def _dept_name(org: Organization, dept_id: str, lang: str) -> str:
    return org.text(org.departments[dept_id].name, lang) if dept_id in org.departments else dept_id


def workbook(org: Organization, lang: str | None = None, font: str | None = None) -> bytes:
    """The whole workbook as bytes (the same bytes for the same organisation)."""
    lang = lang or org.default_lang
    writer = _Writer(font or DEFAULT_FONT, org.name(lang))
    tables = [
        roster_table(org, lang),
        department_table(org, lang),
        *function_tables(org, lang),
        *raci_tables(org, lang),
        authority_table(org, lang),
        kpi_table(org, lang),
    ]
    for table in tables:
        _check_size(table)
        writer.table(table, lang)
    writer.stats(stats_sheet(org, lang), lang)
    settings = settings_table(org, lang)
    writer.table(settings, lang)
    return writer.close()


def stats_sheet(org: Organization, lang: str) -> "StatsSheet":
    """统计: the tables of `mktorg stats` (`mktorg.stats`, labelled by `render/stats/tables.py`)."""
    from mktorg.render.stats.tables import stats_tables
    from mktorg.stats.numbers import compute

    title = f"{sheet_name('stats', lang)} — {org.name(lang)}"
    return StatsSheet(sheet_name("stats", lang), title, stats_tables(org, compute(org), lang))


_WHOLE = re.compile(r"-?[0-9]+\Z")


def _stats_value(text: str, numeric: bool) -> Value:
    """A numeric column's whole number as a number (so that Excel sums it); `2–4`, `3+N`, `80%` stay text."""
    return int(text) if numeric and _WHOLE.match(text) else (text or None)


def _check_size(table: Table) -> None:
    from mktorg.errors import OutputError

    if len(table.rows) + 1 > MAX_ROWS:
        raise OutputError(f"sheet {table.name} would have {len(table.rows):,} rows; Excel holds {MAX_ROWS - 1:,}")


TEMPLATE_ROWS = 500
"""Rows of the template that carry the drop-downs."""


def template_workbook(org: Organization | None, lang: str | None = None) -> bytes:
    """An empty roster to fill in: headers, a notes row, drop-downs (departments, levels, employment,
    yes/no); the departments and organisation sheets hold what `org` already has."""
    lang = lang or (org.default_lang if org else "zh")
    w = words(lang)
    writer = _Writer(DEFAULT_FONT, org.name(lang) if org else "")
    roster = Table(sheet_name("roster", lang), [c.header(lang) for c in ROSTER_COLUMNS], [], frozen_columns=3)
    roster.widths = [max(c.width, display_width(c.header(lang)) + 2) for c in ROSTER_COLUMNS]
    roster.rows = [[c.note(lang) for c in ROSTER_COLUMNS]]
    depts = department_table(org, lang) if org else Table(sheet_name("departments", lang), [], [])
    depts.head = [c.header(lang) for c in DEPARTMENT_COLUMNS]
    depts.rows = [[c.note(lang) for c in DEPARTMENT_COLUMNS], *depts.rows]
    depts.widths = [max(c.width, display_width(c.header(lang)) + 2) for c in DEPARTMENT_COLUMNS]
    depts.computed = {i for i, c in enumerate(DEPARTMENT_COLUMNS) if c.computed}
    depts.frozen_columns = 2
    sheet = writer.table(roster, lang)
    for col in range(len(ROSTER_COLUMNS)):
        sheet.write(1, col, roster.rows[0][col], writer.fmt("noterow"))
    dept_sheet = sheet_name("departments", lang).replace("'", "''")
    choices: dict[str, list[str] | str] = {
        "department_path": f"='{dept_sheet}'!$B$3:$B${TEMPLATE_ROWS}",
        "employment": [labels[w] for labels in EMPLOYMENT.values()],
        "headcount_n": [YES[w], NO[w]],
        "vacant": [YES[w], NO[w]],
        "optional": [YES[w], NO[w]],
        "external": [YES[w], NO[w]],
    }
    levels = org.settings.level_names() if org else None
    if levels and sum(len(level) + 1 for level in levels) < 250:
        choices["level"] = levels
    for col, column in enumerate(ROSTER_COLUMNS):
        source = choices.get(column.key)
        if source is not None:
            sheet.data_validation(2, col, TEMPLATE_ROWS, col, {"validate": "list", "source": source})
        elif column.key in ("headcount_min", "headcount_max"):
            rule = {"validate": "integer", "criteria": ">=", "value": 0, "error_message": column.note(lang)}
            sheet.data_validation(2, col, TEMPLATE_ROWS, col, rule)
    dept = writer.table(depts, lang)
    for col in range(len(DEPARTMENT_COLUMNS)):
        dept.write(1, col, depts.rows[0][col], writer.fmt("noterow"))
    settings = settings_table(org, lang) if org else None
    if settings is None:
        rows: list[list[Value]] = [[SETTING_ITEMS["name"][w], None, None, None, None]]
        settings = _layout_table(sheet_name("settings", lang), SETTINGS_COLUMNS, rows, lang, frozen=1)
    writer.table(settings, lang)
    return writer.close()
