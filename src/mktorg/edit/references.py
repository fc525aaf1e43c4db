"""Every place a file names another: the references `mv` and `rename` keep pointing right.

Role files: `department`, `reports_to`, `dotted_to`, `duties[].supports`, `duties[].function`
(`<function>` of its own department or `<department>/<function>`), `concurrent`,
`relations.internal[].with` and `relations.external[].with` (a role, or else a department).
Department files: `parent`, `head`. Process files: `owner` and each step's `responsible`,
`accountable`, `consulted` and `informed`.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from mktorg.edit.yamledit import PathPart

ROLE_LISTS = ("dotted_to", "concurrent")
STEP_FIELDS = ("responsible", "accountable", "consulted", "informed")


@dataclass(frozen=True)
class Reference:
    """A value at `path` that names a `target` kind: role, department, function or relation (role or department)."""

    path: tuple[PathPart, ...]
    target: str
    value: str


def _one_or_many(data: dict[str, Any], key: str, target: str, prefix: tuple[PathPart, ...] = ()) -> Iterator[Reference]:
    value = data.get(key)
    if isinstance(value, str):
        yield Reference((*prefix, key), target, value)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, str):
                yield Reference((*prefix, key, i), target, item)


def references(kind: str, data: dict[str, Any]) -> Iterator[Reference]:
    """The references of one file's data (`kind`: role, department or process)."""
    if kind == "role":
        yield from _one_or_many(data, "department", "department")
        yield from _one_or_many(data, "reports_to", "role")
        for key in ROLE_LISTS:
            yield from _one_or_many(data, key, "role")
        duties = data.get("duties")
        for i, duty in enumerate(duties if isinstance(duties, list) else []):
            if isinstance(duty, dict):
                yield from _one_or_many(duty, "supports", "role", ("duties", i))
                yield from _one_or_many(duty, "function", "function", ("duties", i))
        relations = data.get("relations")
        for side in ("internal", "external"):
            entries = relations.get(side) if isinstance(relations, dict) else None
            for i, entry in enumerate(entries if isinstance(entries, list) else []):
                if isinstance(entry, dict):
                    yield from _one_or_many(entry, "with", "relation", ("relations", side, i))
    elif kind == "department":
        yield from _one_or_many(data, "parent", "department")
        yield from _one_or_many(data, "head", "role")
    elif kind == "process":
        yield from _one_or_many(data, "owner", "role")
        steps = data.get("steps")
        for i, step in enumerate(steps if isinstance(steps, list) else []):
            if isinstance(step, dict):
                for key in STEP_FIELDS:
                    yield from _one_or_many(step, key, "role", ("steps", i))


def renamed_value(ref: Reference, kind: str, old: str, new: str, role_ids: set[str]) -> str | None:
    """The new value of a reference when the `kind` id `old` becomes `new`; None when it does not name it."""
    if ref.target == kind and ref.value == old:
        return new
    if ref.target == "relation" and ref.value == old and (kind == "role" or old not in role_ids):
        return new
    if ref.target == "function" and kind == "department" and ref.value.startswith(old + "/"):
        return new + ref.value[len(old) :]
    return None
