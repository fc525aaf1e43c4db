"""The 编制与人数 section of the design book: the headcount table of `mktorg stats`, in each book format."""

from html import escape

from mktorg.model.organization import Organization
from mktorg.render.stats.tables import StatsTable, headcount_rows, stats_tables
from mktorg.render.stats.text import markdown_table
from mktorg.stats.numbers import compute

WIDTHS = [4.2, 1.8, 2.4, 2.4, 1.4, 2.4, 1.4]
"""Column widths (cm) of the table in Word: department, roles, own, total, budget, % of budget, vacant."""


def headcount_table(org: Organization, lang: str | None, departments: list[str] | None = None) -> StatsTable:
    """People per department against budget (编制), with vacancies: the same numbers as `mktorg stats`.

    `departments`: a book of part of the organisation shows just those, and no organisation totals.
    """
    numbers = compute(org)
    if departments is None:
        return stats_tables(org, numbers, lang, "departments")[0]
    return headcount_rows(org, numbers, lang, set(departments))


def indented_rows(table: StatsTable) -> list[list[str]]:
    """The rows with sub-departments indented by ideographic spaces (for Word, where cells have no indent)."""
    return [
        ["\u3000" * (table.indent[i] if i < len(table.indent) else 0) + row[0], *row[1:]]
        for i, row in enumerate(table.rows)
    ]


def headcount_markdown(table: StatsTable, level: int = 2) -> str:
    """The section in Markdown: heading, table, notes."""
    return markdown_table(table, level)


def headcount_html(table: StatsTable, level: int = 2) -> str:
    """The section in HTML: heading, table (numbers right-aligned, sub-departments indented), notes."""
    head = "".join(
        f'<th style="text-align:{"right" if n else "left"}">{escape(h)}</th>'
        for h, n in zip(table.head, table.numeric, strict=True)
    )
    rows = []
    for i, row in enumerate(table.rows):
        depth = table.indent[i] if i < len(table.indent) else 0
        indent = f";padding-left:{0.6 + 1.2 * depth:g}em" if depth else ""
        cells = [
            f'<td style="text-align:{"right" if n else "left"}{indent if c == 0 else ""}">{escape(value)}</td>'
            for c, (value, n) in enumerate(zip(row, table.numeric, strict=True))
        ]
        rows.append(f"<tr>{''.join(cells)}</tr>")
    notes = "".join(f"<p>{escape(note)}</p>\n" for note in table.notes)
    return (
        f"<h{level}>{escape(table.title)}</h{level}>\n<table>\n<tr>{head}</tr>\n"
        + "\n".join(rows)
        + f"\n</table>\n{notes}"
    )
