"""Fast, bounded YAML 1.2 loading on libyaml, with the position of every key and item.

libyaml (PyYAML's C parser) builds the node tree; this module turns it into plain
Python data without recursion, with YAML 1.2 core-schema scalars, a duplicate-key
check, a ban on tags and a bound on alias expansion.
"""

import math
import re
from dataclasses import dataclass
from typing import Any, NamedTuple

import yaml
from yaml.cyaml import CParser  # type: ignore[attr-defined]
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

PLAIN = "!mktorg/plain"
QUOTED = "tag:yaml.org,2002:str"
MAP = "tag:yaml.org,2002:map"
SEQ = "tag:yaml.org,2002:seq"
_DEFAULT_TAGS = frozenset((PLAIN, QUOTED, MAP, SEQ))

MAX_NODES = 1_000_000
"""Most nodes a document may expand to once aliases are followed (no billion laughs)."""

_NULL = frozenset(("", "~", "null", "Null", "NULL"))
_TRUE = frozenset(("true", "True", "TRUE"))
_FALSE = frozenset(("false", "False", "FALSE"))
_INT = re.compile(r"[-+]?[0-9]+\Z")
_OCT = re.compile(r"0o[0-7]+\Z")
_HEX = re.compile(r"0x[0-9a-fA-F]+\Z")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")
_INF = re.compile(r"[-+]?\.(?:inf|Inf|INF)\Z")
_NAN = frozenset((".nan", ".NaN", ".NAN"))
_MAYBE_NOT_STR = frozenset("0123456789-+.~ntfNTF")

MAX_INT_DIGITS = 1000
"""Longer integers are read as the float they approach (inf): their text could not be converted to
a number or back (Python stops at 4,300 digits, and sums of long numbers grow)."""

_ALIAS_HINT = "write the values out instead of nesting aliases"
Position = tuple[int, int]
"""A 1-based (line, column)."""


@dataclass(slots=True)
class YamlProblem(Exception):
    """A document that cannot become data; `kind` names the diagnostic to give."""

    kind: str  # "syntax", "duplicate-key", "tag", "not-a-mapping"
    message: str
    line: int
    column: int
    hint: str | None = None


class StringAt(NamedTuple):
    """A string value as written: its text, position, the span of its source (character offsets,
    quotes included) and its style ('' plain, "'", '"', '|' or '>')."""

    text: str
    position: Position
    start: int
    end: int
    style: str


class YamlMapping(dict[str, Any]):
    """A YAML mapping; `pos[key]` is ((key line, column), (value line, column)).

    The document's root mapping also has `strings`: every string value in document order, as
    written (a scalar reached again through an alias is listed again, with the same span).
    """

    __slots__ = ("pos", "strings")
    pos: dict[str, tuple[Position, Position]]
    strings: list[StringAt]


class YamlList(list[Any]):
    """A YAML sequence; `pos[i]` is the (line, column) of item i."""

    __slots__ = ("pos",)
    pos: list[Position]


def resolve_plain(value: str) -> Any:
    """Resolve a plain (unquoted) scalar with the YAML 1.2 core schema."""
    if not value or value[0] not in _MAYBE_NOT_STR:
        return value
    if value in _NULL:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if _INT.match(value):
        return int(value, 10) if len(value) <= MAX_INT_DIGITS else float(value)
    if _OCT.match(value):
        return int(value[2:], 8) if len(value) <= MAX_INT_DIGITS else math.inf
    if _HEX.match(value):
        return int(value[2:], 16) if len(value) <= MAX_INT_DIGITS else math.inf
    if _FLOAT.match(value):
        return float(value)
    if _INF.match(value):
        return -math.inf if value[0] == "-" else math.inf
    if value in _NAN:
        return math.nan
    return value


class _NodeLoader(CParser):  # type: ignore[misc,unused-ignore]
    """libyaml's composer with a resolver that only marks plain versus quoted scalars."""

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        if kind is ScalarNode:
            return PLAIN if implicit[0] else QUOTED
        return SEQ if kind is SequenceNode else MAP

    def descend_resolver(self, *_args: Any) -> None:
        """Path resolvers are not used."""

    def ascend_resolver(self, *_args: Any) -> None:
        """Path resolvers are not used."""


def _mark(node: Node) -> Position:
    mark = node.start_mark
    return (mark.line + 1, mark.column + 1)


_ANCHOR = re.compile(r"&[^\s,\[\]{}]+\s+")


def parse(text: str) -> YamlMapping:
    """Parse one YAML document into data with positions; raise YamlProblem for bad input."""
    return _Builder(text).build(_root(text))


def parse_fast(text: str) -> "tuple[dict[str, Any], list[str]] | YamlMapping":
    """Parse into plain dicts and lists, without positions, plus every string value in order.

    Positions cost four times the building and most of the transfer between processes, and are
    needed only where something is reported: `parse` gives them when asked. Documents with
    anchors, tags, duplicate or non-scalar keys take the full path at once (and so return a
    YamlMapping, or raise YamlProblem).
    """
    root = _root(text)
    if "&" not in text and isinstance(root, MappingNode) and root.tag == MAP:
        strings: list[str] = []
        try:
            data = _plain(root, strings)
        except (_NotPlain, RecursionError):
            pass
        else:
            return data, strings
    return _Builder(text).build(root)


class _NotPlain(Exception):
    """The fast path met something only the full builder reports well."""


def _plain(node: Node, strings: list[str]) -> Any:
    tag = node.tag
    if tag == PLAIN:
        value = resolve_plain(node.value)
        if type(value) is str:
            strings.append(value)
        return value
    if tag == QUOTED:
        strings.append(node.value)
        return node.value
    if tag == SEQ:
        return [_plain(child, strings) for child in node.value]
    if tag == MAP:
        out = {}
        for key, child in node.value:
            if key.tag not in (PLAIN, QUOTED) or not isinstance(key, ScalarNode):
                raise _NotPlain
            out[key.value] = _plain(child, strings)
        if len(out) != len(node.value):
            raise _NotPlain  # a duplicate key
        return out
    raise _NotPlain  # a tag


def _root(text: str) -> Node:
    """The root node of the only document; raise YamlProblem when there is no mapping."""
    loader = _NodeLoader(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = " ".join(x for x in (err.context, err.problem) if x) or "invalid YAML"
        raise YamlProblem("syntax", message, line, column) from None
    except yaml.YAMLError as err:
        raise YamlProblem("syntax", str(err).splitlines()[0], 1, 1) from None
    finally:
        loader.dispose()
    if root is None:
        raise YamlProblem("not-a-mapping", "the document is empty", 1, 1)
    if not isinstance(root, MappingNode) and root.tag in _DEFAULT_TAGS:
        kind = "a list" if isinstance(root, SequenceNode) else "a single value"
        raise YamlProblem("not-a-mapping", f"the document is {kind}, not a mapping", *_mark(root))
    return root


class _Builder:
    """Turns a node tree into data, iteratively, counting expanded nodes."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.strings: list[StringAt] = []
        self.done: dict[int, tuple[Any, int]] = {}
        self.active: set[int] = set()

    def build(self, root: Node) -> YamlMapping:
        data, size = self._node(root)
        if size > MAX_NODES:
            raise YamlProblem("syntax", f"aliases expand to more than {MAX_NODES:,} nodes", 1, 1, _ALIAS_HINT)
        assert isinstance(data, YamlMapping)
        data.strings = self.strings
        return data

    def _node(self, root: Node) -> tuple[Any, int]:
        # Iterative post-order walk: a stack of (node, container, child iterator state).
        stack: list[list[Any]] = []
        result: tuple[Any, int] | None = self._enter(root, stack, (1, 1))
        while stack:
            frame = stack[-1]
            node, container, index, size, _ = frame
            if result is not None:
                size += result[1]
                if size > MAX_NODES:
                    line, column = _mark(node)
                    raise YamlProblem(
                        "syntax", f"aliases expand to more than {MAX_NODES:,} nodes", line, column, _ALIAS_HINT
                    )
                if isinstance(node, SequenceNode):
                    container.append(result[0])
                else:
                    container[frame[4]] = result[0]
                frame[3] = size
                result = None
            if index == len(node.value):
                stack.pop()
                self.active.discard(id(node))
                self.done[id(node)] = (container, size)
                result = (container, size)
                continue
            frame[2] = index + 1
            if isinstance(node, SequenceNode):
                child = node.value[index]
                mark = _mark(child)
                container.pos.append(mark)
            else:
                key_node, child = node.value[index]
                key = frame[4] = self._key_text(key_node)
                positions = container.pos
                if key in positions:
                    first = positions[key][0]
                    raise YamlProblem(
                        "duplicate-key",
                        f"duplicate key {key!r} (first defined on line {first[0]})",
                        *_mark(key_node),
                    )
                mark = _mark(child)
                positions[key] = (_mark(key_node), mark)
            result = self._enter(child, stack, mark)
        assert result is not None
        return result

    def _enter(self, node: Node, stack: list[list[Any]], mark: Position) -> tuple[Any, int] | None:
        """Return a finished (value, size) for scalars and seen nodes, else push a frame."""
        if node.tag not in _DEFAULT_TAGS:
            raise YamlProblem("tag", f"YAML tag {node.tag!r} is not allowed", *_mark(node))
        if isinstance(node, ScalarNode):
            value = resolve_plain(node.value) if node.tag == PLAIN else node.value
            if type(value) is str:
                self.strings.append(self._string_at(value, node, mark))
            return (value, 1)
        seen = self.done.get(id(node))
        if seen is not None:
            return seen
        if id(node) in self.active:
            raise YamlProblem("syntax", "an alias refers to the node that contains it", *_mark(node))
        self.active.add(id(node))
        container: Any
        if isinstance(node, SequenceNode):
            container = YamlList()
            container.pos = []
        else:
            container = YamlMapping()
            container.pos = {}
        stack.append([node, container, 0, 1, None])
        return None

    def _string_at(self, value: str, node: Node, mark: Position) -> StringAt:
        start = node.start_mark.index
        if self.text.startswith("&", start):  # libyaml starts an anchored scalar at its anchor: skip it
            anchor = _ANCHOR.match(self.text, start)
            if anchor is not None:
                start = anchor.end()
                line = self.text.count("\n", 0, start) + 1
                mark = (line, start - self.text.rfind("\n", 0, start))
        return StringAt(value, mark, start, node.end_mark.index, getattr(node, "style", None) or "")

    @staticmethod
    def _key_text(node: Node) -> str:
        if not isinstance(node, ScalarNode):
            raise YamlProblem("syntax", "a mapping key must be a plain value", *_mark(node))
        if node.tag not in _DEFAULT_TAGS:
            raise YamlProblem("tag", f"YAML tag {node.tag!r} is not allowed", *_mark(node))
        return str(node.value)
