"""A typo list that could match everywhere or loop (an empty word, a correction holding its own
wrong word) never crashes lint nor makes --fix grow the text."""

from pathlib import Path

from typer.testing import CliRunner

from mktorg.cli.app import app
from tests.helpers import make_org


def _run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code in (0, 1), result.stderr
    return result.stdout


def test_a_looping_or_empty_typo_list_never_crashes_nor_grows(tmp_path: Path) -> None:
    staff = "title: 市场专员\ndepartment: dept\nreports_to: boss\nheadcount: 2\nduties: [协助部门经理工作]\n"
    org = make_org(
        tmp_path, {"org.yaml": "name: 测试\nlint:\n  typos: {'': x, 经理: 部门经理}\n", "roles/staff.yaml": staff}
    )
    _run("lint", str(org))
    _run("lint", str(org), "--fix")
    assert (org / "roles" / "staff.yaml").read_text(encoding="utf-8") == staff
    assert _run("lint", str(org), "--diff") == ""
