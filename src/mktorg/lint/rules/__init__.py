"""Lint rules, registered by importing their family modules."""

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

_ordered = sorted(RULES.items())
RULES.clear()
RULES.update(_ordered)
