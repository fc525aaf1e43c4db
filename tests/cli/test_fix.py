"""`mktorg lint --fix` and `--diff`: byte-for-byte preservation outside the fixed text."""

import json
from pathlib import Path

from tests.helpers import make_org, run_cli

ODD = (
    "# comment before\n"
    "title:   '平 面设计'    # comment after, odd spacing kept\n"
    "department: dept\n"
    "reports_to: boss\n"
    "\n"
    "headcount: 2     # two designers\n"
    "duties: [\"1、执行 调研计划\", 'keep, English (as is)']\n"
    "authorities:\n"
    "  -   (2)收集竞争队手信息,整理资料\n"
    "  - |\n"
    "    1、block scalars are left alone\n"
)
FIXED = (
    "# comment before\n"
    "title:   '平面设计'    # comment after, odd spacing kept\n"
    "department: dept\n"
    "reports_to: boss\n"
    "\n"
    "headcount: 2     # two designers\n"
    "duties: [\"执行调研计划\", 'keep, English (as is)']\n"
    "authorities:\n"
    "  -   收集竞争对手信息，整理资料\n"
    "  - |\n"
    "    1、block scalars are left alone\n"
)


def test_fix_keeps_every_other_byte_and_is_idempotent(tmp_path: Path) -> None:
    org = make_org(tmp_path, {"roles/staff.yaml": ODD})
    run_cli("lint", str(org), "--fix")
    assert (org / "roles/staff.yaml").read_text(encoding="utf-8") == FIXED
    out, _ = run_cli("lint", str(org), "--diff")
    assert out == ""
    run_cli("lint", str(org), "--fix")
    assert (org / "roles/staff.yaml").read_text(encoding="utf-8") == FIXED


def test_fix_keeps_bom_and_crlf(tmp_path: Path) -> None:
    raw = ("\ufeff" + ODD.replace("\n", "\r\n")).encode("utf-8")
    org = make_org(tmp_path, {"roles/staff.yaml": raw})
    run_cli("lint", str(org), "--fix")
    assert (org / "roles/staff.yaml").read_bytes() == ("\ufeff" + FIXED.replace("\n", "\r\n")).encode("utf-8")


def test_diff_writes_nothing(tmp_path: Path) -> None:
    org = make_org(tmp_path, {"roles/staff.yaml": ODD})
    out, _ = run_cli("lint", str(org), "--diff", expect=1)
    assert "-  -   (2)收集竞争队手信息,整理资料" in out and "+  -   收集竞争对手信息，整理资料" in out
    assert (org / "roles/staff.yaml").read_text(encoding="utf-8") == ODD


def test_files_that_fail_to_load_are_never_rewritten(tmp_path: Path) -> None:
    broken = "title: '1、平 面设计'\ndepartment: dept\nheadcount: 两人\n"
    org = make_org(tmp_path, {"roles/staff.yaml": broken})
    run_cli("lint", str(org), "--fix", expect=1)
    assert (org / "roles/staff.yaml").read_text(encoding="utf-8") == broken


def test_fix_respects_ignore(tmp_path: Path) -> None:
    org = make_org(tmp_path, {"roles/staff.yaml": ODD})
    run_cli("lint", str(org), "--fix", "--ignore", "MK506,MK501,MK504")
    text = (org / "roles/staff.yaml").read_text(encoding="utf-8")
    assert "'平面设计'" in text and "竞争队手" in text and "1、执行调研计划" in text


def test_plain_scalar_that_would_change_meaning_is_quoted(tmp_path: Path) -> None:
    org = make_org(
        tmp_path,
        {"roles/staff.yaml": "title: 专员\ndepartment: dept\nreports_to: boss\nduties:\n  - 1. 123\n  - 执行调研\n"},
    )
    run_cli("lint", str(org), "--fix")
    text = (org / "roles/staff.yaml").read_text(encoding="utf-8")
    assert '  - "123"\n' in text


def test_fix_reaches_org_yaml(tmp_path: Path) -> None:
    org = make_org(tmp_path, {"org.yaml": "name: 1、华东制 造公司 市场部\n"})
    out, _ = run_cli("lint", str(org), "--format", "json")
    assert {d["code"] for d in json.loads(out)["diagnostics"]} >= {"MK501", "MK503"}
    run_cli("lint", str(org), "--fix")
    assert (org / "org.yaml").read_text(encoding="utf-8") == "name: 华东制造公司 市场部\n"


def test_fix_fixes_exactly_what_lint_reports(tmp_path: Path) -> None:
    """A suppressed finding is neither reported nor fixed; an unsuppressed one on the next line is both."""
    staff = (
        "title: 专员\ndepartment: dept\nreports_to: boss\nheadcount: 2\nduties:\n"
        '  - 1、按"甲 乙"格式填写   # mktorg: ignore[MK501, MK503]\n'
        "  - 2、整 理资料\n"
    )
    org = make_org(tmp_path, {"roles/staff.yaml": staff})
    out, _ = run_cli("lint", str(org), "--format", "json")
    reported = {(d["line"], d["code"]) for d in json.loads(out)["diagnostics"]}
    assert (6, "MK501") not in reported and (7, "MK501") in reported and (7, "MK503") in reported
    run_cli("lint", str(org), "--fix")
    assert (org / "roles/staff.yaml").read_text(encoding="utf-8") == staff.replace("2、整 理资料", "整理资料")


def test_fix_keeps_anchors_and_edits_an_aliased_scalar_once(tmp_path: Path) -> None:
    staff = (
        "title: 专员\ndepartment: dept\nreports_to: boss\nheadcount: 2\n"
        "duties:\n  - &d 1、调 研 报 告\n  #审核人\n  - 撰写报告\n"
        "authorities: [*d, &a 检察权]\nqualifications: {skills: [*a]}\n"
    )
    org = make_org(tmp_path, {"roles/staff.yaml": staff})
    run_cli("lint", str(org), "--fix")
    assert (org / "roles/staff.yaml").read_text(encoding="utf-8") == (
        "title: 专员\ndepartment: dept\nreports_to: boss\nheadcount: 2\n"
        "duties:\n  - &d 调研报告\n  #审核人\n  - 撰写报告\n"
        "authorities: [*d, &a 检查权]\nqualifications: {skills: [*a]}\n"
    )
