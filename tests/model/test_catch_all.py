"""The catch-all duty, on the wording of the source documents."""

import pytest

from mktorg.model.catch_all import is_catch_all


@pytest.mark.parametrize(
    "text",
    [
        "按时完成校长交办的其他临时性工作。",  # D01
        "集团公司领导交办的其他工作。",  # D02
        "完成上级领导安排的其他工作。",  # D17
        "完成领导交办的各项任务",
        "完成公司交办的临时任务",
        "完成上级交办的其他事项",
        "Other duties as assigned",
    ],
)
def test_the_catch_all_duty(text: str) -> None:
    assert is_catch_all(text)


@pytest.mark.parametrize(
    "text",
    [
        "落实总经理交办的市场推广方案",  # a duty that was handed down is still a duty
        "落实总经理交办的市场推广工作",
        "负责协调营销部门与财务部门、行政部门及其他部门工作的协作关系",  # D19
        "负责其他部门的市场信息收集",
    ],
)
def test_a_duty_that_only_mentions_what_was_handed_down(text: str) -> None:
    assert not is_catch_all(text)


def test_an_assigned_duty_in_the_middle_is_not_a_misplaced_catch_all(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json

    from tests.helpers import make_org, run_cli

    role = (
        "title: 市场部经理\ndepartment: dept\nduties:\n"
        "  - {text: 负责市场调研, function: research}\n  - 落实总经理交办的市场推广方案\n  - 负责客户回访\n"
    )
    out, _ = run_cli("lint", str(make_org(tmp_path, {"roles/boss.yaml": role})), "-f", "json", "--no-cache")
    assert [d["code"] for d in json.loads(out)["diagnostics"] if d["code"] == "MK305"] == []
