"""Lint finds the data-quality defects the seed analysis lists in the source documents."""

from pathlib import Path

import pytest

from mktorg.lint.engine import lint
from mktorg.load.loader import load_org

SEEDS = Path(__file__).parent / "fixtures" / "seeds"

EXPECTED = {
    "xinjinling": {
        ("roles/supervisor.yaml", "MK502"),  # 主管:XXX
        ("roles/deputy.yaml", "MK502"),
        ("departments/market.yaml", "MK506"),  # 查旅费
        ("roles/supervisor.yaml", "MK506"),  # 检察权
        ("roles/supervisor.yaml", "MK501"),  # 1、 kept in the authorities
        ("departments/market.yaml", "MK501"),
        ("roles/deputy.yaml", "MK504"),  # half-width punctuation between Chinese characters
    },
    "zhengzhou": {
        ("roles/sales-manager.yaml", "MK506"),  # 参和 ×2
        ("roles/sales-supervisor.yaml", "MK506"),
        ("roles/sales-manager.yaml", "MK501"),  # 1. 2. 3. left in the duties
        ("roles/sales-supervisor.yaml", "MK501"),
    },
    "domestic": {
        ("departments/marketing.yaml", "MK506"),  # 竞争队手 ×2
        ("departments/marketing.yaml", "MK501"),  # 8.营销渠道管理
    },
    "revised-draft": {
        ("roles/planner.yaml", "MK509"),  # 【 without its partner
        ("roles/planner.yaml", "MK504"),
    },
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed_defects_are_found(name: str) -> None:
    result = lint(load_org(SEEDS / name))
    found = {(d.file, d.code) for d in result.diagnostics}
    assert EXPECTED[name] <= found, EXPECTED[name] - found
    assert not [d for d in result.diagnostics if d.code.startswith("MK0")], "the fixtures themselves load"


def test_typo_counts_match_the_source() -> None:
    result = lint(load_org(SEEDS / "zhengzhou"))
    assert sum(1 for d in result.diagnostics if d.code == "MK506") == 3  # 参和 ×3 in D17
    result = lint(load_org(SEEDS / "domestic"))
    assert sum(1 for d in result.diagnostics if d.code == "MK506") == 2  # 竞争队手 ×2 in D04
