"""When a known typo's letters are not the typo (MK506): the correct text already, or two other words.

A match is trusted only when both tests pass:
- it is not part of its own correction already written (`部门经理` for a rule `经理: 部门经理`), so a
  fix is never applied twice;
- it does not sit inside two other words: `审查旅费` is 审查 + 旅费, not 审 + 查旅费 (差旅费), and
  `制定订货计划` is 制定 + 订货 + 计划. Words come from a short list made for the built-in typos
  (data/edge_words.yaml); a word segmenter would know them all.
"""

from functools import cache
from importlib import resources

from mktorg.load.parse import parse

_LONGEST_WORD = 4


@cache
def edge_words() -> frozenset[str]:
    """The words a typo's match may be split into (data/edge_words.yaml)."""
    raw = resources.files("mktorg").joinpath("data/edge_words.yaml").read_text(encoding="utf-8")
    return frozenset(str(word) for word in parse(raw)["words"])


def already_correct(text: str, start: int, wrong: str, right: str) -> bool:
    """Whether the match of `wrong` at `start` is part of `right` written out in full."""
    offset = right.find(wrong)
    while offset >= 0:
        if offset <= start and text.startswith(right, start - offset):
            return True
        offset = right.find(wrong, offset + 1)
    return False


def inside_other_words(text: str, start: int, end: int, words: frozenset[str] | None = None) -> bool:
    """Whether text[start:end] splits into two known words, the first ending and the second
    starting inside the match, at least one of them reaching past it."""
    words = edge_words() if words is None else words
    for split in range(start + 1, end):
        lefts = [text[begin:split] for begin in range(max(0, split - _LONGEST_WORD), start + 1)]
        rights = [text[split:stop] for stop in range(end, min(len(text), split + _LONGEST_WORD) + 1)]
        for left in lefts:
            if left not in words:
                continue
            for right in rights:
                beyond = len(left) > split - start or len(right) > end - split
                if beyond and right in words:
                    return True
    return False
