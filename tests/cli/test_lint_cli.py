"""The lint command: formats, exit codes, selection, suppression, and start-up."""

import ast
import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from mktorg.lint.reporters.sarif import sarif_dict
from mktorg.lint.rules_doc import rules_markdown
from mktorg.model.schema import schema_texts
from tests.helpers import ROOT, make_org, run_cli

DATA = str(ROOT / "data")
BROKEN = {
    "roles/staff.yaml": "title: 市场专员\ndepartment: dept\nreports_to: bos\nduties: [执行调研]\n",
    "roles/bad.yaml": "title: [x\n",
}


def test_bundled_organisation_is_clean() -> None:
    out, _ = run_cli("lint", DATA, "--format", "json", "--strict")
    report = json.loads(out)
    assert report["summary"]["errors"] == report["summary"]["warnings"] == 0
    assert report["summary"]["departments"] >= 6 and report["summary"]["roles"] >= 20


def test_json_shape(tmp_path: Path, golden) -> None:
    out, _ = run_cli("lint", str(make_org(tmp_path, BROKEN)), "--format", "json", expect=1)
    report = json.loads(out)
    assert list(report) == ["version", "summary", "diagnostics"]
    assert list(report["summary"]) == ["errors", "warnings", "info", "files", "departments", "roles", "processes"]
    assert list(report["diagnostics"][0])[:7] == ["code", "rule", "severity", "message", "file", "line", "column"]
    golden("lint/broken.json", out)


def test_text_format_points_at_the_line(tmp_path: Path, golden) -> None:
    out, err = run_cli("lint", str(make_org(tmp_path, BROKEN)), expect=1)
    assert "roles/staff.yaml:3:13: MK102 unknown role 'bos'" in out
    assert "reports_to: bos" in out and " " * 16 + "^" in out
    assert "2 error(s), 0 warning(s)" in err
    golden("lint/broken.txt", out)


def test_github_and_sarif(tmp_path: Path) -> None:
    org = make_org(tmp_path, BROKEN)
    out, _ = run_cli("lint", str(org), "--format", "github", expect=1)
    assert "::error file=roles/staff.yaml,line=3,col=13,title=MK102 unknown-role::unknown role 'bos'" in out
    out, _ = run_cli("lint", str(org), "--format", "sarif", expect=1)
    log = json.loads(out)
    schema = json.loads((ROOT / "tests" / "data" / "sarif-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.validate(log, schema)
    assert log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].startswith(
        "roles/"
    )


def test_exit_codes_strict_select_ignore(tmp_path: Path) -> None:
    org = make_org(tmp_path, {"roles/staff.yaml": "title: 市场专员\ndepartment: dept\nreports_to: boss\n"})
    run_cli("lint", str(org))  # MK304 is a warning
    run_cli("lint", str(org), "--strict", expect=1)
    run_cli("lint", str(org), "--strict", "--ignore", "MK304")
    run_cli("lint", str(org), "--strict", "--ignore", "no-duties")
    run_cli("lint", str(org), "--strict", "--select", "MK1,MK2")
    run_cli("lint", str(org), "--select", "MK999", expect=2)
    run_cli("lint", str(tmp_path / "missing"), expect=2)
    run_cli("lint", str(org), "--format", "xml", expect=2)


def test_org_yaml_regrades_rules(tmp_path: Path) -> None:
    org = make_org(
        tmp_path,
        {
            "org.yaml": "name: 测试\nlint:\n  rules: {MK3: error, MK304: off}\n",
            "roles/staff.yaml": "title: 市场专员\ndepartment: dept\nreports_to: boss\n",
            "roles/boss.yaml": "title: 经理\ndepartment: dept\nduties: [{text: 负责市场调研, function: research}]\n",
        },
    )
    out, _ = run_cli("lint", str(org), "--format", "json", expect=1)
    codes = {(d["code"], d["severity"]) for d in json.loads(out)["diagnostics"]}
    assert ("MK306", "error") in codes and not any(c == "MK304" for c, _ in codes)


def test_suppression_comments(tmp_path: Path) -> None:
    line = make_org(
        tmp_path / "a",
        {
            "roles/staff.yaml": "title: 市场专员\ndepartment: dept\n"
            "reports_to: bos  # mktorg: ignore[MK102]\nduties: [x]\n"
        },
    )
    run_cli("lint", str(line))
    whole = make_org(
        tmp_path / "b",
        {
            "roles/staff.yaml": "# mktorg: ignore[unknown-role]\ntitle: 市场专员\n"
            "department: dept\nreports_to: bos\nduties: [x]\n"
        },
    )
    run_cli("lint", str(whole))
    after_schema_line = make_org(
        tmp_path / "d",
        {
            "roles/staff.yaml": "# yaml-language-server: $schema=x.json\n"
            "# mktorg: ignore[MK102]\ntitle: 市场专员\n"
            "department: dept\nreports_to: bos\nduties: [x]\n"
        },
    )
    run_cli("lint", str(after_schema_line))
    other = make_org(
        tmp_path / "c",
        {
            "roles/staff.yaml": "title: 市场专员\ndepartment: dept\n"
            "reports_to: bos  # mktorg: ignore[MK101]\nduties: [x]\n"
        },
    )
    run_cli("lint", str(other), expect=1)


def test_rules_command_and_docs_are_current() -> None:
    out, _ = run_cli("rules")
    assert "MK201  reporting-cycle" in out
    out, _ = run_cli("rules", "MK3")
    assert "MK301 function-unassigned" in out and "Why:" in out
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == rules_markdown(), "run: make docs"


def test_rule_docs_have_why_bad_good() -> None:
    from mktorg.lint.rules import RULES

    for rule in RULES.values():
        assert "Why:" in rule.doc and "Bad:" in rule.doc and "Good:" in rule.doc, rule.code


def test_schemas_are_current() -> None:
    for name, text in schema_texts().items():
        assert (ROOT / "schemas" / name).read_text(encoding="utf-8") == text, "run: make schemas"


def test_bundled_files_validate_against_schemas() -> None:
    import yaml

    for kind, folder in (("role", "roles"), ("department", "departments"), ("process", "processes")):
        schema = json.loads((ROOT / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8"))
        for path in (ROOT / "data" / folder).rglob("*.yaml"):
            jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), schema)


def test_sarif_rules_cover_registry() -> None:
    from mktorg.lint.engine import LintResult
    from mktorg.lint.rules import RULES

    log = sarif_dict(LintResult([], {}, {}))
    assert [r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]] == list(RULES)  # type: ignore[index]


def _loaded_by(args: list[str], modules: tuple[str, ...]) -> list[str]:
    """Which of `modules` a fresh interpreter has imported after running `mktorg ARGS`."""
    code = (
        "import sys\nfrom mktorg.cli.app import app\n"
        f"try:\n  app({args!r})\n"
        "except SystemExit: pass\n"
        f"print([m for m in {modules!r} if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return ast.literal_eval(out.strip().splitlines()[-1])


def test_help_does_not_import_heavy_modules() -> None:
    heavy = ("graphviz", "docx", "ruamel", "lxml", "rjieba", "rapidfuzz", "openpyxl", "xlsxwriter", "pypinyin")
    assert _loaded_by(["--help"], (*heavy, "pydantic", "rich", "yaml")) == []


def test_a_replayed_lint_loads_neither_models_nor_rules(tmp_path: Path) -> None:
    """An unchanged organisation is answered from the last run: no pydantic, no YAML parser, no rules."""
    org = make_org(tmp_path, {})
    run_cli("lint", str(org))
    assert _loaded_by(["lint", str(org)], ("pydantic", "yaml", "mktorg.lint.rules", "rich")) == []


def test_lint_segments_only_when_a_text_needs_it(tmp_path: Path) -> None:
    """The segmenter and the fuzzy matcher load for the rules that meet Chinese text worth checking."""
    minimal = str(ROOT / "tests" / "fixtures" / "minimal")
    assert _loaded_by(["lint", minimal, "--select", "MK503,MK506"], ("rjieba", "rapidfuzz")) == []


def test_version_and_module_entry_point() -> None:
    out = subprocess.run([sys.executable, "-m", "mktorg", "--version"], capture_output=True, text=True, check=True)
    assert out.stdout.startswith("mktorg ")


@pytest.mark.parametrize("content", [b"\x00\x01\x02", b"\xef\xbb\xbf", b"a: [\n" * 3, b"\t- x\n", b"a: b\r\nc: d\r\n"])
def test_odd_bytes_give_diagnostics_not_tracebacks(tmp_path: Path, content: bytes) -> None:
    org = make_org(tmp_path, {"roles/staff.yaml": content})
    out, _ = run_cli("lint", str(org), "--format", "json", expect=1)
    assert json.loads(out)["diagnostics"][0]["file"] == "roles/staff.yaml"


def test_deep_nesting_and_alias_bomb_are_bounded(tmp_path: Path) -> None:
    bomb = "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
        f"{k}: &{k} [{','.join('*' + p for _ in range(9))}]\n" for p, k in zip("abcdefg", "bcdefgh", strict=True)
    )
    org = make_org(tmp_path, {"roles/staff.yaml": "a: " + "[" * 5000 + "]" * 5000 + "\n", "roles/b.yaml": bomb})
    out, _ = run_cli("lint", str(org), "--format", "json", expect=1)
    codes = {(d["file"], d["code"]) for d in json.loads(out)["diagnostics"]}
    assert ("roles/staff.yaml", "MK001") in codes and ("roles/b.yaml", "MK001") in codes


def test_symlink_outside_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("title: x\n", encoding="utf-8")
    org = make_org(tmp_path, {})
    (org / "roles" / "link.yaml").symlink_to(secret)
    out, _ = run_cli("lint", str(org), "--format", "json", expect=1)
    assert any(d["code"] == "MK011" and d["file"] == "roles/link.yaml" for d in json.loads(out)["diagnostics"])


def test_internal_error_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    import mktorg.load.loader

    def boom(*_args: object) -> None:
        raise ValueError("boom")

    monkeypatch.setattr(mktorg.load.loader, "load_org", boom)
    _, err = run_cli("lint", DATA, "--no-cache", expect=3)
    assert err.count("\n") == 1 and "internal error" in err


def test_unknown_rule_in_org_yaml_is_a_diagnostic(tmp_path: Path) -> None:
    org = make_org(tmp_path, {"org.yaml": "name: 测试\nlint:\n  rules:\n    MK999: off\n    MK2: info\n"})
    out, _ = run_cli("lint", str(org), "--format", "json", expect=1)
    found = [d for d in json.loads(out)["diagnostics"] if d["code"] == "MK006"]
    assert [(d["file"], d["line"], d["column"]) for d in found] == [("org.yaml", 4, 5)]


def test_folder_without_an_organisation_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "notes.yaml").write_text("a: 1\n", encoding="utf-8")
    _, err = run_cli("lint", str(tmp_path), expect=2)
    assert "holds no organisation" in err
    (tmp_path / "roles").mkdir()
    run_cli("lint", str(tmp_path))
