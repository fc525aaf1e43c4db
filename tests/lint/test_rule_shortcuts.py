"""The shortcuts of the text rules find what the plain scans of the corpus find."""

import re
import sys
from array import array
from itertools import accumulate

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from mktorg.lint.rules.hygiene import (
    _BLANK,
    _LAST_HAN,
    _MARKER_CANDIDATE,
    _MAY_BE_NUMBERED,
    _NUMBERING_AT_START,
    _PLACEHOLDER_NEEDS,
    _TRUNCATED_END,
    _cut_off_candidates,
)
from mktorg.lint.rules.invisible import _NOT_PRINTABLE_TEXT, PRINTABLE_INVISIBLE, may_hold_invisible
from mktorg.lint.text import corpus as corpus_module
from mktorg.lint.text.corpus import SEP, Corpus
from mktorg.lint.text.patterns import BACKSLASH_BETWEEN_HAN, CJK_SPACE, DOT_BETWEEN_HAN, HALF_PUNCT, PLACEHOLDER
from mktorg.model.invisible import INVISIBLE

_NEEDS = [
    (PLACEHOLDER, _PLACEHOLDER_NEEDS),
    (HALF_PUNCT, ",;:("),
    (CJK_SPACE, " \t\u3000\u00a0"),
    (BACKSLASH_BETWEEN_HAN, "\\"),
    (DOT_BETWEEN_HAN, "."),
]
_TEXT = st.text(st.sampled_from("市场部经理的工作 \t\u3000\u00a0,;:()（）.\\XxTBDO待定_＿?？1a"), max_size=12)


def _corpus(texts: list[str]) -> Corpus:
    starts = array("q", accumulate((len(text) + 1 for text in texts), initial=1))
    starts.pop()
    count = len(texts)
    return Corpus([], array("l", [0] * count), array("l", range(count)), texts, starts, SEP + SEP.join(texts))


def _found(texts: Corpus, pattern: re.Pattern[str], needs: str) -> list[tuple[int, int, int, str]]:
    return [(index, *match.span(), match.group(0)) for index, match in texts.first_matches(pattern, needs)]


_EXAMPLE = ["市场(经理)", "a(b)", "(市场)部", "市,场", "a,b", "市 场", "市\u3000 场", "市.场", "1.5", "市\\场"]
_EXAMPLE += ["TBD", "xXx", "待定", "___", "＿＿＿", "???", "？？", "", "TBDs", "市场部"]


@given(st.lists(_TEXT, max_size=8))
@example(_EXAMPLE)
@example(_EXAMPLE[::-1])
def test_searching_the_strings_that_hold_a_needed_character_finds_the_same(texts: list[str]) -> None:
    corpus = _corpus(texts)
    for pattern, needs in _NEEDS:
        plain = _found(corpus, pattern, "")
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(corpus_module, "_FEW", 0)  # never fall back to the scan of the whole corpus
            assert _found(corpus, pattern, needs) == plain, pattern.pattern
        assert _found(corpus, pattern, needs) == plain, pattern.pattern


def test_every_invisible_character_is_refused_by_isprintable_or_listed() -> None:
    invisible = [chr(code) for code in range(sys.maxunicode + 1) if INVISIBLE.match(chr(code))]
    assert {char for char in invisible if char.isprintable()} == set(PRINTABLE_INVISIBLE)
    assert [char for char in _NOT_PRINTABLE_TEXT if char in invisible] == [SEP]


@given(st.text(st.sampled_from(["市", "a", " ", "\t", "\n", "\u3000", "\u00a0", "\r", "\u200b", "\u3164", SEP])))
def test_may_hold_invisible_is_false_only_without_one(joined: str) -> None:
    if not may_hold_invisible(joined):
        assert INVISIBLE.search(joined.replace(SEP, "")) is None


_ENDING = st.text(st.sampled_from("市场工及其者、，,.．)）2二iv b \t\u3000"), max_size=6)


_ENDS = [
    "负责市场调研及",
    "审批、监控工",
    "1、经验；2、",
    "或者",
    "附表(2)",
    " 工 ",
    "",
    "市场",
    "2） ",
    "iv.",
    "二．",
    "a，",
]


@given(st.lists(_ENDING, max_size=8))
@example(_ENDS)
def test_the_ends_found_in_the_reversed_corpus_are_those_the_patterns_match(texts: list[str]) -> None:
    corpus = _corpus(texts)
    patterns = (_TRUNCATED_END, _LAST_HAN, _MARKER_CANDIDATE)
    assert _cut_off_candidates(corpus) == sorted({index for p in patterns for index, _ in corpus.matches(p)})


_START = st.text(st.sampled_from("1２0.)）、(（【】一十二、.:ivxXRab 市场\t\u3000☆-·"), max_size=6)


@given(st.lists(_START, max_size=8))
@example(
    [
        "1、市场",
        "(2)市场",
        "一、市场",
        "iii.市场",
        "A.市场",
        "R00123",
        "☆市场",
        " 2）市场",
        "x)a",
        "3、4月份",
        "【1】市场",
        "-市场",
        "",
        "  ",
    ]
)
def test_numbering_and_blank_strings_are_found_as_the_plain_scans_find_them(texts: list[str]) -> None:
    corpus = _corpus(texts)
    plain = [(index, match.span()) for index, match in corpus.matches(_NUMBERING_AT_START)]
    tried = [_NUMBERING_AT_START.match(corpus.joined, c.start()) for _, c in corpus.matches(_MAY_BE_NUMBERED)]
    assert [match.span() for match in tried if match] == [span for _, span in plain]
    blank = [index for index, _ in corpus.matches(_BLANK)] if texts else []  # MK508 returns at once without strings
    assert blank == [i for i, text in enumerate(texts) if not text.strip()]
