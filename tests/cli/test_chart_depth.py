"""A chart too deep for the layout is a one-line refusal (exit 2), never an internal error; a book
of such an organisation is written without its charts."""

import shutil
from pathlib import Path

import pytest

from mktorg.cli.chart_depth import MAX_CHART_LEVELS, chart_levels
from mktorg.devtools.growth import chain, deep_departments
from mktorg.load.loader import load_org
from tests.helpers import run_cli


@pytest.mark.parametrize("shape", [chain, deep_departments])
def test_a_deep_organisation(tmp_path: Path, shape) -> None:  # type: ignore[no-untyped-def]
    org = tmp_path / "org"
    shape(org, 1200)
    for view in ("roles", "departments"):
        if shape is chain and view == "departments":
            continue
        _, err = run_cli("chart", str(org), "--format", "dot", "--view", view, expect=2)
        assert err.startswith("mktorg: the chart would be 1,200 levels deep") and err.count("\n") == 1
    if shape is chain:
        out, _ = run_cli("chart", str(org), "--format", "dot", "--depth", "5")
        assert out.startswith("digraph")
    run_cli("export", str(org), "--book", "--format", "md", "-o", str(tmp_path / "out"))
    assert (tmp_path / "out" / "book.md").is_file()


def test_the_limit_is_drawable(tmp_path: Path) -> None:
    org = tmp_path / "org"
    chain(org, MAX_CHART_LEVELS)
    assert chart_levels(load_org(org).org) == MAX_CHART_LEVELS
    out, _ = run_cli("chart", str(org), "--format", "dot")
    assert out.startswith("digraph")
    if shutil.which("dot"):
        run_cli("export", str(org), "--book", "--format", "md", "-o", str(tmp_path / "out"))
