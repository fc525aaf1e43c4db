"""Comparing texts: the same (after normalising), reworded (similar), or different.

Two texts are the same when they differ only in spaces, punctuation, list numbering or width
(the comparable form MK302 uses); a change that `lint --fix` makes is not a change of wording.
A reworded text keeps most of its characters (difflib's ratio, character by character, which
suits Chinese, where words are not separated).
"""

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import TypeVar

from mktorg.lint.text.patterns import normalise_duty

REWORDED = 0.6
"""Least similarity for an item of one list to count as the reworded form of an item of the other."""

T = TypeVar("T")


def key(text: str) -> str:
    """The comparable form of a text."""
    return normalise_duty(text)


def similarity(a: str, b: str) -> float:
    """How alike two comparable forms are, from 0 to 1."""
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < REWORDED or matcher.quick_ratio() < REWORDED:
        return matcher.quick_ratio()
    return matcher.ratio()


@dataclass
class Matched:
    """The outcome of matching two lists: index pairs that are the same, pairs reworded, and the rest."""

    same: list[tuple[int, int]]
    reworded: list[tuple[int, int]]
    removed: list[int]
    added: list[int]


def match_lists(old: Sequence[str], new: Sequence[str], threshold: float = REWORDED) -> Matched:
    """Match items of two lists by comparable form: first equal ones (in order), then the most alike."""
    new_by_key: dict[str, list[int]] = defaultdict(list)
    for j, text in enumerate(new):
        new_by_key[text].append(j)
    same: list[tuple[int, int]] = []
    left_old: list[int] = []
    for i, text in enumerate(old):
        candidates = new_by_key.get(text)
        if candidates:
            same.append((i, candidates.pop(0)))
        else:
            left_old.append(i)
    taken = {j for _, j in same}
    left_new = [j for j in range(len(new)) if j not in taken]
    reworded = best_pairs(left_old, left_new, lambda i, j: similarity(old[i], new[j]), threshold)
    paired_old, paired_new = {i for i, _ in reworded}, {j for _, j in reworded}
    return Matched(
        same,
        sorted(reworded, key=lambda p: p[1]),
        [i for i in left_old if i not in paired_old],
        [j for j in left_new if j not in paired_new],
    )


def best_pairs(
    old: Sequence[T], new: Sequence[T], score: Callable[[T, T], float], threshold: float
) -> list[tuple[T, T]]:
    """Greedy one-to-one pairing, the best-scoring pair first (ties in list order), scores >= threshold."""
    scored = []
    for a_index, a in enumerate(old):
        for b_index, b in enumerate(new):
            value = score(a, b)
            if value >= threshold:
                scored.append((-value, a_index, b_index))
    scored.sort()
    used_a: set[int] = set()
    used_b: set[int] = set()
    pairs = []
    for _, a_index, b_index in scored:
        if a_index not in used_a and b_index not in used_b:
            used_a.add(a_index)
            used_b.add(b_index)
            pairs.append((old[a_index], new[b_index]))
    return pairs


def reordered(pairs: list[tuple[int, int]]) -> bool:
    """Whether items kept in both lists changed their relative order."""
    news = [j for _, j in sorted(pairs)]
    return news != sorted(news)
