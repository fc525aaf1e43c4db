"""The sheets `import` reads: 岗位清单 (roles), 部门 (departments) and 组织设置 (organisation).

A CSV file is one roster sheet. The roster is required; the departments and organisation sheets
are read when present. Cells are converted here; whether the ids they name exist is decided
against the organisation by `edit/importer.py`.
"""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mktorg.diagnostics import Finding
from mktorg.sheets.layout import DEPARTMENT_COLUMNS, ROSTER_COLUMNS, SETTING_ITEMS, SETTINGS_COLUMNS, SHEETS
from mktorg.sheets.read import Grid, Workbook, read_file
from mktorg.sheets.rows import (
    CellError,
    Converter,
    Table,
    read_table,
    to_bool,
    to_count,
    to_employment,
    to_id,
    to_ids,
    to_number,
    to_text,
    to_variable,
)

ROSTER_KINDS: dict[str, Converter] = {
    "code": to_text,
    "id": to_id,
    "title": to_text,
    "department_path": to_text,
    "department": to_id,
    "reports_to_title": to_text,
    "reports_to": to_id,
    "dotted_to": to_ids,
    "level": to_text,
    "grade": to_text,
    "headcount_min": to_count,
    "headcount_max": to_count,
    "headcount_n": to_variable,
    "employment": to_employment,
    "vacant": to_bool,
    "optional": to_bool,
    "external": to_bool,
}
DEPARTMENT_KINDS: dict[str, Converter] = {
    "id": to_id,
    "name": to_text,
    "parent_path": to_text,
    "parent": to_id,
    "head_title": to_text,
    "head": to_id,
    "headcount_budget": to_count,
    "external": to_bool,
}
SETTINGS_KINDS: dict[str, Converter] = {
    "item": to_text,
    "value": to_text,
    "name": to_text,
    "min": to_number,
    "max": to_number,
}


@dataclass
class Settings:
    """What the organisation sheet says, for a new organisation's org.yaml."""

    name: str | None = None
    locales: list[str] = field(default_factory=list)
    levels: list[str] = field(default_factory=list)
    grades: dict[str, dict[str, Any]] = field(default_factory=dict)
    currency: str | None = None


@dataclass
class ImportSheets:
    """The tables read from one file."""

    file: str
    roster: Table | None
    departments: Table | None
    settings: Settings | None
    title: str | None = None


def read_import(path: Path, encoding: str = "utf-8") -> tuple[ImportSheets | None, list[Finding]]:
    """The roster, departments and organisation sheets of a workbook or CSV file, with the findings."""
    wanted = [name for key in ("roster", "departments", "settings") for name in SHEETS[key]]
    book, findings = read_file(path, encoding, wanted)
    if book is None:
        return None, findings
    return read_sheets(book, findings), findings


def read_sheets(book: Workbook, findings: list[Finding]) -> ImportSheets:
    """The tables of a workbook already read."""
    file = book.file
    roster_grid: Grid | None
    if len(book.sheets) == 1 and book.file.lower().endswith(".csv"):
        roster_grid = book.sheets[0]
    else:
        roster_grid = book.sheet(*SHEETS["roster"]) or (book.sheets[0] if len(book.names) == 1 else None)
    roster = None
    if roster_grid is None:
        names = "、".join(book.names)
        findings.append(
            Finding(
                "MK071",
                file,
                1,
                1,
                f"{file}: no sheet named {SHEETS['roster'][0]} ({SHEETS['roster'][1]}); the sheets are {names}",
                f"name the roster sheet {SHEETS['roster'][0]}, as `mktorg import --template` does",
            )
        )
    else:
        roster = read_table(
            roster_grid,
            ROSTER_COLUMNS,
            ROSTER_KINDS,
            [("title", "id"), ("department", "department_path")],
            file,
            findings,
        )
    departments = None
    dept_grid = book.sheet(*SHEETS["departments"])
    if dept_grid is not None:
        departments = read_table(dept_grid, DEPARTMENT_COLUMNS, DEPARTMENT_KINDS, [("name", "id")], file, findings)
    if roster is not None and not roster.rows and not (departments and departments.rows):
        findings.append(
            Finding(
                "MK071",
                file,
                roster.header_row + 1,
                1,
                f"{roster.grid.ref(roster.header_row + 1, 1)}: the sheet has a header row but no roles",
                "add one row per role under the header row",
            )
        )
        roster = None
    settings = None
    settings_grid = book.sheet(*SHEETS["settings"])
    if settings_grid is not None:
        table = read_table(settings_grid, SETTINGS_COLUMNS, SETTINGS_KINDS, [("item",), ("value",)], file, findings)
        if table is not None:
            settings = _settings(table, file, findings)
    return ImportSheets(file, roster, departments, settings, book.title)


def _settings(table: Table, file: str, findings: list[Finding]) -> Settings:
    items = {_key(label): key for key, labels in SETTING_ITEMS.items() for label in (*labels, key)}
    settings = Settings()
    for row in table.rows:
        item = items.get(_key(row.values.get("item") or ""))
        value = row.values.get("value")
        if item is None or value is None:
            continue
        if item == "name":
            settings.name = value
        elif item == "locales":
            settings.locales = [part.strip() for part in value.replace("，", ",").split(",") if part.strip()]
        elif item == "level":
            settings.levels.append(value)
        elif item == "currency":
            settings.currency = value.strip()
        else:
            low, high = row.values.get("min"), row.values.get("max")
            if low is None or high is None:
                ref = row.refs.get("min" if low is None else "max", row.refs["item"])
                error = CellError(f"grade {value}: both amounts are needed", "write the lowest and highest monthly pay")
                findings.append(Finding("MK073", file, row.number, 4, f"{ref}: {error}", error.hint))
                continue
            settings.grades[value.strip()] = {"name": row.values.get("name") or value.strip(), "min": low, "max": high}
    return settings


def _key(text: str) -> str:
    return "".join(text.split()).casefold()
