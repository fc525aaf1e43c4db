"""The spec's JSON report: version, summary and diagnostics."""

import json
from typing import TextIO

from mktorg.diagnostics import Severity
from mktorg.lint.engine import LintResult


def report_dict(result: LintResult) -> dict[str, object]:
    """The report as plain data, in the spec's key order."""
    summary = {
        "errors": result.count(Severity.ERROR),
        "warnings": result.count(Severity.WARNING),
        "info": result.count(Severity.INFO),
        **result.counts,
    }
    return {"version": 1, "summary": summary, "diagnostics": [d.to_json() for d in result.diagnostics]}


def render(result: LintResult, out: TextIO) -> None:
    """Write the JSON report (UTF-8, not ASCII-escaped)."""
    out.write(json.dumps(report_dict(result), ensure_ascii=False, indent=2) + "\n")
