"""Round-trip edits that keep every other byte, and folder writes that are all or nothing."""

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mktorg.edit.yamledit import EditError, YamlEdit, render_new
from mktorg.errors import OutputError
from mktorg.load.parse import parse
from mktorg.writing import write_tree

ODD = (
    "# 注释\n"
    "title: &t 市场专员     # 对齐的注释\n"
    "aliases: [*t,调研员]\n"
    "department:   dept\n"
    "dotted_to: [boss,  other]\n"
    "summary: |\n"
    "  多行\n"
    "  文本\n"
    "duties:\n"
    "- text: 执行调研\n"
    "  supports: boss    # 协助\n"
    "-   {text: 汇总, supports: boss}\n"
    "reports_to: 'boss'\n"
)


def test_only_the_edited_values_change() -> None:
    edit = YamlEdit(ODD, "x.yaml")
    edit.set(["reports_to"], "manager")
    edit.set(["dotted_to", 0], "manager")
    edit.set(["duties", 0, "supports"], "manager")
    edit.set(["duties", 1, "supports"], "manager")
    assert edit.text() == (
        "# 注释\n"
        "title: &t 市场专员     # 对齐的注释\n"
        "aliases: [*t,调研员]\n"
        "department:   dept\n"
        "dotted_to: [manager,  other]\n"
        "summary: |\n"
        "  多行\n"
        "  文本\n"
        "duties:\n"
        "- text: 执行调研\n"
        "  supports: manager    # 协助\n"
        "-   {text: 汇总, supports: manager}\n"
        "reports_to: 'manager'\n"
    )


def test_new_keys_go_after_their_neighbours_and_keys_can_go() -> None:
    edit = YamlEdit("title: 专员\ndepartment: dept\nduties: [调研]  # 职责\nvacant: true\n")
    edit.set(["reports_to"], "boss", after=["title", "department"])
    edit.set(["headcount"], {"min": 0, "max": 3}, after=["title", "department", "reports_to"])
    edit.delete(["vacant"])
    assert edit.text() == (
        "title: 专员\ndepartment: dept\nreports_to: boss\nheadcount: {min: 0, max: 3}\nduties: [调研]  # 职责\n"
    )


def test_crlf_and_bom_are_kept() -> None:
    text = "\ufefftitle: 专员\r\ndepartment: dept  # 部门\r\n"
    edit = YamlEdit(text)
    edit.set(["department"], "sales")
    assert edit.text() == "\ufefftitle: 专员\r\ndepartment: sales  # 部门\r\n"


def test_a_file_that_does_not_parse_is_not_edited() -> None:
    edit = YamlEdit("title: [\n")
    with pytest.raises(EditError):
        edit.set(["title"], "专员")


_words = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x4E80), min_size=1, max_size=6)
_ids = st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(_ids, _words, st.sampled_from(["", "  # 注释", " #x"])),
        min_size=1,
        max_size=6,
        unique_by=lambda t: t[0],
    ),
    st.data(),
)
def test_any_value_edit_keeps_the_other_lines(entries: list[tuple[str, str, str]], data: st.DataObject) -> None:
    lines = [f"{key}: {value}{comment}\n" for key, value, comment in entries]
    text = "# 文件头\n" + "".join(lines)
    index = data.draw(st.integers(0, len(entries) - 1))
    new = data.draw(_words)
    edit = YamlEdit(text)
    edit.set([entries[index][0]], new)
    out = edit.text()
    expected = text.splitlines(keepends=True)
    key, _, comment = entries[index]
    expected[index + 1] = f"{key}: {new}{comment}\n"
    assert out.splitlines(keepends=True) == expected
    assert parse(out)[key] == new


def test_new_files_read_back_the_same() -> None:
    data = {"title": "=1+1", "code": "007", "name": "NO", "x": ["a, b", "-c"], "n": {"min": 0, "max": 2}, "t": "\t"}
    text = render_new(data, ["yaml-language-server: $schema=../schemas/role.schema.json"])
    assert text.startswith("# yaml-language-server")
    assert dict(parse(text)) == data


def test_write_tree_is_all_or_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.yaml").write_bytes(b"a: 1\n")
    (tmp_path / "b.yaml").write_bytes(b"b: 1\n")
    real = os.replace
    calls = {"n": 0}

    def failing(src: str, dst: str) -> None:
        calls["n"] += 1
        if calls["n"] == 4:  # after a.yaml is in place, while b.yaml is being replaced
            raise OSError("disk full")
        real(src, dst)

    monkeypatch.setattr(os, "replace", failing)
    writes = {"a.yaml": b"a: 2\n", "b.yaml": b"b: 2\n", "new/c.yaml": b"c: 1\n"}
    expected = {"a.yaml": b"a: 1\n", "b.yaml": b"b: 1\n", "new/c.yaml": None}
    with pytest.raises(OSError):
        write_tree(tmp_path, writes, set(), expected)
    monkeypatch.setattr(os, "replace", real)
    assert (tmp_path / "a.yaml").read_bytes() == b"a: 1\n"
    assert (tmp_path / "b.yaml").read_bytes() == b"b: 1\n"
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["a.yaml", "b.yaml"]
    write_tree(tmp_path, writes, {"b.yaml"} - set(writes), expected)
    assert (tmp_path / "new" / "c.yaml").read_bytes() == b"c: 1\n"


def test_write_tree_refuses_a_file_changed_since_the_plan(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_bytes(b"a: changed\n")
    with pytest.raises(OutputError):
        write_tree(tmp_path, {"a.yaml": b"a: 2\n"}, set(), {"a.yaml": b"a: 1\n"})
    assert (tmp_path / "a.yaml").read_bytes() == b"a: changed\n"
