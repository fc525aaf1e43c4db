"""How each deliverable is laid out as blocks: job description, handbook, process and the book."""

from mktorg.model.organization import Organization
from mktorg.render.content import (
    DutyView,
    Handbook,
    JobDescription,
    book_departments,
    handbook,
    job_description,
    process_view,
    roles_by_department,
)
from mktorg.render.document import (
    Block,
    Contents,
    Cover,
    Document,
    Figure,
    Heading,
    ListItem,
    NumberedList,
    PageBreak,
    Paragraph,
    Table,
)
from mktorg.render.labels import labels_for

KEY_VALUE_WIDTHS = (3.5, 13.0)
KPI_WIDTHS = (7.0, 2.0, 4.5, 3.0)
FUNCTION_WIDTHS = (3.5, 8.5, 4.5)
PROCESS_WIDTHS = (3.2, 2.2, 2.4, 2.2, 2.2, 2.2, 4.0)


def _key_value(labels: dict[str, str], rows: list[tuple[str, str]]) -> Table:
    return Table((labels["item"], labels["content"]), tuple(rows), KEY_VALUE_WIDTHS, keyed=True)


def _duties(duties: list[DutyView], supports_label: str) -> NumberedList:
    items = []
    for duty in duties:
        text = duty.text + (f"（{supports_label}：{duty.supports}）" if duty.supports else "")
        items.append(ListItem(text, tuple(duty.details)))
    return NumberedList(tuple(items))


def job_description_blocks(jd: JobDescription, level: int = 1) -> list[Block]:
    """A job description: title, header table, summary, duties, authorities, qualifications, KPIs."""
    lab = jd.labels
    blocks: list[Block] = [Heading(jd.title, level), _key_value(lab, jd.header)]
    section = level + 1
    if jd.summary:
        blocks += [Heading(lab["summary"], section), Paragraph(jd.summary)]
    if jd.primary or jd.supporting:
        blocks.append(Heading(lab["duties"], section))
        if jd.primary:
            blocks.append(_duties(jd.primary, lab["supports"]))
        if jd.supporting:
            blocks += [Paragraph(lab["supporting"], "strong"), _duties(jd.supporting, lab["supports"])]
    if jd.authorities:
        blocks += [Heading(lab["authorities"], section), NumberedList(tuple(ListItem(a) for a in jd.authorities))]
    if jd.qualifications:
        blocks += [Heading(lab["qualifications"], section), _key_value(lab, jd.qualifications)]
    if jd.kpis:
        head = (lab["kpi"], lab["weight"], lab["target"], lab["cycle"])
        blocks += [Heading(lab["kpis"], section), Table(head, tuple(jd.kpis), KPI_WIDTHS)]
    return blocks


def handbook_blocks(hb: Handbook, level: int = 1, title: str | None = None) -> list[Block]:
    """A department handbook: header table, function breakdown, positions."""
    lab = hb.labels
    heading = title if title is not None else f"{hb.name} · {lab['handbook']}"
    blocks: list[Block] = [Heading(heading, level), _key_value(lab, hb.header)]
    if hb.functions:
        head = (lab["function"], lab["description"], lab["carried_by"])
        blocks += [Heading(lab["functions"], level + 1), Table(head, tuple(hb.functions), FUNCTION_WIDTHS)]
    if hb.roles:
        blocks += [Heading(lab["roles"], level + 1), Paragraph(lab["list_separator"].join(hb.roles))]
    return blocks


def _document(org: Organization, title: str, lang: str | None) -> Document:
    language = lang or org.default_lang
    return Document(title, language, org.name(lang), labels_for(language)["page"])


def job_description_document(org: Organization, role_id: str, lang: str | None = None) -> Document:
    """The job description of one role as a document of its own."""
    jd = job_description(org, role_id, lang)
    document = _document(org, jd.title, lang)
    document.add(*job_description_blocks(jd))
    return document


def book_document(org: Organization, role_ids: list[str], lang: str | None, chart: Figure | None) -> Document:
    """The book: cover, contents, chart, a chapter per department (its handbook, then the job
    descriptions of its roles), processes. The contents list chapters and their sections (levels 1–2)."""
    labels = labels_for(lang or org.default_lang)
    document = _document(org, org.name(lang), lang)
    document.add(Cover(org.name(lang), labels["book"]), PageBreak(), Contents(labels["toc"], depth=2))
    if chart is not None:
        document.add(PageBreak(), Heading(labels["chart"], 1), chart)
    members = roles_by_department(org, role_ids)
    for dept_id in book_departments(org, role_ids):
        hb = handbook(org, dept_id, lang)
        document.add(PageBreak(), Heading(hb.name, 1), *handbook_blocks(hb, 2, labels["handbook"]))
        for role_id in members[dept_id]:
            document.add(PageBreak(), *job_description_blocks(job_description(org, role_id, lang), 2))
    if org.processes:
        document.add(PageBreak(), Heading(labels["processes"], 1))
        for process_id in sorted(org.processes):
            view = process_view(org, process_id, lang)
            document.add(Heading(view.name, 2))
            if view.owner:
                document.add(Paragraph(f"{labels['owner']}：{view.owner}"))
            document.add(Table(tuple(view.head), tuple(tuple(row) for row in view.rows), PROCESS_WIDTHS))
    return document
