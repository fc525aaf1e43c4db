"""What the structural rules say, on the wording and headcounts of the source documents."""

from pathlib import Path

from mktorg.lint.engine import LintResult, lint
from mktorg.load.loader import load_org
from tests.helpers import ROOT, make_org


def _messages(result: LintResult, code: str) -> list[str]:
    return [f"{d.file}:{d.line} {d.message}" for d in result.diagnostics if d.code == code]


def test_multiple_roots_is_one_finding_naming_every_root(tmp_path: Path) -> None:
    org = make_org(
        tmp_path,
        {
            "roles/staff.yaml": "title: 市场专员\ndepartment: dept\nduties: [执行调研]\n",
            "roles/analyst.yaml": "title: 数据分析员\ndepartment: dept\nduties: [分析数据]\n",
        },
    )
    assert _messages(lint(load_org(org)), "MK203") == [
        "roles/analyst.yaml:1 3 roles have no reports_to: analyst, boss, staff"
    ]


def test_a_variable_team_is_never_only_one_report() -> None:
    """D05: 市场推广主管 leads 兼职推广 N 名, a team of unknown size."""
    result = lint(load_org(ROOT / "examples" / "training-market"))
    assert [d for d in result.diagnostics if d.code == "MK209" and d.file == "roles/promotion-supervisor.yaml"] == []


def test_a_variable_team_counts_as_at_least_one_in_a_wide_span(tmp_path: Path) -> None:
    org = make_org(
        tmp_path,
        {
            "org.yaml": "name: 测试\nlint: {span_of_control: {max: 3}}\n",
            "roles/staff.yaml": "title: 市场专员\ndepartment: dept\nreports_to: boss\nheadcount: 3\nduties: [调研]\n",
            "roles/promoter.yaml": (
                "title: 兼职推广\ndepartment: dept\nreports_to: boss\nheadcount: N\n"
                "employment: part_time\nduties: [发放宣传资料]\n"
            ),
        },
    )
    assert _messages(lint(load_org(org)), "MK208") == [
        "roles/boss.yaml:1 at least 4 people report directly to 'boss' (span_of_control.max is 3)"
    ]


def test_unknown_grade_lists_the_grades(tmp_path: Path) -> None:
    org = make_org(
        tmp_path,
        {
            "org.yaml": "name: 测试\ngrades:\n"
            "  M1: {name: 经理, min: 15000, max: 22000}\n  S1: {name: 专员, min: 6000, max: 9000}\n",
            "roles/staff.yaml": "title: 市场专员\ndepartment: dept\nreports_to: boss\ngrade: S2\nduties: [执行调研]\n",
        },
    )
    [finding] = [d for d in lint(load_org(org)).diagnostics if d.code == "MK106"]
    assert finding.message == "grade 'S2' is not in org.yaml grades"
    assert finding.hint == "use one of: M1, S1"


def test_duplicate_code_names_the_first_holder(tmp_path: Path) -> None:
    org = make_org(
        tmp_path,
        {
            "roles/boss.yaml": "title: 市场部经理\ndepartment: dept\ncode: MKT-01\nduties: [负责市场调研]\n",
            "roles/staff.yaml": "title: 市场专员\ndepartment: dept\nreports_to: boss\ncode: MKT-01\nduties: [调研]\n",
        },
    )
    assert _messages(lint(load_org(org)), "MK012") == ["roles/staff.yaml:4 code 'MKT-01' is also the code of 'boss'"]


def test_relation_with_names_a_role_or_a_department(tmp_path: Path) -> None:
    org = make_org(
        tmp_path,
        {
            "roles/staff.yaml": (
                "title: 市场专员\ndepartment: dept\nreports_to: boss\nduties: [执行调研]\n"
                "relations:\n  internal:\n    - {with: bos, about: 汇报调研进度}\n"
            ),
        },
    )
    [finding] = [d for d in lint(load_org(org)).diagnostics if d.code == "MK102"]
    assert finding.message == "unknown role or department 'bos' in relations.internal"
    assert finding.hint == "did you mean 'boss'?"


def test_settings_messages_say_what_is_wrong(tmp_path: Path) -> None:
    org = make_org(
        tmp_path,
        {
            "org.yaml": (
                "name: 测试\nlint:\n  span_of_control: {min: 999, max: 10}\n"
                "theme: {colors: {primary: red}}\ndocument: {date: 2026-13-01}\n"
                "grades: {M1: {name: 经理, min: 20000, max: 15000}}\n"
            ),
        },
    )
    messages = _messages(lint(load_org(org)), "MK006")
    assert messages == [
        "org.yaml:3 lint.span_of_control: min (999) is greater than max (10); swap them or correct one",
        "org.yaml:4 theme.colors.primary: expected a colour as #rrggbb (six hex digits, e.g. #1f4e79), not 'red'",
        "org.yaml:5 document.date: expected an ISO date such as 2026-11-27, not '2026-13-01'",
        "org.yaml:6 grades.M1: min (20000) is greater than max (15000); swap them or correct one",
    ]


def test_a_typo_fix_must_remove_the_wrong_word(tmp_path: Path) -> None:
    org = make_org(tmp_path, {"org.yaml": "name: 测试\nlint:\n  typos: {订: 订货}\n"})
    assert _messages(lint(load_org(org)), "MK006") == [
        "org.yaml:3 lint.typos: the correction '订货' contains the wrong word '订', so a fix would leave it in the text"
    ]
