"""Every example lints without errors and with exactly the warnings its README lists."""

import re
from pathlib import Path

import pytest

from mktorg.lint.engine import lint
from mktorg.load.loader import load_org
from tests.helpers import ROOT

EXAMPLES = sorted(p.parent for p in (ROOT / "examples").glob("*/org.yaml"))


def test_there_are_twelve_examples() -> None:
    assert len(EXAMPLES) >= 12


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.name for e in EXAMPLES])
def test_example_findings_match_readme(example: Path) -> None:
    readme = (example / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```findings\n(.*?)```", readme, re.S)
    assert block, "README.md needs a ```findings block"
    expected = sorted(line for line in block.group(1).splitlines() if line.strip())
    result = lint(load_org(example))
    assert [d for d in result.diagnostics if d.severity.value == "error"] == []
    found = sorted(f"{d.file}:{d.line} {d.code}" for d in result.diagnostics if d.severity.value == "warning")
    assert found == expected


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.name for e in EXAMPLES])
def test_every_file_names_its_source(example: Path) -> None:
    for path in [*example.glob("departments/*.yaml"), *example.glob("roles/*.yaml"), *example.glob("processes/*.yaml")]:
        assert "# source:" in path.read_text(encoding="utf-8") or "# Context" in path.read_text(encoding="utf-8"), path


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.name for e in EXAMPLES])
def test_every_file_points_at_its_schema(example: Path) -> None:
    for path in example.rglob("*.yaml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        assert (path.parent / first.split("$schema=")[1]).resolve().is_file(), path
