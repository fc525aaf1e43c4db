"""Outputs are byte-identical across processes, whatever the hash seed (set and dict order)."""

import os
import subprocess
import sys
from pathlib import Path

from tests.helpers import ROOT, make_org


def _run(seed: str, *args: str) -> bytes:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run([sys.executable, "-m", "mktorg", *args], env=env, capture_output=True, check=False)
    assert done.returncode in (0, 1), done.stderr
    return done.stdout


def test_dot_json_and_markdown_do_not_depend_on_the_hash_seed(tmp_path: Path) -> None:
    broken = make_org(
        tmp_path, {"roles/staff.yaml": "title: 平 面\ndepartment: nowhere\nduties: [1、参和调研, 调研]\n"}
    )
    commands = [
        ("chart", str(ROOT / "data"), "--format", "dot"),
        ("chart", str(ROOT / "data"), "--format", "dot", "--view", "departments"),
        ("lint", str(broken), "--format", "json"),
        ("lint", str(ROOT / "examples" / "market-building"), "--format", "sarif"),
    ]
    for command in commands:
        outputs = {_run(seed, *command) for seed in ("1", "2", "3")}
        assert len(outputs) == 1 and outputs != {b""}, command
    books = []
    for seed in ("1", "2"):
        out = tmp_path / f"book{seed}"
        _run(seed, "export", str(ROOT / "data"), "--format", "md", "--book", "-o", str(out))
        books.append((out / "book.md").read_bytes())
    assert books[0] == books[1]
