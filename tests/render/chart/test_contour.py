"""Contours of the tidy-tree layout against a plain model, and the layout's work on deep chains."""

import cProfile
import pstats
from itertools import pairwise
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from mktorg.devtools.growth import chain
from mktorg.load.loader import load_org
from mktorg.render.chart import contour as ct
from mktorg.render.chart.build import chart_pages
from mktorg.render.chart.options import ChartOptions

Steps = list[tuple[float, float, float]]


@st.composite
def step_lists(draw: st.DrawFn) -> Steps:
    """Sorted, non-overlapping steps on whole depths, with gaps."""
    out: Steps = []
    v = draw(st.integers(0, 3))
    for _ in range(draw(st.integers(1, 6))):
        v += draw(st.integers(0, 2))
        end = v + draw(st.integers(1, 3))
        out.append((float(v), float(end), float(draw(st.integers(-20, 20)))))
        v = end
    return out


def _contour(steps: Steps, pick: ct.Pick, off: float) -> ct.Contour:
    return ct.shift(ct.Contour(pick, [(a, b, u - off) for a, b, u in reversed(steps)]), off)


def _at(steps: Steps, v: float) -> float | None:
    return next((u for a, b, u in steps if a <= v < b), None)


def _depths(*lists: Steps) -> list[float]:
    return [v + 0.5 for v in range(int(max(b for steps in lists for _, b, _ in steps)) + 1)]


@given(step_lists(), step_lists(), st.integers(-5, 5), st.integers(-5, 5), st.sampled_from([min, max]))
def test_combine_is_the_pointwise_pick(a: Steps, b: Steps, off_a: int, off_b: int, pick: ct.Pick) -> None:
    merged = ct.combine(_contour(a, pick, off_a), _contour(b, pick, off_b))
    steps = merged.top_down()
    assert all(s[1] <= t[0] for s, t in pairwise(steps)), "sorted, not overlapping"
    for v in _depths(a, b):
        ua, ub = _at(a, v), _at(b, v)
        want = ub if ua is None else ua if ub is None else pick(ua, ub)
        assert _at(steps, v) == want
    assert ct.extent(merged) == pick([u for _, _, u in a + b])  # type: ignore[call-overload]
    assert ct.bottom(merged) == max(a[-1][1], b[-1][1])


@given(step_lists(), step_lists(), st.integers(-5, 5), st.integers(-5, 5))
def test_separation_is_the_largest_overlap(right: Steps, left: Steps, off_r: int, off_l: int) -> None:
    need = ct.separation(_contour(right, max, off_r), _contour(left, min, off_l))
    pairs = [(_at(right, v), _at(left, v)) for v in _depths(right, left)]
    gaps = [r - u for r, u in pairs if r is not None and u is not None]
    assert need == (max(gaps) if gaps else None)


def _calls(org: object) -> int:
    chart_pages(org, ChartOptions())  # once before, so that the text caches hold this chart, whatever ran before
    profile = cProfile.Profile()
    profile.runcall(chart_pages, org, ChartOptions())
    return int(pstats.Stats(profile).total_calls)  # type: ignore[attr-defined]


def test_a_reporting_chain_is_laid_out_in_linear_work(tmp_path: Path) -> None:
    """Ten times the levels is about ten times the Python calls (the contours were merged whole at
    every level: 300 levels took 58 times the calls of 30), and 3,000 levels need no recursion."""
    calls = []
    for n in (300, 3000):
        chain(tmp_path / str(n), n)
        org = load_org(tmp_path / str(n)).org
        calls.append(_calls(org))
    assert calls[1] / calls[0] < 11
