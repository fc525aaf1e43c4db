"""Lint rules, registered by importing their family modules."""

from mktorg.rules import (  # noqa: F401  (importing registers the rules)
    files,
    headcount,
    hygiene,
    processes,
    references,
    responsibilities,
    structure,
)
from mktorg.rules.registry import RULES, Context, Rule, find_rules

__all__ = ["RULES", "Context", "Rule", "find_rules"]

_ordered = sorted(RULES.items())
RULES.clear()
RULES.update(_ordered)
