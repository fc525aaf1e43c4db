"""Every rule: at least one failing and one passing case, from tests/rules/cases/*.yaml."""

from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from mktorg.lint.engine import lint
from mktorg.lint.fix import plan_fixes, write_fix
from mktorg.lint.rules import RULES
from mktorg.load.loader import load_org
from tests.helpers import make_org

CASES_DIR = Path(__file__).parent / "cases"


def _cases() -> list[dict]:
    cases = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        cases.extend(yaml.safe_load(path.read_text(encoding="utf-8")))
    return cases


CASES = _cases()


@pytest.mark.parametrize("case", CASES, ids=[f"{c['rule']}-{c['id']}" for c in CASES])
def test_rule_case(tmp_path: Path, case: dict) -> None:
    org = make_org(tmp_path, case["files"])
    loaded = load_org(org)
    mine = [d for d in lint(loaded).diagnostics if d.code == case["rule"]]
    assert sorted(f"{d.file}:{d.line} {d.code}" for d in mine) == sorted(case["expect"])
    if not RULES[case["rule"]].fixable:
        assert "fixed" not in case
        return
    assert all(d.fix for d in mine), "every finding of a fixable rule carries the edits that fix it"
    assert ("fixed" in case) == bool(mine), "a failing case of a fixable rule says what the fix gives"
    for file_fix in plan_fixes(mine, loaded.files):
        assert write_fix(file_fix, org)
    for rel, text in case.get("fixed", {}).items():
        assert (org / rel).read_text(encoding="utf-8") == text
    assert [d for d in lint(load_org(org)).diagnostics if d.code == case["rule"]] == [], "fixed for good"


def test_every_rule_has_a_failing_and_a_passing_case() -> None:
    kinds: dict[str, set[str]] = defaultdict(set)
    for case in CASES:
        kinds[case["rule"]].add("fail" if case["expect"] else "pass")
    # MK07x are reported by `mktorg import` at sheet cells: tests/sheets/test_import.py has their cases
    untested = [
        code for code in RULES if code != "MK011" and not code.startswith("MK07") and kinds[code] != {"fail", "pass"}
    ]
    assert untested == []


def test_minimal_fixture_is_clean(tmp_path: Path) -> None:
    result = lint(load_org(make_org(tmp_path, {})))
    assert [d for d in result.diagnostics if d.severity.value != "info"] == []


def test_organisation_without_duties_or_roles(tmp_path: Path) -> None:
    only_external = make_org(
        tmp_path / "a",
        {
            "departments/x.yaml": "name: 外部\nexternal: true\n",
            "roles/gm.yaml": "title: 总经理\ndepartment: x\nexternal: true\n",
        },
        base=None,
    )
    assert lint(load_org(only_external)).diagnostics == []
    (tmp_path / "b" / "roles").mkdir(parents=True)
    assert lint(load_org(tmp_path / "b")).diagnostics == []


def test_normalise_duties_matches_one_by_one() -> None:
    from mktorg.lint.text.patterns import normalise_duties, normalise_duty

    texts = ["1、负责 市场调研。", "(2)Ｈello, World", "三、", "", "完成上级交办的其他工作"]
    assert normalise_duties(texts) == [normalise_duty(t) for t in texts]
    assert normalise_duties([]) == []
