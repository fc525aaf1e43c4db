"""No lost data: atomic writes, no partial output, sources untouched."""

import os
from pathlib import Path

import pytest

from mktorg.writing import write_bytes
from tests.helpers import ROOT, make_org, run_cli

DATA = str(ROOT / "data")


def test_failed_write_keeps_the_previous_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "org.svg"
    target.write_bytes(b"previous")

    def broken_replace(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="No space"):
        write_bytes(target, b"new content")
    assert target.read_bytes() == b"previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["org.svg"], "no temporary file is left behind"


def test_interrupt_mid_write_leaves_no_partial_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "a.docx"
    real_fsync = os.fsync

    def interrupted(fd: int) -> None:
        real_fsync(fd)
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_bytes(target, b"x" * 100_000)
    assert list(tmp_path.iterdir()) == []


def test_export_interrupted_keeps_earlier_documents_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "jd"
    run_cli("export", DATA, "--format", "md", "-o", str(out), "--no-cache")  # os.replace counts documents only
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    calls = {"n": 0}
    real_replace = os.replace

    def fail_on_fifth(src: str, dst: str) -> None:
        calls["n"] += 1
        if calls["n"] == 5:
            raise KeyboardInterrupt
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", fail_on_fifth)
    _, err = run_cli(
        "export", DATA, "--format", "md", "--empty-sections", "show", "-o", str(out), "--no-cache", expect=130
    )
    assert err.strip().endswith("mktorg: interrupted")
    after = {p.name: p.read_bytes() for p in out.iterdir()}
    assert set(after) == set(before), "no temporary files remain"
    changed = [name for name in after if after[name] != before[name]]
    assert len(changed) == 4, "four documents were replaced whole, the rest are untouched"


@pytest.mark.parametrize("folder", ["departments", "roles", "processes", "roles/sub", "."])
def test_outputs_never_go_into_sources(tmp_path: Path, folder: str) -> None:
    org = make_org(tmp_path, {})
    before = sorted(p.relative_to(org).as_posix() for p in org.rglob("*"))
    run_cli("export", str(org), "--format", "md", "-o", str(org / folder), expect=2)
    if folder != ".":  # a chart next to org.yaml is allowed; job descriptions there are not
        run_cli("chart", str(org), "--format", "dot", "-o", str(org / folder / "c.dot"), expect=2)
    assert sorted(p.relative_to(org).as_posix() for p in org.rglob("*")) == before


def test_commands_leave_sources_byte_identical(tmp_path: Path) -> None:
    org = make_org(
        tmp_path, {"roles/staff.yaml": "title: 专员\ndepartment: dept\nreports_to: boss\nduties: [执行调研]\n"}
    )
    before = {p: p.read_bytes() for p in org.rglob("*.yaml")}
    run_cli("lint", str(org), "--format", "json")
    run_cli("chart", str(org), "--format", "dot")
    run_cli("export", str(org), "--format", "docx", "-o", str(tmp_path / "out"))
    run_cli("export", str(org), "--format", "html", "--book", "-o", str(tmp_path / "out"))
    assert before == {p: p.read_bytes() for p in org.rglob("*.yaml")}
