"""Text for people: grouped by file, with the source line and a caret.

Values, file names and source lines reach a terminal here, so every control or invisible
character is shown as an escape (`\\x1b`, `\\u202e`). Lines are built as strings and written once
per file, coloured only when rich finds a colour terminal (NO_COLOR, FORCE_COLOR, TERM honoured):
200,000 findings take a second or two, not a minute.
"""

from collections.abc import Callable
from itertools import groupby
from typing import TextIO

from mktorg.colour import colour_wanted
from mktorg.colour import paint as paint_in
from mktorg.diagnostics import Diagnostic
from mktorg.lint.result import LintResult
from mktorg.model.invisible import visible

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def render(result: LintResult, out: TextIO) -> None:
    """Write the diagnostics, one block per file."""
    colour = colour_wanted(out)

    def paint(text: str, style: str) -> str:
        return paint_in(text, style, colour)

    for file, group in groupby(result.diagnostics, key=lambda d: d.file):
        lines = [paint(visible(file), "bold underline")]
        for d in group:
            lines += _block(result, d, paint)
        out.write("\n".join(lines) + "\n\n")


def _block(result: LintResult, d: Diagnostic, paint: Callable[[str, str], str]) -> list[str]:
    style = _STYLE[d.severity.value]
    lines = [
        paint(f"{visible(d.file)}:{d.line}:{d.column}: ", "bold")
        + paint(d.code, style)
        + f" {visible(d.message)} [{d.severity.value}: {d.rule}]"
    ]
    source = result.files.get(d.file)
    code_line = source.line_text(d.line).expandtabs(1) if source else ""
    if code_line.strip():
        from rich.cells import cell_len

        lines.append(paint("    " + visible(code_line), "dim"))
        lines.append(paint(" " * (4 + cell_len(visible(code_line[: d.column - 1]))) + "^", style))
    if d.hint:
        lines.append(paint(f"    hint: {visible(d.hint)}", "green"))
    return lines
