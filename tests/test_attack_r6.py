"""Attacks on the plain-fork helper (perf.py, sixth round)."""

import os
import signal
import time
from collections.abc import Iterator
from contextlib import suppress
from pathlib import Path

import pytest

import mktorg.perf
from mktorg.__main__ import _terminate


def _fds() -> int:
    return len(list(Path("/proc/self/fd").iterdir()))


@pytest.fixture
def cli_sigterm() -> Iterator[None]:
    """SIGTERM handled as `python -m mktorg` handles it (raises Terminated)."""
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def test_a_helper_stopped_right_after_it_was_started_does_not_run_its_jobs(tmp_path: Path, cli_sigterm: None) -> None:
    """`here` failing at once stops the helper (SIGTERM): with the CLI's SIGTERM handler, a SIGTERM
    that reached the helper before it had set its own handlers was lost (cleared by Python's
    after-fork step), and the helper ran every job to the end."""
    parent = os.getpid()

    def job(number: int):  # type: ignore[no-untyped-def]
        def run() -> None:
            time.sleep(0.5)
            (tmp_path / str(number)).write_text("ran")

        return run

    for number in range(20):
        try:
            with mktorg.perf.started_beside([job(number)]):
                raise ValueError("here failed at once")
        except ValueError:
            pass
        except BaseException:
            if os.getpid() != parent:  # the helper escaped into this test
                (tmp_path / f"escaped-{number}").write_text("escaped")
                os._exit(0)
            raise
    time.sleep(1.0)
    mktorg.perf.finish()
    assert sorted(p.name for p in tmp_path.iterdir()) == [], "stopped helpers ran their jobs (or escaped)"


def test_a_signal_just_after_the_fork_does_not_escape_into_the_callers_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Ctrl-C (or SIGTERM) that reaches the helper between `os.fork()` and its setting its own
    handlers raised KeyboardInterrupt in the helper outside `_run_jobs`: it went on as a copy of
    this process (its cleanups, its error report: a second 'mktorg: interrupted' line)."""
    parent = os.getpid()
    fork = os.fork

    def fork_then_ctrl_c() -> int:
        pid = fork()
        if pid == 0:
            os.kill(os.getpid(), signal.SIGINT)
        return pid

    monkeypatch.setattr(os, "fork", fork_then_ctrl_c)
    try:
        mine, theirs = mktorg.perf.beside(lambda: "here", lambda: os.getpid() != parent)
    except BaseException:
        if os.getpid() != parent:
            (tmp_path / "escaped").write_text("escaped")
            os._exit(0)
        raise
    monkeypatch.undo()
    time.sleep(0.2)
    assert not (tmp_path / "escaped").exists(), "the helper ran on in this test's code"
    assert (mine, theirs) == ("here", True), "the helper ignores Ctrl-C and sends its result"


def test_interrupted_while_waiting_for_spare_work_the_helper_is_stopped_and_nothing_leaks() -> None:
    """Ctrl-C (or SIGTERM) while `finish()` waits for spare work (cli/boundary.py calls it after
    each command, outside `signals_held`): the helper went on with its spare work, its pipe's
    descriptor stayed open and it was never reaped (a zombie in a process that lives on)."""
    before = _fds()

    def interrupt(_signal: int, _frame: object) -> None:
        raise KeyboardInterrupt

    _, pid = mktorg.perf.beside_with_spare_work(lambda: "here", os.getpid, lambda: time.sleep(30))
    assert pid != os.getpid()
    previous = signal.signal(signal.SIGALRM, interrupt)
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.3)
        with pytest.raises(KeyboardInterrupt):
            mktorg.perf.finish()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    leaked = _fds() - before
    for _ in range(100):
        mktorg.perf.finish()
        if pid not in mktorg.perf._ENDING:
            break
        time.sleep(0.05)
    _assert_reaped(pid)
    assert leaked == 0, "the helper's pipe was closed"


def _assert_reaped(pid: int) -> None:
    """The helper was stopped and reaped (else it is killed here, and the test fails)."""
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return
    with suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    with suppress(ChildProcessError):
        os.waitpid(pid, 0)
    pytest.fail("the helper was left running (or unreaped)")


def test_a_duty_added_with_slim_entities_kept_finds_what_a_run_without_the_cache_finds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A duty added to a role makes MK302/MK511 stale with rules on the whole organisation
    (MK102, MK103, ...): all of them ran on slim entities, whose duties written as strings have no
    text, so MK302's duplicate primary duties in every department were dropped (with slim entities
    in the cache: made by a helper, so only where a helper runs)."""
    import json
    import shutil

    from typer.testing import CliRunner

    import mktorg.lint.incremental
    import mktorg.lint.replay
    from mktorg.cli.app import app
    from tests.helpers import ROOT

    def lint(*more: str) -> list[object]:
        result = CliRunner().invoke(app, ["lint", str(org), "-f", "json", *more], catch_exceptions=False)
        assert result.exit_code in (0, 1), result.output
        return json.loads(result.stdout)["diagnostics"]  # type: ignore[no-any-return]

    org = tmp_path / "org"
    shutil.copytree(ROOT / "examples" / "online-marketing", org, ignore=shutil.ignore_patterns(".mktorg_cache"))
    monkeypatch.setattr(mktorg.lint.replay, "RACY_SECONDS", 0.0)
    lint()
    monkeypatch.setattr(mktorg.perf, "can_fork", lambda: True)
    monkeypatch.setattr(mktorg.lint.incremental, "RULES_ON_HELPER_FROM", 2)
    role = org / "roles" / "web-editor.yaml"
    text = role.read_text(encoding="utf-8")
    role.write_text(text.replace("reports_to: operations-manager", "reports_to: nobody"), encoding="utf-8")
    assert lint() == lint("--no-cache")  # the helper keeps the slim entities
    assert list((org / ".mktorg_cache").glob("slim-*.bin"))
    role.write_text(text + "duties: [做事]\n", encoding="utf-8")
    cold = lint("--no-cache")
    assert any(d["code"] == "MK302" for d in cold)  # type: ignore[index]
    slimmed: list[bool] = []
    run_whole = mktorg.lint.incremental._run_whole

    def spy(*args: object) -> object:
        slimmed.append(args[-1] is not None)
        return run_whole(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(mktorg.lint.incremental, "_run_whole", spy)
    assert lint() == cold
    assert slimmed == [True], "the rules on the whole organisation still ran on slim entities"
