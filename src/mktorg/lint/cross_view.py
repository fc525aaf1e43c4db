"""What the cross-file rules read of each entity: a file edited only elsewhere changes none of
their findings.

A cross-file rule's findings depend on org.yaml and on these fields of the loaded entities
(and on which files loaded). When an edit leaves a file's view unchanged (a reworded
qualification, a KPI, a summary, a comment), the findings of the last run stand for every
cross-file rule, and only the per-file rules run on the edited file (`lint/incremental.py`).
A contract test traces every field each cross-file rule reads, on every example, fixture and
rule case, and checks that it is listed here.
"""

from typing import Any

from pydantic import BaseModel

CROSS_FILE_READS: dict[str, tuple[str, ...]] = {
    "Role": (
        "title",
        "department",
        "reports_to",
        "dotted_to",
        "headcount",
        "level",
        "external",
        "duties",
        "authorities",
        "concurrent",
        "code",
        "relations",
        "order",
    ),
    "Duty": ("text", "type", "supports", "function"),
    "Relations": ("internal", "external"),
    "Relation": ("with_",),
    "Department": ("parent", "head", "headcount_budget", "external", "functions", "order"),
    "Function": ("id", "name"),
    "Process": ("owner", "steps"),
    "Step": ("responsible", "accountable", "consulted", "informed"),
}
"""Per model, the fields the cross-file rules read; a model not listed is read whole."""


def cross_file_view(value: Any) -> Any:
    """The parts of an entity (or of a value inside one) that the cross-file rules read."""
    if isinstance(value, BaseModel):
        fields = CROSS_FILE_READS.get(type(value).__name__)
        if fields is None:
            return value
        return (type(value).__name__, tuple(cross_file_view(getattr(value, name)) for name in fields))
    if isinstance(value, list | tuple):
        return tuple(cross_file_view(item) for item in value)
    return value
