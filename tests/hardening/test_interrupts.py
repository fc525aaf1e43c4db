"""Interrupted at any moment by SIGINT or SIGTERM, mktorg leaves every file whole (old or new) and
no temporary file behind, and says so in one line.

The default run tries a few random moments; `make fuzz` (HYPOTHESIS_PROFILE=fuzz) tries forty.
"""

import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from mktorg.writing import write_bytes
from tests.helpers import FIXTURES

FUZZ = os.environ.get("HYPOTHESIS_PROFILE") == "fuzz"
STAFF = "title: 专员{i}\ndepartment: dept\nreports_to: boss\nheadcount: 2\nduties: [1、执行 调研{i}, '整理,归档']\n"


def _organisation(root: Path, roles: int) -> dict[Path, tuple[bytes, bytes]]:
    """An organisation of `roles` fixable files; each file's (old, new) bytes."""
    shutil.copytree(FIXTURES / "minimal", root)
    expected = {}
    for i in range(roles):
        path = root / "roles" / f"r{i}.yaml"
        old = STAFF.format(i=i)
        path.write_text(old, encoding="utf-8")
        new = old.replace(f"1、执行 调研{i}", f"执行调研{i}").replace("'整理,归档'", "'整理，归档'")
        expected[path] = (old.encode(), new.encode())
    return expected


def _leftovers(root: Path) -> list[str]:
    return [p.name for p in root.rglob("*") if p.name.startswith(".mktorg-") or p.suffix == ".tmp"]


@pytest.mark.parametrize("run", range(40 if FUZZ else 4))
def test_fix_interrupted_at_a_random_moment(tmp_path: Path, run: int) -> None:
    rng = random.Random(run)
    org = tmp_path / "org"
    expected = _organisation(org, 300)
    number = signal.SIGINT if run % 2 == 0 else signal.SIGTERM
    process = subprocess.Popen(
        [sys.executable, "-m", "mktorg", "lint", str(org), "--fix", "--format", "json"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    delay = rng.uniform(0.3, 2.5)
    time.sleep(delay)
    process.send_signal(number)
    _, err = process.communicate(timeout=120)
    assert _leftovers(org) == []
    for path, (old, new) in expected.items():
        assert path.read_bytes() in (old, new), path
    if process.returncode not in (0, 1):  # it finished before the signal came
        assert process.returncode == (130 if number == signal.SIGINT else 143), (process.returncode, err)
        assert err.decode().endswith("mktorg: interrupted\n" if number == signal.SIGINT else "mktorg: terminated\n")
    assert b"Traceback" not in err


@pytest.mark.parametrize("run", range(40 if FUZZ else 4))
def test_export_interrupted_at_a_random_moment(tmp_path: Path, run: int) -> None:
    rng = random.Random(1000 + run)
    org = tmp_path / "org"
    _organisation(org, 150)
    out = tmp_path / "out"
    number = signal.SIGTERM if run % 2 == 0 else signal.SIGINT
    command = [sys.executable, "-m", "mktorg", "export", str(org), "--format", "md", "-o", str(out)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    time.sleep(rng.uniform(0.3, 2.0))
    process.send_signal(number)
    _, err = process.communicate(timeout=120)
    assert _leftovers(tmp_path) == []
    for document in out.glob("*.md") if out.exists() else []:
        assert document.read_text(encoding="utf-8").endswith("\n"), "every document is whole"
    assert b"Traceback" not in err


def test_ctrl_c_while_starting_is_one_line(tmp_path: Path) -> None:
    org = tmp_path / "org"
    _organisation(org, 1)
    for delay in (0.08, 0.12, 0.2):
        process = subprocess.Popen(
            [sys.executable, "-m", "mktorg", "lint", str(org)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        time.sleep(delay)
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=60)
        if b"Traceback" in err:  # on a loaded machine Python may still be starting: its own start-up is not mktorg's
            assert b"mktorg/__main__.py" not in err, err.decode()
            continue
        if process.returncode == 130:
            assert err == b"mktorg: interrupted\n"


def test_signals_at_random_moments_never_leave_a_temporary_file(tmp_path: Path) -> None:
    """Real SIGINTs, sent from another thread at random moments while files are written."""
    rng = random.Random(7)
    target = tmp_path / "file.txt"
    target.write_bytes(b"old")
    interrupted = 0
    for attempt in range(400 if FUZZ else 60):
        timer = threading.Timer(rng.uniform(0, 0.002), os.kill, (os.getpid(), signal.SIGINT))
        try:
            try:
                timer.start()  # a short timer fires before start() returns
                for _ in range(20):
                    write_bytes(target, b"new %d" % attempt)
            finally:
                timer.join()
                time.sleep(0.003)  # a signal sent after the writes is taken here
        except KeyboardInterrupt:
            interrupted += 1
        assert sorted(p.name for p in tmp_path.iterdir()) == ["file.txt"]
        assert target.read_bytes() in (b"old", *(b"new %d" % n for n in range(attempt + 1)))
    assert interrupted > 0


def test_ctrl_c_while_typer_reads_the_arguments_is_one_line() -> None:
    """typer turns a Ctrl-C during its own parsing into a silent exit 130 (`raise Exit(130) from e`,
    then `sys.exit`): mktorg says it; a Ctrl-C the boundary already reported is not said twice."""
    from mktorg.cli.app import _caused_by_ctrl_c

    class Exit(Exception):
        """typer's Exit."""

    def typer_exit() -> None:
        try:
            try:
                raise KeyboardInterrupt
            except KeyboardInterrupt as interrupt:
                raise Exit from interrupt
        except Exit:
            sys.exit(130)

    def boundary_exit() -> None:
        try:
            try:
                raise KeyboardInterrupt
            except KeyboardInterrupt:
                raise Exit from None  # reported first: `say("interrupted")`
        except Exit:
            sys.exit(130)

    for run, said_by_typer in ((typer_exit, True), (boundary_exit, False)):
        with pytest.raises(SystemExit) as done:
            run()
        assert _caused_by_ctrl_c(done.value) is said_by_typer
