"""The one definition of control and invisible characters: what lint reports (MK513), what
renderers drop and what terminal output shows as an escape.

They come from escapes in YAML (`"\\0"`, `"\\e"`, `"\\u202e"`) or from copying out of Word and
PDF files: C0 and C1 controls, DEL, bidirectional overrides and isolates, zero-width spaces, the
word joiner, the byte-order mark (U+FEFF), soft hyphens, line and paragraph separators, tag
characters, surrogates and noncharacters (U+FFFE). Tab and line feed are text. The zero-width
joiner and non-joiner are kept: emoji and some scripts need them.
"""

import re

_OTHERS = (
    "\x7f-\x9f"  # DEL, C1
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e"
    "\u200b\u200e\u200f\u2028-\u202e\u2060-\u206f\u3164"
    "\ud800-\udfff\ufdd0-\ufdef\ufeff\uffa0\ufff0-\ufffb\ufffe\uffff"
    "\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U000e0000-\U000e007f"
    "\U000ffffe\U000fffff\U0010fffe\U0010ffff"
)
INVISIBLE = re.compile(f"[\x00-\x08\x0b-\x1f{_OTHERS}]")
"""One control or invisible character: every C0 control but tab and line feed, and the rest above."""
_RENDER_DROPS = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f{_OTHERS}]")
"""What renderers drop: the same, carriage return kept as a line end."""


def without_invisible(text: str) -> str:
    """The text without control and invisible characters; tabs and line ends stay."""
    return _RENDER_DROPS.sub("", text) if _RENDER_DROPS.search(text) else text


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


_SHOWN = re.compile(f"[\x00-\x08\x0a-\x1f{_OTHERS}]")


def visible(text: str) -> str:
    """The text for a terminal: every control or invisible character (and line feed) shown as an
    escape such as `\\x1b` or `\\u202e`."""
    return _SHOWN.sub(_escape, text) if _SHOWN.search(text) else text
