"""Organization: sibling order (format 1.1), headcount roll-ups, format 1.1 keys."""

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from mktorg.load.loader import load_org
from mktorg.model import Department, OrgFile, Role, headcount_bounds
from mktorg.model.organization import Organization
from tests.helpers import make_org


def _org(tmp_path: Path, files: dict[str, str | bytes | None]):  # type: ignore[no-untyped-def]
    loaded = load_org(make_org(tmp_path, files, base=None))
    assert loaded.findings == []
    return loaded.org


def test_siblings_sort_by_order_then_level_then_id_with_the_head_first(tmp_path: Path) -> None:
    org = _org(
        tmp_path,
        {
            "org.yaml": "name: 测试\nlevels: [{zh: 经理, en: Manager}, 主管, 专员]\n",
            "departments/d.yaml": "name: 市场部\nhead: z-boss\n",
            "departments/a-sub.yaml": "name: 乙组\nparent: d\norder: 2\n",
            "departments/b-sub.yaml": "name: 甲组\nparent: d\norder: 1\n",
            "roles/z-boss.yaml": "title: 经理\ndepartment: d\nlevel: 经理\n",
            "roles/a-clerk.yaml": "title: 专员\ndepartment: d\nreports_to: z-boss\nlevel: 专员\n",
            "roles/b-lead.yaml": "title: 主管\ndepartment: d\nreports_to: z-boss\nlevel: 主管\n",
            "roles/c-first.yaml": "title: 助理\ndepartment: d\nreports_to: z-boss\norder: 1\n",
        },
    )
    assert org.reports["z-boss"] == ["c-first", "b-lead", "a-clerk"]
    assert org.department_roles["d"] == ["z-boss", "c-first", "b-lead", "a-clerk"]
    assert org.department_children["d"] == ["b-sub", "a-sub"]
    assert org.department_tree_order() == ["d", "b-sub", "a-sub"]


def test_department_people_rolls_up_ranges_and_variable_headcounts(tmp_path: Path) -> None:
    org = _org(
        tmp_path,
        {
            "org.yaml": "name: 测试\n",
            "departments/d.yaml": "name: 市场部\nhead: boss\n",
            "departments/s.yaml": "name: 销售组\nparent: d\n",
            "roles/boss.yaml": "title: 经理\ndepartment: d\n",
            "roles/rep.yaml": "title: 代表\ndepartment: s\nreports_to: boss\nheadcount: {min: 2, max: 4}\n",
            "roles/temp.yaml": "title: 促销员\ndepartment: s\nreports_to: boss\nheadcount: N\n",
            "roles/gm.yaml": "title: 总经理\ndepartment: d\nexternal: true\n",
        },
    )
    assert org.department_people("d") == (3, 5, True)
    assert org.department_people("s") == (2, 4, True)


def test_format_1_1_keys_load(tmp_path: Path) -> None:
    org = _org(
        tmp_path,
        {
            "org.yaml": (
                "name: 测试\nlevels: [经理]\ncurrency: CNY\n"
                "document: {client: 某公司, version: '1.0', date: 2026-11-27, confidentiality: 内部资料}\n"
                "theme: {font: Noto Sans CJK SC, colors: {primary: '#1f4e79'}}\n"
                "grades: {g5: {name: 五级, min: 8000, max: 12000}}\n"
            ),
            "departments/d.yaml": (
                "name: 市场部\nhead: boss\naliases: [市场中心]\nduties: [负责市场调研]\nauthorities: [广告费用审批权]\n"
                "kpis: [{name: 市场占有率, weight: 100}]\norder: 1\n"
                "functions:\n  - id: f\n    name: 市场调研\n    details:\n      - text: 调研策划\n"
                "        details: [确定调研目标, {text: 设计问卷}]\n"
            ),
            "roles/boss.yaml": (
                "title: 经理\ndepartment: d\ncode: MK-01\ngrade: g5\nassistant: false\nenvironment: 办公室\n"
                "relations: {internal: [{with: d, about: 工作汇报}], external: [媒体]}\n"
            ),
        },
    )
    assert org.settings.grades["g5"].max == 12000
    assert org.roles["boss"].relations is not None
    assert org.roles["boss"].relations.internal[0].with_ == "d"  # type: ignore[union-attr]


@settings(deadline=None, max_examples=60)
@given(
    st.lists(st.integers(min_value=-1, max_value=7), min_size=1, max_size=8),
    st.lists(st.tuples(st.integers(0, 7), st.integers(0, 3), st.booleans(), st.booleans()), max_size=12),
)
def test_department_people_in_one_pass_equals_walking_each_subtree(parents: list[int], roles: list[tuple]) -> None:
    """Parents at random (top level, dangling, cycles, self-parents): the rolled-up figures equal a walk."""
    departments = {
        f"d{i}": Department(name=f"部门{i}", parent=None if p < 0 else f"d{p}") for i, p in enumerate(parents)
    }
    org = Organization("org", OrgFile(name="测试"), departments=departments)
    for n, (dept, count, variable, external) in enumerate(roles):
        headcount: int | str = "N" if variable else count
        org.roles[f"r{n}"] = Role(title="岗位", department=f"d{dept}", headcount=headcount, external=external)
    for dept_id in departments:
        expected = [0, 0, False]
        for sub in org.subtree_departments(dept_id):
            for role_id in org.department_roles.get(sub, []):
                role = org.roles[role_id]
                if not role.external:
                    low, high, var = headcount_bounds(role.headcount)
                    expected = [expected[0] + low, expected[1] + high, expected[2] or var]
        assert org.department_people(dept_id) == tuple(expected)


@settings(deadline=None, max_examples=60)
@given(
    st.lists(st.integers(min_value=-1, max_value=7), min_size=1, max_size=8),
    st.lists(st.tuples(st.integers(0, 9), st.booleans()), max_size=12),
)
def test_staffed_departments_are_those_on_a_roles_department_chain(parents: list[int], roles: list[tuple]) -> None:
    """Parents at random (cycles, dangling ones, departments that do not exist): a department is
    staffed when a role (external or not) sits in it or below it."""
    departments = {
        f"d{i}": Department(name=f"部门{i}", parent=None if p < 0 else f"d{p}") for i, p in enumerate(parents)
    }
    org = Organization("org", OrgFile(name="测试"), departments=departments)
    for n, (dept, external) in enumerate(roles):
        org.roles[f"r{n}"] = Role(title="岗位", department=f"d{dept}", external=external)
    walked = {d for role in org.roles.values() for d in org.department_chain(role.department)}
    assert org.staffed_departments == walked
    below = {d for d in departments if any(org.department_roles.get(s) for s in org.subtree_departments(d))}
    assert below <= org.staffed_departments


@settings(deadline=None, max_examples=60)
@given(
    st.lists(
        st.tuples(
            st.integers(-1, 9),
            st.one_of(st.integers(0, 4), st.just("N"), st.tuples(st.integers(0, 2), st.integers(2, 5))),
            st.booleans(),
        ),
        max_size=12,
    )
)
def test_spans_summed_in_one_pass_equal_each_managers_reports(roles: list[tuple]) -> None:
    """Reporting lines at random (to nobody, to a role that does not exist, to oneself, in cycles),
    headcounts fixed, ranges or `N`, external roles: the spans equal `span` over `reports`."""
    org = Organization("org", OrgFile(name="测试"))
    for n, (boss, headcount, external) in enumerate(roles):
        count = {"min": headcount[0], "max": headcount[1]} if isinstance(headcount, tuple) else headcount
        reports_to = None if boss < 0 else f"r{boss}"
        org.roles[f"r{n}"] = Role.model_validate(
            {"title": "岗位", "department": "d", "reports_to": reports_to, "headcount": count, "external": external}
        )
    managers = sorted(boss for boss in org.reports if not org.roles[boss].external)
    assert org.spans == {boss: org.span(boss) for boss in managers}
    assert list(org.spans) == managers
