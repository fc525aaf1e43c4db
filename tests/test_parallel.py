"""The two-process paths (large organisations) give exactly what the one-process paths give."""

import json
import shutil
from pathlib import Path

import pytest

import mktorg.lint.engine
import mktorg.load.parse
import mktorg.load.read
from helpers import ROOT, run_cli

BROKEN = "title: 市场专员\ndepartment: sales\nreports_to: sales-manager\nheadcount: 两人\nduties: [平 面设计]\n"


@pytest.fixture
def org(tmp_path: Path) -> Path:
    target = tmp_path / "org"
    shutil.copytree(ROOT / "data", target)
    (target / "roles" / "sales" / "zz-broken.yaml").write_text(BROKEN, encoding="utf-8")
    (target / "roles" / "sales" / "zz-typo.yaml").write_text(BROKEN.replace("两人", "2"), encoding="utf-8")
    return target


def test_parallel_paths_match_sequential(org: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sequential_json, _ = run_cli("lint", str(org), "--format", "json", expect=1)
    sequential_text, _ = run_cli("lint", str(org), expect=1)
    monkeypatch.setattr(mktorg.load.read, "PARALLEL_FROM", 2)
    monkeypatch.setattr(mktorg.lint.engine, "PARALLEL_FROM", 2)
    parallel_json, _ = run_cli("lint", str(org), "--format", "json", expect=1)
    parallel_text, _ = run_cli("lint", str(org), expect=1)
    assert parallel_json == sequential_json
    assert parallel_text == sequential_text
    codes = {d["code"] for d in json.loads(parallel_json)["diagnostics"]}
    assert {"MK006", "MK503"} <= codes
    assert "headcount: 两人" in parallel_text, "the source line of a file parsed on the helper is shown"


def test_fast_parse_matches_full_parse(org: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Positions computed later (fast path) equal positions recorded while parsing."""
    fast_json, _ = run_cli("lint", str(org), "--format", "json", expect=1)
    fast_text, _ = run_cli("lint", str(org), expect=1)
    monkeypatch.setattr(mktorg.load.read, "parse_fast", mktorg.load.parse.parse)
    full_json, _ = run_cli("lint", str(org), "--format", "json", expect=1)
    full_text, _ = run_cli("lint", str(org), expect=1)
    assert fast_json == full_json and fast_text == full_text


@pytest.mark.parametrize("example", sorted(p.name for p in (ROOT / "examples").iterdir() if p.is_dir()))
def test_fast_parse_matches_full_parse_on_examples(example: str, monkeypatch: pytest.MonkeyPatch) -> None:
    fast, _ = run_cli("lint", str(ROOT / "examples" / example), "--format", "json")
    monkeypatch.setattr(mktorg.load.read, "parse_fast", mktorg.load.parse.parse)
    full, _ = run_cli("lint", str(ROOT / "examples" / example), "--format", "json")
    assert fast == full


def _sleep(seconds: float) -> float:
    import time

    time.sleep(seconds)
    return seconds


def test_interrupted_helper_is_stopped_at_once() -> None:
    import time

    from mktorg.perf import helper

    start = time.perf_counter()
    with pytest.raises(KeyboardInterrupt), helper() as pool:
        pool.submit(_sleep, 30)
        time.sleep(0.2)
        raise KeyboardInterrupt
    assert time.perf_counter() - start < 10, "the helper was terminated, not awaited"


def test_helper_ignores_ctrl_c() -> None:
    import os
    import signal

    from mktorg.perf import helper

    with helper() as pool:
        pid = pool.submit(os.getpid).result()
        os.kill(pid, signal.SIGINT)
        assert pool.submit(_sleep, 0.01).result() == 0.01
