"""The contract of per-file rules, which the cache relies on: a rule's findings in a file depend
only on that file (and org.yaml), so running it on each file alone finds what it finds on all."""

import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mktorg.diagnostics import Finding
from mktorg.lint.engine import run_checks
from mktorg.lint.per_file import subset
from mktorg.lint.rules import RULES
from mktorg.load.loader import LoadResult, load_org
from tests.hardening.test_properties import DEPARTMENT, ROLE, STEP
from tests.helpers import FIXTURES, ROOT

PER_FILE = sorted(code for code, rule in RULES.items() if rule.per_file)
ORGS = [ROOT / "data", *sorted(p for p in (ROOT / "examples").iterdir() if p.is_dir())]
ORGS += [FIXTURES / "minimal", *sorted(p for p in (FIXTURES / "seeds").iterdir() if p.is_dir())]


def _each_file_alone(loaded: LoadResult, code: str) -> list[Finding]:
    found: list[Finding] = []
    for source in loaded.valid_sources():
        if source.kind != "org":
            found += run_checks(subset(loaded, {source.path}), [code], None)
    found += run_checks(subset(loaded, set()), [code], None)  # org.yaml on its own
    return found


def _key(finding: Finding) -> tuple:
    return (finding.file, finding.line, finding.column, finding.message, finding.hint or "", repr(finding.fix))


def _assert_per_file(loaded: LoadResult) -> None:
    for code in PER_FILE:
        whole = sorted(map(_key, run_checks(loaded, [code], None)))
        assert sorted(map(_key, _each_file_alone(loaded, code))) == whole, code


def test_the_per_file_rules() -> None:
    assert {"MK105", "MK304", "MK402", "MK501", "MK509", "MK601"} <= set(PER_FILE)
    assert not any(RULES[code].cascades for code in PER_FILE)


@pytest.mark.parametrize("org", ORGS, ids=lambda p: p.name)
def test_per_file_rules_find_the_same_in_each_file_alone(org: Path) -> None:
    _assert_per_file(load_org(org))


TEXT_PIECES = st.text(alphabet="市场部(（)）【】《》“”[],;:、 1.XxTBD的的\t", max_size=10)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(
    st.dictionaries(st.sampled_from("abc"), DEPARTMENT, max_size=3),
    st.dictionaries(st.sampled_from("abcd"), ROLE, max_size=4),
    st.lists(STEP, max_size=2),
    st.lists(TEXT_PIECES, min_size=1, max_size=6),
)
def test_per_file_rules_on_random_organisations(departments: dict, roles: dict, steps: list, texts: list) -> None:
    """Texts that open a bracket in one file and close it in another, and every other shape."""
    with tempfile.TemporaryDirectory() as scratch:
        org = Path(scratch) / "org"
        shutil.copytree(FIXTURES / "minimal", org)
        for index, (id_, role) in enumerate(sorted(roles.items())):
            role = {**role, "title": texts[index % len(texts)] or "岗位"}
            (org / "roles" / f"{id_}.yaml").write_text(yaml.safe_dump(role, allow_unicode=True), encoding="utf-8")
        for id_, dept in departments.items():
            path = org / "departments" / f"{id_}.yaml"
            path.write_text(yaml.safe_dump(dept, allow_unicode=True), encoding="utf-8")
        (org / "processes").mkdir()
        process = {"name": texts[-1] or "流程", "steps": steps}
        (org / "processes" / "p.yaml").write_text(yaml.safe_dump(process, allow_unicode=True), encoding="utf-8")
        _assert_per_file(load_org(org))


def test_a_bracket_opened_in_one_file_and_closed_in_another_is_no_mk504(tmp_path: Path) -> None:
    from tests.helpers import make_org

    org = make_org(
        tmp_path,
        {
            "roles/a.yaml": "title: )场\ndepartment: dept\nreports_to: boss\n",
            "processes/p.yaml": "name: 流程\nsteps: [{id: s1, name: (场, responsible: boss, accountable: boss}]\n",
        },
    )
    assert run_checks(load_org(org), ["MK504"], None) == []
    _assert_per_file(load_org(org))


def test_a_near_duplicate_in_two_files_is_found_with_the_cache(tmp_path: Path) -> None:
    """MK511 compares the duties of a department's roles: not a per-file rule."""
    from tests.helpers import make_org, run_cli

    role = "title: 专员{}\ndepartment: dept\nreports_to: boss\nduties: [{}]\n"
    files = {"roles/a.yaml": role.format("一", "负责市场调研"), "roles/b.yaml": role.format("二", "负责品牌宣传")}
    org = make_org(tmp_path, files)
    run_cli("lint", str(org))
    (org / "roles" / "b.yaml").write_text(role.format("二", "负责市场调研工作"), encoding="utf-8")
    out, _ = run_cli("lint", str(org), expect=0)
    assert "MK511" in out and out == run_cli("lint", str(org), "--no-cache")[0]
    assert not RULES["MK511"].per_file
