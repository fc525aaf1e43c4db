"""The two-process paths (large organisations) give exactly what the one-process paths give."""

import json
import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

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
    shutil.copytree(ROOT / "data", target, ignore=shutil.ignore_patterns(".mktorg_cache"))
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
    original, original_in_parts = mktorg.perf.beside_with_spare_work, mktorg.perf.beside_in_parts
    helper_pids: list[int] = []

    def spying(here, there, spare):  # type: ignore[no-untyped-def]
        import os

        mine, (pid, theirs) = original(here, lambda: (os.getpid(), there()), spare)
        helper_pids.append(pid)
        return mine, theirs

    def spying_on_parts(here, parts):  # type: ignore[no-untyped-def]
        import os

        def traced(part: Callable[[], object]) -> Callable[[], tuple[int, object]]:
            return lambda: (os.getpid(), part())

        mine, theirs = original_in_parts(here, [traced(part) for part in parts])
        helper_pids.extend(pid for pid, _ in theirs)
        return mine, [result for _, result in theirs]

    monkeypatch.setattr(mktorg.load.loader, "beside_in_parts", spying_on_parts)
    monkeypatch.setattr(mktorg.lint.engine, "beside_with_spare_work", spying)
    parallel_json, _ = run_cli("lint", str(org), "--format", "json", "--no-cache", expect=1)
    parallel_text, _ = run_cli("lint", str(org), "--no-cache", expect=1)
    import os

    assert len(set(helper_pids)) == 4 and os.getpid() not in helper_pids, "parsing and rules really ran on a fork"
    assert len(helper_pids) > 4, "the loading helper sent its results back in parts"
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


def test_a_helper_dying_midway_costs_the_parts_it_did_not_send() -> None:
    """Parts sent back before the helper died are kept; the others run here, in order."""
    import os

    parent = os.getpid()

    def part(number: int):  # type: ignore[no-untyped-def]
        def run() -> tuple[int, bool]:
            if number == 2 and os.getpid() != parent:
                os._exit(9)
            return number, os.getpid() == parent

        return run

    mine, theirs = mktorg.perf.beside_in_parts(lambda: "here", [part(n) for n in range(4)])
    assert mine == "here"
    assert [number for number, _ in theirs] == [0, 1, 2, 3]
    assert [here for _, here in theirs][2:] == [True, True]


def test_parallel_paths_with_the_cache_match_sequential(org: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Cold (the helper reads and parses), then warm with many files changed (the helper parses
    the changed ones): the same reports as one process without the cache."""
    monkeypatch.setattr(mktorg.perf, "can_fork", lambda: False)
    sequential, _ = run_cli("lint", str(org), "--format", "json", "--no-cache", expect=1)
    monkeypatch.setattr(mktorg.perf, "can_fork", lambda: True)
    monkeypatch.setattr(mktorg.load.loader, "PARSE_ON_HELPER_FROM", 2)
    monkeypatch.setattr(mktorg.load.loader, "HELPER_ROUND_FILES", 7)  # several rounds
    monkeypatch.setattr(mktorg.lint.engine, "RULES_ON_HELPER_FROM", 2)
    cold, _ = run_cli("lint", str(org), "--format", "json", expect=1)
    for path in sorted(org.glob("roles/**/*.yaml"))[::2]:
        path.write_text(path.read_text(encoding="utf-8") + "# changed\n", encoding="utf-8")
    monkeypatch.setattr(mktorg.perf, "can_fork", lambda: False)
    changed, _ = run_cli("lint", str(org), "--format", "json", "--no-cache", expect=1)
    monkeypatch.setattr(mktorg.perf, "can_fork", lambda: True)
    warm, _ = run_cli("lint", str(org), "--format", "json", expect=1)
    assert cold == sequential and warm == changed


def test_the_helper_counts_the_cpus_this_process_may_use(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """`taskset -c 0` (one CPU in the affinity mask) or a cgroup quota of one CPU: no helper."""
    monkeypatch.setattr(mktorg.perf, "cgroup_cpu_quota", lambda: None)
    monkeypatch.setattr(mktorg.perf.os, "sched_getaffinity", lambda _pid: {0}, raising=False)
    assert mktorg.perf.usable_cpus() == 1 and not mktorg.perf.can_fork()
    monkeypatch.setattr(mktorg.perf.os, "sched_getaffinity", lambda _pid: {0, 1, 2, 3}, raising=False)
    monkeypatch.setattr(mktorg.perf, "cgroup_cpu_quota", lambda: 1.5)
    assert mktorg.perf.usable_cpus() == 1.5 and not mktorg.perf.use_helper(1000, 1)
    monkeypatch.setattr(mktorg.perf, "cgroup_cpu_quota", lambda: None)
    monkeypatch.setattr(mktorg.perf, "others_running", lambda: 0)
    assert mktorg.perf.use_helper(1000, 1), "two CPUs or more: a helper"
    assert not mktorg.perf.use_helper(mktorg.perf.HELPER_UP_TO + 1, 1), "a very large organisation: one process"


def test_no_helper_when_the_other_cpu_is_busy(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    loadavg = tmp_path / "loadavg"
    loadavg.write_text("1.00 0.50 0.25 2/311 4242\n", encoding="ascii")
    assert mktorg.perf.others_running(str(loadavg)) == 1
    loadavg.write_text("0.10 0.50 0.25 1/311 4242\n", encoding="ascii")
    assert mktorg.perf.others_running(str(loadavg)) == 0
    assert mktorg.perf.others_running(str(tmp_path / "missing")) == 0
    monkeypatch.setattr(mktorg.perf, "usable_cpus", lambda: 2.0)
    monkeypatch.setattr(mktorg.perf, "others_running", lambda: 1)
    assert not mktorg.perf.can_fork()
    monkeypatch.setattr(mktorg.perf, "others_running", lambda: 0)
    assert mktorg.perf.can_fork()


def test_cgroup_quotas_v1_and_v2(tmp_path: Path) -> None:
    quota = mktorg.perf.cgroup_cpu_quota
    membership = tmp_path / "cgroup"
    membership.write_text("0::/jobs/ci\n", encoding="utf-8")
    (tmp_path / "jobs" / "ci").mkdir(parents=True)
    (tmp_path / "jobs" / "ci" / "cpu.max").write_text("max 100000\n", encoding="utf-8")
    assert quota(str(tmp_path), str(membership)) is None
    (tmp_path / "jobs" / "cpu.max").write_text("150000 100000\n", encoding="utf-8")
    assert quota(str(tmp_path), str(membership)) == 1.5, "the tightest quota up the path"
    membership.write_text("4:memory:/x\n3:cpu,cpuacct:/x\n", encoding="utf-8")
    (tmp_path / "cpu" / "x").mkdir(parents=True)
    (tmp_path / "cpu" / "x" / "cpu.cfs_quota_us").write_text("100000\n", encoding="utf-8")
    (tmp_path / "cpu" / "x" / "cpu.cfs_period_us").write_text("100000\n", encoding="utf-8")
    (tmp_path / "cpu" / "cpu.cfs_quota_us").write_text("-1\n", encoding="utf-8")
    (tmp_path / "cpu" / "cpu.cfs_period_us").write_text("100000\n", encoding="utf-8")
    assert quota(str(tmp_path), str(membership)) == 1.0
    (tmp_path / "cpu" / "x" / "cpu.cfs_quota_us").write_text("garbage\n", encoding="utf-8")
    assert quota(str(tmp_path), str(membership)) is None
    assert quota(str(tmp_path), str(tmp_path / "missing")) is None


def test_profiling_the_cli_works(tmp_path: Path) -> None:
    """`python -m cProfile -m mktorg ...` prints its profile: the fast exit steps aside."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "cProfile", "-s", "tottime", "-m", "mktorg", "lint", str(ROOT / "data"), "--no-cache"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0 and "function calls" in done.stdout


def test_what_a_command_loaded_outlives_it_but_only_the_last_few() -> None:
    """`outlive` holds a loaded organisation until the process ends (no freeing object by object
    after the report), and lets go of older ones, so that many commands in one process do not pile up."""
    import gc
    import weakref

    class Loaded:
        pass

    first = Loaded()
    held = weakref.ref(mktorg.perf.outlive(first))
    del first
    gc.collect()
    assert held() is not None
    for _ in range(mktorg.perf._OUTLIVING.maxlen or 0):
        mktorg.perf.outlive(Loaded())
    gc.collect()
    assert held() is None


def test_the_lint_command_holds_what_it_loaded(org: Path) -> None:
    """The lint command's organisation is still held when the command has returned."""
    mktorg.perf._OUTLIVING.clear()
    run_cli("lint", str(org), "--no-cache", expect=1)
    held = [thing for thing in mktorg.perf._OUTLIVING if isinstance(thing, mktorg.load.loader.LoadResult)]
    assert held and held[-1].org.roles


def _prefetch_on_small_orgs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Cold runs of any size read and parse on a helper started before the models are imported;
    the file where each part run on a helper writes its process id."""
    import os

    import mktorg.load.prefetch

    monkeypatch.setattr(mktorg.perf, "can_fork", lambda: True)
    monkeypatch.setattr(mktorg.load.prefetch, "PARSE_ON_HELPER_FROM", 2)
    original = mktorg.load.prefetch._reader
    parent = os.getpid()
    log = tmp_path / "helper-pids"

    def traced(root: Path, files: list[tuple[str, str, str]]) -> Callable[[], list[object]]:
        read_and_parse = original(root, files)

        def run() -> list[object]:
            if os.getpid() != parent:
                with open(log, "a", encoding="ascii") as handle:
                    handle.write(f"{os.getpid()}\n")
            return read_and_parse()  # type: ignore[return-value]

        return run

    monkeypatch.setattr(mktorg.load.prefetch, "_reader", traced)
    return log


def _helper_pids(log: Path) -> set[int]:
    return {int(line) for line in log.read_text(encoding="ascii").split()} if log.exists() else set()


def test_a_cold_run_parsed_on_a_helper_before_the_models_are_imported_matches_one_process(
    org: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With and without the cache, the prefetched run reports what one process reports, and the
    helper really read the files (broken YAML, a bad encoding, an anchor and a file that does not
    validate among them: each sent back its own way)."""
    (org / "roles" / "sales" / "zz-latin1.yaml").write_bytes("title: 市场\n".encode("gb18030"))
    anchored = "title: &t 销售助理\ndepartment: sales\nreports_to: sales-manager\nheadcount: 1\nduties: [*t]\n"
    (org / "roles" / "sales" / "zz-anchor.yaml").write_text(anchored, encoding="utf-8")
    monkeypatch.setattr(mktorg.perf, "can_fork", lambda: False)
    one_json, _ = run_cli("lint", str(org), "--format", "json", "--no-cache", expect=1)
    one_text, _ = run_cli("lint", str(org), "--no-cache", expect=1)
    log = _prefetch_on_small_orgs(monkeypatch, org.parent)
    cold_json, _ = run_cli("lint", str(org), "--format", "json", expect=1)
    assert _helper_pids(log), "the files were read on a helper"
    shutil.rmtree(org / ".mktorg_cache")
    cold_text, _ = run_cli("lint", str(org), expect=1)
    no_cache_json, _ = run_cli("lint", str(org), "--format", "json", "--no-cache", expect=1)
    assert cold_json == one_json == no_cache_json
    assert cold_text == one_text
    codes = {d["code"] for d in json.loads(cold_json)["diagnostics"]}
    assert {"MK003", "MK006", "MK503"} <= codes


def test_a_warm_run_is_not_prefetched(org: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Once the cache holds the files, a full run (many files changed) takes them from it."""
    log = _prefetch_on_small_orgs(monkeypatch, org.parent)
    run_cli("lint", str(org), "--format", "json", expect=1)
    assert _helper_pids(log)
    log.unlink()
    for path in sorted(org.glob("roles/**/*.yaml"))[::2]:
        path.write_text(path.read_text(encoding="utf-8") + "# changed\n", encoding="utf-8")
    warm, _ = run_cli("lint", str(org), "--format", "json", expect=1)
    assert not _helper_pids(log)
    assert warm == run_cli("lint", str(org), "--format", "json", "--no-cache", expect=1)[0]


def test_the_cache_looks_cold_until_it_holds_the_files(org: Path) -> None:
    from mktorg.load.cache import looks_cold
    from mktorg.load.discover import discover

    found, _ = discover(org)
    assert looks_cold(org, found)
    run_cli("lint", str(org), expect=1)
    assert not looks_cold(org, found)
    renamed = [(f"elsewhere/{rel}", folder, stem) for rel, folder, stem in found]
    assert looks_cold(org, renamed)


def test_a_prefetched_load_starts_its_clock_when_the_helper_starts_reading(
    org: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file changed after the helper read it, but before the loader began, is still within the
    run's time (`LoadResult.started`): a kept run never trusts its `stat`."""
    from mktorg.load.discover import discover
    from mktorg.load.loader import load_org
    from mktorg.load.prefetch import prefetching

    _prefetch_on_small_orgs(monkeypatch, org.parent)
    discovered = discover(org)
    alone = load_org(org, discovered=discovered)
    with prefetching(org, discovered[0], cache=False) as prefetched:
        assert prefetched is not None
        loaded = load_org(org, discovered=discovered, prefetched=prefetched)
    assert loaded.started == prefetched.started
    assert sorted(loaded.findings, key=str) == sorted(alone.findings, key=str)
    assert list(loaded.org.roles) == list(alone.org.roles)
    assert list(loaded.files) == list(alone.files)
    assert loaded.fresh == alone.fresh


def test_a_prefetching_helper_that_dies_costs_time_not_results(org: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    import mktorg.load.prefetch

    expected, _ = run_cli("lint", str(org), "--format", "json", "--no-cache", expect=1)
    monkeypatch.setattr(mktorg.perf, "can_fork", lambda: True)
    monkeypatch.setattr(mktorg.load.prefetch, "PARSE_ON_HELPER_FROM", 2)
    original = mktorg.load.prefetch._reader
    parent = os.getpid()

    run_here: list[str] = []

    def dying(root: Path, files: list[tuple[str, str, str]]) -> Callable[[], list[object]]:
        read_and_parse = original(root, files)

        def run() -> list[object]:
            if os.getpid() != parent and files[0][0] > "roles/m":
                os._exit(9)
            if os.getpid() == parent:
                run_here.append(files[0][0])
            return read_and_parse()  # type: ignore[return-value]

        return run

    monkeypatch.setattr(mktorg.load.prefetch, "_reader", dying)
    assert run_cli("lint", str(org), "--format", "json", "--no-cache", expect=1)[0] == expected
    assert any(first > "roles/m" for first in run_here), "the parts after the helper died ran here"


def test_the_prefetching_helper_is_started_before_the_models_are_imported() -> None:
    """What a cold lint needs before it starts the helper imports neither pydantic nor the rules."""
    import subprocess
    import sys

    code = (
        "import sys, mktorg.cli.app, mktorg.load.prefetch, mktorg.lint.replay, mktorg.load.discover\n"
        "print(sorted(m for m in ('pydantic', 'mktorg.model.role', 'mktorg.lint.rules') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


CHOSEN = ("--select", "--ignore")


def _replays(org: Path, monkeypatch: pytest.MonkeyPatch, on_helper: bool) -> tuple[object, list[str]]:
    """What `replay` finds (all of it, the kept run's result as a report) and the steps this
    process took meanwhile."""
    import time

    import mktorg.lint.replay

    monkeypatch.setattr(mktorg.perf, "can_fork", lambda: on_helper)
    monkeypatch.setattr(mktorg.lint.replay, "WALK_ON_HELPER_FROM", 2)
    done: list[str] = []
    walk = mktorg.lint.replay._walk_sent

    def slow_walk(*args: Any) -> Any:
        time.sleep(0.2)  # a walk of a large organisation: longer than the first step
        return walk(*args)

    monkeypatch.setattr(mktorg.lint.replay, "_walk_sent", slow_walk)

    def step() -> None:
        time.sleep(0.05)
        done.append("import")

    replayed = mktorg.lint.replay.replay(org, CHOSEN, meanwhile=[step] * 20)
    result = replayed.result
    report = (result.diagnostics, result.counts, result.raw) if result is not None else None
    kept = replayed.kept.files if replayed.kept is not None else None
    seen = (report, replayed.discovered, kept, replayed.changed, replayed.stats, replayed.known)
    return seen, done


@pytest.mark.parametrize("edit", ["none", "reporting-line", "added", "removed"])
def test_a_kept_run_checked_on_a_helper_gives_what_one_process_gives(
    org: Path, monkeypatch: pytest.MonkeyPatch, edit: str
) -> None:
    run_cli("lint", str(org), "--format", "json", expect=1)
    role = org / "roles" / "sales" / "zz-typo.yaml"
    if edit == "reporting-line":
        role.write_text(role.read_text("utf-8").replace("sales-manager", "market-manager"), "utf-8")
    elif edit == "added":
        (org / "roles" / "sales" / "zz-new.yaml").write_text(BROKEN, "utf-8")
    elif edit == "removed":
        role.unlink()
    alone, none_meanwhile = _replays(org, monkeypatch, on_helper=False)
    beside, meanwhile = _replays(org, monkeypatch, on_helper=True)
    assert beside == alone
    assert none_meanwhile == [] and 1 <= len(meanwhile) < 20, "steps taken while the helper walked, not after"
    assert (alone[0] is not None) == (edit == "none") and (alone[3] != ()) == (edit == "reporting-line")


def test_a_walking_helper_that_dies_costs_time_not_results(org: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    import mktorg.lint.replay

    run_cli("lint", str(org), "--format", "json", expect=1)
    role = org / "roles" / "sales" / "zz-typo.yaml"
    role.write_text(role.read_text("utf-8").replace("sales-manager", "market-manager"), "utf-8")
    alone, _ = _replays(org, monkeypatch, on_helper=False)
    parent, original = os.getpid(), mktorg.lint.replay._walk_sent

    def dying(*args: object) -> object:
        if os.getpid() != parent:
            os._exit(9)
        return original(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(mktorg.lint.replay, "_walk_sent", dying)
    assert _replays(org, monkeypatch, on_helper=True)[0] == alone
    expected, _ = run_cli("lint", str(org), "--format", "json", "--no-cache", expect=1)
    assert run_cli("lint", str(org), "--format", "json", expect=1)[0] == expected


def test_a_cold_run_keeps_the_slim_entities_a_patched_run_needs(org: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The rules helper of a cold run makes them: a reporting line changed next makes only its file's."""
    import mktorg.lint.incremental

    monkeypatch.setattr(mktorg.perf, "can_fork", lambda: True)
    monkeypatch.setattr(mktorg.lint.engine, "RULES_ON_HELPER_FROM", 2)
    run_cli("lint", str(org), "--format", "json", expect=1)
    assert len(list((org / ".mktorg_cache").glob("slim-*.bin"))) > 10
    given: list[list[str]] = []
    original = mktorg.lint.incremental.load_files

    def spy(*args: object) -> object:
        loaded = original(*args)  # type: ignore[arg-type]
        if len(args) == 6 and args[5] is not None:
            given.append(list(args[2].unslim))  # type: ignore[attr-defined]
        return loaded

    monkeypatch.setattr(mktorg.lint.incremental, "load_files", spy)
    role = org / "roles" / "sales" / "zz-typo.yaml"
    role.write_text(role.read_text("utf-8").replace("sales-manager", "market-manager"), "utf-8")
    expected, _ = run_cli("lint", str(org), "--format", "json", "--no-cache", expect=1)
    assert run_cli("lint", str(org), "--format", "json", expect=1)[0] == expected
    assert given == [["roles/sales/zz-typo.yaml"]], "every other file's slim entity was kept"


def test_spare_work_goes_on_on_the_helper_until_the_command_finishes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os
    import time

    monkeypatch.setattr(mktorg.perf, "can_fork", lambda: True)
    parent = os.getpid()
    done = tmp_path / "spare"

    def spare() -> None:
        time.sleep(0.3)
        done.write_text(str(os.getpid() != parent))

    mine, theirs = mktorg.perf.beside_with_spare_work(lambda: "here", lambda: os.getpid() != parent, spare)
    assert (mine, theirs) == ("here", True)
    assert not done.exists(), "the results came before the spare work was done"
    mktorg.perf.finish()
    assert done.read_text() == "True", "done on the helper, and waited for"


def test_spare_work_is_skipped_without_a_helper(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mktorg.perf, "can_fork", lambda: False)
    done: list[str] = []
    assert mktorg.perf.beside_with_spare_work(lambda: 1, lambda: 2, lambda: done.append("spare")) == (1, 2)
    mktorg.perf.finish()
    assert done == []


def test_a_failure_here_stops_the_helper_and_its_spare_work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    monkeypatch.setattr(mktorg.perf, "can_fork", lambda: True)
    done = tmp_path / "spare"

    def fail() -> None:
        time.sleep(0.2)  # the helper has started
        raise ValueError("here")

    def spare() -> None:
        time.sleep(0.5)
        done.write_text("done")

    with pytest.raises(ValueError, match="here"):
        mktorg.perf.beside_with_spare_work(fail, lambda: time.sleep(0.4), spare)
    mktorg.perf.finish()
    time.sleep(0.8)
    assert not done.exists()


@pytest.mark.skipif(sys.platform != "linux", reason="a thread's own nice value is Linux's")
def test_background_lowers_its_thread_and_what_it_starts_not_the_others() -> None:
    import subprocess
    import threading

    def nice() -> int:
        return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())

    here = nice()
    seen: list[int] = []

    def work() -> None:
        mktorg.perf.background()
        started = subprocess.run([sys.executable, "-c", "import os; print(os.nice(0))"], capture_output=True, text=True)
        seen.extend((nice(), int(started.stdout)))

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    expected = min(19, here + mktorg.perf.BACKGROUND_NICE)
    assert seen == [expected, expected]
    assert nice() == here


@pytest.mark.skipif(sys.platform != "linux", reason="a thread's own nice value is Linux's")
@pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz")
def test_the_word_books_charts_are_drawn_behind_typst(monkeypatch: pytest.MonkeyPatch) -> None:
    """Graphviz runs at a lower priority for the Word book's PNGs (beside Typst), not for other charts."""
    import threading

    import mktorg.render.chart.graphviz as graphviz
    from mktorg.load.loader import load_org
    from mktorg.render.figures import book_charts, draw_pngs

    priorities: list[int] = []
    original = graphviz.render

    def spying(*args, **kwargs):  # type: ignore[no-untyped-def]
        priorities.append(os.getpriority(os.PRIO_PROCESS, threading.get_native_id()))
        return original(*args, **kwargs)

    monkeypatch.setattr(graphviz, "render", spying)
    here = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    org = load_org(ROOT / "data").org
    charts = book_charts(org, None, png=True, font="Noto Sans CJK SC")
    assert all(page.figure.png for page in draw_pngs(charts[:1]))  # one chart too
    assert priorities == [min(19, here + mktorg.perf.BACKGROUND_NICE)]
    book_charts(org, None, png=False, font="Noto Sans CJK SC")  # SVGs for a PDF book: nobody to wait behind
    assert set(priorities[1:]) == {here}


def test_results_go_through_the_temporary_folder_without_memfd(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where there is no memfd_create (not Linux), the helper's results go through unlinked files
    of the temporary folder, and come back the same."""
    import os

    monkeypatch.delattr(os, "memfd_create", raising=False)
    big = list(range(100_000))  # more than a pipe holds
    assert mktorg.perf.beside_in_parts(lambda: "here", [lambda: big, lambda: os.getpid()])[1][0] == big


def test_the_helper_is_a_plain_fork() -> None:
    """Starting a helper imports neither multiprocessing nor concurrent.futures (30 ms before
    anything else could start)."""
    import subprocess
    import sys

    code = (
        "import os, sys, mktorg.perf as p\n"
        "print(p.beside(lambda: 1, os.getpid)[1] != os.getpid(),"
        " any(m in sys.modules for m in ('multiprocessing', 'concurrent.futures')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["True", "False"]


def test_a_helper_that_has_sent_everything_is_reaped_later_not_awaited() -> None:
    """The results come without waiting for the helper's process to end; `finish()` reaps it
    once it has ended, so that a process that lives on (this test run) keeps no zombie."""
    import time

    pid = mktorg.perf.beside(lambda: None, os.getpid)[1]
    assert pid != os.getpid()
    for _ in range(100):
        mktorg.perf.finish()
        if pid not in mktorg.perf._ENDING:
            break
        time.sleep(0.05)
    assert pid not in mktorg.perf._ENDING
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)
