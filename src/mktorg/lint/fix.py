"""`mktorg lint --fix`: apply the edits that fixable findings carry, keeping every other byte.

A fix belongs to its rule: a finding of a fixable rule carries `TextEdit`s of one string value,
and this module only applies them. Each changed value is written back, in its own quoting
style, into the exact span the parser recorded for it (a scalar reached through an alias is
edited once). The edited text is parsed again and must give the same document with only those
values changed; otherwise the values are double-quoted, and if that fails too the file is left
alone.
"""

import difflib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mktorg.diagnostics import Diagnostic, TextEdit
from mktorg.load.parse import StringAt, YamlProblem, parse
from mktorg.load.source import SourceFile
from mktorg.writing import write_bytes

Change = tuple[int, int, list[str], str, str]
"""(line, column, rule codes, old value, new value) of one edited string."""
_EDITABLE_STYLES = ("", "'", '"')
"""Plain and quoted scalars; block scalars (| and >) are left alone."""
_BOM = b"\xef\xbb\xbf"


@dataclass
class FileFix:
    """The new text of one file and what changed in it."""

    source: SourceFile
    new_text: str
    changes: list[Change] = field(default_factory=list)

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


def plan_fixes(diagnostics: Iterable[Diagnostic], files: dict[str, SourceFile]) -> list[FileFix]:
    """The new text of every file that the fixes of `diagnostics` change."""
    per_file: dict[str, list[tuple[str, TextEdit]]] = {}
    for diagnostic in diagnostics:
        for edit in diagnostic.fix:
            per_file.setdefault(diagnostic.file, []).append((diagnostic.code, edit))
    fixes = []
    for path in sorted(per_file):
        source = files.get(path)
        if source is not None and source.data is not None:
            fix = _fix_file(source, per_file[path])
            if fix is not None:
                fixes.append(fix)
    return fixes


def apply_edits(text: str, edits: Iterable[TextEdit]) -> str:
    """The text with non-overlapping edits applied (of two that overlap, the earlier one wins)."""
    out, done = [], 0
    for edit in sorted(set(edits), key=lambda e: (e.start, e.end)):
        if edit.start < done or edit.end > len(text):
            continue
        out += [text[done : edit.start], edit.new]
        done = edit.end
    return "".join(out) + text[done:]


def _fix_file(source: SourceFile, edits: list[tuple[str, TextEdit]]) -> FileFix | None:
    positioned = source.positioned
    if positioned is None:
        return None
    strings = positioned.strings
    by_string: dict[int, list[tuple[str, TextEdit]]] = {}
    for code, edit in edits:
        if 0 <= edit.string < len(strings):
            by_string.setdefault(edit.string, []).append((code, edit))
    spans: dict[int, tuple[StringAt, str, list[str]]] = {}
    for number, group in sorted(by_string.items()):
        at = strings[number]
        new = apply_edits(at.text, (edit for _, edit in group))
        if at.style in _EDITABLE_STYLES and new != at.text and new.strip() and at.start not in spans:
            spans[at.start] = (at, new, sorted({code for code, _ in group}))
    if not spans:
        return None
    expected = [spans[s.start][1] if s.start in spans else s.text for s in strings]
    for force_double in (False, True):
        text = source.text
        for at, new, _ in sorted(spans.values(), key=lambda span: span[0].start, reverse=True):
            text = text[: at.start] + _render(new, '"' if force_double else at.style) + text[at.end :]
        if _same_but_strings(positioned, text, expected):
            changes = [(at.position[0], at.position[1], codes, at.text, new) for at, new, codes in spans.values()]
            return FileFix(source, text, sorted(changes))
    return None


def _same_but_strings(before: Any, text: str, strings: list[str]) -> bool:
    """Whether `text` parses to the document `before` with its string values replaced by `strings`."""
    try:
        after = parse(text)
        return [s.text for s in after.strings] == strings and _shape(after) == _shape(before)
    except (YamlProblem, RecursionError):
        return False


_STRING = object()


def _shape(node: Any) -> Any:
    """The document with every string value replaced by one marker: keys, structure and other values."""
    if isinstance(node, dict):
        return {key: _shape(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_shape(value) for value in node]
    return _STRING if isinstance(node, str) else node


def _render(value: str, style: str) -> str:
    if style == "'":
        return "'" + value.replace("'", "''") + "'"
    if style == '"':
        return json.dumps(value, ensure_ascii=False)
    return value


def write_fix(fix: FileFix, root: Path) -> bool:
    """Write the fixed text atomically, keeping a byte-order mark; False (nothing written) when
    the file changed on disk since it was read."""
    path = root / fix.source.path
    raw = path.read_bytes()
    bom = raw.startswith(_BOM)
    if raw.removeprefix(_BOM).decode("utf-8", "replace") != fix.source.text:
        return False
    write_bytes(path, (_BOM if bom else b"") + fix.new_text.encode("utf-8"))
    return True
