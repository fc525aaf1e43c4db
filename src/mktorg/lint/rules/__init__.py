"""Lint rules, registered by importing their family modules."""

import dataclasses

from mktorg.lint.registry import RULES, Context, Rule, find_rules
from mktorg.lint.rules import (  # noqa: F401  (importing registers the rules)
    files,
    headcount,
    hygiene,
    identity,
    imports,
    invisible,
    processes,
    references,
    responsibilities,
    structure,
)

__all__ = ["RULES", "Context", "Rule", "find_rules"]

_ACROSS_FILES = {"MK511"}
"""MK5 rules that compare texts of several files (MK511: the duties of one department's roles)."""
for _code, _rule in RULES.items():
    if _code.startswith("MK5") and _code not in _ACROSS_FILES:  # text hygiene: about one string of one file
        RULES[_code] = dataclasses.replace(_rule, per_file=True)
_ordered = sorted(RULES.items())
RULES.clear()
RULES.update(_ordered)
