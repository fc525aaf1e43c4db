"""`mktorg lint --fix`: apply the edits that fixable findings carry, keeping every other byte.

A fix belongs to its rule: a finding of a fixable rule carries `TextEdit`s of one string value,
and this module only applies them. Each changed value is written back, in its own quoting style,
into the exact span the parser recorded for it; a scalar reached through an alias has one span and
is edited once, its anchor kept. The text is assembled in one pass, so the work grows with the
file. The edited text is parsed again and must give the same document with only those values
changed; a value that does not survive its own style is double-quoted, and if the document still
differs the file is left alone.
"""

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mktorg.diagnostics import Diagnostic, TextEdit
from mktorg.lint.unified_diff import unified_diff
from mktorg.load.parse import StringAt, YamlMapping, YamlProblem, parse
from mktorg.load.source import SourceFile
from mktorg.writing import why_not_writable, write_bytes

Change = tuple[int, int, list[str], str, str]
"""(line, column, rule codes, old value, new value) of one edited string."""
Span = tuple[int, int, str]
"""Characters [start, end) of a file's text and the source text that replaces them."""
_EDITABLE_STYLES = ("", "'", '"')
"""Plain and quoted scalars; block scalars (| and >) are left alone."""
_BOM = b"\xef\xbb\xbf"


@dataclass
class FileFix:
    """The new text of one file, the spans of the old text that were replaced, and what changed."""

    source: SourceFile
    new_text: str
    changes: list[Change] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)

    def diff(self) -> str:
        """A unified diff of the change that `patch` and `git apply` accept."""
        return unified_diff(self.source.text, self.spans, self.source.path)


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
        if edit.start < done or edit.end > len(text) or edit.start > edit.end:
            continue
        out += [text[done : edit.start], edit.new]
        done = edit.end
    return "".join(out) + text[done:]


def _fix_file(source: SourceFile, edits: list[tuple[str, TextEdit]]) -> FileFix | None:
    positioned = source.positioned
    if positioned is None:
        return None
    strings = positioned.strings
    by_span: dict[int, tuple[StringAt, list[tuple[str, TextEdit]]]] = {}
    for code, edit in edits:
        if 0 <= edit.string < len(strings):
            at = strings[edit.string]
            by_span.setdefault(at.start, (at, []))[1].append((code, edit))
    changed: dict[int, tuple[StringAt, str, list[str]]] = {}
    for start, (at, group) in sorted(by_span.items()):
        new = apply_edits(at.text, (edit for _, edit in group))
        if at.style in _EDITABLE_STYLES and new != at.text and new.strip():
            changed[start] = (at, new, sorted({code for code, _ in group}))
    if not changed:
        return None
    expected = [changed[s.start][1] if s.start in changed else s.text for s in strings]
    styles = {start: at.style for start, (at, _, _) in changed.items()}
    for attempt in range(3):
        spans = [(at.start, at.end, _render(new, styles[start])) for start, (at, new, _) in sorted(changed.items())]
        text = _replace(source.text, spans)
        wrong = _wrong_values(positioned, text, expected)
        if wrong is not None and not wrong:
            changes = [(at.position[0], at.position[1], codes, at.text, new) for at, new, codes in changed.values()]
            return FileFix(source, text, sorted(changes), spans)
        quote = set(changed) if wrong is None or attempt else {strings[i].start for i in wrong} & set(changed)
        styles.update(dict.fromkeys(quote or changed, '"'))
    return None


def _replace(text: str, spans: list[Span]) -> str:
    """The text with each span (sorted, apart) replaced: one pass, one join."""
    parts, done = [], 0
    for start, end, new in spans:
        parts += [text[done:start], new]
        done = end
    parts.append(text[done:])
    return "".join(parts)


def _wrong_values(before: YamlMapping, text: str, expected: list[str]) -> list[int] | None:
    """The indexes of the string values that `text` does not give as expected; None when the
    document itself changed (it does not parse, or keys, structure or other values differ)."""
    try:
        after = parse(text)
    except (YamlProblem, RecursionError):
        return None
    if len(after.strings) != len(expected) or _skeleton(after) != _skeleton(before):
        return None
    return [i for i, (at, value) in enumerate(zip(after.strings, expected, strict=True)) if at.text != value]


def _skeleton(root: Any) -> list[Any]:
    """The document without its string values, flattened in document order: keys, structure,
    other values, and which mapping or list is reached again through an alias."""
    out: list[Any] = []
    seen: dict[int, int] = {}
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, dict | list):
            if id(node) in seen:
                out.append(("again", seen[id(node)]))
                continue
            seen[id(node)] = len(seen)
            if isinstance(node, dict):
                out.append(("{", tuple(node)))
                stack.extend(reversed(node.values()))
            else:
                out.append(("[", len(node)))
                stack.extend(reversed(node))
        else:
            out.append("str" if isinstance(node, str) else (type(node).__name__, repr(node)))
    return out


def _render(value: str, style: str) -> str:
    if style == "'" and all(_printable(char) for char in value):
        return "'" + value.replace("'", "''") + "'"
    if style in ("'", '"'):
        return _double_quoted(value)
    return value


_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r", "\x00": "\\0"}


def _printable(char: str) -> bool:
    """Whether YAML lets the character stand for itself (line separators and the BOM excepted)."""
    code = ord(char)
    if code in (0x85, 0x2028, 0x2029, 0xFEFF):
        return False
    return (
        0x20 <= code <= 0x7E
        or 0xA0 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or 0x10000 <= code <= 0x10FFFF
        or char in "\t\n"
    )


def _double_quoted(value: str) -> str:
    """A YAML double-quoted scalar: quotes, backslashes and every non-printable character escaped."""
    out = ['"']
    for char in value:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif _printable(char):
            out.append(char)
        else:
            code = ord(char)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
    out.append('"')
    return "".join(out)


def fix_target(fix: FileFix, root: Path) -> Path:
    """The file a fix is written to: a link is written through, to the file it names."""
    return Path(os.path.realpath(root / fix.source.path))


def unwritable(fixes: list[FileFix], root: Path) -> list[str]:
    """Why some of the fixed files cannot be written ('roles/a.yaml is read-only'); [] when all can."""
    problems = []
    for fix in fixes:
        why = why_not_writable(fix_target(fix, root))
        if why is not None:
            problems.append(f"{fix.source.path} {why}")
    return problems


def write_fix(fix: FileFix, root: Path) -> bool:
    """Write the fixed text atomically through any link, keeping a byte-order mark; False (nothing
    written) when the file changed on disk since it was read, checked again just before replacing it."""
    path = fix_target(fix, root)

    def read() -> tuple[bool, str]:
        raw = path.read_bytes()
        return raw.startswith(_BOM), raw.removeprefix(_BOM).decode("utf-8", "replace")

    bom, text = read()
    if text != fix.source.text:
        return False
    data = (_BOM if bom else b"") + fix.new_text.encode("utf-8")
    return write_bytes(path, data, unchanged=lambda: read() == (bom, fix.source.text))
