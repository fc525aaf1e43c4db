"""Ids made from titles: pinyin by word, so 市场部经理 becomes `shichangbu-jingli`.

pypinyin reads each word as a phrase (银行 → yinhang, 行政 → xingzheng); the words come from the
project's segmenter (`mktorg/segment.py`). Letters and digits stay, anything else separates
words; the id is made unique against the ids already taken (ignoring case) by `-2`, `-3`, ...
"""

import re
import unicodedata

from mktorg.segment import tokens

_NOT_ID = re.compile(r"[^0-9a-z]+")
MAX_LENGTH = 60


def pinyin_id(title: str, fallback: str = "x") -> str:
    """An id for a title: lower-case pinyin words joined by `-` (`fallback` when nothing is left)."""
    from pypinyin import Style, lazy_pinyin

    words = []
    for token in tokens(unicodedata.normalize("NFKC", title)):
        syllables = lazy_pinyin(token, style=Style.NORMAL, errors="default", v_to_u=False)
        word = _NOT_ID.sub("-", "".join(syllables).lower()).strip("-")
        if word:
            words.append(word)
    made = "-".join(words)[:MAX_LENGTH].strip("-")
    return made or fallback


def unique_id(base: str, taken: set[str]) -> str:
    """`base`, or `base-2`, `base-3`, ... whichever is not in `taken` (compared case-folded); adds it to `taken`."""
    candidate, n = base, 1
    while candidate.casefold() in taken:
        n += 1
        candidate = f"{base}-{n}"
    taken.add(candidate.casefold())
    return candidate
