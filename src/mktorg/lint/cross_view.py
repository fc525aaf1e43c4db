"""What each cross-file rule reads of the entities: an edit elsewhere changes none of its findings.

A cross-file rule's findings depend on org.yaml, on which files loaded, and on the fields listed
here for it. When an edit leaves a file's view for a rule unchanged (a reworded KPI,
qualification or summary for every rule; a reworded duty for all but MK302 and MK511), the
rule's findings of the last run stand (`lint/incremental.py`). Rules in BY_DEPARTMENT compare
the roles of one department only, so they are run again on the edited roles' departments.
The others run again on the whole organisation, restored from the cache as slim entities
(`lint/slim.py`). Contract tests trace every field each rule reads on every example, fixture
and rule case, run the BY_DEPARTMENT rules on each department alone and the others on slim
entities.
"""

from typing import Any

from pydantic import BaseModel

_STEP_ROLES = ("Step.responsible", "Step.accountable", "Step.consulted", "Step.informed")
_SPANS = ("HeadcountRange.max", "HeadcountRange.min", "Role.external", "Role.headcount", "Role.reports_to")
"""What the span rules read: who reports to whom, and how many people each role is."""
_PRIMARY_DUTIES = ("Duty.text", "Duty.type", "Role.department", "Role.duties", "Role.external")
"""What MK302 and MK511 read: the primary duties of each department's own roles."""

READS: dict[str, frozenset[str]] = {
    code: frozenset(fields)
    for code, fields in {
        "MK012": ("Role.code",),
        "MK101": ("Department.parent", "Role.department"),
        "MK102": (
            "Department.head",
            "Duty.supports",
            "Process.owner",
            "Process.steps",
            "Relation.with_",
            "Relations.external",
            "Relations.internal",
            "Role.concurrent",
            "Role.dotted_to",
            "Role.duties",
            "Role.relations",
            "Role.reports_to",
            *_STEP_ROLES,
        ),
        "MK103": ("Department.functions", "Duty.function", "Function.id", "Role.department", "Role.duties"),
        "MK104": ("Department.head", "Role.department"),
        "MK201": ("Role.reports_to",),
        "MK202": ("Department.parent",),
        "MK203": ("Role.external", "Role.reports_to"),
        "MK205": (
            "Department.external",
            "Department.head",
            "Department.order",
            "Department.parent",
            "Role.department",
            "Role.level",
            "Role.order",
        ),
        "MK206": (
            "Department.external",
            "Department.head",
            "Department.parent",
            "Role.department",
            "Role.external",
            "Role.reports_to",
        ),
        "MK207": ("Department.head", "Role.department", "Role.external", "Role.reports_to"),
        "MK208": _SPANS,
        "MK209": _SPANS,
        "MK210": ("Role.external", "Role.reports_to"),
        "MK301": (
            "Department.external",
            "Department.functions",
            "Duty.function",
            "Function.id",
            "Function.name",
            "Role.department",
            "Role.duties",
        ),
        "MK302": _PRIMARY_DUTIES,
        "MK303": ("Duty.function", "Duty.supports", "Duty.type", "Role.department", "Role.duties"),
        "MK306": ("Role.authorities", "Role.external", "Role.reports_to"),
        "MK401": (
            "Department.head",
            "Department.headcount_budget",
            "Department.order",
            "Department.parent",
            "HeadcountRange.max",
            "HeadcountRange.min",
            "Role.department",
            "Role.external",
            "Role.headcount",
            "Role.level",
            "Role.order",
        ),
        "MK403": (*_SPANS, "Role.level", "Role.title"),
        "MK511": _PRIMARY_DUTIES,
        "MK603": ("Process.steps", "Role.reports_to", *_STEP_ROLES),
    }.items()
}
"""Per cross-file rule, the entity fields it reads ("Model.field"); org.yaml is read whole."""

BY_DEPARTMENT = frozenset({"MK302", "MK511"})
"""Rules whose findings in the role files of a department depend only on that department's roles."""

_DUTY_FIELDS = ("text", "type", "supports", "function", "details")


def view(code: str, entity: Any) -> Any:
    """What rule `code` reads of a department, role or process (the whole entity for a rule not
    listed)."""
    reads = READS.get(code)
    if reads is None:
        return entity
    name = type(entity).__name__
    if not any(field.startswith(f"{name}.") for field in reads):
        return None  # the rule reads nothing of this kind of entity
    return _project(entity, reads)


def _project(value: Any, reads: frozenset[str]) -> Any:
    if isinstance(value, BaseModel):
        name = type(value).__name__
        fields = [field for field in type(value).model_fields if f"{name}.{field}" in reads]
        if not fields:
            return value  # reached through a field the rule reads, none of its own listed: whole
        if name == "Role" and "duties" in fields:  # a duty written as a string is a primary duty
            wanted = [field for field in _DUTY_FIELDS if f"Duty.{field}" in reads]
            duties = tuple(
                tuple(_project(getattr(duty, field), reads) for field in wanted)
                for duty in value.duty_list()  # type: ignore[attr-defined]
            )
            return tuple(duties if field == "duties" else _project(getattr(value, field), reads) for field in fields)
        return tuple(_project(getattr(value, field), reads) for field in fields)
    if isinstance(value, list | tuple):
        return tuple(_project(item, reads) for item in value)
    if isinstance(value, dict):  # a Text in several languages: which comes first can matter (text_of)
        return tuple((key, _project(item, reads)) for key, item in value.items())
    return value
