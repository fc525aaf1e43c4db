"""Attacks on the helpers of a cold lint (load/prefetch.py, perf.started_beside): whatever a
helper meets, the report is the one a single process gives."""

import json
from pathlib import Path

import pytest

import mktorg.lint.engine
import mktorg.load.loader
import mktorg.load.prefetch
import mktorg.perf
from tests.helpers import make_org, run_cli


def _force_helpers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mktorg.perf, "can_fork", lambda: True)
    monkeypatch.setattr(mktorg.load.prefetch, "PARSE_ON_HELPER_FROM", 2)
    monkeypatch.setattr(mktorg.load.loader, "PARSE_ON_HELPER_FROM", 2)
    monkeypatch.setattr(mktorg.lint.engine, "RULES_ON_HELPER_FROM", 2)


def _nested(depth: int) -> str:
    """A role whose `extra` nests `depth` mappings (an anchor sends it down the full parser's path)."""
    return "title: &t 深\ndepartment: sales\nextra: " + "{a: " * depth + "1" + "}" * depth + "\n"


@pytest.mark.parametrize("no_cache", [True, False])
def test_a_result_the_helper_cannot_send_is_made_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_cache: bool
) -> None:
    """A deeply nested document (libyaml allows ~1,000 levels) parses on the helper, but pickling
    it there overflows the stack: that part is read and parsed here, not a crash (exit 3)."""
    org = make_org(tmp_path, {f"roles/sales/zz-deep-{n}.yaml": _nested(n) for n in (900, 990, 998)})
    monkeypatch.setattr(mktorg.perf, "can_fork", lambda: False)
    expected, _ = run_cli("lint", str(org), "--format", "json", "--no-cache", expect=1)
    _force_helpers(monkeypatch)
    flags = ["--no-cache"] if no_cache else []
    assert run_cli("lint", str(org), "--format", "json", *flags, expect=1)[0] == expected
    assert {d["file"] for d in json.loads(expected)["diagnostics"]} >= {"roles/sales/zz-deep-998.yaml"}
