"""Parent-map walks in linear time give what the plain walks give, on any shape (cycles, dangling parents)."""

from hypothesis import given
from hypothesis import strategies as st

from mktorg.model.chains import Ancestry, chain_sums, subtree_sums, upward

NODES = st.sampled_from("abcdefgh")
PARENT_MAPS = st.dictionaries(NODES, st.one_of(st.none(), NODES, st.just("outside")), max_size=8)


@given(PARENT_MAPS)
def test_chain_sums_are_sums_over_the_chain(parents: dict[str, str | None]) -> None:
    weight = {node: ord(node) for node in parents}
    assert chain_sums(parents, weight) == {node: sum(weight[n] for n in upward(node, parents)) for node in parents}


@given(PARENT_MAPS)
def test_subtree_sums_are_sums_over_the_subtree(parents: dict[str, str | None]) -> None:
    sums = subtree_sums(parents, {node: frozenset({node}) for node in parents}, frozenset.union)
    assert sums == {node: {other for other in parents if node in upward(other, parents)} for node in parents}


@given(PARENT_MAPS)
def test_above_is_membership_of_the_chain(parents: dict[str, str | None]) -> None:
    ancestry = Ancestry(parents)
    for lower in [*parents, "outside"]:
        chain = upward(lower, parents)[1:]
        for upper in [*parents, "outside"]:
            assert ancestry.above(upper, lower) == (upper in chain), (upper, lower)


def test_a_long_chain_is_walked_once() -> None:
    n = 200_000
    parents = {f"r{i}": f"r{i - 1}" if i else None for i in range(n)}
    assert chain_sums(parents, dict.fromkeys(parents, 1))[f"r{n - 1}"] == n
    assert Ancestry(parents).above("r0", f"r{n - 1}")
    assert subtree_sums(parents, dict.fromkeys(parents, 1), int.__add__)["r0"] == n
