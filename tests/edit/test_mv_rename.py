"""`mv` and `rename` on every example: references follow, every other byte stays, lint is unchanged."""

import difflib
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

from mktorg.edit.check import check_plan
from mktorg.edit.move import plan_move_department, plan_move_role, plan_rename
from mktorg.edit.plan import Plan
from mktorg.edit.references import references
from mktorg.lint.engine import LintResult, lint
from mktorg.load.loader import LoadResult, load_org
from tests.helpers import ROOT, make_org, run_cli

EXAMPLES = sorted(p.parent for p in (ROOT / "examples").glob("*/org.yaml"))
ORGS = [*EXAMPLES, ROOT / "data", ROOT / "tests" / "fixtures" / "every-key"]


def _most_referenced_roles(loaded: LoadResult, count: int) -> list[str]:
    named: Counter[str] = Counter()
    for source in loaded.files.values():
        for ref in references(source.kind, source.data or {}):
            if ref.target in ("role", "relation") and ref.value in loaded.org.roles:
                named[ref.value] += 1
    ranked = [r for r, _ in named.most_common()]
    rest = [r for r in sorted(loaded.org.roles) if r not in ranked]
    return (ranked + rest)[:count]


def _signature(result: LintResult, renamed: dict[str, str], infos: bool = True) -> Counter[tuple[str, str, str]]:
    out: Counter[tuple[str, str, str]] = Counter()
    for d in result.diagnostics:
        if not infos and d.severity.value == "info":
            continue
        message = d.message
        for new, old in renamed.items():
            message = re.sub(rf"(?<![\w-]){re.escape(new)}(?![\w-])", old, message)
        out[(d.code, d.severity.value, message)] += 1
    return out


def _check_rename_bytes(plan: Plan, old: str, new: str) -> None:
    """Each file changes only in the lines that name `old`, and there only `old` → `new`."""
    token = re.compile(rf"(?<![\w-]){re.escape(old)}(?=$|[^\w-])")
    for change in plan.changes:
        assert change.old_text is not None and change.new_text is not None
        before, after = change.old_text.splitlines(keepends=True), change.new_text.splitlines(keepends=True)
        assert len(before) == len(after), change.old_path
        for old_line, new_line in zip(before, after, strict=True):
            if old_line != new_line:
                assert token.sub(new, old_line) == new_line, (change.old_path, old_line, new_line)


@pytest.mark.parametrize("root", ORGS, ids=[p.name for p in ORGS])
def test_rename_every_department_and_the_most_named_roles(root: Path, tmp_path: Path) -> None:
    loaded = load_org(root)
    before = lint(loaded)
    targets = [("department", d) for d in sorted(loaded.org.departments)]
    targets += [("role", r) for r in _most_referenced_roles(loaded, 3)]
    targets += [("process", p) for p in sorted(loaded.org.processes)]
    for kind, old in targets:
        new = f"{old}-renamed"
        plan = plan_rename(loaded, kind, old, new, Plan(root))
        _check_rename_bytes(plan, old, new)
        verdict = check_plan(plan, {new: old}, before)
        assert not verdict.worse and not verdict.added, (kind, old, verdict.describe(), verdict.added)
        assert verdict.result is not None
        assert _signature(verdict.result, {new: old}) == _signature(before, {})
        with plan.staged() as stage:
            after = load_org(stage)
            assert new in after.org.table(kind) and old not in after.org.table(kind)
            for source in after.files.values():
                for ref in references(source.kind, source.data or {}):
                    assert ref.value != old or ref.target not in (kind, "relation"), (source.path, ref)
                    assert not (kind == "department" and ref.value.startswith(old + "/")), (source.path, ref)


@pytest.mark.parametrize("root", EXAMPLES + [ROOT / "data"], ids=[p.name for p in [*EXAMPLES, ROOT / "data"]])
def test_move_a_role_to_another_department(root: Path, tmp_path: Path) -> None:
    """Some role of every example moves under another department's head with lint unchanged."""
    loaded = load_org(root)
    org = loaded.org
    before = lint(loaded)
    moved = 0
    for role_id, role in sorted(org.roles.items()):
        if role.external or any(d.head == role_id for d in org.departments.values()) or org.reports.get(role_id):
            continue
        candidates = [
            (dept_id, boss)
            for dept_id, dept in sorted(org.departments.items())
            if not dept.external
            for boss in org.department_roles.get(dept_id, [])
            if boss not in (role_id, role.reports_to) and not org.roles[boss].external
        ]
        candidates.sort(key=lambda c: (c[0] == role.department, c))  # another department first
        for dept_id, boss in candidates:
            plan = plan_move_role(loaded, role_id, dept_id, boss, Plan(root))
            verdict = check_plan(plan, None, before)
            assert verdict.result is not None
            if verdict.worse or _signature(verdict.result, {}, False) != _signature(before, {}, False):
                continue  # errors and warnings unchanged (a new manager may get an info on its span)
            change = next(c for c in plan.changes if c.old_path == loaded.source("role", role_id).path)
            _check_move_bytes(change.old_text or "", change.new_text or "")
            with plan.staged() as stage:
                after = load_org(stage).org
                assert after.roles[role_id].department == dept_id
                assert after.roles[role_id].reports_to == boss
                for old_duty, new_duty in zip(role.duty_list(), after.roles[role_id].duty_list(), strict=True):
                    if old_duty.function:
                        local = "/" not in old_duty.function and dept_id != role.department
                        expected = f"{role.department}/{old_duty.function}" if local else old_duty.function
                        assert new_duty.function == expected
            moved += 1
            break
        if moved:
            break
    if not moved:  # every role heads a one-role department (market-building): move a department instead
        moved = _move_a_department(loaded, root, before)
    if not moved:  # every move lints worse here: move there and back
        moved = _there_and_back(root, tmp_path)
    assert moved, f"nothing in {root.name} could move"


def _there_and_back(root: Path, tmp_path: Path) -> int:
    """Move something away and back (forced): the files come back byte for byte, but for the
    functions a moved role now names with its department, and lint is as before."""
    copy = tmp_path / root.name
    shutil.copytree(root, copy)
    original = {p: p.read_bytes() for p in copy.rglob("*.yaml")}
    loaded = load_org(copy)
    org = loaded.org
    before = _signature(lint(loaded), {})
    roles = [r for r, role in sorted(org.roles.items()) if not role.external]
    depts = [d for d, dept in sorted(org.departments.items()) if dept.parent is not None]
    if roles:
        role_id = roles[-1]
        role = org.roles[role_id]
        other = next((d for d in sorted(org.departments) if d != role.department), None)
        if other is None:
            return 0
        plan_move_role(loaded, role_id, other, None, Plan(copy)).write()
        plan_move_role(load_org(copy), role_id, role.department, None, Plan(copy)).write()
    elif depts:
        dept_id = depts[0]
        old_parent = org.departments[dept_id].parent
        assert old_parent is not None
        other = next(d for d in sorted(org.departments) if d not in (dept_id, old_parent))
        plan_move_department(loaded, dept_id, other, Plan(copy)).write()
        plan_move_department(load_org(copy), dept_id, old_parent, Plan(copy)).write()
    else:
        return 0
    assert _signature(lint(load_org(copy)), {}) == before
    for path, data in original.items():
        if path.read_bytes() != data:
            for old, new in zip(data.decode().splitlines(), path.read_text(encoding="utf-8").splitlines(), strict=True):
                assert old == new or ("function:" in old and "/" in new.split("function:")[1]), (path, old, new)
    return 1


def _move_a_department(loaded: LoadResult, root: Path, before: LintResult) -> int:
    org = loaded.org
    for dept_id, dept in sorted(org.departments.items()):
        for parent in sorted(org.departments):
            if parent == dept_id or parent == dept.parent or dept_id in org.department_chain(parent):
                continue
            plan = plan_move_department(loaded, dept_id, parent, Plan(root))
            verdict = check_plan(plan, None, before)
            assert verdict.result is not None
            if verdict.worse or _signature(verdict.result, {}, False) != _signature(before, {}, False):
                continue  # lint must be unchanged, not only no worse
            (change,) = plan.changes
            edited = re.compile(r"^parent: ")
            matcher = difflib.SequenceMatcher(
                None, (change.old_text or "").splitlines(), (change.new_text or "").splitlines()
            )
            for tag, _, _, j1, j2 in matcher.get_opcodes():
                if tag != "equal":
                    assert tag in ("replace", "insert") and all(
                        edited.match(line) for line in (change.new_text or "").splitlines()[j1:j2]
                    )
            with plan.staged() as stage:
                assert load_org(stage).org.departments[dept_id].parent == parent
            return 1
    return 0


def _check_move_bytes(old: str, new: str) -> None:
    """Only the department, reports_to and function lines change; reports_to may be added."""
    edited = re.compile(r"^\s*(-\s+)?(\{.*)?(department|reports_to|function):")
    matcher = difflib.SequenceMatcher(None, old.splitlines(keepends=True), new.splitlines(keepends=True))
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        assert tag in ("replace", "insert"), (tag, old[i1:i2])
        for line in new.splitlines(keepends=True)[j1:j2]:
            assert edited.match(line) or "function:" in line, line


def test_rename_keeps_comments_crlf_and_bom(tmp_path: Path) -> None:
    staff = (
        "\ufeff# 专员\r\ntitle: 市场专员  # 标题\r\ndepartment: dept\r\nreports_to: boss   # 上级\r\n"
        "duties: [执行调研计划]\r\n"
    )
    org = make_org(tmp_path, {"roles/staff.yaml": staff})
    out, _ = run_cli("rename", "role", "boss", "manager", "--org", str(org), "--dry-run")
    assert "-reports_to: boss" in out and "+reports_to: manager" in out
    assert "rename from roles/boss.yaml" in out
    assert (org / "roles" / "boss.yaml").is_file()  # dry run
    run_cli("rename", "role", "boss", "manager", "--org", str(org))
    assert (org / "roles" / "staff.yaml").read_bytes() == staff.replace("boss ", "manager ").encode("utf-8")
    assert not (org / "roles" / "boss.yaml").exists()
    assert "head: manager" in (org / "departments" / "dept.yaml").read_text(encoding="utf-8")


def test_rename_and_mv_refuse_what_would_break(tmp_path: Path) -> None:
    org = make_org(
        tmp_path,
        {
            "departments/other.yaml": "name: 销售部\nhead: seller\n",
            "roles/seller.yaml": "title: 销售经理\ndepartment: other\nduties: [销售]\nauthorities: [审批权]\n",
        },
    )
    _, err = run_cli("rename", "role", "boss", "staff", "--org", str(org), expect=2)
    assert "already a role 'staff'" in err
    _, err = run_cli("rename", "role", "nobody", "x", "--org", str(org), expect=2)
    assert "no role 'nobody'" in err
    _, err = run_cli("rename", "role", "boss", "bad id", "--org", str(org), expect=2)
    assert "not a valid id" in err
    before = {p: p.read_bytes() for p in org.rglob("*.yaml")}
    # the head of dept leaves it: dept's head would be outside it (MK104)
    _, err = run_cli("mv", "boss", "--department", "other", "--org", str(org), expect=1)
    assert "refused" in err and "MK104" in err
    _, err = run_cli("mv", "other", "--parent", "other", "--org", str(org), expect=2)
    assert {p: p.read_bytes() for p in org.rglob("*.yaml")} == before
    run_cli("mv", "staff", "--department", "other", "--reports-to", "seller", "--org", str(org), "--force")
    assert "department: other" in (org / "roles" / "staff.yaml").read_text(encoding="utf-8")


def test_mv_moves_a_department_and_a_file_in_its_folder(tmp_path: Path) -> None:
    org = tmp_path / "data"
    shutil.copytree(ROOT / "data", org)
    (org / "roles" / "channel").mkdir()
    (org / "roles" / "sales" / "channel-specialist.yaml").rename(org / "roles" / "channel" / "channel-specialist.yaml")
    run_cli(
        "mv",
        "channel-specialist",
        "--department",
        "regional-sales",
        "--reports-to",
        "regional-sales-supervisor",
        "--org",
        str(org),
        "--force",
    )
    assert (org / "roles" / "regional-sales" / "channel-specialist.yaml").is_file()
    out, err = run_cli("mv", "customer-service", "--parent", "market", "--org", str(org), "--dry-run", expect=1)
    assert "-parent: sales" in out and "+parent: market" in out
    assert "MK401" in err and "errors 0 → 1" in err
