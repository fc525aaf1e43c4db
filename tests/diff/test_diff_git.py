"""`mktorg diff` on a repository whose commits each make one kind of change (steps.py).

Every commit is compared with its parent three ways: as two revisions, as two folders written out
with `git archive`, and as a revision against the working tree checked out at the commit. The JSON
is checked against the changes the commit made (written out below by hand), and all three ways must
give the same JSON.
"""

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.diff.gitrepo import Repo
from tests.diff.steps import STEPS
from tests.helpers import ROOT, run_cli


def _diff(repo: Repo, *args: str, expect: int = 0) -> dict[str, Any]:
    out, _ = run_cli("diff", *args, "--org", str(repo.org), "--format", "json", expect=expect)
    return json.loads(out)


def _plain(value: Any) -> Any:
    """References as ids, people as `3-5+N`, lists as tuples: the values a reader checks."""
    if isinstance(value, dict) and {"min", "max", "variable"} <= value.keys():
        return f"{value['min']}-{value['max']}" + ("+N" if value["variable"] else "")
    if isinstance(value, dict) and "id" in value:
        return value["id"]
    if isinstance(value, dict) and "name" in value:
        return value["name"]
    if isinstance(value, list):
        return tuple(_plain(v) for v in value)
    return value


def _changes(data: dict[str, Any]) -> tuple[set[tuple[str, ...]], set[tuple[Any, ...]], set[tuple[str, ...]]]:
    """(entities as (kind, status, old id, new id), changes as (id, field, action, old, new, item, other),
    findings as (+/-, code, file))."""
    entities: set[tuple[str, ...]] = set()
    changes: set[tuple[Any, ...]] = set()
    for kind in ("departments", "roles", "processes"):
        for entity in data[kind]:
            old, new = (entity["old"] or {}).get("id", ""), (entity["new"] or {}).get("id", "")
            entities.add((kind, entity["status"], old, new))
            for c in entity["changes"]:
                changes.add(
                    (
                        new or old,
                        c["field"],
                        c["action"],
                        _plain(c.get("old")),
                        _plain(c.get("new")),
                        c.get("item"),
                        _plain(c.get("other")),
                    )
                )
    for c in data["organization"]:
        changes.add(
            ("org.yaml", c["field"], c["action"], _plain(c.get("old")), _plain(c.get("new")), c.get("item"), None)
        )
    findings = {("+", d["code"], d["file"]) for d in data["findings"]["introduced"]}
    findings |= {("-", d["code"], d["file"]) for d in data["findings"]["resolved"]}
    return entities, changes, findings


C = "changed"
EXPECTED: dict[str, tuple[set[tuple[str, ...]], set[tuple[Any, ...]], set[tuple[str, ...]]]] = {
    "roles": (
        {
            ("departments", C, "marketing-sales", "marketing-sales"),
            ("departments", C, "market", "market"),
            ("departments", C, "brand-promotion", "brand-promotion"),
            ("departments", C, "sales", "sales"),
            ("roles", C, "market-planner", "market-planner"),
            ("roles", C, "data-analyst", "market-analyst"),
            ("roles", "added", "", "telesales"),
            ("roles", "removed", "pricing-specialist", ""),
        },
        {
            ("marketing-sales", "people", C, "31-34+N", "31-36+N", None, None),
            ("market", "people", C, "12-12+N", "11-11+N", None, None),
            ("brand-promotion", "people", C, "4-4+N", "6-6+N", None, None),
            ("sales", "people", C, "17-20", "18-23", None, None),
            ("market-planner", "department", C, "market", "brand-promotion", None, None),
            ("market-planner", "reports_to", C, "market-manager", "promotion-supervisor", None, None),
            ("market-analyst", "id", C, "data-analyst", "market-analyst", None, None),
            ("market-analyst", "title", C, "数据分析专员", "市场数据分析专员", None, None),
            (
                "market-analyst",
                "duties",
                "reworded",
                "按月编制销售数据分析报告，提供给销售部经理",
                "按月编制销售数据分析报告，提交销售部经理审阅",
                None,
                None,
            ),
        },
        {("+", "MK102", "processes/new-business.yaml")},
    ),
    "departments": (
        {
            ("departments", C, "customer-service", "customer-service"),
            ("departments", C, "market", "market"),
            ("departments", C, "sales", "sales"),
            ("departments", C, "channel", "channel-mgmt"),
            ("departments", "added", "", "telesales-team"),
            ("departments", "removed", "market-research", ""),
            ("roles", C, "customer-service-supervisor", "customer-service-supervisor"),
            ("roles", C, "research-supervisor", "research-supervisor"),
            ("roles", C, "research-specialist", "research-specialist"),
            ("roles", C, "market-analyst", "market-analyst"),
            ("roles", C, "telesales", "telesales"),
        },
        {
            ("customer-service", "parent", C, "sales", "marketing-sales", None, None),
            ("market", "functions", "added", None, "市场预测与营销信息系统", None, None),
            ("sales", "people", C, "18-23", "14-19", None, None),
            ("channel-mgmt", "id", C, "channel", "channel-mgmt", None, None),
            ("channel-mgmt", "name", C, "渠道管理组", "渠道管理部", None, None),
            ("customer-service-supervisor", "reports_to", C, "sales-manager", "marketing-director", None, None),
            ("research-supervisor", "department", C, "market-research", "market", None, None),
            ("research-specialist", "department", C, "market-research", "market", None, None),
            ("market-analyst", "department", C, "market-research", "market", None, None),
            ("telesales", "department", C, "sales", "telesales-team", None, None),
        },
        set(),
    ),
    "lines": (
        {("departments", C, d, d) for d in ("marketing-sales", "market", "brand-promotion", "sales", "regional-sales")}
        | {("roles", C, r, r) for r in ("market-analyst", "promotion-staff", "sales-rep")},
        {
            ("marketing-sales", "people", C, "31-36+N", "35-42", None, None),
            ("market", "people", C, "11-11+N", "15-15", None, None),
            ("market", "headcount_budget", C, 14, None, None, None),
            ("brand-promotion", "people", C, "6-6+N", "10-10", None, None),
            ("sales", "people", C, "14-19", "14-21", None, None),
            ("sales", "headcount_budget", C, 20, 24, None, None),
            ("regional-sales", "people", C, "8-8", "8-10", None, None),
            ("market-analyst", "dotted_to", "added", None, "channel-supervisor", None, None),
            ("market-analyst", "dotted_to", "removed", "sales-manager", None, None, None),
            ("promotion-staff", "headcount", C, "N", "4", None, None),
            ("sales-rep", "reports_to", C, "regional-sales-supervisor", "sales-manager", None, None),
            ("sales-rep", "headcount", C, "6", "6–8", None, None),
        },
        {
            ("+", "MK401", "departments/marketing-sales.yaml"),
            ("+", "MK209", "roles/sales/regional-sales-supervisor.yaml"),
            ("+", "MK208", "roles/sales/sales-manager.yaml"),
            ("+", "MK207", "roles/sales/sales-rep.yaml"),
        },
    ),
    "grades": (
        {("roles", C, r, r) for r in ("sales-admin", "key-account-manager", "sales-rep", "telesales")},
        {
            ("org.yaml", "levels", "added", None, "副经理", None, None),
            ("org.yaml", "grades", "added", None, "g1", None, None),
            ("org.yaml", "grades", "added", None, "g2", None, None),
            ("sales-admin", "level", C, "专员", "主管", None, None),
            ("key-account-manager", "vacant", C, True, False, None, None),
            ("sales-rep", "grade", C, None, "g1", None, None),
            ("telesales", "vacant", C, False, True, None, None),
        },
        set(),
    ),
    "duties": (
        {
            ("roles", C, r, r)
            for r in (
                "marketing-assistant",
                "customer-service-specialist",
                "sales-admin",
                "channel-supervisor",
                "key-account-manager",
                "sales-rep",
            )
        },
        {
            ("marketing-assistant", "duties", "removed", "负责营销人员差旅费报销单据的初审", None, None, None),
            (
                "customer-service-specialist",
                "duties",
                "reworded",
                "协助销售人员制作订单、跑单",
                "协助销售人员制作订单、跟单",
                None,
                None,
            ),
            ("customer-service-specialist", "duties", "moved-out", "回访客户并记录服务反馈", None, None, "sales-rep"),
            ("sales-rep", "duties", "moved-in", None, "回访客户并记录服务反馈", None, "customer-service-specialist"),
            ("sales-admin", "duties", "added", None, "负责客户信用额度的登记与跟踪", None, None),
            ("channel-supervisor", "authorities", "added", None, "渠道促销费用的审核权", None, None),
            ("channel-supervisor", "authorities", "removed", "渠道政策执行的检查权", None, None, None),
            ("channel-supervisor", "kpi.weight", C, 40, 50, "新增渠道成员数", None),
            ("channel-supervisor", "kpi.weight", C, 60, 50, "渠道回款率", None),
            ("key-account-manager", "qualifications.education", C, "大学本科及以上", "本科及以上", None, None),
            ("key-account-manager", "qualifications.experience_years", C, 3, 5, None, None),
        },
        set(),
    ),
    "process": (
        {("processes", C, "new-business", "new-business")},
        {
            ("new-business", "owner", C, "market-manager", "marketing-director", None, None),
            ("new-business", "steps", "added", None, "编制项目预算", None, None),
            ("new-business", "steps", "removed", "项目立项", None, None, None),
            ("new-business", "steps", "reworded", "项目评审", "项目评审会", None, None),
            ("new-business", "step.consulted", "removed", "pricing-specialist", None, "编制项目计划书", None),
            ("new-business", "step.consulted", "added", None, "channel-supervisor", "项目试点", None),
            ("new-business", "step.informed", "removed", "channel-supervisor", None, "新业务实施", None),
        },
        {("-", "MK102", "processes/new-business.yaml")},
    ),
    "format": (set(), set(), set()),
    "broken": (
        set(),
        set(),
        {
            ("+", "MK001", "roles/sales/store-manager.yaml"),
            # rules that need the whole organisation do not run while a file is broken
            ("-", "MK401", "departments/marketing-sales.yaml"),
            ("-", "MK209", "roles/sales/regional-sales-supervisor.yaml"),
            ("-", "MK208", "roles/sales/sales-manager.yaml"),
        },
    ),
}


def _without_sides(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k not in ("old", "new")}


@pytest.mark.parametrize("step", [name for name, _ in STEPS])
def test_each_commit_diffs_as_expected(repo: Repo, step: str) -> None:
    data = _diff(repo, f"{step}~1", step)
    assert _changes(data) == EXPECTED[step]
    assert data["changed"] is (step != "format")
    assert data["old"]["kind"] == data["new"]["kind"] == "revision"


@pytest.mark.parametrize("step", [name for name, _ in STEPS])
def test_revisions_folders_and_work_tree_agree(repo: Repo, step: str, tmp_path: Path) -> None:
    by_revisions = _without_sides(_diff(repo, f"{step}~1", step))
    old = repo.export(f"{step}~1", tmp_path / "old")
    new = repo.export(step, tmp_path / "new")
    by_folders = _without_sides(_diff(repo, str(old), str(new)))
    assert by_folders == by_revisions
    repo.git("checkout", "-q", step)
    try:
        by_work_tree = _diff(repo, f"{step}~1")
        assert by_work_tree["new"]["kind"] == "worktree"
        assert _without_sides(by_work_tree) == by_revisions
        by_folder_and_revision = _without_sides(_diff(repo, str(old), step))
        assert by_folder_and_revision == by_revisions
    finally:
        repo.git("checkout", "-q", "main")


def test_exit_code_as_git(repo: Repo) -> None:
    _diff(repo, "format~1", "format", "--exit-code", expect=0)
    _diff(repo, "grades~1", "grades", "--exit-code", expect=1)
    _diff(repo, "grades~1", "grades", expect=0)


def test_a_broken_revision_diffs_both_ways(repo: Repo) -> None:
    forward = _diff(repo, "broken~1", "broken")
    assert forward["unreadable"] == {"old": [], "new": ["role:store-manager"]}
    backward = _diff(repo, "broken", "broken~1")
    assert backward["unreadable"] == {"old": ["role:store-manager"], "new": []}
    assert {d["code"] for d in backward["findings"]["resolved"]} == {"MK001"}
    assert backward["roles"] == [] and backward["departments"] == []


def test_work_tree_defaults_and_untracked_files(repo: Repo) -> None:
    extra = repo.org / "roles" / "sales" / "intern.yaml"
    extra.write_text("title: 销售实习生\ndepartment: sales\nreports_to: sales-manager\nemployment: intern\n", "utf-8")
    try:
        data = _diff(repo)  # HEAD against the working tree
        assert data["old"]["label"].startswith("HEAD (")
        assert [(r["status"], r["new"]["id"]) for r in data["roles"]] == [("added", "intern")]
        assert data["roles"][0]["facts"]["employment"] == "intern"
    finally:
        extra.unlink()
    assert _diff(repo)["changed"] is False


def test_the_whole_history_in_words(repo: Repo, golden) -> None:  # type: ignore[no-untyped-def]
    for fmt, suffix in (("text", "txt"), ("markdown", "md")):
        out, _ = run_cli("diff", "base", "process", "--org", str(repo.org), "--format", fmt)
        golden(f"diff/history.{suffix}", out)
    out, _ = run_cli("diff", "base", "process", "--org", str(repo.org), "--lang", "en")
    golden("diff/history-en.txt", out)
    out, _ = run_cli("diff", "format", "broken", "--org", str(repo.org), "--format", "markdown")
    golden("diff/broken.md", out)


def test_usage_errors(repo: Repo, tmp_path: Path) -> None:
    _, err = run_cli("diff", "no-such-rev", "--org", str(repo.org), expect=2)
    assert "neither a folder nor a revision" in err
    _, err = run_cli("diff", "--format", "xml", "--org", str(repo.org), expect=2)
    assert "unknown format" in err
    _, err = run_cli("diff", "--org", str(repo.org), "--", "-x", expect=2)
    assert "not a revision" in err
    outside = tmp_path / "plain"
    shutil.copytree(ROOT / "data", outside / "data")
    _, err = run_cli("diff", "HEAD", "--org", str(outside / "data"), expect=2)
    assert "not in a git repository" in err or "neither a folder nor a revision" in err
    _, err = run_cli("diff", "base", "--org", str(repo.org), "-o", str(repo.org / "roles" / "x.md"), expect=2)
    assert "refusing" in err


def test_an_organisation_new_in_a_revision(repo: Repo) -> None:
    """Comparing with a revision where the folder does not exist yet: everything is added."""
    first = repo.git("rev-list", "--max-parents=0", "HEAD").strip()
    repo.git("checkout", "-q", "--orphan", "empty")
    repo.git("rm", "-rq", "--cached", ".")
    try:
        repo.git("commit", "-q", "--allow-empty", "-m", "empty")
        data = _diff(repo, "empty", first)
        assert data["old"]["empty"] is True and data["organization"] == []
        assert {r["status"] for r in data["roles"]} == {"added"} and len(data["roles"]) == 23
    finally:
        repo.git("checkout", "-q", "-f", "main")


def test_the_documented_report_is_the_real_one() -> None:
    """The example in docs/diff-and-stats.md is cut from the golden report of this repository."""
    doc = (ROOT / "docs" / "diff-and-stats.md").read_text(encoding="utf-8")
    example = doc.split("```text\n", 1)[1].split("```", 1)[0]
    real = (ROOT / "tests" / "golden" / "diff" / "history.txt").read_text(encoding="utf-8")
    real_lines = iter(real.split("\n"))
    for line in example.strip("\n").split("\n"):
        assert any(line == candidate for candidate in real_lines), line  # present, and in the same order
