"""Second attack on the cache: large organisations (the forked helpers, forced on with low
thresholds), anchors, lazily read sources, added and removed files, the segmenter's answers, and
`chart`/`export` after runs that replayed or patched. Every test compares a run with the cache
with `--no-cache` (or the cache's answers with rjieba's)."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import mktorg.lint.engine
import mktorg.lint.replay
import mktorg.load.loader
import mktorg.perf
from mktorg.cli.app import app
from tests.helpers import make_org


def _lint(org: Path, *more: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["lint", str(org), "-f", "json", *more], catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, result.stdout


@pytest.fixture
def helpers(monkeypatch: pytest.MonkeyPatch) -> None:
    """The forked helpers of loading and of the rules, on from two files (even on one core)."""
    monkeypatch.setattr(mktorg.perf, "can_fork", lambda: True)
    monkeypatch.setattr(mktorg.load.loader, "PARSE_ON_HELPER_FROM", 2)
    monkeypatch.setattr(mktorg.lint.engine, "RULES_ON_HELPER_FROM", 2)


@pytest.fixture
def trusted(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file's `stat` is trusted by the next run (as if written long before the run was kept)."""
    monkeypatch.setattr(mktorg.lint.replay, "RACY_SECONDS", -3600.0)


def _role(i: int, duty: str = "负责市场调研") -> str:
    return f"title: 专员{i}\ndepartment: dept\nreports_to: boss\nduties: [{duty}{i}]\n"


def test_many_files_added_helper_tail_known_files(tmp_path: Path, helpers: None, trusted: None) -> None:
    """More files added than there were (a branch checked out that doubles the organisation): the
    run is cold (fewer than half the files cached) with `known` files (unchanged by their stat).
    The helper's `_read` of a known file returns no text and its cache entry, `_load_if_new`
    drops the entry (not to pickle it) and `_look_up` does not look it up again (no text): the
    file is counted broken with no finding, its role is gone from the report, and the wrong
    result is kept and replayed."""
    org = make_org(tmp_path, {f"roles/z{i:02d}.yaml": _role(i, "负责 市场调研") for i in range(10)})
    first = _lint(org)
    assert first == _lint(org, "--no-cache")
    for i in range(15):  # sorted before the z files: the kept files fall in the helper's share
        (org / "roles" / f"a{i:02d}.yaml").write_text(_role(i), encoding="utf-8")
    expected = _lint(org, "--no-cache")
    assert json.loads(expected[1])["summary"]["roles"] == 27
    assert _lint(org) == expected
    assert _lint(org) == expected  # the replayed run
