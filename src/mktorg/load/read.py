"""Read and parse one file: bytes, UTF-8 text, YAML data, and the findings of what went wrong
(MK001 syntax, MK002 duplicate key, MK003 not UTF-8, MK004 not a mapping, MK010 tag, MK011 unreadable).

Nothing here raises for bad input.
"""

import os
import shlex
from pathlib import Path
from typing import Any

from mktorg.diagnostics import Finding
from mktorg.load.parse import YamlMapping, YamlProblem, parse_fast

MAX_FILE_BYTES = 10 * 1024 * 1024

Parsed = tuple[bool, str | None, "dict[str, Any] | None", "list[str] | None", list[Finding]]
"""(readable, text, data, strings, findings): text is None when the file cannot be read or is not
UTF-8; data is None when it is not a YAML mapping, else plain (with its string values in
`strings`) or a YamlMapping with positions (strings None)."""

_PROBLEM_CODES = {"syntax": "MK001", "duplicate-key": "MK002", "tag": "MK010", "not-a-mapping": "MK004"}
_PROBLEM_HINTS = {
    "syntax": "check the indentation and quoting around this line",
    "duplicate-key": "remove one of the two keys or merge their values",
    "tag": "remove the tag: mktorg files use plain YAML values",
    "not-a-mapping": "write the file as 'key: value' lines",
}


def read_and_parse(root: Path, rel: str) -> Parsed:
    """Read one file of the organisation and parse it."""
    text, problem = _read(root, rel)
    if text is None:
        return False, None, None, None, [problem] if problem else []
    try:
        parsed = parse_fast(text)
    except YamlProblem as err:
        hint = err.hint or _PROBLEM_HINTS[err.kind]
        return True, text, None, None, [Finding(_PROBLEM_CODES[err.kind], rel, err.line, err.column, err.message, hint)]
    if isinstance(parsed, YamlMapping):
        return True, text, parsed, None, []
    return True, text, parsed[0], parsed[1], []


def _read(root: Path, rel: str) -> tuple[str | None, Finding | None]:
    path = root / rel
    try:
        if path.is_symlink() and not path.resolve().is_relative_to(root.resolve()):
            return None, _unreadable(rel, "is a link to a file outside the organisation folder")
        if not path.is_file():
            return None, _unreadable(rel, "is not a regular file")
        if path.stat().st_size > MAX_FILE_BYTES:
            return None, _unreadable(rel, f"is larger than {MAX_FILE_BYTES // 1024 // 1024} MB")
        raw = path.read_bytes()
    except (OSError, RuntimeError) as err:
        return None, _unreadable(rel, f"cannot be read ({getattr(err, 'strerror', None) or err})")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    wide = _utf16(raw)
    if wide is not None:
        return None, _not_utf8(root, rel, raw, None, wide)
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as err:
        return None, _not_utf8(root, rel, raw, err, None)


def _unreadable(rel: str, why: str) -> Finding:
    return Finding("MK011", rel, 1, 1, f"the file {why}", "fix or remove the file")


def _utf16(raw: bytes) -> str | None:
    """'UTF-16LE' or 'UTF-16BE' when the bytes are UTF-16 text (with or without a byte-order mark).

    Without a mark, the ASCII keys of a YAML file give a zero byte after (LE) or before (BE)
    every letter, and no UTF-8 text has zero bytes.
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "UTF-16LE" if raw.startswith(b"\xff\xfe") else "UTF-16BE"
        raw = raw[2:]
    elif raw.count(0) * 4 >= len(raw) > 0:
        odd_zeros = raw[1::2].count(0)
        encoding = "UTF-16LE" if odd_zeros * 2 >= raw.count(0) else "UTF-16BE"
    else:
        return None
    try:
        raw.decode(encoding.lower().replace("utf-16", "utf-16-"))
    except UnicodeDecodeError:
        return None
    return encoding


def _shell_path(path: Path) -> str:
    """The path for a command line: relative to the current folder, quoted for the shell."""
    try:
        shown = os.path.relpath(path)
    except ValueError:  # another drive
        shown = str(path)
    if shown.startswith("-"):
        shown = "./" + shown
    return shlex.quote(shown)


def _not_utf8(root: Path, rel: str, raw: bytes, err: UnicodeDecodeError | None, wide: str | None) -> Finding:
    target, temporary = _shell_path(root / rel), _shell_path(root / (rel + ".utf8"))
    convert = "iconv -f {} -t UTF-8 " + f"{target} > {temporary} && mv {temporary} {target}"
    if wide is not None:
        hint = f"it is {wide} text (saved as Unicode on Windows?); convert it: " + convert.format(wide)
        return Finding("MK003", rel, 1, 1, f"the file is {wide}, not UTF-8", hint)
    assert err is not None
    line = raw.count(b"\n", 0, err.start) + 1
    column = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
    try:
        raw.decode("gb18030")
        hint = "it looks like GBK/GB18030 (saved on Windows?); convert it: " + convert.format("GB18030")
    except UnicodeDecodeError:
        hint = "save the file as UTF-8 in your editor"
    return Finding("MK003", rel, line, column, f"the file is not UTF-8 (bad byte 0x{raw[err.start]:02x})", hint)
