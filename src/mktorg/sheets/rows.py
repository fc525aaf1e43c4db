"""The rows of a sheet as values of the column layout, every bad cell a finding at its address.

A header row is found among the first rows by its headers (Chinese or English, see
`sheets/layout.py`); a notes row under it (every cell starting with 说明 or Note, as
`import --template` writes it) is skipped, and so are blank rows. Each cell is converted by the
kind of its column; what cannot be converted is a finding with the sheet and cell
(`岗位清单!D7`), and the row keeps going so that one run reports every bad cell.
"""

import datetime
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from mktorg.diagnostics import Finding
from mktorg.sheets.layout import Column, parse_bool, parse_employment, split_list
from mktorg.sheets.read import Cell, Grid

HEADER_SEARCH = 10
"""How many rows from the top may hold the header row."""
ID = re.compile(r"[^\W_][\w-]*\Z")
_NOTE = ("说明", "note")


class CellError(ValueError):
    """A cell that cannot be read as its column's kind: the message and hint of the finding."""

    def __init__(self, message: str, hint: str, code: str = "MK073") -> None:
        super().__init__(message)
        self.hint = hint
        self.code = code


@dataclass
class Row:
    """One data row: its number, the converted values of the columns the sheet has, and their addresses."""

    number: int
    values: dict[str, Any]
    refs: dict[str, str]

    def has(self, key: str) -> bool:
        """Whether the sheet has this column."""
        return key in self.refs


@dataclass
class Table:
    """A sheet read against a layout: the header row, the column of each key, the rows."""

    grid: Grid
    header_row: int
    columns: dict[str, int]
    rows: list[Row] = field(default_factory=list)

    def ref(self, key: str, row: int | None = None) -> str:
        """The address of a column's header cell, or of its cell in `row`."""
        return self.grid.ref(row or self.header_row, self.columns.get(key, 1))


def _text(cell: Cell) -> str | None:
    if cell.kind == "blank":
        return None
    if cell.kind == "text":
        return str(cell.value) if str(cell.value).strip() else None
    if cell.kind == "number":
        value = cell.value
        return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
    if cell.kind == "date":
        raise CellError(
            f"a date ({_date_text(cell.value)}) where text goes",
            "Excel turned what was typed into a date: format the column as 文本 (Text) and type it again",
        )
    if cell.kind == "bool":
        raise CellError(f"{str(cell.value).upper()} where text goes", "type the text, or 是/否 in a yes/no column")
    if cell.kind == "formula":
        raise CellError(
            f"a formula ({str(cell.value)[:40]}) where a value goes",
            "type the value itself: import never evaluates formulas",
            "MK074",
        )
    raise CellError(f"an error value {cell.value} where a value goes", "type the value itself")


def _date_text(value: Any) -> str:
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        return value.date().isoformat()
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def to_text(cell: Cell) -> str | None:
    """Text, or None for an empty cell; a whole number becomes its digits."""
    return _text(cell)


def to_id(cell: Cell) -> str | None:
    """An id: letters, digits, `_` and `-`, starting with a letter or digit."""
    text = _text(cell)
    if text is None:
        return None
    token = unicodedata.normalize("NFC", text.strip())
    if not ID.match(token):
        raise CellError(
            f"'{token[:40]}' is not a valid id",
            "ids are letters, digits, '_' and '-', starting with a letter or digit (empty: made from the name)",
        )
    return token


def to_ids(cell: Cell) -> list[str]:
    """Several ids in one cell, separated by 、 , or ;."""
    text = _text(cell)
    if text is None:
        return []
    out = []
    for part in split_list(text):
        token = unicodedata.normalize("NFC", part)
        if not ID.match(token):
            raise CellError(f"'{token[:40]}' is not a valid id", "list role ids separated by 、 or commas")
        out.append(token)
    return out


def to_count(cell: Cell) -> int | None:
    """A whole number ≥ 0."""
    if cell.kind == "number":
        value = cell.value
        if (isinstance(value, int) or (isinstance(value, float) and value.is_integer())) and value >= 0:
            return int(value)
        raise CellError(f"{value} is not a whole number of 0 or more", "write a whole number such as 3")
    text = _text(cell)
    if text is None:
        return None
    token = text.strip()
    if token.isascii() and token.isdigit():
        return int(token)
    raise CellError(f"'{token[:40]}' is not a whole number", "write the number in digits, such as 3 (not 三 or 3人)")


def to_bool(cell: Cell) -> bool:
    """是/否, yes/no, true/false, 1/0; empty is false."""
    if cell.kind == "bool":
        return bool(cell.value)
    if cell.kind == "number" and cell.value in (0, 1):
        return bool(cell.value)
    text = _text(cell)
    value = parse_bool(text or "")
    if value is None:
        raise CellError(
            f"'{(text or '')[:40]}' is not yes or no", "write 是 or 否 (yes or no), or leave it empty for no"
        )
    return value


def to_variable(cell: Cell) -> bool:
    """人数不定: 是, or N as the format writes a variable headcount."""
    if cell.kind == "text" and str(cell.value).strip().upper() == "N":
        return True
    return to_bool(cell)


def to_employment(cell: Cell) -> str | None:
    """全职/兼职/实习/外包 or the format's keys."""
    text = _text(cell)
    if text is None:
        return None
    value = parse_employment(text)
    if value is None:
        raise CellError(
            f"'{text[:40]}' is not an employment type",
            "write 全职, 兼职, 实习 or 外包 (full_time, part_time, intern, outsourced)",
        )
    return value


def to_number(cell: Cell) -> float | None:
    """Any number (pay amounts)."""
    if cell.kind == "number":
        return float(cell.value)
    text = _text(cell)
    if text is None:
        return None
    try:
        return float(text.replace(",", ""))
    except ValueError:
        raise CellError(f"'{text[:40]}' is not a number", "write the amount in digits, such as 15000") from None


Converter = Callable[[Cell], Any]


def read_table(
    grid: Grid,
    columns: tuple[Column, ...],
    kinds: dict[str, Converter],
    required: list[tuple[str, ...]],
    file: str,
    findings: list[Finding],
) -> Table | None:
    """The rows of `grid` in the layout `columns`; None (with a finding) when there is no header
    row or a required column is missing. `required`: each tuple names columns of which one must be there."""
    header = _header(grid, columns)
    if header is None:
        if not any(c.kind != "blank" for row in grid.rows for c in row):
            message = f"{grid.name}!A1: the sheet is empty"
        else:
            message = f"{grid.name}!A1: no header row with the column names in the first {HEADER_SEARCH} rows"
        expected = "、".join(c.zh for c in columns if not c.computed)
        findings.append(Finding("MK071", file, 1, 1, message, f"the first row names the columns: {expected}"))
        return None
    header_row, found = header
    table = Table(grid, header_row, found)
    missing = [group for group in required if not any(key in found for key in group)]
    for group in missing:
        names = " or ".join(next(f"{c.zh} ({c.en})" for c in columns if c.key == key) for key in group)
        findings.append(
            Finding(
                "MK072",
                file,
                header_row,
                1,
                f"{grid.ref(header_row, 1)}: no column {names} in the header row",
                "add the column (its header as in `mktorg import --template`)",
            )
        )
    if missing:
        return None
    _merged(grid, header_row, file, findings)
    first = header_row + 1
    if first <= len(grid.rows) and _is_notes(grid.rows[first - 1]):
        first += 1
    for number in range(first, len(grid.rows) + 1):
        cells = grid.rows[number - 1]
        if all(c.kind == "blank" for c in cells):
            continue
        values: dict[str, Any] = {}
        refs: dict[str, str] = {}
        for key, col in found.items():
            ref = grid.ref(number, col)
            refs[key] = ref
            try:
                values[key] = kinds[key](grid.cell(number, col))
            except CellError as err:
                column = next(c for c in columns if c.key == key)
                findings.append(Finding(err.code, file, number, col, f"{ref}: {column.zh}: {err}", err.hint))
                values[key] = None
        table.rows.append(Row(number, values, refs))
    return table


def _header(grid: Grid, columns: tuple[Column, ...]) -> tuple[int, dict[str, int]] | None:
    names = {_norm(column.key): column.key for column in columns}  # the format's keys, unless a header
    for column in columns:
        for name in (column.zh, column.en):
            names[_norm(name)] = column.key
    for number, cells in enumerate(grid.rows[:HEADER_SEARCH], 1):
        found: dict[str, int] = {}
        for col, cell in enumerate(cells, 1):
            if cell.kind == "text":
                key = names.get(_norm(str(cell.value)))
                if key is not None and key not in found:
                    found[key] = col
        if len(found) >= 2:
            return number, {k: v for k, v in found.items() if k in {c.key for c in columns if not c.computed}}
    return None


def _norm(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split()).casefold()


def _is_notes(cells: list[Cell]) -> bool:
    texts = [str(c.value) for c in cells if c.kind != "blank"]
    return bool(texts) and all(t.strip().casefold().startswith(_NOTE) for t in texts)


def _merged(grid: Grid, header_row: int, file: str, findings: list[Finding]) -> None:
    for first_row, first_col, last_row, last_col in grid.merged:
        if last_row < header_row:
            continue
        span = f"{grid.ref(first_row, first_col)}:{grid.ref(last_row, last_col).split('!')[1]}"
        findings.append(
            Finding(
                "MK075",
                file,
                first_row,
                first_col,
                f"{span}: merged cells",
                "unmerge them (合并后居中 → 取消合并) and write the value in every row it belongs to",
            )
        )
