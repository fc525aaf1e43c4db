"""`mktorg stats`: every number checked against a computation from the raw YAML, and against the lint rules."""

import itertools
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.helpers import ROOT, make_org, run_cli

ORGS = sorted([ROOT / "data", *(p for p in (ROOT / "examples").iterdir() if (p / "org.yaml").exists())])


def _files(org: Path, folder: str) -> dict[str, dict[str, Any]]:
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((org / folder).rglob("*.yaml"))}


def _bounds(headcount: Any) -> tuple[int, int, int]:
    if headcount == "N":
        return 0, 0, 1
    if isinstance(headcount, dict):
        return headcount["min"], headcount["max"], 0
    return headcount, headcount, 0


def _sum(roles: list[dict[str, Any]]) -> dict[str, int]:
    bounds = [_bounds(r.get("headcount", 1)) for r in roles]
    return {
        "roles": len(roles),
        "min": sum(b[0] for b in bounds),
        "max": sum(b[1] for b in bounds),
        "variable_roles": sum(b[2] for b in bounds),
    }


class Expected:
    """The numbers of an organisation, computed from its YAML without mktorg."""

    def __init__(self, org: Path) -> None:
        self.settings = yaml.safe_load((org / "org.yaml").read_text(encoding="utf-8"))
        self.roles = _files(org, "roles")
        self.depts = _files(org, "departments")
        self.internal = {r: d for r, d in self.roles.items() if not d.get("external")}

    def subtree(self, dept: str) -> set[str]:
        out = {dept}
        while True:
            more = {d for d, data in self.depts.items() if data.get("parent") in out} - out
            if not more:
                return out
            out |= more

    def department(self, dept: str) -> dict[str, Any]:
        own = [r for r in self.internal.values() if r["department"] == dept]
        inside = self.subtree(dept)
        total = [r for r in self.internal.values() if r["department"] in inside]
        vacant = [r for r in total if r.get("vacant")]
        return {"own": _sum(own), "total": _sum(total), "vacant": _sum(vacant)}

    def spans(self) -> dict[str, dict[str, int]]:
        """Direct reports of each manager: the most people of each report, a report of 0 or N (at least
        one) counting as one; and how many reports are N."""
        out = {}
        for boss, data in self.roles.items():
            reports = [r for r in self.roles.values() if r.get("reports_to") == boss]
            if reports and not data.get("external"):
                people = sum(_bounds(r.get("headcount", 1))[1] or 1 for r in reports)
                variable = sum(1 for r in reports if r.get("headcount") == "N")
                out[boss] = {"people": people, "roles": len(reports), "variable_roles": variable}
        return out

    def depth(self, role: str) -> int:
        seen: list[str] = []
        current: str | None = role
        while current in self.roles and current not in seen:
            seen.append(current)
            current = self.roles[current].get("reports_to")
        return sum(1 for r in seen if not self.roles[r].get("external"))

    def unassigned(self) -> list[tuple[str, str]]:
        carried = set()
        for data in self.roles.values():
            for duty in data.get("duties") or []:
                if isinstance(duty, dict) and duty.get("function"):
                    owner, _, function = duty["function"].rpartition("/")
                    carried.add((owner or data["department"], function))
        return sorted(
            (d, f["id"])
            for d, data in self.depts.items()
            if not data.get("external")
            for f in data.get("functions") or []
            if (d, f["id"]) not in carried
        )


def _stats(org: Path, *args: str) -> dict[str, Any]:
    out, _ = run_cli("stats", str(org), "--format", "json", *args)
    return json.loads(out)


@pytest.mark.parametrize("org", ORGS, ids=lambda p: p.name)
def test_stats_json_agrees_with_the_yaml(org: Path) -> None:
    got = _stats(org)
    want = Expected(org)
    assert got["total"] == _sum(list(want.internal.values()))
    assert got["vacant"] == _sum([r for r in want.internal.values() if r.get("vacant")])
    assert {d["id"] for d in got["departments"]} == set(want.depts)
    for dept in got["departments"]:
        assert {k: dept[k] for k in ("own", "total", "vacant")} == want.department(dept["id"]), dept["id"]
        assert dept["budget"] == want.depts[dept["id"]].get("headcount_budget")
        assert dept["parent"] == want.depts[dept["id"]].get("parent")
    levels = {row.pop("level"): row for row in got["levels"]}
    for level, row in levels.items():
        assert row == _sum([r for r in want.internal.values() if r.get("level") == level]), level
    assert sum(row["roles"] for row in levels.values()) == len(want.internal)
    for row in got["employment"]:
        kind = row.pop("employment")
        assert row == _sum([r for r in want.internal.values() if r.get("employment", "full_time") == kind])
    keys = ("people", "roles", "variable_roles")
    spans = {m["id"]: {k: m[k] for k in keys} for m in got["spans"]["managers"]}
    assert spans == want.spans()
    one = sorted(b for b, s in want.spans().items() if s["people"] == 1 and not s["variable_roles"])
    assert got["spans"]["one_report"] == one  # a single report of N may be many people: not one
    assert got["layers"]["roles"] == {r: want.depth(r) for r in sorted(want.internal)}
    longest = [r["id"] for r in got["layers"]["longest_chain"]]
    assert len(longest) == got["layers"]["max"] == max((want.depth(r) for r in want.internal), default=0)
    assert all(want.roles[low].get("reports_to") == high for high, low in itertools.pairwise(longest))
    assert sorted((u["department"], u["function"]) for u in got["functions"]["unassigned"]) == want.unassigned()
    for row in got["duties"]:
        duties = want.roles[row["id"]].get("duties") or []
        kinds = [d.get("type", "primary") if isinstance(d, dict) else "primary" for d in duties]
        assert row["primary"] == kinds.count("primary") and row["supporting"] == kinds.count("supporting")
        assert row["without_function"] == sum(1 for d in duties if not (isinstance(d, dict) and d.get("function")))
    assert got["cost"] is None  # no example sets grades


def _lint_messages(org: Path, code: str, expect: int = 0) -> list[str]:
    """The messages of one rule; `expect`: the exit code (1 when the rule reports errors)."""
    out, _ = run_cli("lint", str(org), "--format", "json", "--select", code, expect=expect)
    return [d["message"] for d in json.loads(out)["diagnostics"]]


@pytest.mark.parametrize("org", ORGS, ids=lambda p: p.name)
def test_spans_and_headcount_agree_with_the_lint_rules(org: Path, tmp_path: Path) -> None:
    """With limits nobody meets, MK208, MK209 and MK401 name every manager's span and every roll-up.

    A span with a report of headcount N is a lower bound: MK208 says "at least", and MK209 never
    calls it too narrow (N may be any number of people)."""
    copy = tmp_path / org.name
    shutil.copytree(org, copy)
    settings = yaml.safe_load((copy / "org.yaml").read_text(encoding="utf-8"))
    settings["lint"] = {"span_of_control": {"min": 0, "max": 1}}
    (copy / "org.yaml").write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
    for path in (copy / "departments").rglob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["headcount_budget"] = 0
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    got = _stats(copy)
    wide = {}
    for message in _lint_messages(copy, "MK208"):
        found = re.fullmatch(r"(at least )?(\d+) people report directly to '(.+)' \(.*\)", message)
        assert found, message
        at_least, people, boss = found.groups()
        wide[boss] = (int(people), bool(at_least))
    managers = got["spans"]["managers"]
    assert wide == {m["id"]: (m["people"], m["variable_roles"] > 0) for m in managers if m["people"] > 1}
    settings["lint"] = {"span_of_control": {"min": 1000, "max": 1000}}
    (copy / "org.yaml").write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
    narrow = {}
    for message in _lint_messages(copy, "MK209"):
        found = re.fullmatch(r"only (\d+) direct report\(s\) for '(.+)' \(.*\)", message)
        assert found, message
        people, boss = found.groups()
        narrow[boss] = int(people)
    assert narrow == {m["id"]: m["people"] for m in managers if not m["variable_roles"]}
    holding = {d["id"]: d["total"]["min"] for d in got["departments"] if d["total"]["min"] > 0}
    over = {}
    for message in _lint_messages(copy, "MK401", expect=1 if holding else 0):  # errors: exit code 1
        dept, people = re.fullmatch(r"'(.+)' holds (\d+) people, over its headcount_budget of 0", message).groups()  # type: ignore[union-attr]
        over[dept] = int(people)
    assert over == holding


GRADED = {
    "org.yaml": (
        "name: 测试公司\nlevels: [经理, 专员]\ncurrency: CNY\n"
        "grades:\n  m1: {name: 经理级, min: 15000, max: 20000}\n  s1: {name: 专员级, min: 6000.5, max: 9000}\n"
    ),
    "departments/market.yaml": "name: 市场部\nhead: boss\nheadcount_budget: 8\n",
    "departments/promo.yaml": "name: 推广组\nparent: market\nhead: lead\nheadcount_budget: 3\n",
    "roles/gm.yaml": "title: 总经理\ndepartment: market\nexternal: true\ngrade: m1\n",
    "roles/boss.yaml": "title: 市场部经理\ndepartment: market\nreports_to: gm\nlevel: 经理\ngrade: m1\n",
    "roles/lead.yaml": "title: 推广主管\ndepartment: promo\nreports_to: boss\nlevel: 专员\ngrade: s1\nvacant: true\n",
    "roles/rep.yaml": (
        "title: 推广专员\ndepartment: promo\nreports_to: lead\nlevel: 专员\ngrade: s1\nheadcount: {min: 2, max: 4}\n"
    ),
    "roles/temp.yaml": (
        "title: 兼职促销员\ndepartment: promo\nreports_to: lead\ngrade: s1\nheadcount: N\nemployment: part_time\n"
    ),
    "roles/clerk.yaml": "title: 内勤\ndepartment: market\nreports_to: boss\nlevel: 专员\n",
}


def test_cost_from_grades(tmp_path: Path) -> None:
    got = _stats(make_org(tmp_path, GRADED, base=None))
    # boss 15000..20000 × 1; lead 6000.5..9000 × 1; rep 6000.5×2 .. 9000×4; temp is N; clerk has no grade
    monthly = {"min": 15000 + 6000.5 + 2 * 6000.5, "max": 20000 + 9000 + 4 * 9000}
    assert got["cost"] == {
        "currency": "CNY",
        "monthly": monthly,
        "yearly": {"min": 12 * monthly["min"], "max": 12 * monthly["max"]},
        "variable_roles": 1,
        "ungraded_roles": 1,
    }
    promo = next(d for d in got["departments"] if d["id"] == "promo")
    assert promo["cost"]["monthly"] == {"min": 3 * 6000.5, "max": 5 * 9000}
    assert promo["cost"]["variable_roles"] == 1 and promo["cost"]["ungraded_roles"] == 0
    assert promo["total"] == {"roles": 3, "min": 3, "max": 5, "variable_roles": 1}
    assert promo["vacant"] == {"roles": 1, "min": 1, "max": 1, "variable_roles": 0}
    assert got["spans"]["one_report"] == []
    assert got["layers"]["max"] == 3
    assert [r["id"] for r in got["layers"]["longest_chain"]] == ["boss", "lead", "rep"]


@pytest.mark.parametrize("fmt", ["text", "markdown", "csv"])
def test_stats_outputs_are_golden(tmp_path: Path, golden, fmt: str) -> None:  # type: ignore[no-untyped-def]
    graded = make_org(tmp_path, GRADED, base=None)
    suffix = {"text": "txt", "markdown": "md", "csv": "csv"}[fmt]
    out, _ = run_cli("stats", str(ROOT / "data"), "--format", fmt)
    golden(f"stats/data.{suffix}", out)
    out, _ = run_cli("stats", str(graded), "--format", fmt, *(["--table", "cost"] if fmt == "csv" else []))
    golden(f"stats/graded.{suffix}", out)
    out, _ = run_cli("stats", str(ROOT / "data"), "--format", fmt, "--lang", "en", "--table", "spans")
    golden(f"stats/data-spans-en.{suffix}", out)


def test_csv_cells_never_become_formulas(tmp_path: Path) -> None:
    org = make_org(tmp_path, {**GRADED, "roles/clerk.yaml": "title: '=HYPERLINK(\"x\")'\ndepartment: market\n"}, None)
    out, _ = run_cli("stats", str(org), "--format", "csv", "--table", "duties")
    assert out.startswith("\ufeff")
    assert "'=HYPERLINK" in out and "\n=" not in out and ",=" not in out


def test_stats_writes_a_file_and_refuses_sources(tmp_path: Path) -> None:
    org = make_org(tmp_path, GRADED, base=None)
    run_cli("stats", str(org), "--format", "markdown", "-o", str(tmp_path / "out" / "stats.md"))
    assert (tmp_path / "out" / "stats.md").read_text(encoding="utf-8").startswith("## 测试公司")
    _, err = run_cli("stats", str(org), "-o", str(org / "roles" / "x.txt"), expect=2)
    assert "refusing" in err


def test_stats_usage_errors(tmp_path: Path) -> None:
    _, err = run_cli("stats", str(ROOT / "data"), "--format", "xml", expect=2)
    assert "unknown format" in err
    _, err = run_cli("stats", str(ROOT / "data"), "--table", "nope", expect=2)
    assert "unknown table" in err
    _, err = run_cli("stats", str(ROOT / "data"), "--table", "cost", expect=2)
    assert "no grades" in err
    _, err = run_cli("stats", str(tmp_path / "missing"), expect=2)
    assert "no organisation folder" in err


def test_stats_counts_what_loaded_and_says_what_did_not(tmp_path: Path) -> None:
    org = make_org(tmp_path, {**GRADED, "roles/broken.yaml": "title: [\n"}, None)
    out, err = run_cli("stats", str(org), "--format", "json")
    assert json.loads(out)["total"]["roles"] == 5
    assert "1 file problem(s)" in err


def test_departments_without_roles_in_every_command(tmp_path: Path) -> None:
    """An organisation of departments only (real-estate-centre): every stats table and format, the
    comparison with a version that staffs it, both ways, and the marked charts of it."""
    example = ROOT / "examples" / "real-estate-centre"
    assert not (example / "roles").exists()
    for fmt in ("text", "markdown", "json"):
        run_cli("stats", str(example), "--format", fmt)
    for table in ("departments", "levels", "employment", "spans", "layers", "functions", "duties"):
        out, _ = run_cli("stats", str(example), "--format", "csv", "--table", table)
        assert out.startswith("\ufeff")
    layers = _stats(example)["layers"]
    assert layers["max"] == 0 and layers["longest_chain"] == [] and _stats(example)["spans"]["managers"] == []
    staffed = tmp_path / "staffed"
    shutil.copytree(example, staffed)
    (staffed / "roles").mkdir()
    (staffed / "roles" / "director.yaml").write_text("title: 营销总监\ndepartment: centre\n", encoding="utf-8")
    (staffed / "roles" / "planner.yaml").write_text(
        "title: 策划专员\ndepartment: planning\nreports_to: director\n", encoding="utf-8"
    )
    for old, new in ((example, staffed), (staffed, example)):
        out, _ = run_cli("diff", str(old), str(new), "--format", "json")
        statuses = {(r["status"], (r["new"] or r["old"])["id"]) for r in json.loads(out)["roles"]}
        assert statuses == {("added" if new == staffed else "removed", r) for r in ("director", "planner")}
        run_cli("diff", str(old), str(new), "--format", "markdown")
        for view in ("roles", "departments"):
            dot, _ = run_cli("chart", str(new), "--diff", str(old), "--view", view, "--format", "dot")
            assert ("变更（与" in dot) == (view == "roles")  # only people changed: no department is marked
    dot, _ = run_cli("chart", str(example), "--diff", str(staffed), "--format", "dot")
    assert re.search(r'"planner" \[.*<S><B>策划专员</B></S>.*已删除', dot)  # drawn at its old place
