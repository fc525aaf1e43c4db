"""Text for people: grouped by file, with the source line and a caret."""

from itertools import groupby
from typing import TextIO

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from mktorg.lint.engine import LintResult

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def render(result: LintResult, out: TextIO) -> None:
    """Write the diagnostics, one block per file."""
    console = Console(file=out, highlight=False, soft_wrap=True, emoji=False)
    for file, group in groupby(result.diagnostics, key=lambda d: d.file):
        console.print(Text(file, style="bold underline"))
        for d in group:
            line = Text()
            line.append(f"{d.file}:{d.line}:{d.column}: ", style="bold")
            line.append(d.code, style=_STYLE[d.severity.value])
            line.append(f" {d.message} [{d.severity.value}: {d.rule}]")
            console.print(line)
            source = result.files.get(d.file)
            code_line = source.line_text(d.line).expandtabs(1) if source else ""
            if code_line.strip():
                console.print(Text("    " + code_line, style="dim"))
                caret = " " * (4 + cell_len(code_line[: d.column - 1])) + "^"
                console.print(Text(caret, style=_STYLE[d.severity.value]))
            if d.hint:
                console.print(Text(f"    hint: {d.hint}", style="green"))
        console.print()
