"""Read and parse one file: bytes, UTF-8 text, YAML data, and the findings of what went wrong
(MK001 syntax, MK002 duplicate key, MK003 not UTF-8, MK004 not a mapping, MK010 tag, MK011 unreadable).

Nothing here raises for bad input.
"""

import os
import shlex
import stat
from pathlib import Path
from typing import Any

from mktorg.diagnostics import Finding
from mktorg.load.filestat import Stat, stat_of
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


Content = tuple["dict[str, Any] | None", "list[str] | None", list[Finding]]
"""(data, strings, findings) of a file's text: see Parsed."""


def read_and_parse(root: Path, rel: str) -> Parsed:
    """Read one file of the organisation and parse it."""
    _, text, problem = read_file(root, rel)
    if text is None:
        return False, None, None, None, [problem] if problem else []
    return (True, text, *parse_text(rel, text))


def parse_text(rel: str, text: str) -> Content:
    """Parse the text of one file."""
    try:
        parsed = parse_fast(text)
    except YamlProblem as err:
        hint = err.hint or _PROBLEM_HINTS[err.kind]
        return None, None, [Finding(_PROBLEM_CODES[err.kind], rel, err.line, err.column, err.message, hint)]
    if isinstance(parsed, YamlMapping):
        return parsed, None, []
    return parsed[0], parsed[1], []


def read_file(
    root: Path, rel: str, stats: "dict[str, Stat | None] | None" = None
) -> tuple[bytes | None, str | None, Finding | None]:
    """The bytes and UTF-8 text of one file (without a byte-order mark), or why it cannot be read.

    `stats`: where to note the file's `stat`, taken before it was read (None for a link)."""
    path = f"{root}/{rel}"
    try:
        try:
            info = os.lstat(path)
            if stats is not None:
                stats[rel] = None if stat.S_ISLNK(info.st_mode) else stat_of(info)
            if stat.S_ISLNK(info.st_mode):
                if not Path(path).resolve().is_relative_to(root.resolve()):
                    return None, None, _unreadable(rel, "is a link to a file outside the organisation folder")
                info = Path(path).stat()
        except (FileNotFoundError, NotADirectoryError):
            return None, None, _unreadable(rel, "is not a regular file")
        if not stat.S_ISREG(info.st_mode):
            return None, None, _unreadable(rel, "is not a regular file")
        if info.st_size > MAX_FILE_BYTES:
            return None, None, _unreadable(rel, f"is larger than {MAX_FILE_BYTES // 1024 // 1024} MB")
        with open(path, "rb") as handle:
            raw = handle.read()
    except (OSError, RuntimeError) as err:
        return None, None, _unreadable(rel, f"cannot be read ({getattr(err, 'strerror', None) or err})")
    body = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw
    wide = _utf16(body)
    if wide is not None:
        return raw, None, _not_utf8(root, rel, body, None, wide)
    try:
        return raw, body.decode("utf-8"), None
    except UnicodeDecodeError as err:
        return raw, None, _not_utf8(root, rel, body, err, None)


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
