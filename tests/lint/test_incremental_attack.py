"""Attacks on the patched run (lint/incremental.py): edits after which a lint with the cache must
report exactly what `mktorg lint --no-cache` reports. The first five reproduced discrepancies an
attack found (see each docstring), fixed since.
"""

import os
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mktorg.cli.app import app
from tests.helpers import make_org


def _lint(org: Path, *more: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["lint", str(org), "-f", "json", *more], catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, result.stdout


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


# --- Text mappings: the view compares dicts ignoring their order; text_of does not --------------

_TEXT_ORG = {
    "org.yaml": "name: 测试\nlocales: [zh]\n",
    "departments/market.yaml": (
        "name: 市场部\nhead: boss\nfunctions:\n  - id: brand\n    name: {en: Brand, fr: Marque}\n"
    ),
    "roles/boss.yaml": "title: 经理\ndepartment: market\nduties: [负责市场调研]\nauthorities: [分配权]\n",
    "roles/a.yaml": "title: 专员\ndepartment: market\nreports_to: boss\n"
    "duties:\n  - text: {en: research the market, fr: étudier le marché}\n",
    "roles/b.yaml": "title: 专员二\ndepartment: market\nreports_to: boss\n"
    "duties:\n  - text: {en: research the market, de: den Markt}\n",
}


def test_text_mapping_keys_reordered_in_a_function_name(tmp_path: Path, patches: list[bool]) -> None:
    """MK301's message shows `org.text(function.name)`: with no key in the declared locales,
    text_of takes the mapping's first value, so reordering the keys changes the message; the
    view (dict ==) says nothing changed and the old message is kept."""
    org = make_org(tmp_path, _TEXT_ORG, base=None)
    _lint(org)
    dept = org / "departments" / "market.yaml"
    _write(dept, dept.read_text("utf-8").replace("{en: Brand, fr: Marque}", "{fr: Marque, en: Brand}"))
    assert _lint(org) == _lint(org, "--no-cache")


def test_text_mapping_keys_reordered_in_a_duty(tmp_path: Path, patches: list[bool]) -> None:
    """MK302 compares `org.text(duty.text)`: reordering the keys of a duty's text mapping changes
    the compared text (here: no longer the same duty as a's), the view does not see it."""
    org = make_org(tmp_path, _TEXT_ORG, base=None)
    _lint(org)
    role = org / "roles" / "b.yaml"
    text = role.read_text("utf-8")
    _write(role, text.replace("{en: research the market, de: den Markt}", "{de: den Markt, en: research the market}"))
    assert _lint(org) == _lint(org, "--no-cache")


# --- suppressions in files the loader never loads -------------------------------------------------


def test_a_suppression_in_a_file_that_is_not_loaded(tmp_path: Path, patches: list[bool]) -> None:
    """A file with a bad name (MK008) or a taken id (MK009) is never loaded, so a full run does not
    read its `# mktorg: ignore`; a patched run once read every file a kept finding points into and
    applied it (the exit code went from 1 to 0)."""
    files = {
        "roles/_x.yaml": "# mktorg: ignore\ntitle: x\ndepartment: dept\n",
        "roles/sub/Lead.yaml": "# mktorg: ignore\ntitle: y\ndepartment: dept\n",
        "roles/lead.yaml": "title: 经理\ndepartment: dept\nduties: [负责市场调研]\n",
        "roles/one.yaml": "title: 专员\ndepartment: dept\nreports_to: lead\nduties: [负责品牌宣传]\n",
    }
    org = make_org(tmp_path, files)
    first = _lint(org)
    assert '"MK008"' in first[1] and '"MK009"' in first[1]
    one = org / "roles" / "one.yaml"
    _write(one, one.read_text("utf-8") + "# 改\n")
    assert _lint(org) == _lint(org, "--no-cache")
    assert patches == [True]


# --- the organisation folder named through a link -------------------------------------------------


def test_the_folder_named_through_a_link(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The MK003 hint names the file relative to the current folder (`iconv ... link/roles/x.yaml`):
    a run through a link to the folder is not the kept run of the folder's own name."""
    org = make_org(tmp_path, {"roles/gbk.yaml": b"title: \xb2\xe2\ndepartment: dept\n"})
    link = tmp_path / "link"
    link.symlink_to(org)
    monkeypatch.chdir(tmp_path)
    assert "iconv" in _lint(Path("org"))[1]
    assert _lint(Path("link")) == _lint(Path("link"), "--no-cache")


# --- things that must keep working ----------------------------------------------------------------


def test_a_suppression_added_on_the_line_of_a_kept_cross_file_finding(tmp_path: Path, patches: list[bool]) -> None:
    boss = "title: 经理\ndepartment: dept\nduties: [负责市场调研]\n"
    one = "title: 专员\ndepartment: dept\nreports_to: lead\nduties: [负责品牌宣传]\n"
    org = make_org(tmp_path, {"roles/lead.yaml": boss, "roles/one.yaml": one})
    first = _lint(org)
    assert '"MK209"' in first[1]
    lead = org / "roles" / "lead.yaml"
    _write(lead, "# mktorg: ignore[MK209]\n" + boss)
    assert _lint(org) == _lint(org, "--no-cache")
    _write(lead, boss.replace("title: 经理", "title: 经理  # mktorg: ignore[span-too-narrow]"))
    assert _lint(org) == _lint(org, "--no-cache")
    _write(lead, "\n\n" + boss)
    assert _lint(org) == _lint(org, "--no-cache")
    assert patches == [True, True, True]


def test_quick_edits_within_the_racy_second(tmp_path: Path) -> None:
    role = "title: 专员\ndepartment: dept\nreports_to: lead\nduties: [{}]\n"
    org = make_org(tmp_path, {"roles/lead.yaml": "title: 经理\ndepartment: dept\n", "roles/a.yaml": role.format("x")})
    a = org / "roles" / "a.yaml"
    for duty in ("负责市场调研", "负责市场调研工作", "负责市场  调研", "待定", "负责市场调研"):
        _write(a, role.format(duty))
        os.utime(a, ns=(time.time_ns(), time.time_ns()))
        assert _lint(org) == _lint(org, "--no-cache")
        assert _lint(org) == _lint(org, "--no-cache")


def test_the_text_report_of_a_file_that_is_not_loaded(tmp_path: Path, patches: list[bool]) -> None:
    """The same cause without any suppression: the text report shows the source line of a
    finding's file when it has the file; a full run never has a file with a bad name (MK008) or
    a taken id (MK009); a patched run once read it and showed its first line under the finding
    (and kept that line for every replay after)."""
    files = {
        "roles/_x.yaml": "title: x\ndepartment: dept\n",
        "roles/sub/Lead.yaml": "title: y\ndepartment: dept\n",
        "roles/lead.yaml": "title: 经理\ndepartment: dept\nduties: [负责市场调研]\n",
        "roles/one.yaml": "title: 专员\ndepartment: dept\nreports_to: lead\nduties: [负责品牌宣传]\n",
    }
    org = make_org(tmp_path, files)

    def text(*more: str) -> tuple[int, str]:
        result = CliRunner().invoke(app, ["lint", str(org), *more], catch_exceptions=False, env={"NO_COLOR": "1"})
        return result.exit_code, result.stdout

    text()
    one = org / "roles" / "one.yaml"
    _write(one, one.read_text("utf-8") + "# 改\n")
    assert text() == text("--no-cache")
    assert text() == text("--no-cache")  # the replay of the patched run
    assert patches == [True]
