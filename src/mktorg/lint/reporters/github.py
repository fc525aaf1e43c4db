"""GitHub Actions workflow commands: one annotation line per diagnostic."""

from typing import TextIO

from mktorg.lint.result import LintResult
from mktorg.model.invisible import visible

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    """Workflow-command data: % and line ends encoded, other control characters shown as escapes
    (the log is a terminal)."""
    return visible(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(result: LintResult, out: TextIO, prefix: str = "") -> None:
    """Write `::error file=…,line=…,col=…,title=…::message` lines."""
    for d in result.diagnostics:
        message = d.message + (f" (hint: {d.hint})" if d.hint else "")
        out.write(
            f"::{_LEVEL[d.severity.value]} file={_property(prefix + d.file)},line={d.line},col={d.column},"
            f"title={_property(f'{d.code} {d.rule}')}::{_data(message)}\n"
        )
