"""Outputs never replace a file the organisation loads, whatever the path spelling; a path that
cannot be written is a one-line error with exit 2."""

import os
from pathlib import Path

import pytest

from tests.helpers import make_org, run_cli


def _sources(org: Path) -> dict[str, bytes]:
    return {p.relative_to(org).as_posix(): p.read_bytes() for p in org.rglob("*") if p.is_file()}


@pytest.mark.parametrize(
    "spelling",
    ["org.yaml", "./org.yaml", "roles/../org.yaml", "ORG-LINK/org.yaml", "FILE-LINK", "shared/staff.yaml", "HARD"],
)
def test_chart_never_replaces_a_source(tmp_path: Path, spelling: str, monkeypatch: pytest.MonkeyPatch) -> None:
    org = make_org(tmp_path, {"shared/staff.yaml": "title: 市场专员\ndepartment: dept\nreports_to: boss\n"})
    (org / "roles" / "staff.yaml").unlink()
    (org / "roles" / "staff.yaml").symlink_to(org / "shared" / "staff.yaml")
    (tmp_path / "ORG-LINK").symlink_to(org, target_is_directory=True)
    (tmp_path / "FILE-LINK").symlink_to(org / "org.yaml")
    os.link(org / "roles" / "boss.yaml", tmp_path / "HARD")
    before = _sources(org)
    monkeypatch.chdir(org if spelling.startswith(("org", "./", "roles", "shared")) else tmp_path)
    _, err = run_cli("chart", str(org), "-o", spelling, "--format", "dot", expect=2)
    assert err.startswith("mktorg: refusing to write") and err.count("\n") == 1
    assert _sources(org) == before


def test_org_yml_and_source_folders_are_refused(tmp_path: Path) -> None:
    org = make_org(tmp_path, {"org.yaml": None, "org.yml": "name: 测试\n"})
    for target in ("org.yml", "roles/new.svg", "departments/sub/x.svg"):
        run_cli("chart", str(org), "-o", str(org / target), "--format", "dot", expect=2)
    assert (org / "org.yml").read_text(encoding="utf-8") == "name: 测试\n"
    run_cli("chart", str(org), "-o", str(org / "chart.dot"))


def test_outputs_of_the_wrong_kind_are_one_line_errors(tmp_path: Path) -> None:
    org = make_org(tmp_path, {})
    a_file = tmp_path / "a-file"
    a_file.write_text("keep", encoding="utf-8")
    a_folder = tmp_path / "a-folder"
    a_folder.mkdir()
    not_docx = tmp_path / "style.docx"
    not_docx.write_text("not a zip", encoding="utf-8")
    cases = [
        ("chart", str(org), "-o", str(a_folder), "--format", "dot"),
        ("chart", str(org), "-o", str(a_file / "x.svg"), "--format", "dot"),
        ("export", str(org), "-o", str(a_file), "--format", "md"),
        ("export", str(org), "-o", str(a_file / "sub"), "--format", "md"),
        ("export", str(org), "-o", str(tmp_path / "out"), "--reference-doc", str(not_docx)),
        ("export", str(org), "-o", str(tmp_path / "out"), "--reference-doc", str(a_file)),
        ("schema", "-o", str(a_file)),
        ("init", str(a_file)),
    ]
    for args in cases:
        _, err = run_cli(*args, expect=2)
        assert err.startswith("mktorg: ") and err.count("\n") == 1 and "bug" not in err, (args, err)
    assert a_file.read_text(encoding="utf-8") == "keep"
    assert not (tmp_path / "out").exists()


def test_a_file_system_error_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    org = make_org(tmp_path, {})

    def denied(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(tmp_path / "out" / "x"))

    monkeypatch.setattr(os, "replace", denied)
    _, err = run_cli("export", str(org), "-o", str(tmp_path / "out"), "--format", "md", expect=2)
    assert err == f"mktorg: cannot use {tmp_path / 'out' / 'x'}: Permission denied\n"
    assert [p.name for p in (tmp_path / "out").iterdir()] == []


def test_long_chinese_file_names_are_written(tmp_path: Path) -> None:
    stems = ["市场推广部区域渠道经理" * 7 + "助理", "市场推广部区域渠道经理" * 7 + "助理甲乙丙"]  # 79 and 82 characters
    role = "title: 市场推广部区域渠道经理助理{}\ndepartment: dept\nreports_to: boss\nduties: [协助]\n"
    org = make_org(tmp_path, {f"roles/{stem}.yaml": role.format(i) for i, stem in enumerate(stems)})
    out = tmp_path / "out"
    for fmt in ("docx", "md", "html"):
        run_cli("export", str(org), "-o", str(out), "--format", fmt, *[f"--role={stem}" for stem in stems])
        written = sorted(out.glob(f"*.{fmt}"))
        assert len(written) == 2 and all(len(p.name.encode()) <= 255 for p in written)
        assert [p.name[:30] for p in written] == [stem[:30] for stem in sorted(stems)]
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == []
