"""Pure text checks for Chinese business text: numbering, placeholders, spacing, brackets."""

import re
import unicodedata
from functools import cache
from importlib import resources
from typing import Any, cast

from mktorg.load.parse import parse


class _Lazy:
    """A regular expression compiled when first used: compiling them all took ~30 ms of every
    start, also of commands that never check a text."""

    __slots__ = ("_compiled", "flags", "pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> Any:
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self.flags)
        return getattr(self._compiled, name)


def lazy(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """A pattern that compiles on first use (`.pattern` is there at once)."""
    return cast(re.Pattern[str], _Lazy(pattern, flags))


HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_NUM_CJK = "一二三四五六七八九十"
_ENUMERATED_NUMBER = r"""\s*[0-9]{1,2}(?![0-9.．])
    (?!\s*[-~～—–至到]\s*[0-9])           # 1、3-5年: a range is a quantity
    (?![^\x00\s0-9]{0,4}?及?以[上下内])    # 1、5年以上: so is an amount with 以上/以下/以内
"""
"""After `N、`, a number that lists numbers with N (`3、4月份`), rather than a quantity in item N."""
NUMBERING = lazy(
    rf"""^\s*(?:
        [0-9]{{1,2}}\s*[)）]                # 1) 1）
      | [0-9]{{1,2}}\s*、(?!{_ENUMERATED_NUMBER})   # 1、 but not 3、4月份
      | [0-9]{{1,2}}\s*[.．](?![0-9])      # 1.  but not 1.5
      | [(（]\s*[0-9{_NUM_CJK}]{{1,3}}\s*[)）]   # (1) （一）
      | [{_NUM_CJK}]{{1,3}}\s*、(?!\s*[{_NUM_CJK}两百千万〇零])   # 一、 but not 一、二线城市
      | [{_NUM_CJK}]{{1,3}}\s*[.．:：]     # 一.
      | 【[{_NUM_CJK}0-9]{{1,3}}】
      | (?:i{{1,3}}|iv|vi{{0,3}}|ix|x)[.)](?=\s*[{HAN}A-Za-z])   # i. ii)
      | [A-Za-z][.)、](?=\s*[{HAN}])       # A. a)
      | [☆★●•·▪-]\s*(?=[{HAN}])             # bullets
    )\s*""",
    re.VERBOSE,
)
PLACEHOLDER = lazy(r"[Xx]{3,}|TBD(?![A-Za-z])|TODO(?![A-Za-z])|待定|待补充|待填写|_{3,}|＿{3,}|\?{3,}|？{2,}")
"""Each alternative starts with a literal, so the regex engine can skip ahead (no \\b first)."""
CJK_SPACE = lazy(rf"[{HAN}][ \t\u3000\u00a0]+[{HAN}]")
HALF_PUNCT = lazy(
    rf"[{HAN}][,;:][{HAN}]|[{HAN}]\((?=[^()\x00]*[{HAN}])[^()\x00]*\)|\((?=[^()\x00]*[{HAN}])[^()\x00]*\)[{HAN}]"
)
"""Half-width punctuation between Chinese characters; brackets within one string (NUL separates
the strings of the corpus), never from one string to the next."""
DOUBLED = lazy("([的了和与及并或在对将把被从向于之以])\\1")
_PAIRS = {")": "(", "）": "(", "】": "【", "》": "《", "”": "“", "]": "["}
_OPENERS = {"(": "(", "（": "(", "【": "【", "《": "《", "“": "“", "[": "["}


_MARKER_STARTS = frozenset("0123456789(（【☆★●•·▪-一二三四五六七八九十ivxIVX \t\u3000")


_LEADING_NUMBERING = lazy("\x00" + NUMBERING.pattern.removeprefix("^") + "(?=[^\x00])", re.VERBOSE)


def numbering_prefix(text: str) -> str | None:
    """The list marker a text starts with (`1、`, `(1)`, `一、`, `i.`), if any."""
    if not text or (text[0] not in _MARKER_STARTS and not text[0].isascii()):
        return None
    match = NUMBERING.match(text)
    if match is None or match.end() == len(text):
        return None
    return match.group(0)


_MARKER_CLOSE = lazy(r"(?:^|(?<=[\s;；。，,:：、]))(?:[0-9]{1,2}|[A-Za-z]|i{1,3}|iv|vi{0,3}|ix)(?=[)）])")
"""A list marker closed by a bracket (`1)`, `a)`, `ii)`) at the start of an item: its `)` has no partner."""


def unbalanced_bracket(text: str) -> str | None:
    """The first bracket or quote without its partner. The `)` of a list marker (`1)市场调研;2)产品规划`)
    is numbering, not a bracket, unless a `(` is open (`(详见附表 2)`)."""
    markers = {m.end() for m in _MARKER_CLOSE.finditer(text)} if ")" in text or "）" in text else set()
    stack: list[str] = []
    for at, char in enumerate(text):
        if at in markers and (not stack or stack[-1] != "("):
            continue  # 1)市场调研 — but (详见附表 2) closes its bracket
        if char in _OPENERS:
            stack.append(_OPENERS[char])
        elif char in _PAIRS:
            if not stack or stack[-1] != _PAIRS[char]:
                return char
            stack.pop()
    return stack[0] if stack else None


_DROP = lazy(r"[^\w\x00]+")
"""Everything but letters, digits and `_`: spaces, punctuation and symbols, in any script (`_` is
removed apart: a class with it is scanned at half the speed)."""


def normalise_duty(text: str) -> str:
    """A duty's comparable form: no numbering, spaces or punctuation, NFKC, lower case."""
    prefix = numbering_prefix(text)
    if prefix:
        text = text[len(prefix) :]
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    return _DROP.sub("", text.lower()).replace("_", "")


def normalise_duties(texts: list[str]) -> list[str]:
    """`normalise_duty` for many texts at once: one pass of each step over all of them."""
    if not texts:
        return []
    sep = "\x00"
    joined = sep + sep.join(texts)
    if joined.count(sep) != len(texts):  # a text holds NUL itself
        joined = sep + sep.join(t.replace(sep, " ") for t in texts)
    joined = _LEADING_NUMBERING.sub(sep, joined)
    if not unicodedata.is_normalized("NFKC", joined):
        joined = unicodedata.normalize("NFKC", joined)
    return _DROP.sub("", joined.lower()).replace("_", "").split(sep)[1:]


@cache
def builtin_typos() -> dict[str, str]:
    """The known-typo list shipped with mktorg (wrong -> right)."""
    raw = resources.files("mktorg").joinpath("data/typos.yaml").read_text(encoding="utf-8")
    return {str(k): str(v) for k, v in parse(raw).items()}


def typo_pattern(typos: dict[str, str]) -> re.Pattern[str] | None:
    """One regex matching any known wrong word, longest first."""
    if not typos:
        return None
    return re.compile("|".join(re.escape(w) for w in sorted(typos, key=len, reverse=True)))


BACKSLASH_BETWEEN_HAN = lazy(rf"(?<=[{HAN}])\\(?=[{HAN}])")
DOT_BETWEEN_HAN = lazy(rf"(?<=[{HAN}])\.(?=[{HAN}])")
SPACE_BETWEEN_HAN = lazy(rf"(?<=[{HAN}])[ \t\u3000\u00a0]+(?=[{HAN}])")
_HALF_SEPARATOR = lazy(rf"(?<=[{HAN}])[,;:](?=[{HAN}])")
_HALF_PARENS = lazy(rf"(?<=[{HAN}])\((?=[^()]*[{HAN}])[^()]*\)|\((?=[^()]*[{HAN}])[^()]*\)(?=[{HAN}])")
_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）"}

Replacement = tuple[int, int, str]
"""Characters [start, end) of a text and what replaces them."""


_UNIT_ENDINGS = (
    *("公司", "集团", "部", "中心", "办公室", "室", "组", "大区", "门店", "工厂"),
    *("学校", "医院", "委员会", "研究院", "研究所"),
)
"""How the name of an organisational unit ends: a space after one separates the parts of a name."""
_LIST_ITEM_ENDINGS = (
    *("经理", "总监", "主管", "专员", "主任", "助理", "顾问", "内勤", "总裁", "部长", "组长"),
    *("师", "业务员", "推广员", "人员", "名", *"一二三四五六七八九十两"),
)
"""How a position or a headcount ends: a space after one separates the items of a list of positions
(`营销中心总经理 客服部经理 商业运营部经理`, `市场部经理一名 平面设计一名 行政人员`,
`市场推广主管二 网络营销 一名`)."""
_KEEP_SPACE_AFTER = _UNIT_ENDINGS + _LIST_ITEM_ENDINGS


def han_space_edits(text: str) -> list[Replacement]:
    """The white space between two Chinese characters that does not belong there, to remove:
    inside a word (`平 面设计`, `市 场部`), or between two words of running text (`推出 定价管理`,
    a line break of a PDF copy). A space after the name of a unit stays: it separates the parts
    of a name (`TCL 空调事业部 市场推广部`, `华东制造有限公司 市场营销部`); so does a space after a
    position or a headcount, which separates the items of a list (`营销中心总经理 客服部经理`,
    `市场部经理一名 平 面设计一名`: only `平 面` is a broken word). The text is segmented with every
    such space removed."""
    spaces = [(m.start(), m.end()) for m in SPACE_BETWEEN_HAN.finditer(text)]
    if not spaces:
        return []
    from mktorg.lint.text.words import word_ends

    parts, joined_at, done, removed = [], [], 0, 0
    for start, end in spaces:
        parts.append(text[done:start])
        joined_at.append(start - removed)
        removed += end - start
        done = end
    ends = word_ends("".join(parts) + text[done:])
    return [
        (start, end, "")
        for (start, end), at in zip(spaces, joined_at, strict=True)
        if not (at in ends and ends[at].endswith(_KEEP_SPACE_AFTER))
    ]


def full_width_edits(text: str) -> list[Replacement]:
    """Make ,;: between Chinese characters and the brackets around Chinese text full-width
    (with the ,;: inside those brackets)."""
    found = {m.start(): _HALF_TO_FULL[m.group(0)] for m in _HALF_SEPARATOR.finditer(text)}
    for match in _HALF_PARENS.finditer(text):
        for offset, char in enumerate(match.group(0)):
            if char in _HALF_TO_FULL:
                found[match.start() + offset] = _HALF_TO_FULL[char]
        # a separator between the made-full-width bracket and Chinese text: `研究),对项目` → `研究），对项目`
        after, before = match.end(), match.start() - 1
        if text[after : after + 1] in (",", ";", ":") and _is_han(text[after + 1 : after + 2]):
            found[after] = _HALF_TO_FULL[text[after]]
        if before > 0 and text[before] in ",;:" and _is_han(text[before - 1]):
            found[before] = _HALF_TO_FULL[text[before]]
    return [(at, at + 1, new) for at, new in sorted(found.items())]


_ONE_HAN = lazy(f"[{HAN}]")


def _is_han(char: str) -> bool:
    """Whether `char` is one Chinese character."""
    return len(char) == 1 and _ONE_HAN.fullmatch(char) is not None
