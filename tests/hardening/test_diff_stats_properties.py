"""Property tests for diff and stats: random small organisations, never an exception, sound numbers."""

import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import given

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
from tests.hardening.organisations import ORG, RELAXED, write_org


def _write(root: Path, org: tuple[dict[str, Any], dict[str, Any]]) -> Path:
    return write_org(root, *org)


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
