"""Chinese words: the one segmenter (jieba's dictionary), for the text rules and for line breaks.

rjieba (the Rust port of jieba, its dictionary built in) is imported on first use only: its
import costs ~0.1–0.25 s once, where Python jieba costs ~1.3 s more to load the same dictionary
(measured on the 2-core machine). `mktorg --help` never loads it.
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
    return tuple(_segmenter().cut(text, False))


def is_word(text: str) -> bool:
    """Whether the dictionary knows `text` as a word."""
    return bool(_segmenter().has_word(text))
