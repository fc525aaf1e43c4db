"""Severity and Diagnostic: the one shape every finding takes, with the edits that fix it."""

from dataclasses import dataclass, field
from enum import Enum


class Severity(str, Enum):
    """How serious a finding is; `off` disables a rule."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    OFF = "off"


@dataclass(frozen=True, slots=True)
class TextEdit:
    """Replace characters [start, end) of one string value of a file with `new`.

    `string` numbers the file's string values in document order (as the parser lists them).
    """

    string: int
    start: int
    end: int
    new: str


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding, pointing at a file (relative, with `/`), line and column."""

    code: str
    rule: str
    severity: Severity
    message: str
    file: str
    line: int
    column: int
    hint: str | None = None
    fix: tuple[TextEdit, ...] = field(default=(), compare=False)
    """The edits that fix this finding (rules marked fixable); `lint --fix` applies them."""

    def sort_key(self) -> tuple[str, int, int, str, str, str, str]:
        """Files in order, then position, then code; the rest breaks ties, so the order never
        depends on the order rules ran in (cached, on the helper or here)."""
        return (self.file, self.line, self.column, self.code, self.message, self.hint or "", repr(self.fix))

    def to_json(self) -> dict[str, object]:
        """The spec's JSON shape (hint omitted when there is none)."""
        out: dict[str, object] = {
            "code": self.code,
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
            "file": self.file,
            "line": self.line,
            "column": self.column,
        }
        if self.hint:
            out["hint"] = self.hint
        return out


@dataclass(frozen=True, slots=True)
class Finding:
    """What a check reports before the engine stamps the rule name and severity."""

    code: str
    file: str
    line: int
    column: int
    message: str
    hint: str | None = None
    fix: tuple[TextEdit, ...] = ()
    at: "tuple[tuple[str | int, ...], bool] | None" = field(default=None, compare=False)
    """The key path the finding points at (and whether at the key), when reported by path: a run
    that patches the last one finds it again in the file as edited (lint/incremental.py)."""
