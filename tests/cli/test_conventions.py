"""CLI conventions: ORG is the current folder by default, help names values not Python types, warnings on stderr."""

import json
import re
import shutil
from pathlib import Path

import pytest
import typer

from mktorg.cli.app import app
from mktorg.cli.notices import installed_fonts
from tests.helpers import ROOT, make_org, run_cli

COMMANDS = ["lint", "rules", "schema", "chart", "export", "init", "import", "mv", "rename", "stats", "diff"]


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_shows_no_python_types(command: str | None) -> None:
    out, _ = run_cli(*([command] if command else []), "--help")
    assert not re.search(r"<(?:bool|str|int|float|path|list|dir|file)\b", out), out
    assert not re.search(r"\{[a-z_]+\}", out), out


def _metavars() -> dict[tuple[str, str], str]:
    group = typer.main.get_command(app)
    ctx = typer.Context(group)
    return {
        (name, param.opts[0]): param.metavar
        for name, command in group.commands.items()  # type: ignore[attr-defined]
        for param in command.get_params(ctx)
    }


def test_choices_are_shown_as_the_values_accepted() -> None:
    from mktorg.init.template import template_names
    from mktorg.lint.reporters import FORMATS as LINT_FORMATS
    from mktorg.render.chart.graphviz import FORMATS as CHART_FORMATS
    from mktorg.render.export import FORMATS as EXPORT_FORMATS

    metavars = _metavars()
    assert metavars["lint", "--format"] == "[" + "|".join(LINT_FORMATS) + "]"
    assert metavars["chart", "--format"] == "[" + "|".join(CHART_FORMATS) + "]"
    assert metavars["export", "--format"] == "[" + "|".join(EXPORT_FORMATS) + "]"
    assert metavars["init", "--template"] == "[" + "|".join(template_names()) + "]"
    assert metavars["init", "--lang"] == "[zh|en]"
    assert metavars["stats", "--format"] == "[text|markdown|json|csv]"
    assert metavars["stats", "--table"] == "[departments|levels|employment|spans|layers|functions|duties|cost]"
    assert metavars["diff", "--format"] == "[text|markdown|json]"
    assert metavars["chart", "--diff"] == "REV" and metavars["diff", "old"] == "OLD"
    assert metavars["lint", "org"] == metavars["chart", "org"] == metavars["export", "org"] == "ORG"
    assert metavars["stats", "org"] == metavars["diff", "--org"] == "ORG"
    assert metavars["init", "directory"] == "DIR"
    assert metavars["lint", "--strict"] == ""


def test_lint_help_reads_like_git(tmp_path: Path) -> None:
    out, _ = run_cli("lint", "--help")
    assert "mktorg lint [OPTIONS] [ORG]" in out
    assert "[text|json|github|sarif]" in out
    out, _ = run_cli("init", "--help")
    assert "mktorg init [OPTIONS] DIR" in out


def test_org_defaults_to_the_current_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    org = make_org(tmp_path, {})
    monkeypatch.chdir(org)
    _, err = run_cli("lint")
    assert "0 error(s)" in err
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.chdir(empty)
    _, err = run_cli("lint", expect=2)
    assert "holds no organisation" in err
    monkeypatch.chdir(org)
    out, _ = run_cli("stats", "--format", "json")
    assert json.loads(out)["total"]["roles"] == 2  # the two roles of the folder it runs in


def test_makefile_demo_names_the_bundled_organisation() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "ORG     ?= data" in makefile
    demo = makefile.split("demo: setup", 1)[1].split("\n\n", 1)[0]
    assert all("$(ORG)" in line for line in demo.splitlines() if "mktorg " in line)


def test_setuptools_gets_an_spdx_licence() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'license = "MIT"' in pyproject
    assert '"setuptools>=77"' in pyproject


@pytest.mark.skipif(shutil.which("fc-list") is None or shutil.which("dot") is None, reason="needs fc-list and dot")
def test_a_font_that_is_not_installed_is_a_warning(tmp_path: Path) -> None:
    installed_fonts.cache_clear()
    org = make_org(tmp_path, {})
    _, err = run_cli("chart", str(org), "--font", "No Such Font 123", "-o", str(tmp_path / "a.svg"))
    assert "warning: font 'No Such Font 123' is not installed" in err
    assert (tmp_path / "a.svg").is_file()
    _, err = run_cli("chart", str(org), "-o", str(tmp_path / "b.svg"))
    assert "warning" not in err


def test_a_language_missing_from_the_texts_shown_is_a_warning(tmp_path: Path) -> None:
    org = make_org(tmp_path, {})
    _, err = run_cli("export", str(org), "--format", "md", "--lang", "en", "-o", str(tmp_path / "jd"))
    assert "warning: 8 of 8 texts shown have no 'en' version and are shown in 'zh'" in err
    assert "'en' is not in org.yaml locales (zh)" in err
    _, err = run_cli("export", str(org), "--format", "md", "-o", str(tmp_path / "jd2"))
    assert "warning" not in err


def test_a_translated_organisation_gives_no_language_warning(tmp_path: Path) -> None:
    org = tmp_path / "en"
    run_cli("init", str(org), "--template", "market", "--lang", "en")
    text = (org / "org.yaml").read_text(encoding="utf-8")
    assert "locales: [en]" in text
    _, err = run_cli("export", str(org), "--format", "md", "--lang", "en", "-o", str(tmp_path / "jd"))
    assert "warning" not in err
