"""Word boundaries of a text, for the text rules (the segmenter is `mktorg.segment`)."""

from mktorg.segment import is_word, tokens

__all__ = ["boundaries", "is_whole_words", "is_word", "tokens", "word_ends"]


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
