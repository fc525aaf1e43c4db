"""How each deliverable is laid out as blocks: job description, handbook, processes and the book.

Every section of the standard 岗位说明书 template is laid out here once; `empty="show"` keeps a
section with nothing in it, with a placeholder line, so every job description has the same shape.
"""

import unicodedata
from dataclasses import dataclass, replace
from typing import Literal

from mktorg.model.organization import Organization
from mktorg.render.content import (
    Handbook,
    Item,
    JobDescription,
    book_departments,
    function_carriers,
    handbook,
    job_description,
    process_view,
    roles_by_department,
    texter,
)
from mktorg.render.document import (
    Block,
    ChartPage,
    Contents,
    Cover,
    Document,
    Group,
    Heading,
    ListItem,
    Logo,
    NumberedList,
    PageBreak,
    Paragraph,
    Properties,
    Table,
)
from mktorg.render.labels import join, labels_for, separators
from mktorg.render.stats.tables import StatsTable, headcount_table

TEXT_WIDTH = 16.6
"""The text width of an A4 page with 2.2 cm margins, in centimetres."""
LANDSCAPE_WIDTH = 25.3
"""The text width of a landscape A4 page, in centimetres."""
UNIT_CM = 0.2
"""The room of half a Chinese character (one Latin letter) of body text, in centimetres."""
CELL_PAD_CM = 0.45
"""The inset of a cell on both sides, with a little slack."""
PROSE_MIN_CM = 5.0
"""The narrowest column of running text (业务要点) worth reading."""
KPI_WIDTHS = (7.1, 2.0, 4.5, 3.0)
SIGNATURE_WIDTHS = (2.6, 4.666, 4.667, 4.667)
MAX_LEVEL = 6
BUDGET_COLUMNS = (4, 5)
"""编制 and 占编制 in the headcount table (部门, 岗位数, 本部门人数, 合计人数, 编制, 占编制, 空缺)."""

Empty = Literal["hide", "show"]


@dataclass(frozen=True)
class DocumentMeta:
    """The org.yaml `document` block resolved for one language, plus the logo and the date to print."""

    client: str = ""
    author: str = ""
    version: str = ""
    date: str = ""
    confidentiality: str = ""
    logo: Logo | None = None


def _key_widths(labels: dict[str, str]) -> tuple[float, float]:
    label = 3.2 if labels["list_separator"] == "、" else 4.4  # English labels are longer
    return label, round(TEXT_WIDTH - label, 1)


def _key_value(labels: dict[str, str], rows: list[tuple[str, str]]) -> Table:
    return Table((labels["item"], labels["content"]), tuple(rows), _key_widths(labels), keyed=True)


def _items(items: list[Item]) -> tuple[ListItem, ...]:
    return tuple(ListItem(item.text, _items(item.children)) for item in items)


def numbered(labels: dict[str, str], items: list[Item]) -> NumberedList:
    """A list numbered the way the language numbers: 1、 （1） in Chinese, 1. (1) in English."""
    return NumberedList(_items(items), (labels["number"], labels["sub_number"], labels["subsub_number"]))


class _Sections:
    """Sections under a title: a heading and its blocks, or nothing (hide) or a placeholder (show)."""

    def __init__(self, labels: dict[str, str], level: int, empty: Empty) -> None:
        self.labels, self.level, self.empty = labels, min(level, MAX_LEVEL), empty
        self.blocks: list[Block] = []

    def heading(self, key: str) -> None:
        self.blocks.append(Heading(self.labels[key], self.level, toc=False))

    def add(self, key: str, *blocks: Block | None, level: int | None = None) -> None:
        present = [b for b in blocks if b is not None]
        if not present and self.empty == "hide":
            return
        self.blocks.append(Heading(self.labels[key], min(level or self.level, MAX_LEVEL), toc=False))
        self.blocks.extend(present or [Paragraph(self.labels["empty"], "muted")])


def _units(text: str) -> int:
    """The width of a text in units: a Chinese character counts two, as in a terminal."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _cm(units: float) -> float:
    return units * UNIT_CM + CELL_PAD_CM


def _words(text: str) -> list[str]:
    """The pieces a header may break into: words, and a Chinese label before its （R）."""
    return [w for part in text.replace("（", " （").split() for w in [part] if w]


def _name_need(cells: list[str], separator: str) -> int:
    """The units of the longest name in cells listing names: a Chinese name is kept whole, a name
    with spaces may wrap between its words."""
    need = 0
    for cell in cells:
        for name in cell.split(separator.strip() or separator):
            name = name.strip()
            need = max(need, *(_units(w) for w in name.split()) if " " in name else [_units(name)])
    return need


def fitted_table(
    head: tuple[str, ...],
    rows: tuple[tuple[str, ...], ...],
    *,
    names: tuple[bool, ...],
    prose: int | None,
    separator: str,
) -> tuple[tuple[float, ...], bool]:
    """Column widths by content and whether the table needs a landscape page: a name column as
    wide as its longest name, other columns half their longest cell (two lines), the prose column
    at least PROSE_MIN_CM; the room left goes first to whole lines, then to the prose."""
    columns = range(len(head))
    cells = [[row[c] for row in rows if c < len(row)] for c in columns]
    head_need = [max((_units(w) for w in _words(h)), default=0) for h in head]
    need: list[float] = []
    full: list[float] = []
    for c in columns:
        if names[c]:
            units = max(_name_need(cells[c], separator), head_need[c])
            need.append(_cm(units))
            full.append(_cm(max([units, *(_units(v) for v in cells[c])])))
        elif c == prose:
            need.append(PROSE_MIN_CM)
            full.append(PROSE_MIN_CM)
        else:
            longest = max((_units(v) for v in cells[c]), default=0)
            need.append(_cm(max(-(-longest // 2), head_need[c], 4)))
            full.append(_cm(max(longest, head_need[c], 4)))
    landscape = sum(need) > TEXT_WIDTH
    width = LANDSCAPE_WIDTH if landscape else TEXT_WIDTH
    widths = list(need)
    room = width - sum(widths)
    for c in columns:  # whole lines for the short columns, as far as the room goes
        if c != prose and room > 0:
            more = min(room, full[c] - widths[c]) if prose is not None else 0
            widths[c] += more
            room -= more
    if prose is not None:
        widths[prose] += room
    else:
        widths = [w * width / sum(widths) for w in widths]
    return tuple(round(w, 2) for w in widths), landscape


def _list(labels: dict[str, str], items: list[Item]) -> NumberedList | None:
    return numbered(labels, items) if items else None


def _text_list(labels: dict[str, str], texts: list[str]) -> NumberedList | None:
    return _list(labels, [Item(text) for text in texts])


def job_description_blocks(jd: JobDescription, heading: str, level: int = 1, empty: Empty = "hide") -> list[Block]:
    """A job description in the standard template's order, under a heading of `level`."""
    lab = jd.labels
    header = [(k, v or lab["empty"]) for k, v in jd.header if v or (empty == "show" and k in _STANDARD_ROWS)]
    blocks: list[Block] = [Heading(heading, min(level, MAX_LEVEL)), _key_value(lab, header)]
    s = _Sections(lab, level + 1, empty)
    s.add("summary", Paragraph(jd.purpose) if jd.purpose else None)
    duties = [*jd.primary, *jd.supporting, *jd.catch_all]
    if jd.supporting or (empty == "show" and duties):
        s.heading("duties")
        s.add("primary", _list(lab, jd.primary + ([] if jd.supporting else jd.catch_all)), level=level + 2)
        s.add("supporting", _list(lab, jd.supporting + (jd.catch_all if jd.supporting else [])), level=level + 2)
    else:
        s.add("duties", _list(lab, duties))
    relations = [(lab[k], join_alt(lab, v)) for k, v in (("internal", jd.internal), ("external", jd.external)) if v]
    s.add("relations", _key_value(lab, relations) if relations else None)
    s.add("authorities", _text_list(lab, jd.authorities))
    s.add("qualifications", _key_value(lab, jd.qualifications) if jd.qualifications else None)
    kpi_head = (lab["kpi"], lab["weight"], lab["target"], lab["cycle"])
    end = _Sections(lab, level + 1, empty)  # the KPIs stay on one page with the signatures
    end.add("kpis", Table(kpi_head, tuple(jd.kpis), KPI_WIDTHS) if jd.kpis else None)
    end.add("environment", Paragraph(jd.environment) if jd.environment else None)
    end.add("signatures", signature_table(lab))
    return [*blocks, *s.blocks, Group(tuple(end.blocks), keep=True)]


def join_alt(labels: dict[str, str], items: list[str]) -> str:
    """Items that may hold a `：` joined with `；` (`, ` → `; ` in English)."""
    return separators(labels, items)[1].join(items)


def signature_table(labels: dict[str, str]) -> Table:
    """编制 / 审核 / 批准 with room to sign and date."""
    head = ("", labels["prepared_by"], labels["reviewed_by"], labels["approved_by"])
    rows = ((labels["signature"], "", "", ""), (labels["date"], "", "", ""))
    return Table(head, rows, SIGNATURE_WIDTHS, row_height=1.1)


_STANDARD_ROWS = frozenset(
    label
    for lang in ("zh", "en")
    for key in ("code", "reports_to", "reports", "level")
    for label in [labels_for(lang)[key]]
)


def handbook_blocks(hb: Handbook, level: int = 1, empty: Empty = "hide") -> list[Block]:
    """A department handbook below its department heading: header, duties, authorities, functions
    with their work content and deliverables, KPIs, positions in order with headcount."""
    lab = hb.labels
    s = _Sections(lab, level, empty)
    s.blocks.append(_key_value(lab, hb.header))
    s.add("dept_duties", _text_list(lab, hb.duties))
    s.add("dept_authorities", _text_list(lab, hb.authorities))
    described = any(f.description for f in hb.functions)  # a column empty in every row is left out
    rows = tuple((f.name, *([f.description or "—"] if described else []), f.carried_by) for f in hb.functions)
    head = (lab["function"], *([lab["description"]] if described else []), lab["carried_by"])
    names = (False, *([False] if described else []), True)
    sep = lab["list_separator"]
    widths, _ = fitted_table(head, rows, names=names, prose=1 if described else None, separator=sep)
    s.add("functions", Table(head, rows, widths, names=names, separator=sep) if rows else None)
    content: list[Block] = []
    for function in hb.functions:
        if function.details or function.deliverables:
            content.append(Paragraph(function.name, "strong"))
            if function.details:
                content.append(numbered(lab, function.details))
            if function.deliverables:
                content.append(
                    Paragraph(lab["label_value"].format(lab["deliverables"], join(lab, function.deliverables)))
                )
    if content:
        s.add("work_content", *content)
    kpi_head = (lab["kpi"], lab["weight"], lab["target"], lab["cycle"])
    s.add("dept_kpis", Table(kpi_head, tuple(hb.kpis), KPI_WIDTHS) if hb.kpis else None)
    widths = _position_widths(hb.position_head, hb.positions)
    s.add("roles", Table(hb.position_head, tuple(hb.positions), widths) if hb.positions else None)
    return s.blocks


def stats_blocks(table: StatsTable, level: int) -> list[Block]:
    """A table of `mktorg stats` as a section: its heading, the table (numbers aligned right,
    sub-departments indented, columns as wide as their numbers need) and the notes under it."""
    blocks: list[Block] = [Heading(table.title, min(level, MAX_LEVEL))]
    if table.rows:
        rows = tuple(tuple(row) for row in table.rows)
        widths = _fitted_widths(table.head, rows, table.indent)
        blocks.append(Table(tuple(table.head), rows, widths, numeric=tuple(table.numeric), indent=tuple(table.indent)))
    return blocks + [Paragraph(note) for note in table.notes]


def _without_budget_columns(table: StatsTable) -> StatsTable:
    """The headcount table without 编制 and 占编制 when no department it shows has a budget: the
    columns would be blank and `—` all the way down. (空缺 stays, as in `mktorg stats`.)"""
    if any(row[BUDGET_COLUMNS[0]] for row in table.rows):
        return table
    keep = [c for c in range(len(table.head)) if c not in BUDGET_COLUMNS]
    return replace(
        table,
        head=[table.head[c] for c in keep],
        rows=[[row[c] for c in keep] for row in table.rows],
        numeric=[table.numeric[c] for c in keep],
    )


def _fitted_widths(head: list[str], rows: tuple[tuple[str, ...], ...], indent: list[int]) -> tuple[float, ...]:
    """Column widths sharing the text width by what each column holds: cells kept on one line, a
    head may wrap onto two (a Chinese character counts two units, as in a terminal)."""

    def units(text: str) -> int:
        return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)

    need = []
    for c, title in enumerate(head):
        cells = [units(row[c]) + (2 * indent[r] if c == 0 and r < len(indent) else 0) for r, row in enumerate(rows)]
        need.append(max([-(-units(title) // 2), 4, *cells]) + 3)
    return tuple(round(TEXT_WIDTH * n / sum(need), 2) for n in need)


def _position_widths(head: tuple[str, ...], rows: list[tuple[str, ...]]) -> tuple[float, ...]:
    """The 岗位设置 columns: code, headcount and level at least as wide as their longest cell (若干人
    （人数不定） on one line, not 人数不 / 定), the position title taking the rest."""
    base = (8.6, 3.0, 2.5, 2.5) if len(head) == 4 else (10.1, 3.0, 3.5)
    rest = [
        max(width, min(_cm(max((_units(row[c]) for row in rows if c < len(row)), default=0)), 5.0))
        for c, width in enumerate(base)
        if c > 0
    ]
    return (round(TEXT_WIDTH - sum(rest), 2), *(round(w, 2) for w in rest))


def properties(org: Organization, lang: str | None, title: str, subject: str, meta: DocumentMeta) -> Properties:
    """File properties of a deliverable: the client and consultant from org.yaml, never the tool."""
    return Properties(
        title=title,
        subject=subject,
        author=meta.author,
        client=meta.client or org.name(lang),
        version=meta.version,
        date=meta.date,
        confidentiality=meta.confidentiality,
        keywords=org.name(lang),
    )


def _document(org: Organization, lang: str | None, title: str, subject: str, meta: DocumentMeta) -> Document:
    language = lang or org.default_lang
    labels = labels_for(language)
    header = org.name(lang) + (f"　{meta.confidentiality}" if meta.confidentiality else "")
    return Document(title, language, header, labels["page"], [], properties(org, lang, title, subject, meta))


def job_description_document(
    org: Organization, role_id: str, lang: str | None = None, *, empty: Empty = "hide", meta: DocumentMeta | None = None
) -> Document:
    """The job description of one role as a document of its own: its heading says 岗位说明书."""
    jd = job_description(org, role_id, lang)
    labels = jd.labels
    title = labels["jd_title"].format(jd.title)
    document = _document(org, lang, title, labels["jd"], meta or DocumentMeta())
    document.add(*job_description_blocks(jd, title, 1, empty))
    return document


def meta_for(org: Organization, lang: str | None, date: str = "", logo: Logo | None = None) -> DocumentMeta:
    """org.yaml `document` in one language; `date` when the file gives none."""
    info = org.settings.document
    if info is None:
        return DocumentMeta(client=org.name(lang), date=date, logo=logo)
    t = texter(org, lang)
    return DocumentMeta(
        client=t(info.client) or org.name(lang),
        author=t(info.author),
        version=info.version or "",
        date=info.date or date,
        confidentiality=t(info.confidentiality),
        logo=logo,
    )


def book_document(
    org: Organization,
    role_ids: list[str],
    lang: str | None,
    charts: list[ChartPage],
    *,
    departments: list[str] | None = None,
    empty: Empty = "hide",
    meta: DocumentMeta | None = None,
) -> Document:
    """The book: cover, contents, charts on landscape pages, 编制与人数 (people against budget per
    department, as `mktorg stats` counts them), a chapter per department in tree order (its handbook
    says its parent) with its handbook and its roles, then the processes.

    `departments`: the sub-trees to show (None: the whole organisation; [] only the roles' own).
    Every department heading has level 1 and every job description level 2, however deep the
    departments nest: the contents (two levels) list every role under its department, and a job
    description looks the same wherever it sits."""
    labels = labels_for(lang or org.default_lang)
    meta = meta or DocumentMeta(client=org.name(lang))
    document = _document(org, lang, org.name(lang), labels["book"], meta)
    fields = tuple(
        (labels[key], value)
        for key, value in (
            ("client", meta.client if meta.client != org.name(lang) else ""),
            ("version", meta.version),
            ("doc_date", meta.date),
            ("author", meta.author),
        )
        if value
    )
    document.add(
        Cover(org.name(lang), labels["book"], fields, meta.confidentiality, meta.logo),
        PageBreak(),
        Contents(labels["toc"], depth=2),
    )
    document.add(*charts)
    chosen = book_departments(org, role_ids, departments)
    headcount = headcount_table(org, lang, chosen, totals=departments is None)  # the numbers of `mktorg stats`
    document.add(PageBreak(), *stats_blocks(_without_budget_columns(headcount), 1))
    t = texter(org, lang)
    carriers = function_carriers(org, t)
    members = roles_by_department(org, role_ids)
    for dept_id in chosen:
        hb = handbook(org, dept_id, lang, carriers)
        document.add(PageBreak(), Heading(hb.name, 1), *handbook_blocks(hb, 2, empty))
        for role_id in members.get(dept_id, []):
            jd = job_description(org, role_id, lang)
            document.add(PageBreak(), *job_description_blocks(jd, jd.title, 2, empty))
    if org.processes:
        document.add(PageBreak())
        chapter: list[Block] = [Heading(labels["processes"], 1)]
        for process_id in sorted(org.processes):
            document.add(*process_blocks(org, process_id, lang, chapter))
            chapter = []
    return document


def process_blocks(org: Organization, process_id: str, lang: str | None, before: list[Block]) -> list[Block]:
    """A process: its heading, owner and R/A/C/I table, with role columns as wide as a title; a
    table too wide for portrait goes on a landscape page of its own, with `before` (the chapter
    heading) and its own heading."""
    labels = labels_for(lang or org.default_lang)
    view = process_view(org, process_id, lang)
    blocks: list[Block] = [*before, Heading(view.name, 2)]
    if view.owner:
        blocks.append(Paragraph(labels["label_value"].format(labels["owner"], view.owner)))
    rows = tuple(tuple(row) for row in view.rows)
    names = (False, False, True, True, True, True, False)
    sep = labels["list_separator"]
    widths, landscape = fitted_table(tuple(view.head), rows, names=names, prose=6, separator=sep)
    blocks.append(Table(tuple(view.head), rows, widths, names=names, separator=sep))
    return [Group(tuple(blocks), landscape=True)] if landscape else blocks
