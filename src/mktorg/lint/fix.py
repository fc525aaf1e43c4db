"""`mktorg lint --fix`: rewrite fixable text in place, keeping every other byte of the file.

Each edit replaces exactly the source span of one scalar (found with libyaml's marks),
re-quoted in its own style. The edited file is parsed again and must give the original data
with only the fixed values changed; otherwise the edited scalars are double-quoted, and if
that fails too the file is left alone.
"""

import copy
import difflib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from mktorg.lint.text.fields import organisation_strings
from mktorg.lint.text.patterns import FIXABLE, builtin_typos, fix_text, typo_pattern
from mktorg.load.loader import LoadResult
from mktorg.load.parse import YamlProblem, _NodeLoader, parse
from mktorg.load.source import PathPart, SourceFile


@dataclass
class FileFix:
    """The new text of one file and what changed in it."""

    source: SourceFile
    new_text: str
    changes: list[tuple[int, int, list[str], str, str]] = field(default_factory=list)

    def diff(self) -> str:
        """A unified diff of the change."""
        return "".join(
            difflib.unified_diff(
                self.source.text.splitlines(keepends=True),
                self.new_text.splitlines(keepends=True),
                fromfile=f"a/{self.source.path}",
                tofile=f"b/{self.source.path}",
            )
        )


def plan_fixes(loaded: LoadResult, enabled: frozenset[str] = FIXABLE) -> list[FileFix]:
    """The fixes for every file whose text has something to fix safely (rules in `enabled`)."""
    typos = {**builtin_typos(), **loaded.org.settings.lint.typos}
    pattern = typo_pattern(typos)
    per_file: dict[str, tuple[SourceFile, list[tuple[list[PathPart], str, str, list[str]]]]] = {}
    for source, path, text in organisation_strings(loaded):
        new, codes = fix_text(text, typos, pattern, enabled)
        if codes and new.strip():
            per_file.setdefault(source.path, (source, []))[1].append((path, text, new, codes))
    fixes = []
    for source, edits in per_file.values():
        fix = _fix_file(source, edits)
        if fix is not None:
            fixes.append(fix)
    return fixes


def _fix_file(source: SourceFile, edits: list[tuple[list[PathPart], str, str, list[str]]]) -> FileFix | None:
    root = _NodeLoader(source.text).get_single_node()
    if root is None:
        return None
    spans = []
    for path, old, new, codes in edits:
        node = _node_at(root, path)
        if isinstance(node, ScalarNode) and node.style in ("", "'", '"') and node.value == old:
            spans.append((node, path, old, new, codes))
    expected = copy.deepcopy(source.data)
    for _, path, _, new, _ in spans:
        _set(expected, path, new)
    for force_double in (False, True):
        text = source.text
        for node, _, _, new, _ in sorted(spans, key=lambda s: s[0].start_mark.index, reverse=True):
            rendered = _render(new, '"' if force_double else node.style)
            text = text[: node.start_mark.index] + rendered + text[node.end_mark.index :]
        try:
            if parse(text) == expected:
                changes = [(n.start_mark.line + 1, n.start_mark.column + 1, c, o, w) for n, _, o, w, c in spans]
                return FileFix(source, text, sorted(changes)) if spans else None
        except YamlProblem:
            pass
    return None


def _render(value: str, style: str) -> str:
    if style == "'":
        return "'" + value.replace("'", "''") + "'"
    if style == '"':
        return json.dumps(value, ensure_ascii=False)
    return value


def _node_at(node: Node, path: list[PathPart]) -> Node | None:
    for part in path:
        if isinstance(node, MappingNode):
            found = [v for k, v in node.value if isinstance(k, ScalarNode) and k.value == part]
            if not found:
                return None
            node = found[0]
        elif isinstance(node, SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
        else:
            return None
    return node


def _set(data: Any, path: list[PathPart], value: str) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def write_fix(fix: FileFix, root: Path) -> None:
    """Write the fixed text atomically, keeping a byte-order mark the file had."""
    from mktorg.writing import write_bytes

    path = root / fix.source.path
    with path.open("rb") as handle:
        bom = handle.read(3) == b"\xef\xbb\xbf"
    write_bytes(path, (b"\xef\xbb\xbf" if bom else b"") + fix.new_text.encode("utf-8"))
