"""pydantic models for the files of format v1.

The names below are imported on first use (PEP 562): `mktorg.model.invisible` and the other
light modules of this package are used by `mktorg --help`, which must not pay for pydantic.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mktorg.model.base import Headcount, HeadcountRange, Text, headcount_bounds, headcount_label, text_of
    from mktorg.model.department import Department, Function
    from mktorg.model.org_file import LintSettings, OrgFile, SpanOfControl
    from mktorg.model.process import Process, Step
    from mktorg.model.role import KPI, Duty, Qualifications, Role, function_ref

__all__ = [
    "KPI",
    "Department",
    "Duty",
    "Function",
    "Headcount",
    "HeadcountRange",
    "LintSettings",
    "OrgFile",
    "Process",
    "Qualifications",
    "Role",
    "SpanOfControl",
    "Step",
    "Text",
    "function_ref",
    "headcount_bounds",
    "headcount_label",
    "text_of",
]

_HOMES = {
    "Headcount": "base",
    "HeadcountRange": "base",
    "Text": "base",
    "headcount_bounds": "base",
    "headcount_label": "base",
    "text_of": "base",
    "Department": "department",
    "Function": "department",
    "LintSettings": "org_file",
    "OrgFile": "org_file",
    "SpanOfControl": "org_file",
    "Process": "process",
    "Step": "process",
    "KPI": "role",
    "Duty": "role",
    "Qualifications": "role",
    "Role": "role",
    "function_ref": "role",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'mktorg.model' has no attribute '{name}'")
    value = getattr(import_module(f"mktorg.model.{home}"), name)
    globals()[name] = value
    return value
