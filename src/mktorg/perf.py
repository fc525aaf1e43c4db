"""Performance machinery, in one place, with the reasons beside it.

The rest of the code reads as if it were single-process: it asks `split()` where to cut a list
of work, runs the two parts with `beside()`, wraps bulk loading in `bulk_loading()` and ends
the process with `exit_now()`. Figures are in docs/performance.md (`make bench`).
"""

import gc
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")
U = TypeVar("U")

PARSE_ON_HELPER_FROM = 1500
"""Files from which a forked helper parses part of them: below, starting it costs more than it saves."""
HELPER_SHARE_OF_FILES = 11 / 20
"""The helper only parses; this process also validates its part, so the helper takes the larger share."""
RULES_ON_HELPER_FROM = 2000
"""Roles from which the rules marked `on_helper` run on a forked helper beside the others."""


def can_fork() -> bool:
    """Whether a forked helper can run beside this process (two cores, and fork available)."""
    return (os.cpu_count() or 1) >= 2 and "fork" in multiprocessing.get_all_start_methods()


def use_helper(count: int, threshold: int) -> bool:
    """Whether work of this size is worth a forked helper."""
    return count >= threshold and can_fork()


def split(count: int, threshold: int, share: float) -> int:
    """Where to cut `count` items: this process takes [0, cut), a helper the rest (count: no helper)."""
    return count - round(count * share) if use_helper(count, threshold) else count


def _ignore_interrupts() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is this process's to report, once
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # stopping the helper needs no cleanup


@contextmanager
def _helper() -> Iterator[ProcessPoolExecutor]:
    """One forked worker; stopped at once (not awaited) if the caller is interrupted or fails."""
    pool = ProcessPoolExecutor(
        max_workers=1, mp_context=multiprocessing.get_context("fork"), initializer=_ignore_interrupts
    )
    try:
        yield pool
    except BaseException:
        for process in list(getattr(pool, "_processes", {}).values()):
            process.terminate()
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


_FORKED: dict[str, Callable[[], Any]] = {}
"""The helper's job: a forked process sees this process's memory, so nothing is pickled but the result."""


def _run_forked() -> Any:
    return _FORKED["job"]()


def beside(here: Callable[[], T], there: Callable[[], U]) -> tuple[T, U]:
    """Run `there` on a forked helper while `here` runs in this process.

    If the helper dies (out of memory, killed), `there` runs here instead: the result is the
    same, only slower.
    """
    _FORKED["job"] = there
    try:
        with _helper() as pool:
            later = pool.submit(_run_forked)
            mine = here()
            try:
                theirs: U = later.result()
            except BrokenProcessPool:
                theirs = there()
        return mine, theirs
    finally:
        _FORKED.clear()


@contextmanager
def bulk_loading() -> Iterator[None]:
    """No cyclic garbage collection while an organisation is built, and none of it scanned afterwards.

    The collector would scan the growing heap again and again (performance notes G3); what is
    loaded lives until the process ends, so it is frozen out of later collections.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


def exit_now(code: int) -> None:
    """End the process without tearing down the interpreter.

    Freeing a large organisation object by object takes longer than the work itself (0.2 s at
    10,000 roles); every file was written atomically and flushed before this point.
    """
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
