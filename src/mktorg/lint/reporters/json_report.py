"""The spec's JSON report: version, summary and diagnostics."""

import json
import re
from typing import TextIO

from mktorg.diagnostics import Severity
from mktorg.lint.result import LintResult
from mktorg.model.invisible import INVISIBLE


def report_dict(result: LintResult) -> dict[str, object]:
    """The report as plain data, in the spec's key order."""
    summary = {
        "errors": result.count(Severity.ERROR),
        "warnings": result.count(Severity.WARNING),
        "info": result.count(Severity.INFO),
        **result.counts,
    }
    return {"version": 1, "summary": summary, "diagnostics": [d.to_json() for d in result.diagnostics]}


def json_text(data: object) -> str:
    """JSON, UTF-8 rather than ASCII escapes, but every control or invisible character escaped
    (`\\u009b`, `\\u202e`): the same data, safe to print on a terminal."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return INVISIBLE.sub(_escape, text) if INVISIBLE.search(text) else text


def _escape(match: re.Match[str]) -> str:
    return json.dumps(match.group(0))[1:-1]


def render(result: LintResult, out: TextIO) -> None:
    """Write the JSON report."""
    out.write(json_text(report_dict(result)) + "\n")
