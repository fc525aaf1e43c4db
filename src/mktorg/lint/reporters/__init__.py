"""Lint output formats: text for people, json/github/sarif for machines."""

from collections.abc import Callable
from typing import TextIO

from mktorg.lint.result import LintResult

Reporter = Callable[[LintResult, TextIO], None]


def get_reporter(name: str) -> Reporter:
    """The reporter for a --format name (imported only when used)."""
    if name == "json":
        from mktorg.lint.reporters.json_report import render
    elif name == "github":
        from mktorg.lint.reporters.github import render
    elif name == "sarif":
        from mktorg.lint.reporters.sarif import render
    else:
        from mktorg.lint.reporters.text import render
    return render


FORMATS = ("text", "json", "github", "sarif")
