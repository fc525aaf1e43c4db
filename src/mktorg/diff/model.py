"""What changed between two versions of a design, in business terms: the shape every output draws.

Values are plain JSON: text in the chosen language, numbers, booleans, and references to roles and
departments as {"id": ..., "name": ...} (the title or name in the version they belong to).
"""

from dataclasses import dataclass, field
from typing import Any

from mktorg.diagnostics import Diagnostic

Value = Any
"""A JSON value: str, int, float, bool, None, a reference {"id", "name"}, or a list or mapping of them."""


def ref(id_: str, name: str) -> dict[str, str]:
    """A reference to a role, department, process or grade, with its name as shown."""
    return {"id": id_, "name": name}


@dataclass
class Change:
    """One change of one field.

    `action`: changed (old → new), added / removed (an item of a list), reworded (old → new text of an
    item), moved-in / moved-out (a duty from or to `other` role), reordered.
    `item` names the list item a field change concerns (a duty, KPI, function, step or grade).
    """

    field: str
    action: str = "changed"
    old: Value = None
    new: Value = None
    item: str | None = None
    other: dict[str, str] | None = None

    def to_json(self) -> dict[str, Value]:
        """The change as JSON, without empty keys."""
        out: dict[str, Value] = {"field": self.field, "action": self.action}
        for key in ("old", "new", "item", "other"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        return out


@dataclass
class EntityDiff:
    """A department, role or process that was added, removed or changed (renames and moves included).

    `old` and `new` are references in each version (None when added or removed); `department` is
    the department it is shown under (the new one, or the old one when removed); `facts` describe an
    added or removed entity (where it sits, how many people).
    """

    kind: str
    status: str
    old: dict[str, str] | None
    new: dict[str, str] | None
    department: dict[str, str] | None = None
    changes: list[Change] = field(default_factory=list)
    facts: dict[str, Value] = field(default_factory=dict)

    @property
    def id(self) -> str:
        """The id in the new version, or in the old one when removed."""
        return (self.new or self.old or {"id": ""})["id"]

    @property
    def renamed(self) -> bool:
        """The id or the title/name changed."""
        return any(c.field in ("id", "title", "name") for c in self.changes)

    @property
    def moved(self) -> bool:
        """The role changed department, or the department its parent."""
        return any(c.field in ("department", "parent") for c in self.changes)

    def to_json(self) -> dict[str, Value]:
        """The entity's changes as JSON."""
        out: dict[str, Value] = {"status": self.status, "old": self.old, "new": self.new}
        if self.department is not None:
            out["department"] = self.department
        out["renamed"] = self.renamed
        out["moved"] = self.moved
        if self.facts:
            out["facts"] = self.facts
        out["changes"] = [c.to_json() for c in self.changes]
        return out


@dataclass
class DiffResult:
    """Everything that changed, in display order."""

    organization: list[Change]
    departments: list[EntityDiff]
    roles: list[EntityDiff]
    processes: list[EntityDiff]
    introduced: list[Diagnostic]
    resolved: list[Diagnostic]
    old_name: str = ""
    new_name: str = ""
    department_order: list[str] = field(default_factory=list)
    """Department ids in display order: the new tree, then departments removed."""
    role_ids: dict[str, str] = field(default_factory=dict)
    """Old role id -> new role id of every role in both versions (renames included)."""
    department_ids: dict[str, str] = field(default_factory=dict)
    """Old department id -> new department id of every department in both versions."""
    unreadable: dict[str, list[str]] = field(default_factory=dict)
    """`kind:id` of the files that did not load, in the old and the new version: not compared."""

    @property
    def changed(self) -> bool:
        """Whether anything changed at all (data or lint findings)."""
        return bool(
            self.organization or self.departments or self.roles or self.processes or self.introduced or self.resolved
        )

    def summary(self) -> dict[str, dict[str, int]]:
        """Counts per kind: added, removed, renamed, moved, changed; findings introduced and resolved."""
        out: dict[str, dict[str, int]] = {}
        for kind, entities in (("departments", self.departments), ("roles", self.roles), ("processes", self.processes)):
            out[kind] = {
                "added": sum(1 for e in entities if e.status == "added"),
                "removed": sum(1 for e in entities if e.status == "removed"),
                "renamed": sum(1 for e in entities if e.status == "changed" and e.renamed),
                "moved": sum(1 for e in entities if e.status == "changed" and e.moved),
                "changed": sum(1 for e in entities if e.status == "changed"),
            }
        out["findings"] = {"introduced": len(self.introduced), "resolved": len(self.resolved)}
        return out

    def to_json(self, old: dict[str, Value], new: dict[str, Value]) -> dict[str, Value]:
        """The whole comparison as JSON, with a description of each side."""
        return {
            "version": 1,
            "old": old,
            "new": new,
            "changed": self.changed,
            "summary": self.summary(),
            "organization": [c.to_json() for c in self.organization],
            "departments": [e.to_json() for e in self.departments],
            "roles": [e.to_json() for e in self.roles],
            "processes": [e.to_json() for e in self.processes],
            "unreadable": {"old": self.unreadable.get("old", []), "new": self.unreadable.get("new", [])},
            "findings": {
                "introduced": [d.to_json() for d in self.introduced],
                "resolved": [d.to_json() for d in self.resolved],
            },
        }
