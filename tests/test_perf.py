"""The two-process paths (large organisations) give exactly what the one-process paths give."""

import json
import shutil
from pathlib import Path

import pytest

import mktorg.lint.engine
import mktorg.load.loader
import mktorg.load.parse
import mktorg.load.read
import mktorg.perf
from tests.helpers import ROOT, run_cli

BROKEN = "title: 市场专员\ndepartment: sales\nreports_to: sales-manager\nheadcount: 两人\nduties: [平 面设计]\n"


@pytest.fixture
def org(tmp_path: Path) -> Path:
    target = tmp_path / "org"
    shutil.copytree(ROOT / "data", target)
    (target / "roles" / "sales" / "zz-broken.yaml").write_text(BROKEN, encoding="utf-8")
    (target / "roles" / "sales" / "zz-typo.yaml").write_text(BROKEN.replace("两人", "2"), encoding="utf-8")
    return target


def test_parallel_paths_match_sequential(org: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Forced onto a forked helper (even on one core), parsing and rules give the same reports."""
    monkeypatch.setattr(mktorg.perf, "can_fork", lambda: False)
    sequential_json, _ = run_cli("lint", str(org), "--format", "json", "--no-cache", expect=1)
    sequential_text, _ = run_cli("lint", str(org), "--no-cache", expect=1)
    monkeypatch.setattr(mktorg.perf, "can_fork", lambda: True)
    monkeypatch.setattr(mktorg.load.loader, "PARSE_ON_HELPER_FROM", 2)
    monkeypatch.setattr(mktorg.lint.engine, "RULES_ON_HELPER_FROM", 2)
    original = mktorg.perf.beside
    helper_pids: list[int] = []

    def spying(here, there):  # type: ignore[no-untyped-def]
        import os

        mine, (pid, theirs) = original(here, lambda: (os.getpid(), there()))
        helper_pids.append(pid)
        return mine, theirs

    monkeypatch.setattr(mktorg.load.loader, "beside", spying)
    monkeypatch.setattr(mktorg.lint.engine, "beside", spying)
    parallel_json, _ = run_cli("lint", str(org), "--format", "json", "--no-cache", expect=1)
    parallel_text, _ = run_cli("lint", str(org), "--no-cache", expect=1)
    import os

    assert len(helper_pids) == 4 and os.getpid() not in helper_pids, "parsing and rules really ran on a fork"
    assert parallel_json == sequential_json
    assert parallel_text == sequential_text
    codes = {d["code"] for d in json.loads(parallel_json)["diagnostics"]}
    assert {"MK006", "MK503"} <= codes
    assert "headcount: 两人" in parallel_text, "the source line of a file parsed on the helper is shown"


def test_fast_parse_matches_full_parse(org: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Positions computed later (fast path) equal positions recorded while parsing."""
    fast_json, _ = run_cli("lint", str(org), "--format", "json", "--no-cache", expect=1)
    fast_text, _ = run_cli("lint", str(org), "--no-cache", expect=1)
    monkeypatch.setattr(mktorg.load.read, "parse_fast", mktorg.load.parse.parse)
    full_json, _ = run_cli("lint", str(org), "--format", "json", "--no-cache", expect=1)
    full_text, _ = run_cli("lint", str(org), "--no-cache", expect=1)
    assert fast_json == full_json and fast_text == full_text


@pytest.mark.parametrize("example", sorted(p.name for p in (ROOT / "examples").iterdir() if p.is_dir()))
def test_fast_parse_matches_full_parse_on_examples(example: str, monkeypatch: pytest.MonkeyPatch) -> None:
    fast, _ = run_cli("lint", str(ROOT / "examples" / example), "--format", "json", "--no-cache")
    monkeypatch.setattr(mktorg.load.read, "parse_fast", mktorg.load.parse.parse)
    full, _ = run_cli("lint", str(ROOT / "examples" / example), "--format", "json", "--no-cache")
    assert fast == full


def test_interrupted_helper_is_stopped_at_once() -> None:
    import time

    def interrupted() -> None:
        time.sleep(0.2)
        raise KeyboardInterrupt

    start = time.perf_counter()
    with pytest.raises(KeyboardInterrupt):
        mktorg.perf.beside(interrupted, lambda: time.sleep(30))
    assert time.perf_counter() - start < 10, "the helper was terminated, not awaited"


def test_helper_ignores_ctrl_c() -> None:
    import os
    import signal
    import time

    def interrupt_myself() -> str:
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(0.05)
        return "survived"

    assert mktorg.perf.beside(lambda: "here", interrupt_myself) == ("here", "survived")


def test_a_dead_helper_costs_time_not_results() -> None:
    import os

    calls: list[int] = []

    def dies_on_the_helper() -> str:
        calls.append(os.getpid())
        if len(calls) == 1 and os.getpid() != parent:
            os._exit(9)
        return "done"

    parent = os.getpid()
    assert mktorg.perf.beside(lambda: "here", dies_on_the_helper) == ("here", "done")
