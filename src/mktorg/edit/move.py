"""`mv` and `rename`: plan the file moves and every reference edit, with comments kept."""

import re
from pathlib import PurePosixPath

from mktorg.edit.plan import Plan
from mktorg.edit.references import references, renamed_value
from mktorg.edit.yamledit import PathPart, YamlEdit
from mktorg.errors import MktorgError
from mktorg.load.loader import LoadResult
from mktorg.load.source import SourceFile
from mktorg.model.base import ID_PATTERN as _ID

ID_PATTERN = re.compile(_ID)

KINDS = ("role", "department", "process")


class _Edits:
    """The files of one plan, each edited at most once."""

    def __init__(self, loaded: LoadResult, plan: Plan) -> None:
        self.loaded = loaded
        self.plan = plan
        self.open: dict[str, YamlEdit] = {}
        self.moves: dict[str, str] = {}

    def file(self, source: SourceFile) -> YamlEdit:
        if source.path not in self.open:
            self.open[source.path] = YamlEdit(self.plan.read(source.path), source.path)
        return self.open[source.path]

    def set(self, source: SourceFile, path: tuple[PathPart, ...], value: str, after: tuple[str, ...] = ()) -> None:
        self.file(source).set(path, value, after=after)

    def finish(self) -> Plan:
        for rel in sorted(set(self.open) | set(self.moves)):
            edit = self.open.get(rel)
            if edit is None:
                text = self.plan.read(rel)
                self.plan.edit(rel, text, text, self.moves[rel])
            else:
                self.plan.edit(rel, self.plan.read(rel), edit.text(), self.moves.get(rel))
        return self.plan


def _sources(loaded: LoadResult) -> list[SourceFile]:
    return [s for path, s in sorted(loaded.files.items()) if s.data is not None and s.kind in KINDS]


def _source(loaded: LoadResult, kind: str, id_: str) -> SourceFile:
    source = loaded.sources.get((kind, id_))
    if source is None:
        known = kind in loaded.org.broken and id_ in loaded.org.broken[kind]
        why = " (its file has errors: run mktorg lint)" if known else ""
        raise MktorgError(f"no {kind} '{id_}'{why}")
    return source


def _check_new_id(loaded: LoadResult, kind: str, new: str) -> None:
    if not ID_PATTERN.match(new):
        raise MktorgError(f"'{new}' is not a valid id: letters, digits, '_' and '-', starting with a letter or digit")
    taken = {id_.casefold() for k, id_ in loaded.sources if k == kind} | {
        id_.casefold() for id_ in loaded.org.broken.get(kind, set())
    }
    if new.casefold() in taken:
        raise MktorgError(f"there is already a {kind} '{new}' (ids are compared ignoring case)")


def plan_rename(loaded: LoadResult, kind: str, old: str, new: str, plan: Plan) -> Plan:
    """Rename the `kind` id `old` to `new`: its file, its `id:` key and every reference to it."""
    if kind not in KINDS:
        raise MktorgError(f"unknown kind '{kind}' (choose from {', '.join(KINDS)})")
    source = _source(loaded, kind, old)
    if new == old:
        raise MktorgError(f"'{old}' is already called '{new}'")
    if new.casefold() != old.casefold():
        _check_new_id(loaded, kind, new)
    elif not ID_PATTERN.match(new):
        raise MktorgError(f"'{new}' is not a valid id")
    edits = _Edits(loaded, plan)
    role_ids = set(loaded.org.roles) | set(loaded.org.broken.get("role", set()))
    for other in _sources(loaded):
        for ref in references(other.kind, other.data or {}):
            value = renamed_value(ref, kind, old, new, role_ids)
            if value is not None:
                edits.set(other, ref.path, value)
    if (source.data or {}).get("id") is not None:
        edits.set(source, ("id",), new)
    path = PurePosixPath(source.path)
    edits.moves[source.path] = str(path.with_name(new + path.suffix))
    return edits.finish()


def plan_move_role(loaded: LoadResult, role_id: str, department: str, reports_to: str | None, plan: Plan) -> Plan:
    """Move a role to `department` (and under `reports_to`): its functions keep naming the same ones."""
    source = _source(loaded, "role", role_id)
    _source(loaded, "department", department)
    if reports_to is not None:
        _source(loaded, "role", reports_to)
        if reports_to == role_id:
            raise MktorgError(f"'{role_id}' cannot report to itself")
    data = source.data or {}
    old = data.get("department")
    edits = _Edits(loaded, plan)
    if old != department:
        edits.set(source, ("department",), department)
        for ref in references("role", data):
            if ref.target == "function" and "/" not in ref.value and isinstance(old, str):
                edits.set(source, ref.path, f"{old}/{ref.value}")
        _follow_folder(source.path, old, department, edits)
    if reports_to is not None and data.get("reports_to") != reports_to:
        edits.set(source, ("reports_to",), reports_to, after=("title", "department"))
    if not edits.open and not edits.moves:
        raise MktorgError(
            f"'{role_id}' is already in '{department}'" + (f" under '{reports_to}'" if reports_to else "")
        )
    return edits.finish()


def plan_move_department(loaded: LoadResult, dept_id: str, parent: str, plan: Plan) -> Plan:
    """Move a department under `parent`."""
    source = _source(loaded, "department", dept_id)
    _source(loaded, "department", parent)
    if parent == dept_id:
        raise MktorgError(f"'{dept_id}' cannot be its own parent")
    data = source.data or {}
    if data.get("parent") == parent:
        raise MktorgError(f"'{dept_id}' is already under '{parent}'")
    edits = _Edits(loaded, plan)
    edits.set(source, ("parent",), parent, after=("id", "name", "aliases"))
    _follow_folder(source.path, data.get("parent"), parent, edits)
    return edits.finish()


def _follow_folder(rel: str, old: object, new: str, edits: _Edits) -> None:
    """A file kept in a folder named after its old department (or parent) moves to the new one's folder."""
    path = PurePosixPath(rel)
    if isinstance(old, str) and path.parent.name == old and len(path.parts) > 2:
        edits.moves[rel] = str(path.parent.with_name(new) / path.name)
