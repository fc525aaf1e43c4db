"""`Zipped` writes the archive `zipfile` writes for the same members, byte for byte."""

import io
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mktorg.render.zipped import Zipped

_TIME = (2000, 1, 1, 0, 0, 0)


def _zipfile(members: list[tuple[str, bytes]], date_time: tuple[int, int, int, int, int, int]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(info, data)
    return buffer.getvalue()


def _zipped(members: list[tuple[str, bytes]], date_time: tuple[int, int, int, int, int, int]) -> bytes:
    with Zipped(date_time) as archive:
        for name, data in members:
            archive.add(name, data)
        return archive.archive()


_NAMES = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1, max_size=30)
_DATA = st.one_of(st.binary(max_size=5000), st.text(max_size=3000).map(lambda t: t.encode("utf-8") * 3))


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(_NAMES, _DATA), max_size=8, unique_by=lambda m: m[0]),
    st.tuples(
        st.integers(1980, 2107),
        st.integers(1, 12),
        st.integers(1, 28),
        st.integers(0, 23),
        st.integers(0, 59),
        st.integers(0, 59),
    ),
)
def test_the_archive_is_zipfiles(
    members: list[tuple[str, bytes]], date_time: tuple[int, int, int, int, int, int]
) -> None:
    assert _zipped(members, date_time) == _zipfile(members, date_time)


def test_a_docx_worth_of_parts_and_large_ones() -> None:
    members = [
        ("[Content_Types].xml", b"<Types/>"),
        ("word/document.xml", ("<w:p>甲乙丙</w:p>" * 200_000).encode("utf-8")),
        ("word/media/image1.png", bytes(range(256)) * 4000),
        ("word/媒体/空.bin", b""),
    ]
    archive = _zipped(members, _TIME)
    assert archive == _zipfile(members, _TIME)
    with zipfile.ZipFile(io.BytesIO(archive)) as package:
        assert package.testzip() is None
        assert [(i.filename, package.read(i)) for i in package.infolist()] == members


def test_a_member_too_large_for_a_plain_archive_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    import mktorg.render.zipped

    monkeypatch.setattr(mktorg.render.zipped, "_LIMIT", 10)
    with Zipped(_TIME) as archive, pytest.raises(ValueError, match="ZIP64"):
        archive.add("big", b"x" * 11)
