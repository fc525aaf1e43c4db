"""Safe, wrapped Graphviz HTML-like labels for Chinese and Latin text."""

from functools import lru_cache

from rich.cells import cell_len

from mktorg.model.base import without_controls

_NO_LINE_START = frozenset("）)」』】》〉、，。；：！？,.;:!?·・ー")
"""Characters that must not start a line (Chinese line-breaking rules)."""
_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}


def clean(text: str) -> str:
    """Drop control characters (invalid in XML) and fold white space."""
    return " ".join(without_controls(text).split())


def escape(text: str) -> str:
    """Escape text for a Graphviz HTML-like label (and so for the SVG it becomes)."""
    return "".join(_ESCAPES.get(c, c) for c in clean(text))


def wrap(text: str, width: int) -> list[str]:
    """Break text into lines of at most `width` terminal cells (a CJK character is 2)."""
    lines: list[str] = []
    current = ""
    for char in clean(text):
        if current and cell_len(current + char) > width and char not in _NO_LINE_START:
            cut = current.rfind(" ")
            if char != " " and cut > 0 and current.isascii():
                lines.append(current[:cut])
                current = current[cut + 1 :]
            else:
                lines.append(current)
                current = ""
            if char == " ":
                continue
        current += char
    if current:
        lines.append(current)
    return lines or [""]


def html_lines(text: str, width: int) -> str:
    """Escaped, wrapped text joined with <br/>."""
    return "<br/>".join(escape(line) for line in wrap(text, width))


def quote_id(value: str) -> str:
    """A DOT identifier, always quoted, with quotes and backslashes escaped."""
    return '"' + clean(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


@lru_cache(maxsize=16384)
def cached_escape(text: str) -> str:
    """`escape`, remembered (chart texts repeat)."""
    return escape(text)


@lru_cache(maxsize=16384)
def cached_quote_id(value: str) -> str:
    """`quote_id`, remembered."""
    return quote_id(value)
