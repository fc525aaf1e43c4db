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


def _tricky_org(tmp_path: Path) -> Path:
    broken = "title: 市场 专员\ndepartment: sales\nreports_to: nobody\nheadcount: 两人\n"
    return make_org(
        tmp_path,
        {
            "roles/sales/a-broken.yaml": broken,
            "roles/sales/b-gb.yaml": "title: 市场\n".encode("gb18030"),
            "roles/sales/c-deep.yaml": _nested(990),
            **{f"roles/sales/r{n:02d}.yaml": broken.replace("nobody", f"r{n - 1:02d}") for n in range(20)},
        },
    )


def test_no_room_for_the_helpers_results_runs_the_parts_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No memory for the files the helper's results go through, a TMPDIR out of inodes (where
    there is no memfd_create) or this process out of file descriptors: the parts run here, and
    the report is the same (it was 'mktorg: cannot use …: No space left on device', exit 2)."""
    import os
    import tempfile

    org = _tricky_org(tmp_path)
    monkeypatch.setattr(mktorg.perf, "can_fork", lambda: False)
    expected, _ = run_cli("lint", str(org), "--format", "json", "--no-cache", expect=1)
    _force_helpers(monkeypatch)
    made: list[int] = []

    def no_room(*_args: object, **_kwargs: object) -> object:
        made.append(1)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(tempfile, "mkstemp", no_room)
    monkeypatch.setattr(os, "memfd_create", no_room, raising=False)
    assert run_cli("lint", str(org), "--format", "json", "--no-cache", expect=1)[0] == expected
    assert made, "the helper's files were asked for"
    assert run_cli("lint", str(org), "--format", "json", expect=1)[0] == expected
    assert run_cli("lint", str(org), "--format", "json", expect=1)[0] == expected


def test_a_helper_that_cannot_be_forked_costs_time_not_results(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """fork() failing (EAGAIN: the user's process limit) starts no helper: the parts run here."""
    import os

    org = _tricky_org(tmp_path)
    monkeypatch.setattr(mktorg.perf, "can_fork", lambda: False)
    expected, _ = run_cli("lint", str(org), "--format", "json", "--no-cache", expect=1)
    _force_helpers(monkeypatch)
    forks: list[int] = []

    def no_fork() -> int:
        forks.append(1)
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    assert run_cli("lint", str(org), "--format", "json", "--no-cache", expect=1)[0] == expected
    assert forks, "a helper was to be forked"
    assert run_cli("lint", str(org), "--format", "json", expect=1)[0] == expected


def test_a_helper_stopped_while_it_writes_the_cache_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C stops the rules helper with SIGTERM (perf._helper), and the helper writes cache
    shards: stopped in the middle of a write it left `.rules-NN.bin.*.tmp` in the cache folder."""
    import os
    import signal

    from mktorg.load import cache

    folder = tmp_path / "cache"
    folder.mkdir()
    (folder / ".gitignore").write_text("*\n", encoding="utf-8")
    parent = os.getpid()
    real_fdopen = os.fdopen

    class Stopped:
        def __init__(self, handle: object) -> None:
            self.handle = handle

        def __enter__(self) -> "Stopped":
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()  # type: ignore[attr-defined]

        def write(self, data: bytes) -> int:
            os.kill(os.getpid(), signal.SIGTERM)  # the helper is stopped while it writes
            return self.handle.write(data)  # type: ignore[attr-defined,no-any-return]

    def fdopen(fd: int, *args: object, **kwargs: object) -> object:
        handle = real_fdopen(fd, *args, **kwargs)  # type: ignore[call-overload]
        in_cache = Path(f"/proc/self/fd/{fd}").readlink().is_relative_to(folder)
        return Stopped(handle) if os.getpid() != parent and in_cache else handle

    def there() -> str:
        cache._write_atomically(folder / "rules-00.bin", b"x" * 100_000)
        return "written"

    monkeypatch.setattr(os, "fdopen", fdopen)
    assert mktorg.perf.beside(lambda: "here", there) == ("here", "written")
    assert sorted(p.name for p in folder.iterdir()) == [".gitignore", "rules-00.bin"]
