"""Read a workbook (.xlsx, openpyxl) or a CSV file into grids of cells, each with its address.

Nothing here interprets the cells: `sheets/rows.py` does, against the column layout. A file that
cannot be read is a finding (MK070), never a traceback.
"""

import csv
import datetime
import io
import re
import warnings
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mktorg.diagnostics import Finding

MAX_BYTES = 50 * 1024 * 1024
"""The largest workbook or CSV file read."""
_ESCAPE = re.compile(r"_x(00[01][0-9A-Fa-f]|FFF[EF])_", re.IGNORECASE)


def ooxml_text(text: str) -> str:
    """A workbook string with the `_xHHHH_` escapes of characters XML cannot hold (controls, CR,
    U+FFFE/U+FFFF) decoded, as Excel shows them; openpyxl leaves them as written (and has already
    turned an escaped `_x005F_` into `_`, so other `_xHHHH_` text is left alone as typed text)."""
    if "_x" not in text:
        return text
    return _ESCAPE.sub(
        lambda m: chr(int(m.group(1), 16)) if m.group(1) not in ("0009", "000A", "000a") else m.group(0), text
    )


def column_letter(col: int) -> str:
    """1 → A, 27 → AA."""
    letters = ""
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass(frozen=True, slots=True)
class Cell:
    """A cell's value as the file holds it, and what kind of value it is."""

    value: Any
    kind: str
    """text, number, bool, date, formula, error or blank."""


BLANK = Cell(None, "blank")


@dataclass
class Grid:
    """One sheet: its name, rows of cells (row 1 first), and its merged ranges (`B3:C4`)."""

    name: str
    rows: list[list[Cell]]
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    """(first row, first column, last row, last column), 1-based."""

    def ref(self, row: int, col: int) -> str:
        """`岗位清单!D7` for 1-based row and column."""
        return f"{self.name}!{column_letter(col)}{row}"

    def cell(self, row: int, col: int) -> Cell:
        """The cell at 1-based row and column (blank outside the data)."""
        if 0 < row <= len(self.rows):
            cells = self.rows[row - 1]
            if 0 < col <= len(cells):
                return cells[col - 1]
        return BLANK


@dataclass
class Workbook:
    """The sheets of one file, in order, and where it came from."""

    file: str
    """The name shown in diagnostics."""
    sheets: list[Grid]
    title: str | None = None
    names: list[str] = field(default_factory=list)
    """Every sheet's name, also of those not read."""

    def sheet(self, *names: str) -> Grid | None:
        """The first sheet named one of `names` (ignoring case and surrounding spaces)."""
        wanted = {n.strip().casefold() for n in names}
        return next((g for g in self.sheets if g.name.strip().casefold() in wanted), None)


def unreadable(file: str, message: str, hint: str) -> Finding:
    """MK070 for a file that is not a workbook or CSV this command can read."""
    return Finding("MK070", file, 1, 1, message, hint)


def read_file(
    path: Path, encoding: str = "utf-8", wanted: Collection[str] | None = None
) -> tuple[Workbook | None, list[Finding]]:
    """The workbook or CSV file at `path`, or the finding that says why it cannot be read.

    `wanted`: read only the sheets of these names (ignoring case), or the only sheet there is."""
    name = path.name
    try:
        size = path.stat().st_size
    except OSError as err:
        return None, [unreadable(name, f"cannot read {path}: {err.strerror}", "check the path")]
    if size > MAX_BYTES:
        return None, [unreadable(name, f"{name} is {size:,} bytes; the limit is {MAX_BYTES:,}", "split the file")]
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _read_csv(path, encoding)
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path, wanted)
    hint = "save it from Excel as .xlsx (Excel 工作簿) or as CSV UTF-8"
    return None, [unreadable(name, f"{name}: not a .xlsx or .csv file", hint)]


def _read_csv(path: Path, encoding: str) -> tuple[Workbook | None, list[Finding]]:
    name = path.name
    try:
        text = path.read_bytes().decode("utf-8-sig" if encoding.lower().replace("-", "") == "utf8" else encoding)
    except (UnicodeDecodeError, LookupError) as err:
        message = f"{name} is not {encoding} text ({err.__class__.__name__})"
        hint = "save it as CSV UTF-8 (逗号分隔)(*.csv), or give --encoding gb18030 for a CSV saved by Chinese Excel"
        return None, [unreadable(name, message, hint)]
    except OSError as err:
        return None, [unreadable(name, f"cannot read {path}: {err.strerror}", "check the path")]
    try:
        sample = text[:4096]
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t") if sample.strip() else csv.excel
    except csv.Error:
        dialect = csv.excel
    rows = [[_csv_cell(v) for v in row] for row in csv.reader(io.StringIO(text, newline=""), dialect)]
    return Workbook(name, [Grid(path.stem, rows)], names=[path.stem]), []


def _csv_cell(value: str) -> Cell:
    if value == "":
        return BLANK
    if value.startswith("=") and len(value) > 1:
        return Cell(value, "formula")
    return Cell(value, "text")


def _read_xlsx(path: Path, wanted: Collection[str] | None) -> tuple[Workbook | None, list[Finding]]:
    name = path.name
    hint = "open it in Excel or LibreOffice and save it again as .xlsx (without a password)"
    try:
        from openpyxl import load_workbook

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = load_workbook(path, read_only=True, data_only=False, keep_links=False, keep_vba=False)
    except Exception as err:  # openpyxl raises many kinds for a damaged or foreign file
        message = f"{name} cannot be read as a workbook ({err.__class__.__name__}: {str(err)[:120]})"
        return None, [unreadable(name, message, hint)]
    keep = {n.strip().casefold() for n in wanted} if wanted is not None else None
    sheets = []
    try:
        names = list(book.sheetnames)
        for sheet in book.worksheets:
            if keep is not None and len(names) > 1 and sheet.title.strip().casefold() not in keep:
                continue
            sheet.reset_dimensions()  # some writers declare a wrong size: read every row there is
            rows = [[_xlsx_cell(c) for c in row] for row in sheet.iter_rows()]
            sheets.append(Grid(sheet.title, rows, _merged_ranges(sheet)))
        title = book.properties.title if book.properties is not None else None
    except Exception as err:  # a damaged sheet inside a readable package
        message = f"{name}: a sheet cannot be read ({err.__class__.__name__}: {str(err)[:120]})"
        return None, [unreadable(name, message, hint)]
    finally:
        book.close()
    return Workbook(name, sheets, title, names), []


_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Za-z]+[0-9]+)(?::([A-Za-z]+[0-9]+))?"')


def _merged_ranges(sheet: Any) -> list[tuple[int, int, int, int]]:
    """The merged ranges of a read-only sheet, from its XML (openpyxl's read-only mode has none)."""
    from openpyxl.utils.cell import coordinate_to_tuple

    source = sheet._get_source()
    try:
        data = source.read()
    finally:
        source.close()
    out = []
    for match in _MERGE.finditer(data):
        first = coordinate_to_tuple(match.group(1).decode().upper())
        last = coordinate_to_tuple((match.group(2) or match.group(1)).decode().upper())
        out.append((first[0], first[1], last[0], last[1]))
    return sorted(out)


def _xlsx_cell(cell: Any) -> Cell:
    value = cell.value
    if value is None:
        return BLANK
    kind = cell.data_type
    if kind == "f" or (kind != "s" and not isinstance(value, str | int | float | bool | datetime.datetime)):
        return Cell(str(getattr(value, "text", value)), "formula")
    if kind == "e":
        return Cell(str(value), "error")
    if isinstance(value, bool):
        return Cell(value, "bool")
    if isinstance(value, datetime.datetime | datetime.date | datetime.time | datetime.timedelta):
        return Cell(value, "date")
    if isinstance(value, int | float):
        return Cell(value, "number")
    return Cell(ooxml_text(str(value)), "text") if str(value) != "" else BLANK
