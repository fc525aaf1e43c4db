"""Chinese typography of rendered text: full-width punctuation next to Chinese characters.

Source documents copied from the web often carry half-width `,;:?!()` between Chinese words
(`组织市场调查、市场研究,建立市场`); a Chinese deliverable shows them full-width. The source
files are left alone (that is `mktorg lint --fix`, MK504).
"""

import re

_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef"
_AFTER_HAN = re.compile(rf"(?<=[{_HAN}])([,;:?!])[ \t]*")
_BEFORE_HAN = re.compile(rf"(?<![0-9])([,;])[ \t]*(?=[{_HAN}])")
_PARENS = re.compile(rf"\(([^()]*[{_HAN}][^()]*)\)|(?<=[{_HAN}])\(([^()]*)\)|\(([^()]*)\)(?=[{_HAN}])")
_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}


def _paren(match: re.Match[str]) -> str:
    inner = next(group for group in match.groups() if group is not None)
    return f"（{inner}）"


def zh_typography(text: str) -> str:
    """Half-width punctuation beside Chinese characters made full-width (digits such as 6:4 stay)."""
    if not text.isascii():
        text = _PARENS.sub(_paren, text)
        text = _AFTER_HAN.sub(lambda m: _FULL[m[1]], text)
        text = _BEFORE_HAN.sub(lambda m: _FULL[m[1]], text)
    return text
