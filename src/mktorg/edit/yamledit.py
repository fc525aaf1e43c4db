"""Edit one YAML file in place and keep every byte that the edit is not about.

ruamel.yaml's round trip does the edit (comments, key order, quoting and flow style of the
touched values stay as written). Its output is not byte-for-byte the input everywhere (it
respaces `[a,b]`, drops anchors of untouched nodes, ...), so it is not written as such: the
change ruamel made between its rendering of the file before and after the edit is carried over
onto the original text, line by line, and inside a line that ruamel would respace, character by
character. The result is then parsed with the loader's parser and must equal the original
document with exactly the intended edits; otherwise the edit is refused (`EditError`).
"""

import io
import re
from collections.abc import Sequence
from difflib import SequenceMatcher
from typing import Any

from mktorg.errors import MktorgError
from mktorg.load.parse import YamlProblem, parse, resolve_plain

PathPart = str | int
_COMMENT = re.compile(r"^(.*?\S)([ \t]+)(#[^\n]*\n?)\Z", re.S)
_BLOCK_SEQUENCE = re.compile(r"^( *)[^\s#-][^\n]*:[ \t]*(?:#.*)?\n( *)- ", re.M)


class EditError(MktorgError):
    """An edit that could not be made without touching other bytes (nothing is written)."""


def _yaml(text: str) -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 1 << 20
    yaml.allow_unicode = True
    match = _BLOCK_SEQUENCE.search(text)
    offset = max(0, len(match.group(2)) - len(match.group(1))) if match else 2
    yaml.indent(mapping=2, sequence=offset + 2, offset=offset)
    if text.lstrip("\ufeff").startswith("---"):
        yaml.explicit_start = True
    return yaml


def _dump(yaml: Any, doc: Any) -> str:
    out = io.StringIO()
    yaml.dump(doc, out)
    return out.getvalue()


def _plain(node: Any) -> Any:
    """A deep copy of parsed data as plain dicts and lists."""
    if isinstance(node, dict):
        return {key: _plain(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_plain(value) for value in node]
    return node


class YamlEdit:
    """One file's text, the edits asked for, and the new text that keeps everything else."""

    def __init__(self, text: str, name: str = "") -> None:
        self.name = name
        self.bom = "\ufeff" if text.startswith("\ufeff") else ""
        text = text.removeprefix("\ufeff")
        self.newline = "\r\n" if "\r\n" in text else "\n"
        self.original = text.replace("\r\n", "\n")
        self._expected: Any = None
        self._yaml: Any = None
        self._doc: Any = None
        self.base = ""
        self.changed = False

    @property
    def expected(self) -> Any:
        """The document as it will be written: the original data with the edits made so far."""
        if self._expected is None:
            try:
                self._expected = _plain(parse(self.original))
            except YamlProblem as err:
                raise EditError(f"{self.name}: cannot edit a file that does not parse ({err.message})") from None
        return self._expected

    def _load(self) -> None:
        """ruamel loads the file at the first edit only (a file that is not edited costs nothing)."""
        if self._yaml is None:
            self.expected  # noqa: B018  (a file that does not parse is refused before ruamel sees it)
            self._yaml = _yaml(self.original)
            self._doc = self._yaml.load(self.original)
            self.base = _dump(self._yaml, self._doc)

    # --- reading ---------------------------------------------------------------------------

    def get(self, path: Sequence[PathPart]) -> Any:
        """The value at `path` in the document as it will be written (None when absent)."""
        node: Any = self.expected
        for part in path:
            if isinstance(node, dict) and isinstance(part, str):
                node = node.get(part)
            elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
                node = node[part]
            else:
                return None
        return node

    # --- editing ---------------------------------------------------------------------------

    def set(self, path: Sequence[PathPart], value: Any, *, after: Sequence[str] = ()) -> None:
        """Set the value at `path`; a new key goes after the last key of `after` (up to the new key
        itself, when `after` is an order that names it) that the mapping has, else at the end."""
        *parents, last = path
        node, plain = self._walk(parents)
        if isinstance(last, int):
            node[last] = _node(value)
            plain[last] = _plain(value)
        elif last in node:
            node[last] = _keep_style(node[last], _node(value))
            plain[last] = _plain(value)
        else:
            keys = list(node.keys())
            position = len(keys)
            before = list(after[: list(after).index(last)]) if last in after else list(after)
            present = [k for k in before if k in node]
            if present:
                position = keys.index(present[-1]) + 1
            node.insert(position, last, _node(value))
            plain[last] = _plain(value)
        self.changed = True

    def delete(self, path: Sequence[PathPart]) -> None:
        """Remove a key or a list item."""
        *parents, last = path
        node, plain = self._walk(parents)
        del node[last]
        del plain[last]
        self.changed = True

    def _walk(self, path: Sequence[PathPart]) -> tuple[Any, Any]:
        self._load()
        node, plain = self._doc, self.expected
        for part in path:
            node, plain = node[part], plain[part]
        return node, plain

    # --- the result ------------------------------------------------------------------------

    def text(self) -> str:
        """The original text with the edits, every other byte kept; EditError when that cannot be."""
        if not self.changed:
            return self.bom + self.original.replace("\n", self.newline)
        edited = _dump(self._yaml, self._doc)
        lines = _transplant_lines(self.original, self.base, edited)
        if lines is None or not self._verified(lines):
            raise EditError(
                f"{self.name}: the edit could not be made without changing other parts of the file; edit it by hand"
            )
        return self.bom + lines.replace("\n", self.newline)

    def _verified(self, text: str) -> bool:
        try:
            return bool(_plain(parse(text)) == self.expected)
        except (YamlProblem, RecursionError):
            return False


def _node(value: Any) -> Any:
    """Plain data as ruamel nodes: mappings and lists written in flow style (`{min: 0, max: 3}`, `[a, b]`)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(value, dict):
        out = CommentedMap((k, _node(v)) for k, v in value.items())
        out.fa.set_flow_style()
        return out
    if isinstance(value, list):
        seq = CommentedSeq(_node(v) for v in value)
        seq.fa.set_flow_style()
        return seq
    return value


def _keep_style(old: Any, new: Any) -> Any:
    """A new string in the quoting of the one it replaces; a list in the old list's flow or block style."""
    from ruamel.yaml.comments import CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString

    if isinstance(new, str):
        if isinstance(old, DoubleQuotedScalarString):
            return DoubleQuotedScalarString(new)
        if isinstance(old, SingleQuotedScalarString):
            return SingleQuotedScalarString(new)
    if isinstance(old, CommentedSeq) and isinstance(new, CommentedSeq) and not old.fa.flow_style():
        new.fa.set_block_style()
        for i in range(len(new)):
            new[i] = _keep_style(old[i], new[i]) if i < len(old) else new[i]
    return new


def _transplant_lines(original: str, base: str, edited: str) -> str | None:
    """The edits that turned `base` into `edited`, made on `original` (which ruamel rendered as `base`)."""
    orig, before, after = (s.splitlines(keepends=True) for s in (original, base, edited))
    out = _transplant(orig, before, after, inner=True)
    return None if out is None else "".join(out)


def _transplant(original: list[str], base: list[str], edited: list[str], *, inner: bool) -> list[str] | None:
    """`original` with the changes from `base` to `edited`, where `base` is `original` respaced."""
    where = _mapping(base, original)
    out: list[str] = []
    done = 0
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, base, edited, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        if i1 < i2:
            if any(i not in where for i in range(i1, i2)):
                return None
            o1, o2 = where[i1], where[i2 - 1] + 1
            if o2 - o1 != i2 - i1:
                return None
        elif i1 in where:
            o1 = o2 = where[i1]
        elif i1 == len(base):
            o1 = o2 = len(original)
        else:
            return None
        if o1 < done:
            return None
        out += original[done:o1]
        replacement = edited[j1:j2]
        if inner and tag == "replace" and i2 - i1 == j2 - j1:
            replacement = [_line(original[o1 + k], base[i1 + k], edited[j1 + k]) for k in range(i2 - i1)]
        out += replacement
        done = o2
    return out + original[done:]


def _line(original: str, base: str, edited: str) -> str:
    """One line: the character changes from `base` to `edited` made on `original`, or `edited`;
    the spaces before an end-of-line comment stay as they were (ruamel would keep the comment's column)."""
    if original == base:
        line = edited
    else:
        chars = _transplant(list(original), list(base), list(edited), inner=False)
        line = "".join(chars) if chars is not None else edited
    before, after = _COMMENT.match(original), _COMMENT.match(line)
    if before and after and before.group(3) == after.group(3) and before.group(2) != after.group(2):
        return after.group(1) + before.group(2) + after.group(3)
    return line


def _mapping(base: list[str], original: list[str]) -> dict[int, int]:
    """Where each item of `base` is in `original`: equal runs, and runs respaced item for item."""
    where: dict[int, int] = {}
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, base, original, autojunk=False).get_opcodes():
        if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
            for k in range(i2 - i1):
                where[i1 + k] = j1 + k
    return where


_BREAKS = "\t\n\r\x85\u2028\u2029"
"""Characters a plain scalar may not hold (libyaml reads NEL and the Unicode separators as line breaks)."""
_INDICATORS = tuple("-?:,[]{}#&*!|>'\"%@`")


def _printable(ch: str) -> bool:
    code = ord(ch)
    return (
        ch in "\t\n"
        or 0x20 <= code <= 0x7E
        or code == 0x85
        or 0xA0 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or 0x10000 <= code <= 0x10FFFF
    ) and code != 0xFEFF


def scalar(value: object, *, flow: bool = False) -> str:
    """A scalar as YAML: plain when it reads back the same, else double-quoted with escapes."""
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value) if isinstance(value, float) else str(value)
    text = str(value)
    risky = ",[]{}" if flow else ""
    if (
        text
        and text == text.strip()
        and not text.startswith(_INDICATORS)
        and ": " not in text
        and " #" not in text
        and not text.endswith(":")
        and all(_printable(ch) and ch not in _BREAKS and ch not in risky for ch in text)
        and resolve_plain(text) == text
    ):
        return text
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif not _printable(ch) or ch in _BREAKS:
            out.append(f"\\u{ord(ch):04x}" if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _flow(value: object) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{scalar(k, flow=True)}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    return scalar(value, flow=True)


def render_new(data: dict[str, Any], comments: Sequence[str] = ()) -> str:
    """The text of a new file: `comments` as opening lines, then one `key: value` line per key
    (lists and mappings in flow style); it must parse back to `data`."""
    lines = [f"# {line}" for line in comments]
    lines += [f"{scalar(key)}: {_flow(value)}" for key, value in data.items()]
    text = "\n".join(lines) + "\n"
    try:
        same = _plain(parse(text)) == data
    except (YamlProblem, RecursionError):
        same = False
    if not same:
        raise EditError(f"could not write {data!r} as YAML that reads back the same")
    return text
