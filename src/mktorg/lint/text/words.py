"""Chinese words: where a text's word boundaries are, from a segmenter (jieba's dictionary).

rjieba (the Rust port of jieba, with its dictionary built in) is imported on first use, only by
the rules that meet Chinese text worth segmenting: its import costs ~0.25 s once, and Python
jieba would cost ~1.3 s more to load the same dictionary (measured on the 2-core machine).
"""

from functools import cache
from typing import Any


@cache
def _segmenter() -> Any:
    import rjieba

    return rjieba


@cache
def tokens(text: str) -> tuple[str, ...]:
    """The words of a text, in order (spaces and punctuation are tokens of their own)."""
    return tuple(_segmenter().cut(text))


def boundaries(text: str) -> frozenset[int]:
    """The offsets in `text` where a word starts or ends (0 and len(text) included)."""
    out = {0}
    at = 0
    for token in tokens(text):
        at += len(token)
        out.add(at)
    return frozenset(out)


def word_ends(text: str) -> dict[int, str]:
    """The word that ends at each word boundary of `text` (by its end offset)."""
    out: dict[int, str] = {}
    at = 0
    for token in tokens(text):
        at += len(token)
        out[at] = token
    return out


def is_whole_words(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] begins and ends on word boundaries (is not part of a longer word)."""
    edges = boundaries(text)
    return start in edges and end in edges


def is_word(text: str) -> bool:
    """Whether the dictionary knows `text` as a word."""
    return bool(_segmenter().has_word(text))
