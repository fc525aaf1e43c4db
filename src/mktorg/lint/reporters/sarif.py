"""SARIF 2.1.0 for code-scanning tools, with rule metadata from the registry."""

from typing import TextIO
from urllib.parse import quote

from mktorg import __version__
from mktorg.lint.reporters.json_report import json_text
from mktorg.lint.result import LintResult
from mktorg.lint.rules import RULES

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def sarif_dict(result: LintResult) -> dict[str, object]:
    """The SARIF log as plain data."""
    codes = sorted(RULES)
    index = {code: i for i, code in enumerate(codes)}
    rules = [
        {
            "id": code,
            "name": RULES[code].name,
            "shortDescription": {"text": RULES[code].summary},
            "fullDescription": {"text": RULES[code].doc},
            "help": {"text": RULES[code].doc, "markdown": RULES[code].doc},
            "defaultConfiguration": {"level": _LEVEL[RULES[code].severity.value]},
        }
        for code in codes
    ]
    results = []
    for d in result.diagnostics:
        entry: dict[str, object] = {
            "ruleId": d.code,
            "ruleIndex": index[d.code],
            "level": _LEVEL[d.severity.value],
            "message": {"text": d.message + (f" (hint: {d.hint})" if d.hint else "")},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": quote(d.file, safe="/"), "uriBaseId": "ORGROOT"},
                        "region": {"startLine": d.line, "startColumn": d.column},
                    }
                }
            ],
        }
        results.append(entry)
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "mktorg",
                        "version": __version__,
                        "rules": rules,
                    }
                },
                "originalUriBaseIds": {"ORGROOT": {"description": {"text": "the organisation folder"}}},
                "results": results,
            }
        ],
    }


def render(result: LintResult, out: TextIO) -> None:
    """Write the SARIF log."""
    out.write(json_text(sarif_dict(result)) + "\n")
