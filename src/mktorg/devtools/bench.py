"""`make bench`: synthetic organisations, each figure next to its floor or goal.

Every comparison is paired: the two sides run one after the other, round after round, and
both are summarised by the same statistic (the median, with the range). Commands run as
processes (interpreter start-up included); memory is the peak PSS of the whole process tree
(the forked helper included). Peers (yamllint) run from their own venv. The tables go to
`out/bench/` (`--out`); `--write-docs` (`make bench-docs`) also rewrites docs/performance.md.

Profiling recipe: `python -m cProfile -o out/lint.prof -m mktorg lint bench-orgs/org10000 --no-cache`,
then `python -m pstats out/lint.prof` (`sort tottime`, `stats 20`).
"""

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

AREAS = ["华东", "华南", "华北", "华中", "西南", "西北", "东北"]
DUTIES = [
    "制定区域市场推广计划并组织实施",
    "收集竞争对手与客户反馈信息",
    "编制月度销售数据分析报告",
    "维护重点客户关系",
    "组织推广活动的执行与效果评估",
    "跟进合同执行与货款回收",
    "开发与维护渠道成员",
]
PY = sys.executable
CLI = [PY, "-m", "mktorg"]
Row = tuple[str, str, str, str]


def _role_text(r: int, d: int, i: int, rng: random.Random) -> str:
    if i == 0:
        boss = f"reports_to: R{((d - 1) // 6) * 20:05d}\n" if d else ""
    else:
        boss = f"reports_to: R{d * 20 + (i - 1) // 6:05d}\n"
    area = f"{AREAS[r % len(AREAS)]}{r // len(AREAS)}区"
    duties = "".join(f"  - 负责{area}{DUTIES[(r + k) % len(DUTIES)]}\n" for k in range(6))
    function = f"  - {{text: 负责销售{d}部销售管理, function: sales}}\n" if i == 0 else ""
    headcount = 1 if i < 4 else rng.randint(1, 3)
    return (
        f"title: 销售岗位{r}\ndepartment: D{d:04d}\n{boss}headcount: {headcount}\nlevel: 专员\n"
        f"duties:\n{function}{duties}  - 完成上级交办的其他工作\nauthorities: [本部门工作分配权]\n"
        "qualifications:\n  education: 本科及以上\n  experience_years: 3\n  skills: [数据分析, 沟通能力]\n"
        "kpis:\n  - {name: 销售目标达成率, weight: 60, target: ≥100%}\n  - {name: 回款率, weight: 40}\n"
    )


def generate(root: Path, roles: int) -> None:
    """Departments in a tree of six with 20 roles each (a six-way reporting tree inside)."""
    rng = random.Random(roles)
    root.mkdir(parents=True, exist_ok=True)
    (root / "org.yaml").write_text("name: 全国销售网络\nlint: {max_layers: 12, span_of_control: {max: 20}}\n", "utf-8")
    for d in range(max(1, roles // 20)):
        parent = f"parent: D{(d - 1) // 6:04d}\n" if d else ""
        path = root / "departments" / f"D{d:04d}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            f"name: 销售{d}部\n{parent}head: R{d * 20:05d}\nfunctions:\n  - {{id: sales, name: 销售管理}}\n"
        )
        for i in range(20):
            r = d * 20 + i
            path = root / "roles" / f"D{d:04d}" / f"R{r:05d}.yaml"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(_role_text(r, d, i, rng), "utf-8")


def history(root: Path, repo: Path, changed: int = 50) -> Path:
    """A git repository holding the organisation twice: as generated, then with `changed` role files edited
    (a duty added, a headcount changed). Returns the organisation folder in its working tree."""
    org = repo / "org"
    if (repo / ".git").exists():
        return org
    shutil.copytree(root, org)
    env = {**os.environ, "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.invalid"}
    env |= {"GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@example.invalid"}

    def git(*args: str) -> None:
        subprocess.run(["git", "-c", "gc.auto=0", *args], cwd=repo, env=env, check=True, capture_output=True)

    git("init", "-q")
    git("add", "-A")
    git("commit", "-q", "-m", "generated")
    rng = random.Random(changed)
    for path in rng.sample(sorted((org / "roles").rglob("*.yaml")), changed):
        text = path.read_text("utf-8").replace("headcount: ", "headcount: 2\n# was: ", 1)
        path.write_text(
            text.replace("  - 完成上级交办的其他工作", "  - 负责区域客户回访\n  - 完成上级交办的其他工作"), "utf-8"
        )
    git("commit", "-q", "-am", f"{changed} roles edited")
    git("gc", "-q")
    return org


def bare_parse(root: Path) -> float:
    """Seconds to read and parse every file with PyYAML's libyaml CSafeLoader (no validation)."""
    import yaml

    files = [Path(d) / f for d, _, fs in os.walk(root) for f in fs if f.endswith(".yaml")]
    start = time.perf_counter()
    for path in files:
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
    return time.perf_counter() - start


BARE_PARSE = (
    "import os, sys, yaml\n"
    "for d, _, fs in os.walk(sys.argv[1]):\n"
    "    for f in fs:\n"
    "        if f.endswith('.yaml'):\n"
    "            yaml.load(open(os.path.join(d, f), 'rb').read(), Loader=yaml.CSafeLoader)\n"
)
"""The floor of a lint, as a process: start Python, read and parse every file with libyaml."""


# --- measuring -------------------------------------------------------------------------------


def run(args: list[str], env: dict[str, str] | None = None) -> float:
    """Wall seconds of one run of a command (output thrown away)."""
    start = time.perf_counter()
    subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=env)
    return time.perf_counter() - start


def _runner(args: list[str]) -> Callable[[], float]:
    return lambda: run(args)


def paired(sides: dict[str, Callable[[], float]], rounds: int) -> dict[str, list[float]]:
    """Run each side once per round, in turn, so that both meet the same machine."""
    times: dict[str, list[float]] = {name: [] for name in sides}
    for _ in range(rounds):
        for name, side in sides.items():
            times[name].append(side())
    return times


def med(values: list[float]) -> float:
    """The statistic of every figure: the median."""
    return statistics.median(values)


def span(values: list[float], unit: str = "s") -> str:
    """Median and range, in seconds or milliseconds."""
    scale, digits = (1000, 0) if unit == "ms" else (1, 2)
    return (
        f"{med(values) * scale:.{digits}f} {unit} [{min(values) * scale:.{digits}f}–{max(values) * scale:.{digits}f}]"
    )


def ratio(a: list[float], b: list[float]) -> str:
    """The ratio of the medians."""
    return f"{med(a) / med(b):.2f} ×"


def tree_pss_peak(args: list[str], env: dict[str, str] | None = None) -> int:
    """Peak PSS in bytes of a command and every process it forks, sampled every 10 ms (Linux)."""
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    peak = 0
    while process.poll() is None:
        peak = max(peak, sum(_pss(pid) for pid in _tree(process.pid)))
        time.sleep(0.01)
    return peak


def _tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        current = todo.pop()
        pids.append(current)
        try:
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(child) for child in (task / "children").read_text(encoding="ascii").split()]
        except OSError:
            continue
    return pids


def _pss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def peer(base: Path, program: str, package: str) -> str | None:
    """A peer tool from its own venv (created once in the bench folder), never the project's."""
    venv = base / "peers"
    path = venv / "bin" / program
    if not path.exists():
        done = subprocess.run([PY, "-m", "venv", str(venv)], capture_output=True, check=False)
        pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", package]
        if done.returncode or subprocess.run(pip, capture_output=True, check=False).returncode:
            return None
    return str(path)


# --- the measurements ------------------------------------------------------------------------


class Bench:
    """The organisations, the rounds and the rows of the table."""

    def __init__(self, base: Path, rounds: int) -> None:
        self.base = base
        self.rounds = rounds
        self.rows: list[Row] = []
        self.figures: dict[str, object] = {}

    def org(self, roles: int) -> Path:
        root = self.base / f"org{roles}"
        if not (root / "org.yaml").exists():
            generate(root, roles)
        return root

    def add(self, what: str, measured: str, floor: str, verdict: str, **figures: object) -> None:
        self.rows.append((what, measured, floor, verdict))
        self.figures[what] = figures
        print(f"{what}: {measured} | {floor} | {verdict}", flush=True)

    def lint_against_parse(self, roles: int) -> None:
        """Cold lint (no cache yet: it writes one) and a lint without the cache, against the bare
        parse, all as processes in the same rounds."""
        root = self.org(roles)
        t = paired(
            {
                "parse": lambda: run([PY, "-c", BARE_PARSE, str(root)]),
                "lint": lambda: self._cold_lint(root),
                "no-cache": lambda: run([*CLI, "lint", str(root), "-f", "json", "--no-cache"]),
            },
            self.rounds,
        )
        self.add(
            f"`mktorg lint`, {roles:,} roles, no cache yet",
            span(t["lint"]),
            f"bare libyaml parse {span(t['parse'])}",
            ratio(t["lint"], t["parse"]) + " (goal ≤ 1.2 ×)",
            **t,
        )
        self.add(
            f"`mktorg lint --no-cache`, {roles:,} roles",
            span(t["no-cache"]),
            f"bare libyaml parse {span(t['parse'])}",
            ratio(t["no-cache"], t["parse"]),
        )

    def _cold_lint(self, root: Path) -> float:
        shutil.rmtree(root / ".mktorg_cache", ignore_errors=True)
        return run([*CLI, "lint", str(root), "-f", "json"])

    def warm_lint(self, roles: int) -> None:
        """One role file changed, the cache warm, against a cold lint of the same round: a duty
        reworded (the everyday edit: the kept run is patched) and a reporting line changed (every
        rule that reads reporting lines runs again on the whole organisation)."""
        root = self.org(roles)
        role = next(p for p in sorted((root / "roles").glob("*/*.yaml")) if "reports_to:" in p.read_text("utf-8"))
        text = role.read_text(encoding="utf-8")
        duty = next(line for line in text.splitlines() if line.startswith("  - "))
        boss = next(line for line in text.splitlines() if line.startswith("reports_to:"))
        state = {"duty": 0, "line": 0}

        def edit(what: str) -> float:
            state[what] += 1  # a duty reworded again, or the reporting line moved or moved back
            new = text.replace(duty, f"{duty}（第{state['duty']}版）", 1)
            if state["line"] % 2:
                new = new.replace(boss, "reports_to: nobody-yet", 1)
            role.write_text(new, encoding="utf-8")
            return run([*CLI, "lint", str(root), "-f", "json"])

        t = paired(
            {"cold": lambda: self._cold_lint(root), "duty": lambda: edit("duty"), "line": lambda: edit("line")},
            self.rounds,
        )
        role.write_text(text, encoding="utf-8")
        self.add(
            f"`mktorg lint`, {roles:,} roles, cache warm, one role file changed: a duty reworded",
            span(t["duty"]),
            f"cold lint {span(t['cold'])}",
            ratio(t["duty"], t["cold"]) + " (goal ≤ 0.3 ×)",
            **t,
        )
        self.add(
            f"`mktorg lint`, {roles:,} roles, cache warm, one role file changed: its reporting line",
            span(t["line"]),
            f"cold lint {span(t['cold'])}",
            ratio(t["line"], t["cold"]),
        )

    def diff_and_stats(self, roles: int) -> None:
        """`mktorg diff` of two revisions 50 files apart and `mktorg stats`, against a cold lint."""
        root = self.org(roles)
        in_git = history(root, self.base / f"history{roles}")
        t = paired(
            {
                "lint": lambda: self._cold_lint(root),
                "diff": lambda: run([*CLI, "diff", "HEAD~1", "HEAD", "--org", str(in_git), "--format", "json"]),
                "stats": lambda: run([*CLI, "stats", str(root), "--format", "json"]),
            },
            self.rounds,
        )
        self.add(
            f"`mktorg diff` of two revisions of {roles:,} roles, 50 files apart",
            span(t["diff"]),
            f"cold lint {span(t['lint'])}",
            ratio(t["diff"], t["lint"]) + " (goal ≤ 2.5 ×)",
            diff=t["diff"],
        )
        self.add(
            f"`mktorg stats` on {roles:,} roles",
            span(t["stats"]),
            f"cold lint {span(t['lint'])}",
            ratio(t["stats"], t["lint"]) + " (goal ≤ 1.2 ×)",
            stats=t["stats"],
        )

    def start_up(self) -> None:
        """`mktorg lint data` and `mktorg --help` against `import typer` (and a bare typer command)."""
        data = Path("data")
        t = paired(
            {
                "typer": lambda: run([PY, "-c", "import typer"]),
                "lint": lambda: run([*CLI, "lint", str(data)]),
                "help": lambda: run([*CLI, "--help"]),
                "typer-command": lambda: run([PY, "-c", _TYPER_COMMAND]),
            },
            max(self.rounds, 10),
        )
        floor = f"`import typer` {span(t['typer'], 'ms')}"
        lint, helps = ratio(t["lint"], t["typer"]) + " (goal ≤ 2 ×)", ratio(t["help"], t["typer"]) + " (goal ≤ 1.5 ×)"
        self.add("`mktorg lint data` (35 files, cache warm)", span(t["lint"], "ms"), floor, lint, **t)
        self.add("`mktorg --help`", span(t["help"], "ms"), floor, helps)
        self.add(
            "a typer command that does nothing (typer's own floor)",
            span(t["typer-command"], "ms"),
            floor,
            ratio(t["typer-command"], t["typer"]),
        )

    def books(self) -> None:
        """The books and the chart's DOT at 1,000 and 2,000 roles; a lint of 1,000 in the same rounds."""
        out = self.base / "out"
        # a whole lint (no cache): an unchanged organisation's lint is replayed from the last run
        sides = {"lint1000": _runner([*CLI, "lint", str(self.org(1000)), "--no-cache"])}
        for roles in (1000, 2000):
            root = self.org(roles)
            for fmt in ("docx", "md", "html"):
                sides[f"{fmt}{roles}"] = _runner(
                    [*CLI, "export", str(root), "--format", fmt, "--book", "-o", str(out / f"{fmt}{roles}")]
                )
            sides[f"dot{roles}"] = _runner([*CLI, "chart", str(root), "--format", "dot"])
        t = paired(sides, self.rounds)
        self.add(
            "`export --format docx --book`, 1,000 roles",
            span(t["docx1000"]),
            f"lint {span(t['lint1000'])}; goal ≤ 10 s",
            ratio(t["docx1000"], t["lint1000"]) + " lint (goal ≤ 20 ×)",
            **t,
        )
        for kind in ("docx", "md", "html", "dot"):
            what = "`chart --format dot`" if kind == "dot" else f"`export --format {kind} --book`"
            self.add(
                f"{what}, 2,000 roles",
                span(t[f"{kind}2000"]),
                f"1,000 roles {span(t[f'{kind}1000'])}",
                ratio(t[f"{kind}2000"], t[f"{kind}1000"]) + " (goal ≤ 2.3 ×)",
            )

    def yamllint(self, roles: int) -> None:
        """yamllint (its own venv, its default output) against mktorg lint, no cache."""
        program = peer(self.base, "yamllint", "yamllint")
        if program is None:
            self.add("peer: yamllint", "not installed", "", "")
            return
        root = self.org(roles)
        t = paired(
            {"yamllint": lambda: run([program, str(root)]), "mktorg": lambda: self._cold_lint(root)},
            max(3, self.rounds // 2),
        )
        self.add(
            f"peer: `yamllint` (default output), {roles:,} roles",
            span(t["yamllint"]),
            f"`mktorg lint`, no cache yet {span(t['mktorg'])}",
            f"mktorg {med(t['yamllint']) / med(t['mktorg']):.1f} × faster",
            **t,
        )

    def memory(self, roles: int) -> None:
        """Peak PSS of the whole process tree: a cold lint with the helper, and on one CPU."""
        root = self.org(roles)
        shutil.rmtree(root / ".mktorg_cache", ignore_errors=True)
        both = tree_pss_peak([*CLI, "lint", str(root), "-f", "json", "--no-cache"])
        one = tree_pss_peak(["taskset", "-c", "0", *CLI, "lint", str(root), "-f", "json", "--no-cache"])
        warm = tree_pss_peak([*CLI, "lint", str(root), "-f", "json"])  # writes the cache (cold) ...
        warm = tree_pss_peak([*CLI, "lint", str(root), "-f", "json"])  # ... then reads it
        gib = 1024**3
        self.add(
            f"peak PSS, whole process tree, lint of {roles:,} roles",
            f"{both / gib:.2f} GiB (two CPUs allowed) / {one / gib:.2f} GiB (`taskset -c 0`) / "
            f"{warm / gib:.2f} GiB (cache warm)",
            "goal ≤ 1 GiB" if roles >= 100_000 else "",
            "",
            helper=both,
            one_cpu=one,
            warm=warm,
        )

    def helper(self, roles: int) -> None:
        """Does the forked helper pay? A lint allowed two CPUs against one held to CPU 0, with nothing
        else started and with a process spinning on CPU 1 (the helper forks only when a CPU is free)."""
        root = self.org(roles)
        one = ["taskset", "-c", "0", *CLI, "lint", str(root), "-f", "json", "--no-cache"]
        two = [*CLI, "lint", str(root), "-f", "json", "--no-cache"]
        quiet = paired({"one": lambda: run(one), "two": lambda: run(two)}, self.rounds)
        spinner = subprocess.Popen(["taskset", "-c", "1", PY, "-c", "while True: pass"])
        try:
            busy = paired({"one": lambda: run(one), "two": lambda: run(two)}, self.rounds)
        finally:
            spinner.kill()
            spinner.wait()
        for label, t in (("nothing else started", quiet), ("a process spinning on CPU 1", busy)):
            self.add(
                f"lint of {roles:,} roles, no cache, {label}",
                f"two CPUs allowed {span(t['two'])}",
                f"`taskset -c 0` {span(t['one'])}",
                ratio(t["two"], t["one"]),
                **t,
            )


_TYPER_COMMAND = (
    "import typer\n"
    "from pathlib import Path\n"
    "from typing import Annotated\n"
    "app = typer.Typer(add_completion=False)\n"
    "@app.command()\n"
    "def lint(org: Annotated[Path, typer.Argument()] = Path('.'), fmt: str = 'text',\n"
    "         select: list[str] | None = None, strict: bool = False):\n"
    "    pass\n"
    "@app.command()\n"
    "def other(): pass\n"
    "app(['lint', 'data'], standalone_mode=False)\n"
)
"""typer's own floor: a command with mktorg lint's kinds of parameter that does nothing (it must
succeed: a failing one measures typer's traceback rendering instead)."""


def _table(rows: list[Row]) -> str:
    head = "| what | measured (median [range]) | floor / goal | ratio |\n|---|---:|---|---:|\n"
    return head + "".join("| " + " | ".join(row) + " |\n" for row in rows)


def _machine() -> str:
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return f"{os.cpu_count()} CPUs, load average before the run {load}, Python {sys.version.split()[0]}"


def main(argv: list[str] | None = None) -> None:
    """Run the measurements; write the table to the output folder (and the docs page if asked)."""
    parser = argparse.ArgumentParser(prog="python -m mktorg.devtools.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("out/bench"), help="folder for the table and the figures")
    parser.add_argument("--orgs", type=Path, default=Path(os.environ.get("MKTORG_BENCH_DIR", "bench-orgs")))
    parser.add_argument("--rounds", type=int, default=5, help="paired rounds per comparison")
    parser.add_argument("--quick", action="store_true", help="1,000 and 2,000 roles only (no 10k, 100k, peers)")
    parser.add_argument("--write-docs", action="store_true", help="also rewrite docs/performance.md")
    args = parser.parse_args(argv)
    machine = _machine()
    bench = Bench(args.orgs, args.rounds)
    bench.start_up()
    bench.books()
    bench.lint_against_parse(1000)
    if not args.quick:
        bench.lint_against_parse(10_000)
        bench.warm_lint(10_000)
        bench.diff_and_stats(10_000)
        bench.helper(10_000)
        bench.yamllint(10_000)
        bench.memory(10_000)
        bench.memory(100_000)
    table = _table(bench.rows)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "performance.md").write_text(f"Machine: {machine}.\n\n{table}", encoding="utf-8")
    (args.out / "figures.json").write_text(json.dumps(bench.figures, indent=1), encoding="utf-8")
    print(f"\n{table}\nwritten to {args.out}/")
    if args.write_docs:
        _write_docs(table, machine)


def _write_docs(table: str, machine: str) -> None:
    doc = Path("docs/performance.md")
    text = doc.read_text(encoding="utf-8")
    start, end = "<!-- bench:start -->", "<!-- bench:end -->"
    if start in text and end in text:
        before, rest = text.split(start, 1)
        after = rest.split(end, 1)[1]
        text = f"{before}{start}\nMachine: {machine}.\n\n{table}{end}{after}"
    else:
        text = f"{text.rstrip()}\n\n{start}\nMachine: {machine}.\n\n{table}{end}\n"
    doc.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
