"""`lint --fix` writes only what it can write whole: through links, never over a newer file, never
into read-only places, all files or none; it fixes what lint reports and nothing suppressed."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

import mktorg.lint.fix
from mktorg.lint.engine import lint
from mktorg.lint.fix import plan_fixes
from mktorg.load.loader import load_org
from tests.helpers import make_org, run_cli

STAFF = "title: 专员\ndepartment: dept\nreports_to: boss\nheadcount: 2\nduties: [1、执行 调研]\n"
FIXED = STAFF.replace("1、执行 调研", "执行调研")


def _temporaries(root: Path) -> list[Path]:
    return list(root.rglob(".mktorg-*"))


def test_a_file_edited_while_fix_runs_is_skipped_with_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    org = make_org(tmp_path, {"roles/staff.yaml": STAFF, "roles/other.yaml": STAFF.replace("专员", "助理")})
    plan = mktorg.lint.fix.plan_fixes
    mine = STAFF.replace("执行 调研", "我刚改的 文字")

    def plan_then_edit(*args: object) -> list:
        fixes = plan(*args)  # type: ignore[arg-type]
        (org / "roles" / "staff.yaml").write_text(mine, encoding="utf-8")
        return fixes

    monkeypatch.setattr(mktorg.lint.fix, "plan_fixes", plan_then_edit)
    _, err = run_cli("lint", str(org), "--fix", expect=0)
    assert "mktorg: skipped roles/staff.yaml: it changed since it was read" in err
    assert (org / "roles" / "staff.yaml").read_text(encoding="utf-8") == mine
    assert (org / "roles" / "other.yaml").read_text(encoding="utf-8") == FIXED.replace("专员", "助理")


def test_an_edit_just_before_the_replace_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The check is made again after the new text is on disk, right before it replaces the file."""
    org = make_org(tmp_path, {"roles/staff.yaml": STAFF})
    real_fsync = os.fsync

    def fsync_then_edit(fd: int) -> None:
        real_fsync(fd)
        (org / "roles" / "staff.yaml").write_text("title: 我的\n", encoding="utf-8")

    monkeypatch.setattr(os, "fsync", fsync_then_edit)
    _, err = run_cli("lint", str(org), "--fix", expect=1)
    assert "skipped roles/staff.yaml" in err
    assert (org / "roles" / "staff.yaml").read_text(encoding="utf-8") == "title: 我的\n"
    assert _temporaries(org) == []


def test_a_linked_file_is_fixed_through_its_link(tmp_path: Path) -> None:
    org = make_org(tmp_path, {"roles/staff.yaml": None, "shared/staff.yaml": STAFF})
    link = org / "roles" / "staff.yaml"
    link.symlink_to(Path("..") / "shared" / "staff.yaml")
    run_cli("lint", str(org), "--fix")
    assert link.is_symlink() and link.readlink() == Path("..") / "shared" / "staff.yaml"
    assert (org / "shared" / "staff.yaml").read_text(encoding="utf-8") == FIXED


def test_one_file_under_two_names_is_fixed_once(tmp_path: Path) -> None:
    org = make_org(tmp_path, {"roles/staff.yaml": STAFF})
    (org / "roles" / "twin.yaml").symlink_to("staff.yaml")
    _, err = run_cli("lint", str(org), "--fix")
    assert "skipped" not in err
    assert (org / "roles" / "staff.yaml").read_text(encoding="utf-8") == FIXED


@pytest.mark.parametrize("read_only", ["file", "folder"])
def test_read_only_means_nothing_is_changed(tmp_path: Path, read_only: str) -> None:
    org = make_org(
        tmp_path,
        {
            "roles/staff.yaml": STAFF,
            "departments/dept.yaml": "name: 市场 部\nhead: boss\n",
            "org.yaml": "name: 测试 公司\n",
        },
    )
    before = {p: p.read_bytes() for p in org.rglob("*.yaml")}
    locked = org / "roles" / "staff.yaml" if read_only == "file" else org / "roles"
    locked.chmod(0o444 if read_only == "file" else 0o555)
    try:
        _, err = run_cli("lint", str(org), "--fix", expect=2)
    finally:
        locked.chmod(0o644 if read_only == "file" else 0o755)
    why = "is read-only" if read_only == "file" else "is in a read-only folder"
    assert err.startswith(f"mktorg: cannot fix: roles/staff.yaml {why}") and "nothing was changed" in err
    assert err.count("\n") == 1
    assert {p: p.read_bytes() for p in org.rglob("*.yaml")} == before


@pytest.mark.parametrize(
    "line",
    ["  - 2、整理 资料   # mktorg: ignore", "  - 2、整理 资料   # mktorg: ignore[MK501,cjk-space]"],
)
def test_suppressed_findings_are_not_fixed(tmp_path: Path, line: str) -> None:
    staff = f"title: 专员\ndepartment: dept\nreports_to: boss\nheadcount: 2\nduties:\n{line}\n  - 3、归档 资料\n"
    org = make_org(tmp_path, {"roles/staff.yaml": staff})
    out, _ = run_cli("lint", str(org), "--format", "json")
    assert {d["line"] for d in json.loads(out)["diagnostics"]} == {7}
    run_cli("lint", str(org), "--fix")
    assert (org / "roles" / "staff.yaml").read_text(encoding="utf-8") == staff.replace("3、归档 资料", "归档资料")


def test_a_file_level_suppression_keeps_the_file(tmp_path: Path) -> None:
    staff = "# 原文照录\n# mktorg: ignore[MK5]\n" + STAFF
    org = make_org(tmp_path, {"roles/staff.yaml": staff})
    run_cli("lint", str(org), "--fix")
    assert (org / "roles" / "staff.yaml").read_text(encoding="utf-8") == staff


def test_mk504_fixes_every_separator_in_one_pass(tmp_path: Path) -> None:
    org = make_org(tmp_path, {"roles/staff.yaml": STAFF.replace("[1、执行 调研]", "\n  - 负责人,财,物")})
    run_cli("lint", str(org), "--fix")
    assert "\n  - 负责人，财，物\n" in (org / "roles" / "staff.yaml").read_text(encoding="utf-8")
    out, _ = run_cli("lint", str(org), "--diff")
    assert out == ""


@pytest.mark.skipif(shutil.which("patch") is None, reason="needs GNU patch")
@pytest.mark.parametrize("ending", ["", "\n", "\r\n"])
def test_the_diff_is_a_patch_that_gives_the_fix(tmp_path: Path, ending: str) -> None:
    staff = (STAFF + "summary: 1、负 责").replace("\n", "\r\n" if ending == "\r\n" else "\n") + ending
    org = make_org(tmp_path, {"roles/staff.yaml": staff.encode("utf-8")})
    loaded = load_org(org)
    (fix,) = plan_fixes(lint(loaded).diagnostics, loaded.files)
    patch = fix.diff()
    if not ending:
        assert patch.endswith("+summary: 负责\n\\ No newline at end of file\n")
    subprocess.run(["patch", "-p1", "--quiet"], input=patch.encode("utf-8"), cwd=org, check=True)
    assert (org / "roles" / "staff.yaml").read_bytes().decode("utf-8") == fix.new_text


def test_a_value_that_would_read_back_otherwise_is_quoted_alone(tmp_path: Path) -> None:
    staff = (
        "title: 专员\ndepartment: dept\nreports_to: boss\nheadcount: 2\nduties:\n"
        "  - 1、- 负责调研\n  - 2、#注释\n  - 3、null\n  - '4、it''s 调 研'\n  - 5、负责 调研\n  - 6、*d\n"
    )
    org = make_org(tmp_path, {"roles/staff.yaml": staff})
    run_cli("lint", str(org), "--fix")
    assert (
        (org / "roles" / "staff.yaml")
        .read_text(encoding="utf-8")
        .endswith('duties:\n  - "- 负责调研"\n  - "#注释"\n  - "null"\n  - \'it\'\'s 调研\'\n  - 负责调研\n  - "*d"\n')
    )


def test_fix_keeps_the_mode_and_owner(tmp_path: Path) -> None:
    org = make_org(tmp_path, {"roles/staff.yaml": STAFF})
    path = org / "roles" / "staff.yaml"
    path.chmod(0o640)
    if os.geteuid() == 0:
        os.chown(path, 1234, 5678)
    run_cli("lint", str(org), "--fix")
    info = path.stat()
    assert path.read_text(encoding="utf-8") == FIXED and info.st_mode & 0o777 == 0o640
    if os.geteuid() == 0:
        assert (info.st_uid, info.st_gid) == (1234, 5678)
