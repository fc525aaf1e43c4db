"""Chinese words: the one segmenter (jieba's dictionary), for the text rules and for line breaks.

rjieba (the Rust port of jieba, its dictionary built in) is imported on first use only: its
import costs ~0.1–0.25 s once, where Python jieba costs ~1.3 s more to load the same dictionary
(measured on the 2-core machine). `mktorg --help` never loads it. Its answers are pure functions
of the text (and of rjieba's version), so the cache keeps them (`load/cache.py`): a lint that
checks only a changed file usually finds its words there and never loads the dictionary.
"""

from typing import Any

Answers = dict[tuple[str, str], Any]
"""("cut", text) -> the words of text; ("word", text) -> whether text is a word."""

_ANSWERS: Answers = {}
_LEARNED: Answers = {}
"""The answers given in this process that were not recalled."""
_segmenter: Any = None


def _rjieba() -> Any:
    global _segmenter
    if _segmenter is None:
        import rjieba

        _segmenter = rjieba
    return _segmenter


def tokens(text: str) -> tuple[str, ...]:
    """The words of a text, in order (spaces and punctuation are tokens of their own)."""
    key = ("cut", text)
    found = _ANSWERS.get(key)
    if found is None:
        found = _ANSWERS[key] = _LEARNED[key] = tuple(_rjieba().cut(text, False))
    return found


def is_word(text: str) -> bool:
    """Whether the dictionary knows `text` as a word."""
    key = ("word", text)
    found = _ANSWERS.get(key)
    if found is None:
        found = _ANSWERS[key] = _LEARNED[key] = bool(_rjieba().has_word(text))
    return found


def recall(answers: Answers) -> None:
    """Take answers kept from earlier runs."""
    for key, value in answers.items():
        _ANSWERS.setdefault(key, value)


def learned() -> Answers:
    """The answers given in this process that were not recalled (what a cache should keep)."""
    return dict(_LEARNED)
