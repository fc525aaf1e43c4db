"""Line breaks at word boundaries: Chinese split into words by a segmenter (jieba-rs), Latin at spaces.

A line never starts with closing punctuation (`）` `、` `，` …) nor ends with opening punctuation;
among the breaks that need the fewest lines the most even one wins, and a line of one lone
Chinese character is avoided.
"""

import re
from functools import lru_cache

from mktorg.render.chart.metrics import is_cjk, text_width
from mktorg.segment import tokens

NO_LINE_START = frozenset("）)」』】》〉]}、，。；：！？,.;:!?·・ー”’%％…")
NO_LINE_END = frozenset("（(「『【《〈[{“‘")
_RUNS = re.compile(r"(\s+)")
_LINE = 1000.0
_LONE_CHARACTER = 400.0
_FORCED = 5000.0
_IN_BRACKETS = 300.0


def _cut(text: str, names: tuple[str, ...] = ()) -> list[str]:
    """Words of a run without spaces (the segmenter is loaded on first use); each of `names` (role
    titles listed in a box) is one word, never cut by the segmenter (招商部负责人, not 招商 / 部负责人)."""
    if not any(is_cjk(c) for c in text):
        return [text]
    whole = [n for n in names if n and not any(c.isspace() for c in n)]
    if not whole:
        return list(tokens(text))
    pattern = re.compile("(" + "|".join(re.escape(n) for n in sorted(whole, key=len, reverse=True)) + ")")
    out: list[str] = []
    for i, part in enumerate(pattern.split(text)):
        if part:
            out.extend([part] if i % 2 else tokens(part))
    return out


@lru_cache(maxsize=8192)
def units(text: str, names: tuple[str, ...] = ()) -> tuple[str, ...]:
    """Pieces that may not be broken inside: words with their punctuation, and spaces; each of
    `names` is kept whole."""
    out: list[str] = []
    for run in _RUNS.split(" ".join(text.split())):
        if not run:
            continue
        for token in [" "] if run.isspace() else _cut(run, names):
            glue = bool(out) and out[-1] != " " and (token[0] in NO_LINE_START or out[-1][-1] in NO_LINE_END)
            if glue and token != " ":
                out[-1] += token
            else:
                out.append(token)
    return tuple(out)


def _split_word(word: str, width: float, size: float, bold: bool) -> list[str]:
    """A word wider than the line, cut between characters (never before closing punctuation)."""
    pieces: list[str] = []
    current = ""
    for char in word:
        if current and text_width(current + char, size, bold) > width and char not in NO_LINE_START:
            pieces.append(current)
            current = ""
        current += char
    return [*pieces, current] if current else pieces


@lru_cache(maxsize=8192)
def break_lines(
    text: str, width: float, size: float, bold: bool = False, names: tuple[str, ...] = ()
) -> tuple[str, ...]:
    """`text` in lines no wider than `width` points at `size` points, broken between words (each of
    `names` is one word: it is cut only when it is wider than the line)."""
    pieces: list[str] = []
    for unit in units(text, names):
        if unit != " " and text_width(unit, size, bold) > width:
            pieces.extend(_split_word(unit, width, size, bold))
        else:
            pieces.append(unit)
    if not pieces:
        return ("",)
    n = len(pieces)
    depth = [0] * (n + 1)
    for i, piece in enumerate(pieces):
        depth[i + 1] = (
            depth[i]
            + sum(c in NO_LINE_END for c in piece)
            - sum(c in NO_LINE_START and c in ")）]】》」』〉" for c in piece)
        )
    best: list[tuple[float, int]] = [(0.0, 0)] + [(float("inf"), 0)] * n
    for end in range(1, n + 1):
        for start in range(end - 1, -1, -1):
            line = "".join(pieces[start:end]).strip()
            used = text_width(line, size, bold)
            if used > width and end - start > 1:
                break
            if not line:
                continue
            slack = max(width - used, 0.0) / width
            cost = best[start][0] + _LINE + 100 * slack * slack
            if len(line) == 1 and is_cjk(line) and n > 1:
                cost += _LONE_CHARACTER
            if used > width:
                cost += _FORCED
            if 0 < end < n and depth[end] > 0:
                cost += _IN_BRACKETS
            elif end < n and pieces[end][0] in NO_LINE_END:
                cost -= 50  # before a bracketed group: 地方销售经理 / （江苏）
            if cost < best[end][0]:
                best[end] = (cost, start)
    lines: list[str] = []
    end = n
    while end > 0:
        start = best[end][1]
        lines.append("".join(pieces[start:end]).strip())
        end = start
    return tuple(line for line in reversed(lines) if line) or ("",)
