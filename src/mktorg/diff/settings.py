"""org.yaml: name, languages, level ladder, pay grades, currency, document, theme and lint settings."""

import re
from typing import Any

from mktorg.diff.context import Pair
from mktorg.diff.model import Change
from mktorg.model.base import LOCALE_PATTERN


def settings_changes(pair: Pair) -> list[Change]:
    """Every change of org.yaml."""
    a, b = pair.old.settings, pair.new.settings
    out: list[Change] = []
    pair.texts_field(out, "name", a.name, b.name)
    pair.scalar(out, "locales", a.locales, b.locales)
    pair.scalar(out, "archetype", a.archetype, b.archetype)
    pair.text_list(out, "levels", a.levels or [], b.levels or [])
    for grade_id in sorted(a.grades.keys() | b.grades.keys()):
        old, new = a.grades.get(grade_id), b.grades.get(grade_id)
        if old is None and new is not None:
            out.append(Change("grades", "added", new=_grade(pair, grade_id, new, pair.new)))
        elif new is None and old is not None:
            out.append(Change("grades", "removed", old=_grade(pair, grade_id, old, pair.old)))
        elif old is not None and new is not None:
            changes: list[Change] = []
            pair.texts_field(changes, "grade.name", old.name, new.name)
            pair.scalar(changes, "grade.min", old.min, new.min)
            pair.scalar(changes, "grade.max", old.max, new.max)
            for change in changes:
                change.item = grade_id
            out += changes
    pair.scalar(out, "currency", a.currency, b.currency)
    for section in ("document", "theme", "lint"):
        old_values = _flat(getattr(a, section).model_dump(mode="json") if getattr(a, section) else {}, section)
        new_values = _flat(getattr(b, section).model_dump(mode="json") if getattr(b, section) else {}, section)
        for path in sorted(old_values.keys() | new_values.keys()):
            pair.scalar(out, path, old_values.get(path), new_values.get(path))
    return out


def _grade(pair: Pair, grade_id: str, grade: Any, org: Any) -> dict[str, Any]:
    return {"id": grade_id, "name": pair.text(org, grade.name), "min": grade.min, "max": grade.max}


def _flat(value: Any, prefix: str) -> dict[str, Any]:
    """A nested mapping as dotted paths to its leaves (lists and texts are leaves)."""
    if isinstance(value, dict) and value and not _is_text(value):
        out: dict[str, Any] = {}
        for name, item in value.items():
            out.update(_flat(item, f"{prefix}.{name}"))
        return out
    return {} if value is None or value == {} else {prefix: value}


def _is_text(value: dict[str, Any]) -> bool:
    """A Text mapping (locale -> string) is one value, not a section."""
    return all(isinstance(v, str) and re.match(LOCALE_PATTERN, k) for k, v in value.items())
