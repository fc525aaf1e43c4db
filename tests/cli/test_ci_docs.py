"""The commands shown in docs/ci.md and .pre-commit-hooks.yaml work as documented."""

import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.helpers import ROOT, run_cli

DOC = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
COMMANDS = sorted({m.strip() for m in re.findall(r"(?:^|run: |- )(mktorg [^\n>]*?)(?: >.*)?$", DOC, re.M)})


def test_commands_were_found() -> None:
    assert "mktorg lint org --format github --strict" in COMMANDS
    assert "mktorg lint org --format sarif" in COMMANDS
    assert 'mktorg diff "$BASE" HEAD --org org --format markdown' in COMMANDS
    assert len(COMMANDS) >= 8


@pytest.mark.parametrize("command", COMMANDS)
def test_documented_command_runs(tmp_path: Path, command: str) -> None:
    org = tmp_path / "org"
    shutil.copytree(ROOT / "data", org)
    args = [str(org) if a == "org" else a for a in shlex.split(command)[1:]]
    args = [str(tmp_path / a) if a.startswith("out/") else a for a in args]
    if args[0] == "chart" and shutil.which("dot") is None:
        pytest.skip("Graphviz is not installed")
    if args[0] == "diff":  # the pull request's base is the commit before HEAD
        _two_commits(tmp_path, org)
        args = ["HEAD~1" if a == "$BASE" else a for a in args]
    run_cli(*args)


def _two_commits(repo: Path, org: Path) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "a", "GIT_AUTHOR_EMAIL": "a@b", "GIT_COMMITTER_NAME": "a"}
    env |= {"GIT_COMMITTER_EMAIL": "a@b", "GIT_CONFIG_GLOBAL": os.devnull}
    for step in ("base", "change"):
        if step == "change":
            (org / "roles" / "market" / "pricing-specialist.yaml").unlink()
        for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", step]):
            if step == "change" and args[0] == "init":
                continue
            subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def test_pre_commit_hooks() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    entries = {h["id"]: h["entry"] for h in hooks}
    assert entries == {"mktorg-lint": "mktorg lint", "mktorg-fix": "mktorg lint --fix"}
    for hook in hooks:
        assert hook["language"] == "python" and hook["pass_filenames"] is False
        assert re.search(hook["files"], "roles/a.yaml") and re.search(hook["files"], "org.yml")


def test_github_annotations_are_escaped(tmp_path: Path) -> None:
    from mktorg.diagnostics import Diagnostic, Severity
    from mktorg.lint.engine import LintResult
    from mktorg.lint.reporters.github import render

    class Out(list[str]):
        def write(self, text: str) -> None:
            self.append(text)

    out = Out()
    diagnostic = Diagnostic(
        "MK102", "unknown-role", Severity.ERROR, "50% done\nnext, line: x", "roles/a,b:c.yaml", 3, 5
    )
    render(LintResult([diagnostic], {}, {}), out)  # type: ignore[arg-type]
    assert out[0] == (
        "::error file=roles/a%2Cb%3Ac.yaml,line=3,col=5,title=MK102 unknown-role::50%25 done%0Anext, line: x\n"
    )
