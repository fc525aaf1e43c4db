"""Property tests for the workbook, import, mv and rename: random small organisations (cycles,
dangling references, N), never an exception, and renames that touch only the renamed id."""

import re
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from mktorg.edit.check import check_plan
from mktorg.edit.importer import plan_import
from mktorg.edit.move import plan_move_role, plan_rename
from mktorg.edit.plan import Plan
from mktorg.errors import MktorgError
from mktorg.load.loader import load_org
from mktorg.render.xlsx import workbook
from mktorg.sheets.roster import read_import
from tests.hardening.organisations import IDS, ORG, RELAXED, write_org


@RELAXED
@given(ORG)
def test_any_organisation_exports_and_imports_without_an_exception(org: Any) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        loaded = load_org(write_org(Path(scratch) / "org", *org)).org
        sheet = Path(scratch) / "design.xlsx"
        for lang in ("zh", "en"):
            sheet.write_bytes(workbook(loaded, lang))
        sheets, findings = read_import(sheet)
        assert sheets is not None
        if not loaded.roles and not loaded.departments:
            assert [f.code for f in findings] == ["MK071"]  # nothing to import
            return
        assert not findings
        target = Path(scratch) / "new"
        target.mkdir()
        plan = Plan(target)
        result = plan_import(target, sheets, None, False, plan)
        if not [f for f in result.findings if f.code not in ("MK078", "MK079")]:
            check_plan(plan)


@RELAXED
@given(ORG, IDS, st.sampled_from(["role", "department"]), st.sampled_from(["x-new", "a", "新编号"]))
def test_a_rename_touches_only_the_renamed_id(org: Any, old: str, kind: str, new: str) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        root = write_org(Path(scratch) / "org", *org)
        loaded = load_org(root)
        try:
            plan = plan_rename(loaded, kind, old, new, Plan(root))
        except MktorgError:
            return  # no such id, or the new one is taken: a one-line error
        token = re.compile(rf"(?<![\w-]){re.escape(old)}(?=$|[^\w-])")
        for change in plan.changes:
            before = (change.old_text or "").splitlines()
            after = (change.new_text or "").splitlines()
            assert len(before) == len(after)
            for old_line, new_line in zip(before, after, strict=True):
                if old_line != new_line:
                    assert token.sub(new, old_line) == new_line
        check_plan(plan, {new: old})


@RELAXED
@given(ORG, IDS, IDS, st.one_of(st.none(), IDS))
def test_a_move_never_raises_more_than_a_one_line_error(org: Any, role: str, dept: str, boss: str | None) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        root = write_org(Path(scratch) / "org", *org)
        try:
            plan = plan_move_role(load_org(root), role, dept, boss, Plan(root))
        except MktorgError:
            return
        check_plan(plan)
