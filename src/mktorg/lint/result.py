"""The result of a lint run: what the reporters draw, whether it was just computed or replayed."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

from mktorg.diagnostics import Diagnostic, Finding, Severity


class Lines(Protocol):
    """A file as the reporters read it: the text of a line (a SourceFile, or the lines a replayed
    run kept)."""

    def line_text(self, line: int) -> str:
        """The text of a 1-based line ('' outside the file)."""
        ...


@dataclass
class LintResult:
    """The diagnostics of one run, sorted, with the files they point into."""

    diagnostics: list[Diagnostic]
    files: Mapping[str, Lines]
    counts: dict[str, int] = field(default_factory=dict)
    raw: tuple[Finding, ...] = ()
    """What loading and the rules found, before severities and suppressions: what a later run
    that changed only a few files patches (`lint/incremental.py`)."""

    def count(self, severity: Severity) -> int:
        """How many diagnostics have this severity."""
        return sum(1 for d in self.diagnostics if d.severity is severity)
