"""`make bench`: synthetic organisations of 1,000 and 10,000 roles; lint time next to the bare parse."""

import os
import random
import subprocess
import sys
import time
from pathlib import Path

import yaml

DUTIES = [
    "制定区域市场推广计划并组织实施",
    "收集竞争对手与客户反馈信息",
    "编制月度销售数据分析报告",
    "维护重点客户关系",
    "组织推广活动的执行与效果评估",
    "跟进合同执行与货款回收",
    "负责渠道成员的开发与维护",
    "完成上级交办的其他工作",
]


def generate(root: Path, roles: int) -> None:
    """Write an organisation: departments in a tree of six, 20 roles each, Chinese duties."""
    rng = random.Random(roles)
    departments = max(1, roles // 20)
    (root / "org.yaml").parent.mkdir(parents=True, exist_ok=True)
    (root / "org.yaml").write_text("name: 全国销售网络\nlint: {span_of_control: {max: 40}, max_layers: 12}\n", "utf-8")
    for d in range(departments):
        parent = f"parent: D{(d - 1) // 6:04d}\n" if d else ""
        path = root / "departments" / f"D{d:04d}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            f"name: 销售{d}部\n{parent}head: R{d * 20:05d}\nfunctions:\n  - {{id: sales, name: 销售管理}}\n", "utf-8"
        )
        for i in range(20):
            r = d * 20 + i
            if i == 0:
                boss = f"reports_to: R{((d - 1) // 6) * 20:05d}\n" if d else ""
            else:
                boss = f"reports_to: R{d * 20 + (i - 1) // 6:05d}\n"
            duties = (
                "".join(f"  - {DUTIES[(r + k) % 7]}（第{k}项）\n" for k in range(6)) + "  - 完成上级交办的其他工作\n"
            )
            fn = "  - {text: 负责本部门销售管理, function: sales}\n" if i == 0 else ""
            text = (
                f"title: 销售岗位{r}\ndepartment: D{d:04d}\n{boss}headcount: {1 if i < 4 else rng.randint(1, 3)}\n"
                f"level: 专员\nduties:\n{fn}{duties}authorities: [本部门工作分配权]\nqualifications:\n"
                f"  education: 本科及以上\n  experience_years: 3\n  skills: [数据分析, 沟通能力]\n"
                f"kpis:\n  - {{name: 销售目标达成率, weight: 60}}\n  - {{name: 回款率, weight: 40}}\n"
            )
            path = root / "roles" / f"D{d:04d}" / f"R{r:05d}.yaml"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, "utf-8")


def bare_parse(root: Path) -> float:
    """Seconds to read and parse every file with PyYAML's libyaml CSafeLoader."""
    files = [Path(d) / f for d, _, fs in os.walk(root) for f in fs if f.endswith(".yaml")]
    start = time.perf_counter()
    for path in files:
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
    return time.perf_counter() - start


def timed(args: list[str]) -> float:
    """Median wall time of a command over three runs."""
    runs = []
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        runs.append(time.perf_counter() - start)
    return sorted(runs)[1]


def main() -> None:
    """Print lint time against bare parse for 1,000 and 10,000 roles."""
    base = Path(os.environ.get("MKTORG_BENCH_DIR", "bench-orgs"))
    mktorg = [sys.executable, "-m", "mktorg"]
    print("| roles | bare CSafeLoader parse (s) | mktorg lint (s) | ratio | chart --format dot (s) |")
    print("|---:|---:|---:|---:|---:|")
    for roles in (1000, 10000):
        root = base / f"org{roles}"
        if not (root / "org.yaml").exists():
            generate(root, roles)
        parse = min(bare_parse(root) for _ in range(3))
        lint = timed([*mktorg, "lint", str(root), "--format", "json"])
        chart = timed([*mktorg, "chart", str(root), "--format", "dot"])
        print(f"| {roles:,} | {parse:.2f} | {lint:.2f} | {lint / parse:.2f} | {chart:.2f} |")


if __name__ == "__main__":
    main()
