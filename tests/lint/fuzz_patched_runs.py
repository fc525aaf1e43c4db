"""Scripted fuzzer (not collected by pytest; `make fuzz` runs it): random edit sequences on copies
of the examples, fixtures and data, comparing `mktorg lint` (with the cache: replayed, patched or
full) with `--no-cache` after every edit, in subprocesses, with runs inside and outside the racy
second. Prints the edit log of the first difference and keeps its outputs.

    python tests/lint/fuzz_patched_runs.py FIRST_SEED COUNT STEPS
"""

import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
PY = sys.executable
ENV = dict(os.environ, PYTHONPATH=str(ROOT / "src"), NO_COLOR="1")
WORK = Path(tempfile.gettempdir()) / "mktorg-fuzz"
SRC = [p for p in sorted((ROOT / "examples").iterdir()) if p.is_dir()]
SRC += [ROOT / "tests" / "fixtures" / "every-key", ROOT / "data"]
SRC += [p for p in sorted((ROOT / "tests" / "fixtures" / "seeds").iterdir()) if p.is_dir()]
CODES = ["MK102", "MK201", "MK209", "MK306", "MK302", "MK511", "MK504", "MK304", "MK2", "MK3", "span-too-narrow"]

TEXTS = [
    "负责市场调研",
    "负责市场调研工作",
    "负责 市场调研",
    "1、负责品牌宣传",
    "负责品牌宣传",
    "完成上级交办的其他工作",
    "协助经理",
    "负责VI体系建立",
    "负责VI体系的建立",
    "待定",
    "市场,调研",
]


def run(org: Path, cached: bool, fmt: str, extra: list[str], cwd: str) -> tuple[int, str, str]:
    start = [str(WORK / "runlint.py")] if cached else ["-m", "mktorg"]
    args = [PY, *start, "lint", str(org), "-f", fmt, *extra]
    if not cached:
        args.append("--no-cache")
    env = dict(ENV, PATCHLOG=str(org.parent / "patchlog"))
    p = subprocess.run(args, capture_output=True, text=True, env=env, cwd=cwd)
    return p.returncode, p.stdout, p.stderr


def files(org: Path) -> list[Path]:
    return sorted(p for k in ("roles", "departments", "processes") for p in (org / k).rglob("*.y*ml") if p.is_file())


def ids(org: Path, kind: str) -> list[str]:
    return [p.stem for p in (org / kind).rglob("*.y*ml")] if (org / kind).exists() else []


def load(p: Path):
    try:
        return yaml.safe_load(p.read_text("utf-8-sig"))
    except Exception:
        return None


def dump(data, rnd: random.Random) -> str:
    return yaml.safe_dump(
        data, allow_unicode=True, sort_keys=rnd.random() < 0.3, default_flow_style=rnd.choice([False, None, True])
    )


def edit_role(data: dict, org: Path, rnd: random.Random) -> None:
    roles, depts = ids(org, "roles"), ids(org, "departments")
    op = rnd.randrange(22)
    if op == 0:
        data["reports_to"] = rnd.choice(roles + ["nobody"])
    elif op == 1:
        data.pop("reports_to", None)
    elif op == 2:
        data["department"] = rnd.choice(depts + ["nodept"])
    elif op == 3:
        data["headcount"] = rnd.choice([0, 1, 2, 3, 12, "N", {"min": 1, "max": 3}, {"min": 2, "max": 2}])
    elif op == 4:
        data["level"] = rnd.choice(["经理", "专员", "主管", "总监"])
    elif op == 5:
        data["order"] = rnd.randrange(5)
    elif op == 6:
        data["external"] = not data.get("external", False)
    elif op == 7:
        duties = data.setdefault("duties", [])
        duties.insert(rnd.randrange(len(duties) + 1), rnd.choice(TEXTS))
    elif op == 8:  # copy a duty of another role
        other = load(rnd.choice(files(org)))
        if isinstance(other, dict) and other.get("duties"):
            data.setdefault("duties", []).append(rnd.choice(other["duties"]))
    elif op == 9 and data.get("duties"):  # string <-> mapping
        i = rnd.randrange(len(data["duties"]))
        d = data["duties"][i]
        data["duties"][i] = {"text": d} if isinstance(d, str) else d.get("text", "x") if isinstance(d, dict) else d
    elif op == 10 and data.get("duties"):
        data["duties"].pop(rnd.randrange(len(data["duties"])))
    elif op == 11:
        data["duties"] = data.get("duties", []) + [
            {"text": rnd.choice(TEXTS), "type": "supporting", "supports": rnd.choice(roles)}
        ]
    elif op == 12:
        v = rnd.sample(roles, min(len(roles), rnd.randrange(1, 3)))
        data["dotted_to"] = v[0] if rnd.random() < 0.5 else v
    elif op == 13:
        data["code"] = rnd.choice(["MKT-1", "mkt-1 ", "MKT-2"])
    elif op == 14:
        data["authorities"] = [] if data.get("authorities") else ["分配权"]
    elif op == 15:
        data["title"] = rnd.choice(["市场主管", "市场经理", {"zh": "市场经理", "en": "Manager"}, "专员"])
    elif op == 16:
        data["concurrent"] = [rnd.choice(roles + ["ghost"])]
    elif op == 17 and data.get("duties"):
        rnd.shuffle(data["duties"])
    elif op == 18:
        data["summary"] = rnd.choice(TEXTS)
    elif op == 19:
        data["relations"] = {"internal": [{"with": rnd.choice(roles + depts + ["ghost"])}, "text"]}
    elif op == 20:
        data["duties"] = data.get("duties", []) + [
            {"text": rnd.choice(TEXTS), "function": rnd.choice(["f", "brand", "x/f"])}
        ]
    elif op == 21:
        data["kpis"] = [{"name": "a", "weight": 50}, {"name": "b", "weight": rnd.choice([50, 60])}]


def edit_dept(data: dict, org: Path, rnd: random.Random) -> None:
    roles, depts = ids(org, "roles"), ids(org, "departments")
    op = rnd.randrange(7)
    if op == 0:
        data["head"] = rnd.choice(roles + ["ghost"])
    elif op == 1:
        data["parent"] = rnd.choice(depts + ["nodept"])
    elif op == 2:
        data.pop("parent", None)
    elif op == 3:
        data["headcount_budget"] = rnd.randrange(0, 6)
    elif op == 4:
        data["external"] = not data.get("external", False)
    elif op == 5:
        data["functions"] = [{"id": "f", "name": "调研"}, {"id": "brand", "name": "品牌"}][: rnd.randrange(3)]
    elif op == 6:
        data["order"] = rnd.randrange(4)


def edit_proc(data: dict, org: Path, rnd: random.Random) -> None:
    roles = ids(org, "roles")
    steps = data.setdefault("steps", [])
    if not steps or rnd.random() < 0.3:
        steps.append({"id": f"s{len(steps)}", "name": "步骤"})
    s = rnd.choice(steps)
    s[rnd.choice(["responsible", "accountable"])] = rnd.choice(
        [rnd.choice(roles), rnd.sample(roles, min(2, len(roles)))]
    )


def mutate(org: Path, rnd: random.Random, log: list) -> None:
    fs = files(org)
    p = rnd.choice(fs)
    text = p.read_bytes().decode("utf-8", "replace")
    kind = p.relative_to(org).parts[0]
    op = rnd.randrange(14)
    if op <= 5:
        data = load(p)
        if not isinstance(data, dict):
            return
        {"roles": edit_role, "departments": edit_dept, "processes": edit_proc}[kind](data, org, rnd)
        new = dump(data, rnd)
        if rnd.random() < 0.5:  # keep the leading comments
            new = "".join(l + "\n" for l in text.splitlines()[:3] if l.startswith("#")) + new
        p.write_text(new, "utf-8")
        log.append(("struct", str(p.relative_to(org))))
    elif op == 6:
        code = rnd.choice(CODES)
        lines = text.splitlines(keepends=True)
        i = rnd.randrange(len(lines) + 1)
        where = rnd.choice(["top", "line"])
        if where == "top":
            lines.insert(0, f"# mktorg: ignore[{code}]\n")
        elif lines:
            i = min(i, len(lines) - 1)
            lines[i] = lines[i].rstrip("\r\n") + f"  # mktorg: ignore[{code}]\n"
        p.write_text("".join(lines), "utf-8")
        log.append(("suppress", str(p.relative_to(org)), where, code))
    elif op == 7:  # drop suppressions
        p.write_text("".join(l for l in text.splitlines(True) if "mktorg:" not in l), "utf-8")
        log.append(("unsuppress", str(p.relative_to(org))))
    elif op == 8:  # insert blank/comment lines at a random place between top-level keys
        lines = text.splitlines(keepends=True)
        tops = [i for i, l in enumerate(lines) if l[:1].isalpha()] or [0]
        i = rnd.choice(tops)
        lines.insert(i, rnd.choice(["\n", "# note\n", "\n\n"]))
        p.write_text("".join(lines), "utf-8")
        log.append(("insert-lines", str(p.relative_to(org)), i))
    elif op == 9:
        p.write_bytes(text.replace("\r\n", "\n").replace("\n", "\r\n").encode())
        log.append(("crlf", str(p.relative_to(org))))
    elif op == 10:
        raw = p.read_bytes()
        p.write_bytes(raw[3:] if raw.startswith(b"\xef\xbb\xbf") else b"\xef\xbb\xbf" + raw)
        log.append(("bom", str(p.relative_to(org))))
    elif op == 11:
        os.utime(p)
        log.append(("touch", str(p.relative_to(org))))
    elif op == 12:  # break / unbreak
        if text.startswith("title: [\n"):
            p.write_text(text[len("title: [\n") :], "utf-8")
        else:
            p.write_text("title: [\n" + text, "utf-8")
        log.append(("break", str(p.relative_to(org))))
    elif op == 13:  # org.yaml tweak
        o = org / "org.yaml"
        data = load(o) if o.exists() else {}
        data = data if isinstance(data, dict) else {}
        lint = data.setdefault("lint", {})
        c = rnd.randrange(3)
        if c == 0:
            lint["span_of_control"] = {"min": rnd.randrange(1, 4), "max": rnd.randrange(3, 10)}
        elif c == 1:
            lint["rules"] = {rnd.choice(["MK209", "MK3", "MK504"]): rnd.choice(["off", "error", "warning"])}
        else:
            data["levels"] = ["总监", "经理", "主管", "专员"]
        o.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
        log.append(("org.yaml", c))


def main(seed: int, steps: int) -> int:
    rnd = random.Random(seed)
    src = rnd.choice(SRC)
    base = WORK / f"w{seed}"
    shutil.rmtree(base, ignore_errors=True)
    org = base / "org"
    shutil.copytree(src, org, ignore=shutil.ignore_patterns(".mktorg_cache"))
    log: list = [("src", str(src))]
    extra: list[str] = []
    for step in range(steps):
        if step and rnd.random() < 0.9:
            for _ in range(rnd.choice([1, 1, 1, 2, 3])):
                mutate(org, rnd, log)
        if rnd.random() < 0.08:
            extra = rnd.choice([[], [], ["--select", "MK2,MK3"], ["--ignore", "MK504"], ["--strict"]])
            log.append(("extra", extra))
        fmt = rnd.choice(["json", "json", "json", "text", "sarif"])
        if rnd.random() < 0.4:
            time.sleep(1.1)
        cwd = rnd.choice([str(WORK), str(base)])
        got = run(org, True, fmt, extra, cwd)
        if rnd.random() < 0.3:
            got = run(org, True, fmt, extra, cwd)
            log.append(("twice",))
        want = run(org, False, fmt, extra, cwd)
        if got != want or "Traceback" in got[2]:
            print(json.dumps({"seed": seed, "step": step, "log": log}, ensure_ascii=False))
            (base / "got.txt").write_text(f"{got[0]}\n{got[1]}\n{got[2]}")
            (base / "want.txt").write_text(f"{want[0]}\n{want[1]}\n{want[2]}")
            return 1
    try:
        pl = (base / "patchlog").read_text().split()
    except OSError:
        pl = []
    print("patched", pl.count("patched"), "declined", pl.count("declined"), flush=True)
    shutil.rmtree(base, ignore_errors=True)
    return 0


RUNLINT = r"""
import os, sys, runpy
import mktorg.lint.incremental as inc
_orig = inc.patch
def spy(*a):
    r = _orig(*a)
    with open(os.environ.get("PATCHLOG", "/dev/null"), "a") as f:
        f.write("patched\n" if r is not None else "declined\n")
    return r
inc.patch = spy
sys.argv[0] = "mktorg"
runpy.run_module("mktorg", run_name="__main__")
"""
"""Runs mktorg, noting in $PATCHLOG whether each lint patched the kept run."""


if __name__ == "__main__":
    start, count, steps = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    WORK.mkdir(parents=True, exist_ok=True)
    (WORK / "runlint.py").write_text(RUNLINT, encoding="utf-8")
    fails = 0
    for s in range(start, start + count):
        fails += main(s, steps)
        print("seed", s, "done", flush=True)
    print("fails", fails)
    sys.exit(1 if fails else 0)
