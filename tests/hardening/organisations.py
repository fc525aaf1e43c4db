"""Random small organisations for the property tests: cycles, dangling references, empty parts, N."""

from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

RELAXED = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
IDS = st.sampled_from(["a", "b", "c", "d", "e"])
TEXTS = st.text(alphabet="市场部经理负责调研客户 ,、1.()（）XxA", max_size=12)
ROLE = st.fixed_dictionaries(
    {"title": TEXTS, "department": IDS},
    optional={
        "reports_to": IDS,
        "dotted_to": st.lists(IDS, max_size=3),
        "headcount": st.one_of(
            st.integers(0, 15),
            st.just("N"),
            st.builds(lambda a, b: {"min": a, "max": a + b}, st.integers(0, 3), st.integers(0, 3)),
        ),
        "external": st.booleans(),
        "vacant": st.booleans(),
        "level": st.sampled_from(["经理", "专员", "其他"]),
        "grade": st.sampled_from(["g1", "g2", "nope"]),
        "employment": st.sampled_from(["full_time", "part_time", "intern"]),
        "duties": st.lists(
            st.one_of(
                TEXTS,
                st.fixed_dictionaries(
                    {"text": TEXTS},
                    optional={
                        "type": st.sampled_from(["primary", "supporting"]),
                        "supports": IDS,
                        "function": st.sampled_from(["f", "g", "a/f", "b/g", "zz/f"]),
                    },
                ),
            ),
            max_size=4,
        ),
        "authorities": st.lists(TEXTS, max_size=2),
        "kpis": st.lists(st.fixed_dictionaries({"name": TEXTS}, optional={"weight": st.integers(0, 100)}), max_size=3),
    },
)
DEPARTMENT = st.fixed_dictionaries(
    {"name": TEXTS},
    optional={
        "parent": IDS,
        "head": IDS,
        "external": st.booleans(),
        "headcount_budget": st.integers(0, 20),
        "functions": st.lists(st.fixed_dictionaries({"id": st.sampled_from(["f", "g"]), "name": TEXTS}), max_size=2),
    },
)
STEP = st.fixed_dictionaries(
    {"id": st.sampled_from(["s1", "s2"]), "name": TEXTS},
    optional={"responsible": st.lists(IDS, max_size=2), "accountable": st.one_of(IDS, st.lists(IDS, max_size=2))},
)
ORG = st.tuples(st.dictionaries(IDS, DEPARTMENT, max_size=5), st.dictionaries(IDS, ROLE, max_size=5))
"""(departments, roles) by id."""
SETTINGS = (
    "name: 测试\nlevels: [经理, 专员]\n"
    "grades: {g1: {name: 一级, min: 5000, max: 8000}, g2: {name: 二级, min: 1, max: 2}}\n"
)
"""An org.yaml with levels and pay grades (some roles name others)."""


def write_org(
    root: Path, departments: dict[str, Any], roles: dict[str, Any], settings_text: str | None = SETTINGS
) -> Path:
    """The organisation as files below `root` (no org.yaml when `settings_text` is None)."""
    root.mkdir(parents=True, exist_ok=True)
    if settings_text is not None:
        (root / "org.yaml").write_text(settings_text, encoding="utf-8")
    for kind, items in (("departments", departments), ("roles", roles)):
        (root / kind).mkdir(parents=True, exist_ok=True)
        for id_, item in items.items():
            (root / kind / f"{id_}.yaml").write_text(yaml.safe_dump(item, allow_unicode=True), encoding="utf-8")
    return root
