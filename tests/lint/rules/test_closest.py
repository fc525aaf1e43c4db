"""The 'did you mean' hint of unknown references: difflib's answer, found faster."""

import difflib

from hypothesis import given, settings
from hypothesis import strategies as st

from mktorg.lint.rules.references import closest_matches

TEXT = st.text(alphabet="ab-]^\\\n市场部R0", max_size=8)


@settings(max_examples=300)
@given(TEXT, st.lists(TEXT, max_size=12), st.sampled_from([0.0, 0.3, 0.6, 0.75, 1.0]))
def test_closest_matches_are_difflibs(name: str, candidates: list[str], cutoff: float) -> None:
    expected = difflib.get_close_matches(name, candidates, n=1, cutoff=cutoff)
    assert closest_matches(name, candidates, cutoff) == expected


def test_an_unknown_reporting_line_among_many_roles() -> None:
    roles = [f"R{i:05d}" for i in range(2000)] + ["market-manager", "marketing-director"]
    assert closest_matches("markt-manager", roles, 0.6) == ["market-manager"]
    assert closest_matches("nobody-yet", roles, 0.6) == []
    assert closest_matches("R0001x", roles, 0.6) == difflib.get_close_matches("R0001x", roles, 1, 0.6)
