"""README.md for a newcomer: what `make demo` prints, and the first run-through, as they really are."""

import re
import shlex
import shutil
from pathlib import Path

import pytest

from tests.helpers import ROOT, run_cli

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _block_after(heading: str) -> str:
    section = README.split(heading, 1)[1]
    match = re.search(r"```(?:sh)?\n(.*?)```", section, re.S)
    assert match, heading
    return match.group(1)


def test_demo_output_in_the_readme_is_what_make_demo_prints(tmp_path: Path) -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "$(BIN)/mktorg lint $(ORG)\n" in makefile
    assert "$(BIN)/mktorg export $(ORG) --format docx -o $(OUT)/jd\n" in makefile
    summary, wrote = [line for line in _block_after("It prints, among the commands it runs:").splitlines() if line]
    _, err = run_cli("lint", str(ROOT / "data"))
    assert summary in err.splitlines()
    _, err = run_cli("export", str(ROOT / "data"), "--format", "md", "-o", str(tmp_path / "out" / "jd"))
    assert wrote.replace("out/jd", str(tmp_path / "out" / "jd")) in err.splitlines()


def test_the_counts_in_the_readme_are_those_of_data() -> None:
    from mktorg.lint.engine import lint
    from mktorg.load.loader import load_org

    counts = lint(load_org(ROOT / "data")).counts
    words = {1: "one"}
    sentence = (
        f"{counts['files']} files: `org.yaml`, {counts['departments']} departments, {counts['roles']} roles "
        f"and {words.get(counts['processes'], counts['processes'])} process"
    )
    assert sentence in " ".join(README.split())


def test_the_first_run_through_works_as_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lines = [line.split("  #")[0].strip() for line in _block_after("## A first run-through").splitlines()]
    lines = [line for line in lines if line]
    assert 6 <= len(lines) <= 10
    monkeypatch.chdir(tmp_path)
    for line in lines:
        args = shlex.split(line)
        if args[0] == "cd":
            monkeypatch.chdir(Path.cwd() / args[1])
        elif args[0] == "mktorg":
            if args[1] == "chart" and shutil.which("dot") is None:
                continue
            run_cli(*args[1:])
        else:
            assert args[0] == "$EDITOR", line
    assert (tmp_path / "acme" / "out" / "book.docx").is_file()
    assert len(list((tmp_path / "acme" / "out" / "jd").glob("*.docx"))) >= 5


def test_the_readme_says_how_to_run_mktorg() -> None:
    assert ". .venv/bin/activate" in README
    assert "pipx install /path/to/mktorg" in README and "pip install /path/to/mktorg" in README
    examples = len(list((ROOT / "examples").glob("*/org.yaml")))
    number = {9: "nine", 10: "ten", 11: "eleven", 12: "twelve"}.get(examples, str(examples))
    assert f"`examples/` holds {number} organisations" in README
