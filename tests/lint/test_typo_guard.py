"""MK506 leaves alone letters that are the correction already or that sit inside two other words;
a typo list that could loop or match everywhere never crashes lint nor grows the text."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from mktorg.cli.app import app
from mktorg.lint.text.typo_guard import already_correct, inside_other_words
from tests.helpers import make_org


@pytest.mark.parametrize(
    ("text", "wrong", "right", "correct"),
    [
        ("部门经理", "经理", "部门经理", True),
        ("经理", "经理", "部门经理", False),
        ("经理助理", "经理", "经理助理", True),
    ],
)
def test_already_correct(text: str, wrong: str, right: str, correct: bool) -> None:
    assert already_correct(text, text.index(wrong), wrong, right) is correct


@pytest.mark.parametrize(
    ("text", "wrong", "inside"),
    [
        ("审查旅费报销", "查旅费", True),
        ("检查旅费", "查旅费", True),
        ("制定订货计划", "制定订", True),
        ("采购人参和鹿茸", "参和", True),
        ("把货运做好", "运做", True),
        ("报销查旅费", "查旅费", False),
        ("积极参和推广", "参和", False),
        ("把市场运做好", "运做", False),
        ("检察权", "检察权", False),
    ],
)
def test_inside_other_words(text: str, wrong: str, inside: bool) -> None:
    start = text.index(wrong)
    assert inside_other_words(text, start, start + len(wrong)) is inside


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
