"""Write job descriptions and books in each format: one document model, one writer per format."""

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from mktorg.model.invisible import without_invisible
from mktorg.model.organization import Organization
from mktorg.render.document import ChartPage, Document
from mktorg.render.html import render_html
from mktorg.render.layout import DocumentMeta, Empty, book_document, job_description_document
from mktorg.render.markdown import render_markdown
from mktorg.render.style import Style
from mktorg.writing import write_bytes, write_text

FORMATS = ("docx", "pdf", "md", "html", "xlsx")
DOCUMENT_FORMATS = FORMATS[:4]
"""Formats of job descriptions and books; xlsx is one workbook of the whole design."""
_UNSAFE = re.compile(r'[\\/:*?"<>|\s\x00-\x1f]+')
_MAX_STEM_BYTES = 200
"""A file name holds at most 255 bytes: the extension needs the rest."""


@dataclass(frozen=True)
class ExportOptions:
    """What to write and how."""

    fmt: str
    out: Path
    style: Style
    lang: str | None = None
    reference: Path | None = None
    empty: Empty = "hide"
    meta: DocumentMeta = field(default_factory=DocumentMeta)


def file_stem(org: Organization, role_id: str, lang: str | None) -> str:
    """`<code or id>-<title>`: a name a client recognises, safe on Windows, macOS and Linux."""
    role = org.roles[role_id]
    title = _UNSAFE.sub("-", without_invisible(org.text(role.title, lang))).strip("-. ")[:60]
    key = _UNSAFE.sub("-", without_invisible(role.code)).strip("-. ") if role.code else role_id
    stem = f"{key}-{title}" if title and title != key else key
    if len(stem.encode("utf-8")) <= _MAX_STEM_BYTES:
        return stem
    digest = hashlib.sha1(stem.encode("utf-8")).hexdigest()[:8]  # two long names cut alike stay apart
    cut = stem.encode("utf-8")[: _MAX_STEM_BYTES - 9].decode("utf-8", "ignore").rstrip("-. ")
    return f"{cut}-{digest}"


def export_roles(org: Organization, role_ids: list[str], options: ExportOptions) -> list[Path]:
    """One job description per role, named <code or id>-<title>.<ext>."""
    documents = [
        (
            role_id,
            job_description_document(org, role_id, options.lang, empty=options.empty, meta=options.meta),
        )
        for role_id in role_ids
    ]
    written = []
    if options.fmt == "docx":
        writer = _word_writer(org, options)
        for role_id, document in documents:
            writer.reset()
            writer.draw(document)
            written.append(_write(options, org, role_id, writer.to_bytes()))
    elif options.fmt == "pdf":
        from mktorg.render.pdf import PdfWriter  # Typst loads only for PDF output

        with PdfWriter(options.style) as pdf:
            written = [_write(options, org, role_id, pdf.pdf(document)) for role_id, document in documents]
    else:
        for role_id, document in documents:
            path = options.out / f"{file_stem(org, role_id, options.lang)}.{options.fmt}"
            write_text(path, _text(document, options.fmt))
            written.append(path)
    return written


def _write(options: ExportOptions, org: Organization, role_id: str, data: bytes) -> Path:
    path = options.out / f"{file_stem(org, role_id, options.lang)}.{options.fmt}"
    write_bytes(path, data)
    return path


def export_book(
    org: Organization,
    role_ids: list[str],
    departments: list[str] | None,
    options: ExportOptions,
    charts: list[ChartPage],
) -> Path:
    """One document: cover, contents, charts, a chapter per department with its roles, processes."""
    path = options.out / f"book.{options.fmt}"
    if options.fmt == "docx":
        return _word_book(org, role_ids, departments, options, charts, path)
    document = book_document(
        org, role_ids, options.lang, charts, departments=departments, empty=options.empty, meta=options.meta
    )
    if options.fmt == "pdf":
        from mktorg.render.pdf import PdfWriter

        with PdfWriter(options.style) as pdf:
            write_bytes(path, pdf.pdf(document))
        return path
    if options.fmt == "md":
        for page in charts:
            if page.figure.svg:
                write_bytes(options.out / page.figure.name, page.figure.svg)
    write_text(path, _text(document, options.fmt))
    return path


def _word_book(
    org: Organization,
    role_ids: list[str],
    departments: list[str] | None,
    options: ExportOptions,
    charts: list[ChartPage],
    path: Path,
) -> Path:
    """The Word book. Graphviz draws its charts from the start, and Typst paginates it (the contents'
    page numbers) while the Word body is drawn here: both run outside the GIL. The page numbers and
    the pictures go into the body when they come."""
    from concurrent.futures import ThreadPoolExecutor

    from mktorg.render.figures import draw_pngs
    from mktorg.render.pdf import PdfWriter

    with ThreadPoolExecutor(max_workers=2) as pool:
        drawing = pool.submit(draw_pngs, charts)
        document = book_document(
            org, role_ids, options.lang, charts, departments=departments, empty=options.empty, meta=options.meta
        )
        with PdfWriter(options.style) as pdf:
            paginating = pool.submit(pdf.paginate(document))
            writer = _word_writer(org, options)
            writer.draw(document)
            drawn = drawing.result()
            writer.place_pictures(
                {page.figure: done.figure.png for page, done in zip(charts, drawn, strict=True) if done.figure.png}
            )
            writer.number_pages(paginating.result())
    write_bytes(path, writer.save())
    return path


def workbook_path(output: Path) -> Path:
    """Where the workbook goes: `-o design.xlsx` as given, a folder gets design.xlsx."""
    return output if output.suffix.lower() == ".xlsx" else output / "design.xlsx"


def export_workbook(org: Organization, options: ExportOptions, font: str | None) -> Path:
    """The design as one workbook (`render/xlsx.py`), written atomically."""
    from mktorg.render.xlsx import workbook  # XlsxWriter loads only for xlsx output

    path = workbook_path(options.out)
    write_bytes(path, workbook(org, options.lang, font))
    return path


def _text(document: Document, fmt: str) -> str:
    return render_markdown(document) if fmt == "md" else render_html(document)


def _word_writer(org: Organization, options: ExportOptions):  # type: ignore[no-untyped-def]
    from mktorg.render.word import WordWriter  # python-docx loads only for Word output

    return WordWriter(style=options.style, reference=options.reference)
