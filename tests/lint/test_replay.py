"""The last lint run replayed when nothing changed: the same output, never a stale one."""

import os
import shutil
from pathlib import Path

import pytest

import mktorg.lint.replay
import mktorg.load.loader
from mktorg.lint.replay import RECORD, replay
from mktorg.load.cache import FOLDER, fingerprint, read_signed, user_key
from tests.helpers import ROOT, make_org, run_cli

FORMATS = ("text", "json", "github", "sarif")
EXAMPLE = ROOT / "examples" / "market-building"  # warnings and infos with source lines


def _example(tmp_path: Path) -> Path:
    org = tmp_path / "market-building"
    shutil.copytree(EXAMPLE, org, ignore=shutil.ignore_patterns(FOLDER))
    return org


def _no_loading(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the organisation was loaded")

    monkeypatch.setattr(mktorg.load.loader, "load_org", refuse)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_replayed_run_prints_what_a_fresh_run_prints(
    tmp_path: Path, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    org = _example(tmp_path)
    fresh = run_cli("lint", str(org), "-f", fmt, "--no-cache")
    assert run_cli("lint", str(org), "-f", fmt) == fresh  # computed, and kept
    assert (org / FOLDER / RECORD).is_file()
    _no_loading(monkeypatch)
    assert run_cli("lint", str(org), "-f", fmt) == fresh  # replayed
    assert run_cli("lint", str(org), "-f", fmt, "--strict", expect=1) == fresh


def test_any_change_to_what_was_read_means_no_replay(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    org = _example(tmp_path)
    monkeypatch.setattr(mktorg.lint.replay, "RACY_SECONDS", 0.0)  # trust the stat of files written before the run
    run_cli("lint", str(org))
    kept = read_signed(org / FOLDER / RECORD, user_key() or b"", fingerprint())
    assert all(status is not None for _, _, status in kept.files), "unchanged files are checked by their stat"
    assert replay(org, ("--select", "--ignore")).result is not None
    assert replay(org, ("--select", "MK3", "--ignore")).result is None, "another selection"
    role = next(org.glob("roles/*.yaml"))
    text, status = role.read_bytes(), role.stat()
    role.write_bytes(text.replace("市场".encode(), "市扬".encode(), 1))  # same size
    os.utime(role, ns=(status.st_atime_ns, status.st_mtime_ns))  # and the same modification time
    assert replay(org, ("--select", "--ignore")).result is None, "a changed file"
    role.write_bytes(text)
    assert replay(org, ("--select", "--ignore")).result is not None, "the same bytes again"
    (org / "roles" / "extra.yaml").write_text("title: 新岗位\ndepartment: x\n", encoding="utf-8")
    assert replay(org, ("--select", "--ignore")).result is None, "a file added"
    (org / "roles" / "extra.yaml").unlink()
    (org / "roles" / "Bad Name.yaml").write_text("title: 新岗位\n", encoding="utf-8")
    assert replay(org, ("--select", "--ignore")).result is None, "a file that is a finding by its name"


def test_a_change_is_linted_and_then_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    org = make_org(tmp_path, {})
    run_cli("lint", str(org))
    org.joinpath("roles/staff.yaml").write_text(
        "title: 市场专员\ndepartment: dept\nreports_to: boss\nduties: [执行调研计划, 执行调研计划]\n", encoding="utf-8"
    )
    first = run_cli("lint", str(org), "-f", "json", expect=0)
    assert '"MK' in first[0], "the change was linted, not replayed"
    _no_loading(monkeypatch)
    assert run_cli("lint", str(org), "-f", "json") == first


def test_another_current_folder_is_another_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Hints name files relative to the current folder (`iconv ... './roles/a.yaml'`)."""
    org = _example(tmp_path)
    monkeypatch.chdir(org)
    run_cli("lint", str(org))
    assert replay(org, ("--select", "--ignore")).result is not None
    monkeypatch.chdir(tmp_path)
    assert replay(org, ("--select", "--ignore")).result is None


def test_fixing_and_no_cache_never_replay(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    org = _example(tmp_path)
    run_cli("lint", str(org))
    _no_loading(monkeypatch)
    for args in (["--no-cache"], ["--fix"], ["--diff"]):
        with pytest.raises(AssertionError, match="was loaded"):
            run_cli("lint", str(org), *args)


def test_files_changed_just_before_the_run_are_hashed_again(tmp_path: Path) -> None:
    """Their stat could miss a change made in the same clock tick (git's racily clean files)."""
    org = _example(tmp_path)
    run_cli("lint", str(org))
    kept = read_signed(org / FOLDER / RECORD, user_key() or b"", fingerprint())
    assert all(status is None for _, _, status in kept.files)
    assert replay(org, ("--select", "--ignore")).result is not None


def test_a_file_replaced_by_a_link_is_linted_again(tmp_path: Path) -> None:
    """Same bytes behind a link to outside the organisation: the loader refuses it, so no replay."""
    org = _example(tmp_path / "in")
    run_cli("lint", str(org))
    role = next(org.glob("roles/*.yaml"))
    outside = tmp_path / "outside.yaml"
    outside.write_bytes(role.read_bytes())
    role.unlink()
    role.symlink_to(outside)
    assert replay(org, ("--select", "--ignore")).result is None
    out, _ = run_cli("lint", str(org), "-f", "json", expect=1)
    assert "MK011" in out
