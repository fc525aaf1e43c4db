"""`make bench`: its measuring parts, on small inputs (the figures themselves come from the bench)."""

import sys
from pathlib import Path

import pytest

from mktorg.devtools import bench
from mktorg.lint.engine import lint
from mktorg.load.loader import load_org


def test_generated_organisations_lint_without_errors(tmp_path: Path) -> None:
    bench.generate(tmp_path / "org", 60)
    result = lint(load_org(tmp_path / "org"))
    assert result.counts["roles"] == 60 and not [d for d in result.diagnostics if d.severity.value == "error"]


def test_paired_runs_alternate_and_use_one_statistic() -> None:
    order: list[str] = []
    times = bench.paired({"a": lambda: order.append("a") or 1.0, "b": lambda: order.append("b") or 3.0}, 3)
    assert order == ["a", "b"] * 3 and times == {"a": [1.0] * 3, "b": [3.0] * 3}
    assert bench.ratio(times["b"], times["a"]) == "3.00 ×" and bench.span([1.0, 2.0, 4.0]) == "2.00 s [1.00–4.00]"


@pytest.mark.skipif(not Path("/proc/self/smaps_rollup").exists(), reason="PSS needs Linux /proc")
def test_memory_counts_the_forked_children_too() -> None:
    grow = "b = bytearray(200 * 2**20); b[::4096] = b'x' * len(b[::4096]); import time; time.sleep(0.8)"
    alone = bench.tree_pss_peak([sys.executable, "-c", grow])
    forked = bench.tree_pss_peak([sys.executable, "-c", f"import os\nos.fork()\n{grow}"])
    assert alone > 150 * 2**20 and forked > alone + 100 * 2**20


def test_the_docs_table_is_replaced_between_its_markers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    page = tmp_path / "docs" / "performance.md"
    page.write_text("# Performance\n\nintro\n", encoding="utf-8")
    bench._write_docs("| a |\n", "2 CPUs")
    bench._write_docs("| b |\n", "2 CPUs")
    text = page.read_text(encoding="utf-8")
    assert text.startswith("# Performance\n\nintro\n") and "| b |" in text and "| a |" not in text


def test_the_typer_floor_command_succeeds() -> None:
    """A floor that fails measures typer's traceback rendering, not typer (it did: 3.95 ×)."""
    import subprocess
    import sys

    from mktorg.devtools.bench import _TYPER_COMMAND

    done = subprocess.run([sys.executable, "-c", _TYPER_COMMAND], capture_output=True, text=True, check=False)
    assert (done.returncode, done.stderr) == (0, "")


def test_growth_writes_the_tracked_page_only_when_asked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`make bench` leaves a clean clone clean: the growth table goes to out/ unless --write-docs."""
    from mktorg.devtools import growth

    monkeypatch.setattr(growth, "growth_table", lambda: "| table |\n")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    growth.main(["--out", "out/bench"])
    assert (tmp_path / "out/bench/growth.md").read_text(encoding="utf-8").count("| table |") == 1
    assert not (tmp_path / "docs/growth.md").exists()
    growth.main(["--out", "out/bench", "--write-docs"])
    assert "| table |" in (tmp_path / "docs/growth.md").read_text(encoding="utf-8")
