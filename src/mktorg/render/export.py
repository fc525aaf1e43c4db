"""Write job descriptions and books in each format: one document model, one writer per format."""

from dataclasses import dataclass
from pathlib import Path

from mktorg.model.organization import Organization
from mktorg.render.document import Document, Figure
from mktorg.render.html import render_html
from mktorg.render.labels import labels_for
from mktorg.render.layout import book_document, job_description_document
from mktorg.render.markdown import render_markdown
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
    writer = _word_writer(org, options) if options.fmt == "docx" else None
    for role_id in role_ids:
        document = job_description_document(org, role_id, options.lang)
        path = options.out / f"{role_id}.{options.fmt}"
        if writer is not None:
            writer.reset()
            writer.draw(document)
            write_bytes(path, writer.to_bytes())
        else:
            write_text(path, _text(document, options.fmt))
        written.append(path)
    return written


def export_book(org: Organization, role_ids: list[str], options: ExportOptions, chart: Figure | None) -> Path:
    """One document: cover, contents, chart, a chapter per department with its roles, processes."""
    document = book_document(org, role_ids, options.lang, chart)
    path = options.out / f"book.{options.fmt}"
    if options.fmt == "docx":
        writer = _word_writer(org, options)
        writer.draw(document)
        write_bytes(path, writer.save())
        return path
    if options.fmt == "md" and chart is not None and chart.svg:
        write_bytes(options.out / chart.name, chart.svg)
    write_text(path, _text(document, options.fmt))
    return path


def _text(document: Document, fmt: str) -> str:
    return render_markdown(document) if fmt == "md" else render_html(document)


def _word_writer(org: Organization, options: ExportOptions):  # type: ignore[no-untyped-def]
    from mktorg.render.word import WordWriter  # python-docx loads only for Word output

    labels = labels_for(options.lang or org.default_lang)
    return WordWriter(org.name(options.lang), font=options.font, reference=options.reference, page_label=labels["page"])
