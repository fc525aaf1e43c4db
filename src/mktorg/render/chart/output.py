"""A chart as the bytes of its files: SVG, PNG, PDF, DOT or PowerPoint."""

from dataclasses import dataclass, field

from mktorg.errors import MktorgError
from mktorg.model.organization import Organization
from mktorg.render.chart.build import chart_pages
from mktorg.render.chart.graphviz import PNG_LIMIT, render, render_pages
from mktorg.render.chart.options import ChartOptions
from mktorg.render.chart.scene import Page

DPI = 144
MIN_DPI = 48
"""Below this a one-image PNG is too coarse to read: the user is asked for pages instead."""
DEFAULT_PAGE = {"pdf": "a4", "pptx": "16:9"}


@dataclass
class ChartFiles:
    """The files of a chart (several for SVG or PNG pages) and notes for the user."""

    files: list[bytes]
    notes: list[str] = field(default_factory=list)
    pages: list[Page] = field(default_factory=list)


def resolve_page(options: ChartOptions, fmt: str) -> ChartOptions:
    """`auto` becomes A4 for PDF, 16:9 for PowerPoint and one drawing otherwise."""
    from dataclasses import replace

    if fmt == "pptx":
        options = replace(options, orientation="landscape")
    if options.page != "auto":
        return options
    return replace(options, page=DEFAULT_PAGE.get(fmt, "none"))


def chart_files(org: Organization, options: ChartOptions, fmt: str) -> ChartFiles:
    """Lay out, then draw every page in `fmt`."""
    from mktorg.render.chart.dot import page_dot

    options = resolve_page(options, fmt)
    result = chart_pages(org, options)
    pages, notes = result.pages, list(result.notes)
    dots = [page_dot(page) for page in pages]
    if fmt == "dot":
        files = ["".join(dots).encode("utf-8")]
    elif fmt == "pdf":
        files = [merge_pdfs(render_pages(dots, "pdf"))]
    elif fmt == "pptx":
        from mktorg.render.chart.pptx_writer import MAX_SLIDE, pptx_bytes

        if max(pages[0].width, pages[0].height) > MAX_SLIDE:
            raise MktorgError(
                f"a slide is at most {MAX_SLIDE:.0f} pt wide and this chart is {pages[0].width:.0f} pt: "
                "use --page 16:9 (or a4, a3) to split it"
            )
        files = [pptx_bytes(pages, org.name(options.lang))]
    elif fmt == "png":
        dpi = min(_png_dpi(page, notes) for page in pages)
        files = render_pages(dots, "png", dpi=dpi)
    else:
        files = render_pages(dots, "svg")
    return ChartFiles(files, notes, pages)


def merge_pdfs(parts: list[bytes]) -> bytes:
    """One PDF of the pages of several (Graphviz writes one PDF per graph)."""
    if len(parts) == 1:
        return parts[0]
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for part in parts:
        writer.append(PdfReader(io.BytesIO(part)))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _png_dpi(page: Page, notes: list[str]) -> int:
    longest = max(page.width, page.height)
    dpi = DPI
    if longest * DPI / 72 > PNG_LIMIT:
        dpi = int(PNG_LIMIT * 72 / longest)
        if dpi < MIN_DPI:
            raise MktorgError(
                f"the chart is {page.width:.0f} × {page.height:.0f} pt, too large for one legible PNG; "
                "use --page a3 (one PNG per page), or SVG or PDF"
            )
        notes.append(f"the PNG is drawn at {dpi} dpi (not {DPI}) to stay within {PNG_LIMIT} pixels")
    return dpi


def chart_images(org: Organization, options: ChartOptions) -> tuple[bytes, bytes]:
    """The chart as one PNG and one SVG, for documents that embed it."""
    from mktorg.render.chart.dot import page_dot

    pages = chart_pages(org, resolve_page(options, "png")).pages
    dot = page_dot(pages[0])
    return render(dot, "png", dpi=_png_dpi(pages[0], [])), render(dot, "svg")
