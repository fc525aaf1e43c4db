"""Property tests for diff and stats: random small organisations, never an exception, sound numbers."""

import json
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mktorg.diff.compare import compare
from mktorg.lint.engine import lint
from mktorg.load.loader import load_org
from mktorg.render.chart.diff import marked
from mktorg.render.chart.dot import ChartOptions, build_dot
from mktorg.render.diff.lines import Report
from mktorg.render.diff.markdown import markdown
from mktorg.render.diff.text import text
from mktorg.render.stats.data import stats_json
from mktorg.render.stats.tables import stats_tables
from mktorg.stats.numbers import compute

RELAXED = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
IDS = st.sampled_from(["a", "b", "c", "d"])
TEXTS = st.text(alphabet="市场部经理负责调研客户,、1.（）A", max_size=10)
ROLE = st.fixed_dictionaries(
    {"title": TEXTS, "department": IDS},
    optional={
        "reports_to": IDS,
        "dotted_to": st.lists(IDS, max_size=2),
        "headcount": st.one_of(
            st.integers(0, 12),
            st.just("N"),
            st.builds(lambda a, b: {"min": a, "max": a + b}, st.integers(0, 3), st.integers(0, 3)),
        ),
        "external": st.booleans(),
        "vacant": st.booleans(),
        "level": st.sampled_from(["经理", "专员", "其他"]),
        "grade": st.sampled_from(["g1", "g2", "nope"]),
        "employment": st.sampled_from(["full_time", "part_time", "intern"]),
        "duties": st.lists(
            st.one_of(
                TEXTS,
                st.fixed_dictionaries(
                    {"text": TEXTS},
                    optional={"type": st.sampled_from(["primary", "supporting"]), "supports": IDS, "function": IDS},
                ),
            ),
            max_size=4,
        ),
        "kpis": st.lists(st.fixed_dictionaries({"name": TEXTS}, optional={"weight": st.integers(0, 100)}), max_size=2),
    },
)
DEPARTMENT = st.fixed_dictionaries(
    {"name": TEXTS},
    optional={
        "parent": IDS,
        "head": IDS,
        "external": st.booleans(),
        "headcount_budget": st.integers(0, 20),
        "functions": st.lists(
            st.fixed_dictionaries({"id": IDS, "name": TEXTS}), max_size=2, unique_by=lambda f: f["id"]
        ),
    },
)
ORG = st.tuples(st.dictionaries(IDS, DEPARTMENT, max_size=4), st.dictionaries(IDS, ROLE, max_size=4))
SETTINGS = (
    "name: 测试\nlevels: [经理, 专员]\n"
    "grades: {g1: {name: 一级, min: 5000, max: 8000}, g2: {name: 二级, min: 1, max: 2}}\n"
)


def _write(root: Path, org: tuple[dict[str, Any], dict[str, Any]]) -> Path:
    departments, roles = org
    (root / "org.yaml").parent.mkdir(parents=True, exist_ok=True)
    (root / "org.yaml").write_text(SETTINGS, encoding="utf-8")
    for kind, items in (("departments", departments), ("roles", roles)):
        (root / kind).mkdir(parents=True, exist_ok=True)
        for id_, item in items.items():
            (root / kind / f"{id_}.yaml").write_text(yaml.safe_dump(item, allow_unicode=True), encoding="utf-8")
    return root


@RELAXED
@given(ORG, ORG)
def test_any_two_organisations_compare(first: Any, second: Any) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        old = load_org(_write(Path(scratch) / "old" / "org", first))
        new = load_org(_write(Path(scratch) / "new" / "org", second))
        result = compare(old, new, None, (lint(old).diagnostics, lint(new).diagnostics))
        for lang in ("zh", "en"):
            report = Report(result, "old", "new", lang)
            text(report)
            markdown(report)
        json.dumps(result.to_json({}, {}), ensure_ascii=False)
        drawn, marks = marked(old.org, new.org, result, "old")
        build_dot(drawn, ChartOptions(marks=marks))
        build_dot(drawn, ChartOptions(view="departments", marks=marks))
        again = load_org(Path(scratch) / "new" / "org")
        same = compare(new, again, None, (lint(new).diagnostics, lint(again).diagnostics))
        assert not same.changed, same.to_json({}, {})


@RELAXED
@given(ORG)
def test_stats_of_any_organisation_add_up(org: Any) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        loaded = load_org(_write(Path(scratch) / "org", org)).org
        numbers = compute(loaded)
        for lang in ("zh", "en"):
            stats_tables(loaded, numbers, lang)
        json.dumps(stats_json(loaded, numbers), ensure_ascii=False)
        total = numbers.total
        assert total.low <= total.high
        for rows in (numbers.levels, numbers.employment):
            assert sum(p.roles for _, p in rows) == total.roles
            assert sum(p.low for _, p in rows) == total.low and sum(p.high for _, p in rows) == total.high
        assert sum(d.own.roles for d in numbers.departments) + numbers.unplaced.roles == total.roles
        for dept in numbers.departments:
            assert dept.own.roles <= dept.total.roles and dept.vacant.roles <= dept.total.roles
            assert (dept.total.low, dept.total.high, bool(dept.total.variable)) == loaded.department_people(dept.id)
        assert set(numbers.depths) == {r for r, role in loaded.roles.items() if not role.external}
        assert all(depth == len(loaded.layers(r)) for r, depth in numbers.depths.items())
        if numbers.cost is not None:
            assert 0 <= numbers.cost.low <= numbers.cost.high
