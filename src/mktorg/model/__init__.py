"""pydantic models for the files of format v1."""

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
