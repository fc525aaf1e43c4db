"""MK5xx: text hygiene, for text copied from Word and PDF files."""

import bisect
import re
from collections.abc import Callable

from mktorg.diagnostics import Severity
from mktorg.lint.registry import Context, rule
from mktorg.lint.text.corpus import SEP, Corpus, corpus
from mktorg.lint.text.fields import organisation_texts
from mktorg.lint.text.patterns import (
    BACKSLASH_BETWEEN_HAN,
    CJK_SPACE,
    DOT_BETWEEN_HAN,
    DOUBLED,
    HALF_PUNCT,
    HAN,
    NUMBERING,
    PLACEHOLDER,
    Replacement,
    builtin_typos,
    full_width_edits,
    han_space_edits,
    typo_pattern,
    unbalanced_bracket,
)
from mktorg.lint.text.words import boundaries, is_whole_words, is_word, tokens
from mktorg.model.organization import Organization

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO
_PLACEHOLDER_WORDS = ("TBD", "TODO", "待定", "待补充", "待填写", "___", "＿＿＿", "???", "？？")
"""Cheap substring tests that rule out MK502 before its regex scans the corpus (with `xxx` in any case)."""
_PLACEHOLDER_NEEDS = "XxT待_＿?？"
"""A character that every placeholder holds (`PLACEHOLDER`'s alternatives start with one)."""
_NUMBERING_AT_START = re.compile(SEP + NUMBERING.pattern.removeprefix("^"), re.VERBOSE)
_MAY_BE_NUMBERED = re.compile(SEP + "\\s*(?:[0-9(（【☆★●•·▪一二三四五六七八九十-]|[A-Za-z][.)、ivx])")
"""A string that may start with numbering (how each kind of `NUMBERING` starts): `_NUMBERING_AT_START`
is tried at these strings only, not at every string (ids and references start with a letter too)."""
_BLANK = re.compile(f"{SEP}\\s*(?={SEP}|\\Z)")
"""An empty or blank string (`\\s` is the white space of `str.strip`)."""


Fixer = Callable[[str], list[Replacement]]
"""The replacements that fix a whole string."""


def _report_matches(
    ctx: Context, pattern: re.Pattern[str], needs: str, message: str, hint: str, fixer: Fixer | None = None
) -> None:
    """One finding per string with a match, at the first match; with `fixer`, the edits for the whole
    string. `needs`: see `Corpus.first_matches`."""
    texts = corpus(ctx.loaded)
    for index, match in texts.first_matches(pattern, needs):
        source, position = texts.where(index, match)
        found = match.group(0).strip(SEP)
        fix = tuple(texts.edit(index, *r) for r in fixer(texts.texts[index])) if fixer else ()
        ctx.report_at(source, position, message.format(found=found), hint.format(found=found), fix)


@rule("MK501", "numbering-artifact", W, fixable=True, on_helper=True)
def numbering_artifact(org: Organization, ctx: Context) -> None:
    """A text starts with list numbering (`1、` `1.` `(1)` `1)` `一、` `i.` `A.`).

    Why: numbering is the renderer's job; a number kept in the text is doubled in every
    document (`1. 1、负责…`) and goes wrong as soon as the list is reordered. A quantity after
    the marker stays: `1、5年以上工作经验` becomes `5年以上工作经验`. Numbers listed together are
    not numbering: `3、4月份`, `一、二线城市`.

    Bad:
    ```yaml
    duties:
      - 1、负责市场调研
      - (2)编制调研报告
    ```

    Good:
    ```yaml
    duties:
      - 负责市场调研
      - 编制调研报告
    ```
    """
    texts = corpus(ctx.loaded)
    numbered: dict[int, re.Match[str]] = {}

    def numbering(index: int, candidate: re.Match[str]) -> bool:
        match = _NUMBERING_AT_START.match(texts.joined, candidate.start())
        if match is not None:
            numbered[index] = match
        return match is not None

    for index, _ in texts.matches(_MAY_BE_NUMBERED, numbering):
        match = numbered[index]
        if match.end() >= len(texts.joined) or texts.joined[match.end()] == SEP:
            continue
        source, position = texts.where(index)
        marker = match.group(0).removeprefix(SEP)
        ctx.report_at(
            source,
            position,
            f"text starts with list numbering '{marker.strip()}'",
            "remove the number: lists are numbered when rendered",
            (texts.edit(index, 0, len(marker), ""),),
        )


@rule("MK502", "placeholder", W, on_helper=True)
def placeholder(org: Organization, ctx: Context) -> None:
    """A placeholder such as `XXX`, `TBD`, `待定`, `___`.

    Why: a template value that was never filled in (主管:XXX) ends up in the client's document.

    Bad:
    ```yaml
    title: 市场主管XXX
    ```

    Good:
    ```yaml
    title: 市场主管
    ```
    """
    joined = corpus(ctx.loaded).joined
    has_x = "x" in joined or "X" in joined
    if not any(word in joined for word in _PLACEHOLDER_WORDS) and not (has_x and "xxx" in joined.lower()):
        return
    _report_matches(
        ctx, PLACEHOLDER, _PLACEHOLDER_NEEDS, "placeholder '{found}' left in the text", "replace it with the real text"
    )


@rule("MK503", "cjk-space", W, fixable=True, on_helper=True)
def cjk_space(org: Organization, ctx: Context) -> None:
    """White space inside Chinese text: a word broken apart (`平 面设计`) or a sentence (`推出 定价`).

    Why: PDF copies break words and sentences with spaces; `咨询 师` no longer matches `咨询师`
    in search, duplicate checks or role names. A space after the name of a unit separates the
    parts of a name (`TCL 空调事业部 市场推广部`, `公司 市场部`), and a space after a position or a
    headcount separates the items of a list (`营销中心总经理 客服部经理`, `一名 平面设计一名`): neither
    is a defect, and `--fix` keeps them. The text is segmented into words (jieba's dictionary) to
    tell them apart.

    Bad:
    ```yaml
    title: 平 面设计
    ```

    Good:
    ```yaml
    title: 平面设计
    name: TCL 空调事业部 市场推广部
    summary: 营销中心总经理 客服部经理 商业运营部经理
    ```
    """
    texts = corpus(ctx.loaded)
    for index, _ in texts.first_matches(CJK_SPACE, " \t\u3000\u00a0"):
        edits = han_space_edits(texts.texts[index])
        if not edits:
            continue
        first = CJK_SPACE.search(texts.joined, texts.starts[index] + edits[0][0] - 1)
        source, position = texts.where(index, first)
        found = first.group(0) if first else ""
        ctx.report_at(
            source,
            position,
            f"white space inside Chinese text: '{found}'",
            "remove the space",
            tuple(texts.edit(index, *edit) for edit in edits),
        )


@rule("MK504", "mixed-punctuation", I, fixable=True, on_helper=True)
def mixed_punctuation(org: Organization, ctx: Context) -> None:
    """Half-width `,;:()` between CJK characters.

    Why: Chinese text takes full-width punctuation (,;:()); mixed widths look careless in a
    client document. English text keeps its own punctuation.

    Bad:
    ```yaml
    duties: [组织市场调查,建立市场档案]
    ```

    Good:
    ```yaml
    duties: [组织市场调查，建立市场档案]
    ```
    """
    _report_matches(
        ctx,
        HALF_PUNCT,
        ",;:(",
        "half-width punctuation in Chinese text: '{found}'",
        "use full-width ,;:() between Chinese characters",
        full_width_edits,
    )


@rule("MK505", "doubled-character", W, on_helper=True)
def doubled_character(org: Organization, ctx: Context) -> None:
    """An accidental doubling such as `的的`.

    Why: a doubled particle (丰富的的经验) is a typing slip. Only particles that are never
    doubled on purpose are checked, so 常常 or 人人 pass, and only when the two stand alone as
    words (the text is segmented with jieba's dictionary): a particle before a word that starts
    with it (`对对方负责`, `对对外媒体的协调`, `以以往为鉴`) and idioms (`不了了之`, `的的确确`)
    are correct.

    Bad:
    ```yaml
    experience: 丰富的的市场经验
    ```

    Good:
    ```yaml
    experience: 丰富的市场经验
    duties: [负责对对外媒体的协调, 及时处理客户投诉，不能不了了之]
    ```
    """
    texts = corpus(ctx.loaded)
    reported = -1
    for index, match in texts.matches(DOUBLED):
        if index == reported:
            continue
        start = match.start() - texts.starts[index]
        edges = boundaries(texts.texts[index])
        if not {start, start + 1, start + 2} <= edges:
            continue  # 对 + 对方, 不了了之: a word, not a doubling
        reported = index
        source, position = texts.where(index, match)
        found = match.group(0)
        ctx.report_at(source, position, f"doubled character '{found}'", "remove one of the two characters")


@rule("MK506", "known-typo", W, fixable=True, on_helper=True)
def known_typo(org: Organization, ctx: Context) -> None:
    """A known wrong word (`竞争队手`→`竞争对手`, `参和`→`参与`, `查旅费`→`差旅费`, `检察权`→`检查权`).

    Why: homophone slips recur in marketing documents; the list ships with mktorg and
    grows per organisation under `lint.typos` in org.yaml. A wrong word is matched as whole
    words only (the text is segmented with jieba's dictionary), never inside other words:
    `审查旅费` (审查 + 旅费) and `制定订货计划` (制定 + 订货) are correct and left alone.

    Bad:
    ```yaml
    duties: [收集竞争队手信息, 编织年度广告预算]
    ```

    Good:
    ```yaml
    duties: [收集竞争对手信息, 编制年度广告预算, 审查旅费报销]
    ```
    """
    typos = {**builtin_typos(), **org.settings.lint.typos}
    pattern = typo_pattern(typos)
    if pattern is None:
        return
    texts = corpus(ctx.loaded)
    for index, match in texts.matches(pattern):
        wrong = match.group(0)
        start = match.start() - texts.starts[index]
        if not is_whole_words(texts.texts[index], start, start + len(wrong)):
            continue  # part of another word: 制定订货计划 holds 制定订 but means 制定 + 订货
        source, position = texts.where(index, match)
        ctx.report_at(
            source,
            position,
            f"'{wrong}' is a known typo for '{typos[wrong]}'",
            f"write '{typos[wrong]}'",
            (texts.edit(index, start, start + len(wrong), typos[wrong]),),
        )


@rule("MK507", "missing-translation", I, on_helper=True)
def missing_translation(org: Organization, ctx: Context) -> None:
    """A Text lacks one of the declared `locales`.

    Why: with `locales: [zh, en]` an English document would silently fall back to Chinese.

    Bad:
    ```yaml
    # org.yaml: locales: [zh, en]
    title: 市场部经理
    ```

    Good:
    ```yaml
    title: {zh: 市场部经理, en: Marketing Manager}
    ```
    """
    locales = org.settings.locales
    if len(locales) < 2:
        return
    for source, items in organisation_texts(ctx.loaded):
        for path, value in items:
            have = {locales[0]} if isinstance(value, str) else set(value)
            missing = [loc for loc in locales if loc not in have]
            if missing:
                ctx.report(
                    source,
                    path,
                    "no translation for " + ", ".join(missing),
                    "write the text as {" + ", ".join(f"{loc}: ..." for loc in locales) + "}",
                )


@rule("MK508", "empty-text", E, on_helper=True)
def empty_text(org: Organization, ctx: Context) -> None:
    """An empty or blank string where text is required.

    Why: an empty duty or title prints as an empty numbered line or an empty box.

    Bad:
    ```yaml
    duties:
      - 负责市场调研
      - ""
    ```

    Good:
    ```yaml
    duties:
      - 负责市场调研
    ```
    """
    texts = corpus(ctx.loaded)
    if not texts.texts:
        return  # the joined corpus is then one separator, which `_BLANK` matches
    for index, _ in texts.matches(_BLANK):
        source, position = texts.where(index)
        ctx.report_at(source, position, "empty text", "write the text or remove the entry")


@rule("MK509", "unbalanced-brackets", W, on_helper=True)
def unbalanced_brackets(org: Organization, ctx: Context) -> None:
    """`(` `（` `【` `《` `“` without their partner.

    Why: a bracket left open usually means text was cut at a page break or a watermark
    was pasted in (`【WEIHUA 16H-`). The `)` of list numbering at the start of an item
    (`1)全面计划…。 2)参与制定…`, `a)情报官`) has no partner and is not reported.

    Bad:
    ```yaml
    deliverables: [《年度推广规划方案]
    ```

    Good:
    ```yaml
    deliverables: [《年度推广规划方案》]
    summary: 市场部经理的职责 1)全面计划、安排、管理市场部工作。 2)参与制定年度营销计划。
    ```
    """
    texts = corpus(ctx.loaded)
    brackets = re.compile("[()（）【】《》“”\\[\\]]")
    for index, _ in texts.first_matches(brackets):
        bad = unbalanced_bracket(texts.texts[index])
        if bad:
            source, position = texts.where(index)
            ctx.report_at(source, position, f"'{bad}' without its partner", "close or remove the bracket")


_TRUNCATED_END = re.compile(f"[{HAN}][、，,]\\s*(?={SEP}|\\Z)")
_CONNECTIVES = frozenset(("及", "和", "与", "或", "并", "以及", "并且", "或者", "及其"))
_FRAGMENT_STARTS = frozenset("工管推策执监协调销培考评审建维负实开收整编拟指督提参配落跟统汇检宣")
"""Characters that start the verbs and nouns of duty texts (工作, 管理, 推广, 策划, …) and, standing
alone as the last word of a text after a Chinese word, mark it as cut off (`…的审批、监控工`).
Characters that also end names or measures (组, 制, 分, 计, 营: 推广组, 轮岗制, 90分) are not here."""
_HAN_WORD = re.compile(f"[{HAN}]{{2,}}")
_WORD_ENDS = "".join(sorted(_FRAGMENT_STARTS)) + "及和与或并其者且"
_LAST_HAN = re.compile(f"[{_WORD_ENDS}]\\s*(?={SEP}|\\Z)")
"""Texts that may end with a connective or a cut-off word: only these are segmented."""


_CJK_DIGITS = "一二三四五六七八九十"
_ITEM_START = "(?:^|(?<=[\\s;；。，,:：、]))"
"""Where a list marker stands at the start of an item: at the start of the text, or after a space or
a separator (`…;2、`), never after a word (`附表(2)`, `增长1.2.`)."""
_LAST_ITEM_MARKER = re.compile(
    _ITEM_START
    + f"""(?:(?P<num>[0-9]{{1,2}})\\s*(?P<num_end>[、.．)）])
      | [(（]\\s*(?P<inner>[0-9]{{1,2}}|[{_CJK_DIGITS}]{{1,3}})\\s*[)）]
      | (?P<cjk>[{_CJK_DIGITS}]{{1,3}})\\s*(?P<cjk_end>[、.．])
      | (?P<roman>i{{1,3}}|iv|vi{{0,3}}|ix|x)\\s*(?P<roman_end>[.)])
      | (?P<letter>[b-hB-H])\\s*(?P<letter_end>[.)])
    )\\s*$""",
    re.VERBOSE,
)
"""A list marker with nothing after it at the end of a text (`…;2、`, `…。(2)`, `…。 iv.`)."""
_ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x")
_MARKER_CANDIDATE = re.compile(f"[0-9{_CJK_DIGITS}ivxb-hB-H]\\s*[、.．)）]\\s*(?={SEP}|\\Z)")
"""Texts that may end with an empty list item: only these are checked with `_LAST_ITEM_MARKER`."""
_CUT_OFF_CANDIDATE = re.compile("|".join(f"(?:{p.pattern})" for p in (_TRUNCATED_END, _LAST_HAN, _MARKER_CANDIDATE)))
"""A text that may be cut off: only these are checked with `_truncation`."""
_REVERSED_LAST = re.compile(f"{SEP}\\s*[{re.escape('、，,.．)）' + _WORD_ENDS)}]")
"""In the corpus reversed: the last character (but white space) of a text that `_CUT_OFF_CANDIDATE`
may match, after the separator that follows the text."""


def _cut_off_candidates(texts: Corpus) -> list[int]:
    """The strings that `_CUT_OFF_CANDIDATE` matches, in order. It looks at the end of a string only:
    in the corpus reversed, the ends follow the separators, which the regex engine finds at C speed
    (the pattern itself would try every character of the corpus)."""
    joined, starts = texts.joined, texts.starts
    found = []
    for match in _REVERSED_LAST.finditer((joined + SEP)[::-1]):
        index = bisect.bisect_right(starts, len(joined) - match.start()) - 1
        if _CUT_OFF_CANDIDATE.search(texts.texts[index]):
            found.append(index)
    return found[::-1]


def _cjk_number(text: str) -> int:
    """一 … 十九 as an integer (0 for anything else)."""
    digits = {c: i + 1 for i, c in enumerate(_CJK_DIGITS)}
    if len(text) == 1:
        return digits.get(text, 0)
    if text[0] == "十":
        return 10 + digits.get(text[1], 0) if len(text) == 2 else 0
    if len(text) >= 2 and text[1] == "十":
        return digits.get(text[0], 0) * 10 + (digits.get(text[2], 0) if len(text) == 3 else 0)
    return 0


def _cjk_numeral(number: int) -> str:
    """An integer 1 … 99 in Chinese numerals (一, 十, 十一, 二十一)."""
    tens, units = divmod(number, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _CJK_DIGITS[tens - 1] + "十")
    return head + (_CJK_DIGITS[units - 1] if units else "")


def _same_end(end: str) -> str:
    """A character class of the marker ends written alike: `.` and `．`, `)` and `）`."""
    for alike in (".．", ")）"):
        if end in alike:
            return f"[{re.escape(alike)}]"
    return re.escape(end)


def _empty_last_item(text: str) -> str | None:
    """The marker of an empty last list item (`1、…;2、`), when the item before it is in the text.

    Only a second or later item counts, numbered like the one before it: a text that merely ends
    with a number (`人数:2.`, `附表(2)`) is not a list."""
    match = _LAST_ITEM_MARKER.search(text)
    if match is None:
        return None
    groups = match.groupdict()
    if groups["num"]:
        number = int(groups["num"])
        previous = f"{number - 1}\\s*{_same_end(groups['num_end'])}"
    elif groups["inner"]:
        inner = groups["inner"]
        number = int(inner) if inner.isdigit() else _cjk_number(inner)
        earlier = str(number - 1) if inner.isdigit() else _cjk_numeral(number - 1)
        previous = f"[(（]\\s*{earlier}\\s*[)）]"
    elif groups["cjk"]:
        number = _cjk_number(groups["cjk"])
        previous = f"{_cjk_numeral(number - 1)}\\s*{_same_end(groups['cjk_end'])}"
    elif groups["roman"]:
        number = _ROMAN.index(groups["roman"]) + 1
        previous = f"{_ROMAN[max(number - 2, 0)]}\\s*{_same_end(groups['roman_end'])}"
    else:
        number = 2  # b) follows a), C. follows B.
        previous = f"{chr(ord(groups['letter']) - 1)}\\s*{_same_end(groups['letter_end'])}"
    if number < 2 or re.search(_ITEM_START + previous + "(?=.)", text[: match.start()], re.S) is None:
        return None
    return match.group(0).strip()


def _truncation(text: str) -> str | None:
    """How a text that stops mid-sentence ends, or None."""
    stripped = text.rstrip()
    marker = _empty_last_item(stripped)
    if marker is not None:
        return marker
    if stripped[-1:] in ("、", "，", ","):
        return stripped[-1]
    if not stripped.endswith(tuple(_CONNECTIVES)) and is_word(stripped[-2:]):
        return None  # ends with a whole word of two characters: nothing cut off (and no segmenting)
    words = [w for w in tokens(stripped) if w.strip()]
    if len(words) < 2:
        return None
    last = words[-1]
    after_words = _HAN_WORD.fullmatch(words[-2]) is not None
    if after_words and (last in _CONNECTIVES or (last in _FRAGMENT_STARTS and not is_word(words[-2] + last))):
        return last
    return None


@rule("MK510", "truncated-text", W, on_helper=True)
def truncated_text(org: Organization, ctx: Context) -> None:
    """A text that stops mid-sentence.

    Why: text copied from a PDF or a table cell is often cut off at a page or cell break
    (`负责各项广告费用的审批、监控工`): the document would print half a duty. A text is cut off
    when it ends with `、` or `，`, with a connective (及 和 与 或 并), with the first character
    of a word (the text is segmented with jieba's dictionary), or with the number of a list item
    that has nothing after it (`1、…；2、`, `(1)…；(2)`, `iii.…。 iv.`): only when the item before
    it is numbered alike in the text, so a text that ends with a number (`附表(2)`, `人数:2.`) is
    not a list. A final `；` closes a list item and a final `：` introduces sub-items: neither is
    reported. Not found: a word missing inside a text (`监督部执行状况` for 监督各部执行状况: 监督部 is
    also the name of a department) and a text that stops after a whole word (`构建合理的区域`), or
    after `的`, which also ends whole sentences (`是可行的`).

    Bad:
    ```yaml
    duties: [负责各项广告费用的审批、监控工, 负责市场调研及]
    qualifications:
      other: [1、5年以上电子商务/网络营销工作经验；2、]
    ```

    Good:
    ```yaml
    duties: [负责各项广告费用的审批、监控工作, 负责市场调研及分析, 考核方法见附表(1)和附表(2)]
    qualifications:
      other: [5年以上电子商务/网络营销工作经验]
    ```
    """
    texts = corpus(ctx.loaded)
    for index in _cut_off_candidates(texts):
        end = _truncation(texts.texts[index])
        if end is not None and texts.is_text(index):  # files are parsed again only for what is reported
            source, position = texts.where(index)
            ctx.report_at(source, position, f"the text stops after '{end}'", "complete the text (it looks cut off)")


@rule("MK512", "backslash-separator", W, fixable=True, on_helper=True)
def backslash_separator(org: Organization, ctx: Context) -> None:
    """A backslash between Chinese words (`媒介\\广告\\公关`).

    Why: a list pasted from a table; Chinese lists are separated with `、`. A text with a
    backslash anywhere else (a file path such as `C:\\资料\\客户`) is left alone.

    Bad:
    ```yaml
    functions: [{id: media, name: 媒介\\广告\\公关}]
    ```

    Good:
    ```yaml
    functions: [{id: media, name: 媒介、广告、公关}]
    ```
    """
    texts = corpus(ctx.loaded)
    for index, match in texts.first_matches(BACKSLASH_BETWEEN_HAN, "\\"):
        text = texts.texts[index]
        separators = list(BACKSLASH_BETWEEN_HAN.finditer(text))
        if len(separators) != text.count("\\"):
            continue  # a path or an escape (C:\资料\客户), not a list
        source, position = texts.where(index, match)
        fix = tuple(texts.edit(index, m.start(), m.end(), "、") for m in separators)
        ctx.report_at(source, position, "backslash between Chinese words", "separate the words with '、'", fix)


@rule("MK514", "dot-separator", W, on_helper=True)
def dot_separator(org: Organization, ctx: Context) -> None:
    """A half-width `.` between Chinese words (`年度.季度.月度`, `市场分析.由分析团队…`).

    Why: text typed with an English keyboard or pasted from a PDF: Chinese separates the items of
    a list with `、` and clauses with `，` or `。`; a `.` between two Chinese characters is neither
    and looks careless in a client document. Not fixed automatically: whether the dot stands for
    `、`, `，` or `。` depends on the sentence. Numbers (`1.5倍`, `9.集团公司`) and Latin text are
    left alone.

    Bad:
    ```yaml
    functions: [{id: plan, name: 销售计划, description: 主要包括年度.季度.月度销售计划的制定}]
    ```

    Good:
    ```yaml
    functions: [{id: plan, name: 销售计划, description: 主要包括年度、季度、月度销售计划的制定}]
    ```
    """
    texts = corpus(ctx.loaded)
    for index, match in texts.first_matches(DOT_BETWEEN_HAN, "."):
        source, position = texts.where(index, match)
        ctx.report_at(
            source,
            position,
            "half-width '.' between Chinese words",
            "use '、' between the items of a list, '，' or '。' between clauses",
        )
