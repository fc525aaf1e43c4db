"""Write job descriptions and books in each format: file names, order and assembly."""

from dataclasses import dataclass
from html import escape
from pathlib import Path

from mktorg.model.organization import Organization
from mktorg.render import html as html_format
from mktorg.render import markdown as md_format
from mktorg.render.content import handbook, job_description, process_view
from mktorg.render.labels import labels_for
from mktorg.render.stats.book import WIDTHS, headcount_html, headcount_markdown, headcount_table, indented_rows
from mktorg.writing import write_bytes, write_text

FORMATS = ("docx", "md", "html")


@dataclass(frozen=True)
class ExportOptions:
    """What to write and how."""

    fmt: str
    out: Path
    lang: str | None = None
    reference: Path | None = None
    font: str = "Noto Sans CJK SC"


def export_roles(org: Organization, role_ids: list[str], options: ExportOptions) -> list[Path]:
    """One document per role, named <role-id>.<ext>."""
    written = []
    lang = options.lang or org.default_lang
    if options.fmt == "docx":
        writer = _word_writer(org, options)
        for role_id in role_ids:
            writer.reset()
            writer.job_description(job_description(org, role_id, options.lang))
            path = options.out / f"{role_id}.docx"
            write_bytes(path, writer.to_bytes())
            written.append(path)
        return written
    for role_id in role_ids:
        jd = job_description(org, role_id, options.lang)
        if options.fmt == "md":
            text = md_format.job_description_md(jd)
        else:
            text = html_format.page(jd.title, html_format.job_description_html(jd), lang)
        path = options.out / f"{role_id}.{options.fmt}"
        write_text(path, text)
        written.append(path)
    return written


def _word_writer(org: Organization, options: ExportOptions):  # type: ignore[no-untyped-def]
    from mktorg.render.word import WordWriter

    labels = labels_for(options.lang or org.default_lang)
    return WordWriter(org.name(options.lang), font=options.font, reference=options.reference, page_label=labels["page"])


def book_departments(org: Organization, role_ids: list[str]) -> list[str]:
    """Departments whose roles are in the book, in tree order."""
    wanted = {org.roles[r].department for r in role_ids}
    return [d for d in org.department_tree_order() if d in wanted]


def export_book(
    org: Organization, role_ids: list[str], options: ExportOptions, chart_png: bytes | None, chart_svg: bytes | None
) -> Path:
    """One document: cover, contents, chart, a handbook per department with its roles, processes."""
    if options.fmt == "docx":
        return _word_book(org, role_ids, options, chart_png)
    return _text_book(org, role_ids, options, chart_svg)


def _book_scope(org: Organization, role_ids: list[str]) -> list[str] | None:
    """The departments of a book of part of the organisation; None for the whole of it."""
    everyone = {r for r, role in org.roles.items() if not role.external}
    return None if everyone <= set(role_ids) else book_departments(org, role_ids)


def _sections(org: Organization, role_ids: list[str]) -> list[tuple[str, list[str]]]:
    return [(d, [r for r in role_ids if org.roles[r].department == d]) for d in book_departments(org, role_ids)]


def _word_book(org: Organization, role_ids: list[str], options: ExportOptions, chart_png: bytes | None) -> Path:
    labels = labels_for(options.lang or org.default_lang)
    writer = _word_writer(org, options)
    writer.paragraph(org.name(options.lang), "title")
    writer.paragraph(labels["book"], "subtitle")
    writer.page_break()
    sections = [
        (handbook(org, dept_id, options.lang), [job_description(org, r, options.lang) for r in members])
        for dept_id, members in _sections(org, role_ids)
    ]
    headcount = headcount_table(org, options.lang, _book_scope(org, role_ids))
    entries: list[tuple[int, str]] = [(1, labels["chart"])] if chart_png else []
    entries.append((1, headcount.title))
    for hb, jds in sections:
        entries.append((1, f"{hb.name} · {labels['handbook']}"))
        entries += [(2, jd.title) for jd in jds]
    if org.processes:
        entries.append((1, labels["processes"]))
    writer.toc(labels["toc"], entries)
    if chart_png:
        writer.page_break()
        writer.paragraph(labels["chart"], "h1")
        writer.picture(chart_png)
    writer.page_break()
    writer.paragraph(headcount.title, "h1")
    writer.table(headcount.head, indented_rows(headcount), WIDTHS)
    for note in headcount.notes:
        writer.paragraph(note)
    for hb, jds in sections:
        writer.page_break()
        writer.handbook(hb)
        for jd in jds:
            writer.page_break()
            writer.job_description(jd)
    if org.processes:
        writer.page_break()
        writer.paragraph(labels["processes"], "h1")
        for process_id in sorted(org.processes):
            view = process_view(org, process_id, options.lang)
            writer.paragraph(view.name, "h2")
            if view.owner:
                writer.paragraph(f"{labels['owner']}：{view.owner}")
            writer.table(view.head, view.rows, [3.2, 2.2, 2.4, 2.2, 2.2, 2.2, 4.0])
    path = options.out / "book.docx"
    write_bytes(path, writer.save())
    return path


def _text_book(org: Organization, role_ids: list[str], options: ExportOptions, chart_svg: bytes | None) -> Path:
    lang = options.lang or org.default_lang
    labels = labels_for(lang)
    md = options.fmt == "md"
    sections = _sections(org, role_ids)
    parts: list[str] = []
    name = org.name(options.lang)
    if md:
        parts.append(f"# {md_format.inline(name)}\n\n{labels['book']}\n")
        toc = [f"- {md_format.inline(handbook(org, d, options.lang).name)}" for d, _ in sections]
        parts.append(f"## {labels['toc']}\n\n" + "\n".join(toc) + "\n")
        if chart_svg:
            write_bytes(options.out / "org-chart.svg", chart_svg)
            parts.append(f"## {labels['chart']}\n\n![{md_format.inline(labels['chart'])}](org-chart.svg)\n")
    else:
        parts.append(f"<h1>{escape(name)}</h1>\n<p>{escape(labels['book'])}</p>\n")
        if chart_svg:
            svg = chart_svg.decode("utf-8")
            svg = svg[svg.find("<svg") :]
            parts.append(f'<h2>{escape(labels["chart"])}</h2>\n<div class="chart">{svg}</div>\n')
    headcount = headcount_table(org, options.lang, _book_scope(org, role_ids))
    parts.append(headcount_markdown(headcount) if md else headcount_html(headcount))
    for dept_id, members in sections:
        hb = handbook(org, dept_id, options.lang)
        parts.append(md_format.handbook_md(hb, 2) if md else html_format.handbook_html(hb, 2))
        for role_id in members:
            jd = job_description(org, role_id, options.lang)
            parts.append(md_format.job_description_md(jd, 3) if md else html_format.job_description_html(jd, 3))
    if org.processes:
        parts.append(f"## {labels['processes']}\n" if md else f"<h2>{escape(labels['processes'])}</h2>\n")
        for process_id in sorted(org.processes):
            view = process_view(org, process_id, options.lang)
            parts.append(md_format.process_md(view, labels["owner"]) if md else html_format.process_html(view))
    path = options.out / f"book.{options.fmt}"
    text = "\n".join(parts) if md else html_format.page(name, "".join(parts), lang)
    write_text(path, text)
    return path
