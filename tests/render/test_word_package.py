"""The Word writer's shortcuts give the bytes python-docx's own calls give."""

import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest

from mktorg.render import word
from mktorg.render.document import Document, Figure, Paragraph
from mktorg.render.style import Style
from mktorg.render.word import WordWriter
from tests.helpers import FIXTURES, ROOT, run_cli

EVERY = str(FIXTURES / "every-key")


def _python_docx_picture(self: WordWriter, holder: Any, data: bytes, *, width: Any = None, height: Any = None) -> None:
    holder.add_run().add_picture(io.BytesIO(data), width=width, height=height)


def _book(tmp_path: Path, org: str = EVERY) -> bytes:
    run_cli("export", org, "--format", "docx", "--book", "-o", str(tmp_path / "book"))
    return (tmp_path / "book" / "book.docx").read_bytes()


def _same_book_as_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, org: str, method: str, before: Callable[..., Any]
) -> bytes:
    """The book of `org`, asserted to be the book made with `WordWriter.<method>` as it was (`before`)."""
    book = _book(tmp_path, org)
    monkeypatch.setattr(WordWriter, method, before)
    assert book == _book(tmp_path, org)
    return book


def _last_picture(book: Any) -> bytes:
    embed = book.inline_shapes[-1]._inline.graphic.graphicData.pic.blipFill.blip.embed
    return bytes(book.part.related_parts[embed].blob)


@pytest.mark.parametrize("org", [EVERY, str(ROOT / "data")])
def test_book_pictures_get_the_ids_python_docx_gives_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, org: str
) -> None:
    """The logo (every-key has one) and every chart: ids counted, not searched for, and the same book."""
    counted = _same_book_as_before(tmp_path, monkeypatch, org, "_picture", _python_docx_picture)
    ids = [shape._inline.docPr.id for shape in docx.Document(io.BytesIO(counted)).inline_shapes]
    assert len(ids) >= 2 and ids == list(range(1, len(ids) + 1))


def test_pictures_are_counted_again_after_a_reset(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One file per role empties the body: the next document's pictures are numbered from 1 again;
    the same picture twice is one image in the package (found by its SHA-1, as python-docx does)."""
    png = _last_picture(docx.Document(io.BytesIO(_book(tmp_path))))
    figure = Figure(alt="", png=png, name="chart.png", width_pt=300.0, height_pt=200.0)
    document = Document("t", "zh-CN", blocks=[Paragraph("甲"), figure, figure])

    def files() -> list[bytes]:
        writer = WordWriter(style=Style())
        out = []
        for _ in range(2):
            writer.reset()
            writer.draw(document)
            out.append(writer.to_bytes())
        return out

    counted = files()
    monkeypatch.setattr(WordWriter, "_picture", _python_docx_picture)
    assert counted == files()
    assert counted[0] == counted[1]


def _python_docx_save(self: WordWriter) -> bytes:
    """The package as python-docx saves it, zipped again with fixed times (how books were written)."""
    self._flush()
    buffer = io.BytesIO()
    self.doc.save(buffer)
    fixed = io.BytesIO()
    with zipfile.ZipFile(buffer) as package, zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as out:
        for name in package.namelist():
            out.writestr(word._info(name), package.read(name))
    return fixed.getvalue()


@pytest.mark.parametrize("org", [EVERY, str(ROOT / "data")])
def test_a_book_is_saved_as_python_docx_saves_it_with_fixed_times(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, org: str
) -> None:
    """Compressed once, the same package: parts, their order, their bytes, the zip's own fields."""
    once = _same_book_as_before(tmp_path, monkeypatch, org, "save", _python_docx_save)
    with zipfile.ZipFile(io.BytesIO(once)) as package:
        assert {info.date_time for info in package.infolist()} == {(2000, 1, 1, 0, 0, 0)}
        assert package.namelist()[0] == "[Content_Types].xml" and "word/document.xml" in package.namelist()


def test_contents_pages_and_pictures_filled_in_after_drawing_give_the_same_book() -> None:
    """The book is drawn while Typst paginates it and Graphviz draws its charts: the page numbers
    and the pictures that come afterwards make the book drawn with both at hand."""
    from dataclasses import replace

    from mktorg.load.loader import load_org
    from mktorg.render.content import selected_roles
    from mktorg.render.figures import book_charts, draw_pngs
    from mktorg.render.layout import book_document
    from mktorg.render.pdf import PdfWriter
    from mktorg.render.style import style_for

    org = load_org(Path(EVERY)).org
    style = style_for(org, None)
    charts = book_charts(org, None, png=True, font=style.font)
    document = book_document(org, selected_roles(org, [], []), None, charts)
    with PdfWriter(style) as pdf:
        pages = pdf.pagination(document)
    drawn = dict(zip(map(id, charts), draw_pngs(charts), strict=True))
    assert len(pages) > 5 and len(drawn) >= 2

    at_hand = WordWriter(style=style)
    at_hand.draw(replace(document, blocks=[drawn.get(id(b), b) for b in document.blocks]), pages)
    later = WordWriter(style=style)
    later.draw(document)
    later.place_pictures({page.figure: drawn[id(page)].figure.png or b"" for page in charts})
    later.number_pages(pages)
    assert later.save() == at_hand.save()
    shown = [
        p.text.split("\t")[-1] for p in docx.Document(io.BytesIO(later.save())).paragraphs if p.style.name == "TOC 1"
    ]
    assert shown and all(number.isdigit() for number in shown)


def test_a_figure_left_without_its_picture_is_not_saved() -> None:
    writer = WordWriter(style=Style())
    writer.draw(Document("t", "zh-CN", blocks=[Figure(alt="", dot="digraph {}", width_pt=10.0, height_pt=10.0)]))
    with pytest.raises(AssertionError, match="never drawn"):
        writer.save()
