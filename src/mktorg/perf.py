"""Performance machinery, in one place, with the reasons beside it.

The rest of the code reads as if it were single-process: it asks `split()` where to cut a list
of work, runs the two parts with `beside()`, wraps bulk loading in `bulk_loading()` and ends
the process with `exit_now()`. Figures are in docs/performance.md (`make bench`).
"""

import gc
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager, suppress
from typing import Any, Generic, TypeVar, cast

T = TypeVar("T")
U = TypeVar("U")

PARSE_ON_HELPER_FROM = 1500
"""Files from which a forked helper parses part of them: below, starting it costs more than it saves."""
HELPER_SHARE_OF_FILES = 0.47
"""The helper parses and validates its part and sends the entities back; taking them in costs
this process about half of what loading them costs, so the helper takes the smaller share."""
PREFETCH_SHARE_OF_FILES = 0.74
"""In a cold run, the share of the files a helper started before the models are imported reads
and parses (load/prefetch.py): this process imports the models, then reads, parses and validates
the rest and validates what the helper parsed."""
HELPER_PARTS = 16
"""The parts the loading helper sends its results back in: the last one's pickling and taking in
is what this process waits for once its own files are loaded."""
HELPER_ROUND_FILES = 20_000
"""Files per round of the loading helper: what it sends back is held twice for a moment (pickled
and unpickled, ~1 GiB at once for 60,000 files), so a large organisation is loaded in rounds."""
SHARDS_WRITTEN_ON_HELPER = 0.15
"""Of the cache shards of what loading found, the share the rules' helper writes: it also runs
the per-file rules (with the text corpus and the segmenter's start) and writes what they found,
while the cross-file rules run here; and, in a cold run, it makes the slim entities after it has
sent its findings, while this process reports (10,000 roles, paired cold runs: 0.35 gave 1.55 s,
0.2 1.50 s, 0.1 1.49 s, 0.0 1.52 s)."""
RULES_ON_HELPER_FROM = 2000
"""Roles from which the per-file rules (with those marked `on_helper`) run on a forked helper beside the others."""
WALK_ON_HELPER_FROM = 2000
"""Files from which a lint that finds a kept run walks the folder on a forked helper while this
process imports what a patched or full run needs (`lint/replay.py`)."""


def can_fork() -> bool:
    """Whether a forked helper can run beside this process: fork exists, this process may use
    two CPUs (its affinity mask and its cgroup's CPU quota, not just the CPUs the machine has:
    `taskset -c 0` or a one-CPU container make a helper pure overhead), and one of them is free
    now (with the other CPU busy the helper cost 9 % instead of saving time: `make bench`)."""
    return os.name == "posix" and sys.platform != "darwin" and usable_cpus() - others_running() >= 2


def others_running(loadavg: str = "/proc/loadavg") -> int:
    """How many other processes are running or ready to run right now (0 where it cannot be told)."""
    try:
        with open(loadavg, encoding="ascii") as handle:
            running = int(handle.read().split()[3].split("/")[0])
    except (OSError, ValueError, IndexError):
        return 0
    return max(0, running - 1)  # this process is one of them


def usable_cpus() -> float:
    """The CPUs this process may use: its affinity mask, capped by the cgroup CPU quota."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    quota = cgroup_cpu_quota()
    return min(float(cpus), quota) if quota is not None else float(cpus)


def cgroup_cpu_quota(root: str = "/sys/fs/cgroup", membership: str = "/proc/self/cgroup") -> float | None:
    """CPUs' worth of time the cgroup quota allows (cgroup v2 `cpu.max`, or v1 `cpu.cfs_quota_us`
    over `cpu.cfs_period_us`), the tightest along the path to the root; None when unlimited."""
    try:
        with open(membership, encoding="utf-8") as handle:
            lines = handle.read().splitlines()
    except OSError:
        return None
    limits = []
    for line in lines:
        controllers, _, path = line.partition(":")[2].partition(":")
        try:
            if controllers == "":  # v2
                limits += [_quota_v2(f"{root}/{part}/cpu.max") for part in _ancestors(path)]
            elif "cpu" in controllers.split(","):
                limits += [_quota_v1(f"{root}/cpu/{part}") for part in _ancestors(path)]
        except ValueError:  # a file that does not read as numbers: no limit known from it
            continue
    found = [limit for limit in limits if limit is not None]
    return min(found) if found else None


def _ancestors(path: str) -> list[str]:
    parts = [p for p in path.split("/") if p]
    return ["/".join(parts[:n]) for n in range(len(parts), -1, -1)]


def _read(path: str) -> str | None:
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read().strip()
    except OSError:
        return None


def _quota_v2(path: str) -> float | None:
    text = _read(path)
    if not text or text.startswith("max"):
        return None
    quota, _, period = text.partition(" ")
    return int(quota) / int(period or 100000)


def _quota_v1(folder: str) -> float | None:
    quota, period = _read(f"{folder}/cpu.cfs_quota_us"), _read(f"{folder}/cpu.cfs_period_us")
    if not quota or not period or int(quota) <= 0:
        return None
    return int(quota) / int(period)


HELPER_UP_TO = 50_000
"""Files (or roles) up to which a helper pays. At 100,000 roles one process was faster (34.6 s
against 45.1 s) and held 0.95 GiB against 1.54 GiB for the process tree (`make bench`): the
pages the helper copies and the results it sends back cost more than its parsing saves."""


def use_helper(count: int, threshold: int) -> bool:
    """Whether work of this size is worth a forked helper."""
    return threshold <= count <= HELPER_UP_TO and can_fork()


def in_parts(items: Sequence[T]) -> list[Sequence[T]]:
    """`items` cut into HELPER_PARTS parts of nearly equal size, in order (fewer for fewer items)."""
    size = max(1, -(-len(items) // HELPER_PARTS))
    return [items[at : at + size] for at in range(0, len(items), size)]


def split(count: int, threshold: int, share: float) -> int:
    """Where to cut `count` items: this process takes [0, cut), a helper the rest (count: no helper)."""
    return count - round(count * share) if use_helper(count, threshold) else count


_INTERRUPTS = (signal.SIGINT, signal.SIGTERM)


def _ignore_interrupts() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is this process's to report, once
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # stopping the helper needs no cleanup
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _INTERRUPTS)  # held since the fork (`_Helper`)


class _Helper:
    """One forked process running jobs in turn: each job's result is pickled into a file of its
    own and its size sent over a pipe, in order (a plain `os.fork`: importing `multiprocessing`
    and `concurrent.futures` and starting a pool took 30 ms, before anything else could start).

    Results go through files, not the pipe: a pipe holds 64 KiB, so a helper sending a large
    result would wait for this process to read each piece while it works (a part of 1,300 files
    took 0.1 s longer to send)."""

    def __init__(self, jobs: Sequence[Callable[[], object]], files: list[int]) -> None:
        self._files = files
        self._count = len(jobs)
        self._sizes: list[int] = []
        self._pending = b""
        self._ended = False
        readable, writable = os.pipe()
        # Ctrl-C and SIGTERM are held across the fork: on the helper, one that came before its own
        # handlers were set would run this process's (raising in its code) or be lost (a stop)
        held = signal.pthread_sigmask(signal.SIG_BLOCK, _INTERRUPTS)
        try:
            self.pid = os.fork()
        except OSError:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)
            os.close(readable)
            os.close(writable)
            raise
        if self.pid == 0:  # the helper
            os.close(readable)
            _run_jobs(jobs, files, writable)
        os.close(writable)
        self._pipe = readable
        try:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)  # one that came meanwhile is raised here
        except BaseException:
            self.end(stop=True)
            raise

    def sent(self, block: bool) -> int:
        """How many results have been sent (waiting for the next one, or the helper's end, when `block`)."""
        while not self._ended:
            if not block:
                import select

                if not select.select([self._pipe], [], [], 0)[0]:
                    break
            chunk = os.read(self._pipe, 4096)
            if not chunk:  # the helper has ended (or died)
                self._ended = True
                break
            self._pending += chunk
            whole = len(self._pending) - len(self._pending) % 8
            self._sizes.extend(memoryview(self._pending[:whole]).cast("q"))
            self._pending = self._pending[whole:]
            if block:
                break
        return len(self._sizes)

    def result(self, number: int) -> Any:
        """The result of job `number`, sent or waited for; OSError if the helper died or the job
        failed before sending it."""
        while len(self._sizes) <= number and not self._ended:
            self.sent(block=True)
        if len(self._sizes) <= number or self._sizes[number] < 0:
            raise OSError("the helper did not send this result")
        return _result_of(self._files[number], self._sizes[number])

    def end(self, stop: bool) -> None:
        """Wait until the helper has sent every result (`stop`: stop it at once instead). Its
        process is reaped later (`_reap`): a helper that touched much of this process's memory
        takes 9 ms to end, and nothing waits for that."""
        try:
            if not stop:
                while not self._ended and len(self._sizes) < self._count:  # not EOF: it comes after the teardown
                    self.sent(block=True)
        except BaseException:  # interrupted while waiting: the helper is stopped at once
            stop = True
            raise
        finally:
            if stop:
                with suppress(ProcessLookupError):
                    os.kill(self.pid, signal.SIGTERM)
            os.close(self._pipe)
            _ENDING.append(self.pid)
            _reap()


_ENDING: list[int] = []
"""Helpers that have sent every result (or were stopped), not reaped yet."""


def _reap() -> None:
    """Reap the helpers that have ended (a process that lives on, such as a test run, keeps no
    zombies; one that ends leaves the others to init)."""
    for pid in list(_ENDING):
        try:
            done, _ = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            done = pid
        if done:
            _ENDING.remove(pid)


def _run_jobs(jobs: Sequence[Callable[[], object]], files: list[int], pipe: int) -> None:
    """On the helper: run each job, write its result into its file and its size (-1: it failed)
    into the pipe; then end the process (nothing of this process's is torn down or flushed)."""
    try:
        _ignore_interrupts()
        for number, job in enumerate(jobs):
            try:
                size = _write_result(files[number], job())
            except Exception:  # this process runs the job again and fails as one process would
                size = -1
            os.write(pipe, size.to_bytes(8, sys.byteorder, signed=True))
    finally:
        os._exit(0)


def _write_result(file: int, result: object) -> int:
    import pickle

    data = memoryview(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    written = 0
    while written < len(data):
        written += os.pwrite(file, data[written:], written)
    return written


def _result_of(file: int, size: int) -> Any:
    """A job's result as the helper wrote it (`_write_result`)."""
    import pickle

    chunks = []
    at = 0
    while at < size:
        chunk = os.pread(file, size - at, at)
        if not chunk:
            raise OSError("the helper's result is shorter than it said")
        chunks.append(chunk)
        at += len(chunk)
    return pickle.loads(b"".join(chunks))


def _result_file() -> int:
    """A file for a helper's result, gone when closed: in memory where Linux allows (no temporary
    folder to fill), else in the temporary folder."""
    if hasattr(os, "memfd_create"):
        return os.memfd_create("mktorg-result", os.MFD_CLOEXEC)
    import tempfile

    handle, path = tempfile.mkstemp(prefix="mktorg-")
    os.unlink(path)
    return handle


def beside(here: Callable[[], T], there: Callable[[], U]) -> tuple[T, U]:
    """Run `there` on a forked helper while `here` runs in this process.

    If the helper dies (out of memory, killed), `there` runs here instead: the result is the
    same, only slower.
    """
    mine, (theirs,) = beside_in_parts(here, [there])
    return mine, theirs


def beside_with_spare_work(here: Callable[[], T], there: Callable[[], U], spare: Callable[[], object]) -> tuple[T, U]:
    """`beside`, and then the helper goes on with `spare` (work nothing waits for, such as keeping
    something in the cache) while this process goes on with its own; `finish()`, called when the
    command has reported, waits for it. Without a helper, `spare` is not done."""
    finish()
    stack = ExitStack()
    started = stack.enter_context(started_beside([there, spare]))
    try:
        mine = here()
        theirs = cast(U, next(started.each()))  # the first part is `there`
    except BaseException:  # the helper is stopped at once
        stack.__exit__(*sys.exc_info())
        raise
    if started.on_helper:
        _SPARE.append(stack)
    else:
        stack.close()
    return mine, theirs


_SPARE: list[ExitStack] = []
"""Helpers going on with spare work (`beside_with_spare_work`), ended by `finish()`."""


def finish() -> None:
    """Wait for the helpers going on with spare work (a command calls it when it has reported)."""
    while _SPARE:
        _SPARE.pop().close()
    _reap()


def beside_in_parts(here: Callable[[], T], parts: Sequence[Callable[[], U]]) -> tuple[T, list[U]]:
    """Run the `parts` in turn on a forked helper while `here` runs in this process.

    Each part's result is sent back as soon as it is done, so that the helper pickles one while
    it works on the next and this process takes them in while it works, not all at the end. If
    the helper dies, the parts whose results did not come run here instead.
    """
    with started_beside(parts) as started:
        mine = here()
        return mine, started.results()


class Started(Generic[U]):
    """Parts of work running on a forked helper (`started_beside`)."""

    def __init__(self, helper: _Helper | None, parts: Sequence[Callable[[], U]]) -> None:
        self._helper = helper
        self._parts = parts
        self._results: list[U] = []

    def done(self) -> bool:
        """Whether every part's result has come (or will be had here, without a helper)."""
        return self._helper is None or self._helper.sent(block=False) >= len(self._parts)

    @property
    def on_helper(self) -> bool:
        """Whether the parts run on a helper (not here, when asked for)."""
        return self._helper is not None

    def each(self) -> Iterator[U]:
        """The result of each part, in order, as soon as it has come (a part whose result did not
        come, because the helper died or failed, runs here)."""
        for number in range(len(self._results), len(self._parts)):
            result = self._result(number)
            self._results.append(result)
            yield result

    def _result(self, number: int) -> U:
        if self._helper is None:  # no helper: the part runs here
            return self._parts[number]()
        try:
            return self._helper.result(number)  # type: ignore[no-any-return]
        except Exception:  # it died, could not write its result (OSError) or failed (pickling a
            # deeply nested document overflows its stack): the part runs here, which gives its
            # result, or fails as one process would
            return self._parts[number]()

    def results(self) -> list[U]:
        """The results of all the parts, in order (`each`)."""
        for _ in self.each():
            pass
        return self._results


@contextmanager
def started_beside(parts: Sequence[Callable[[], U]]) -> Iterator[Started[U]]:
    """Start the `parts` on a forked helper; this process goes on until it asks for their results
    (the helper is stopped at once if this process fails or is interrupted before then; else it
    is waited for when the block ends)."""
    files: list[int] = []
    try:
        try:
            for _ in parts:
                files.append(_result_file())
            helper = _Helper(parts, files)
        except OSError:  # no room for the results, no descriptors left, or no fork (EAGAIN: the
            # user's process limit)
            yield Started(None, parts)
            return
        try:
            yield Started(helper, parts)
        except BaseException:
            helper.end(stop=True)
            raise
        helper.end(stop=False)
    finally:
        for file in files:
            os.close(file)


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


BACKGROUND_NICE = 10
"""How much lower the priority of background work is (`background`)."""


def background() -> None:
    """Lower the calling thread's priority, and so that of the processes it starts from now on.

    The Word book's charts are drawn by Graphviz while Typst lays the book out (for its contents'
    page numbers), and the book waits for Typst: behind it, Graphviz takes the CPU time Typst leaves
    (Typst keeps about one and a half CPUs busy) instead of sharing both CPUs with it. Linux only,
    where a thread has a nice value of its own and a process it starts inherits it; elsewhere nothing.
    """
    if sys.platform != "linux":
        return
    import threading

    thread = threading.get_native_id()
    try:
        nice = os.getpriority(os.PRIO_PROCESS, thread)
        os.setpriority(os.PRIO_PROCESS, thread, min(19, nice + BACKGROUND_NICE))
    except OSError:  # pragma: no cover - not allowed (a sandbox)
        pass


_OUTLIVING: "deque[object]" = deque(maxlen=8)


def outlive(thing: T) -> T:
    """Keep `thing` (a loaded organisation) alive until `exit_now()` ends the process: freed when
    the command's frames unwind it would be freed object by object (0.1 s at 10,000 roles, after
    the report). Only the last few are held, so that commands run in one process (tests) let go."""
    _OUTLIVING.append(thing)
    return thing


def exit_now(code: int) -> None:
    """End the process without tearing down the interpreter.

    Freeing a large organisation object by object takes longer than the work itself (0.2 s at
    10,000 roles); every file was written atomically and flushed before this point. Under a
    profiler or tracer (`python -m cProfile -m mktorg ...`, coverage) the process exits normally,
    so that they can write what they measured.
    """
    finish()
    if sys.getprofile() is not None or sys.gettrace() is not None:
        sys.exit(code)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
