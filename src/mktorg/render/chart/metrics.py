"""Text widths without a font file: advance widths of Noto Sans CJK (the default font) built in.

Measured once from NotoSansCJK-Regular/Bold (SC) in thousandths of an em; CJK and other wide
characters are one em. Layouts therefore do not depend on the fonts of the machine, so charts are
the same everywhere; a little slack covers other fonts' Latin letters.
"""

import unicodedata
from functools import lru_cache

_REGULAR = (
    224, 323, 474, 555, 555, 921, 680, 278, 338, 338, 467, 555, 278, 347, 278, 392, 555, 555, 555, 555,
    555, 555, 555, 555, 555, 555, 278, 278, 555, 555, 555, 474, 946, 608, 657, 638, 688, 589, 552, 689,
    728, 293, 535, 646, 543, 812, 723, 742, 633, 742, 635, 596, 599, 721, 575, 878, 573, 531, 603, 338,
    392, 338, 555, 559, 606, 563, 618, 510, 620, 554, 325, 564, 607, 275, 275, 552, 284, 926, 610, 606,
    620, 620, 388, 468, 377, 607, 521, 802, 498, 521, 475, 338, 270, 338, 555,
)  # fmt: skip
_BOLD = (
    227, 370, 574, 590, 590, 963, 740, 325, 378, 378, 507, 590, 325, 370, 325, 387, 590, 590, 590, 590,
    590, 590, 590, 590, 590, 590, 325, 325, 590, 590, 590, 514, 1007, 641, 681, 656, 714, 615, 585, 717,
    757, 330, 568, 686, 578, 853, 749, 770, 667, 770, 682, 624, 625, 748, 619, 915, 627, 580, 613, 378,
    387, 378, 590, 567, 626, 591, 644, 527, 644, 581, 372, 597, 640, 304, 306, 604, 315, 964, 641, 626,
    644, 644, 436, 495, 421, 637, 576, 863, 562, 574, 511, 378, 296, 378, 590,
)  # fmt: skip
SLACK = 1.04
"""Headroom for fonts whose Latin letters are a little wider than Noto's."""


@lru_cache(maxsize=4096)
def _char_em(char: str, bold: bool) -> float:
    code = ord(char)
    if 32 <= code < 127:
        return (_BOLD if bold else _REGULAR)[code - 32] / 1000
    if unicodedata.east_asian_width(char) in "WFA":
        return 1.0
    if unicodedata.combining(char):
        return 0.0
    return 0.62 if bold else 0.6


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width in points of `text` set at `size` points."""
    return sum(_char_em(c, bold) for c in text) * size * SLACK


def is_cjk(char: str) -> bool:
    """A Han character, kana, hangul or full-width form."""
    return (unicodedata.east_asian_width(char) in "WF" and char.isalpha()) or "\u3400" <= char <= "\u9fff"


def has_cjk(text: str) -> bool:
    """Whether any CJK character appears in `text`."""
    return any(is_cjk(c) for c in text)
