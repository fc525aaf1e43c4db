"""Validation of one file's content (pydantic), every error mapped to its file, line and column:
MK005 unknown key, MK006 invalid value, MK007 missing key, MK008 an `id:` that differs from the file name."""

import difflib
import math
import re
import types
import typing
import unicodedata
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from mktorg.diagnostics import Finding
from mktorg.load.source import PathPart, SourceFile

M = TypeVar("M", bound=BaseModel)

_TYPE_WORDS = {
    "string_type": "a text",
    "int_type": "a whole number",
    "float_type": "a number",
    "bool_type": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
}

_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]")
_FIELD_WORDS = {
    "headcount": "a whole number >= 0, {min: ..., max: ...} or N",
    "duties": "a duty: a text, or a mapping with text:",
    "dotted_to": "a role id or a list of role ids",
}


def validate(source: SourceFile, model: type[M]) -> tuple[M | None, list[Finding]]:
    """Validate a loaded file against `model`; never raises for bad data."""
    findings = _declared_id(source)
    try:
        return model.model_validate(source.data), findings
    except ValidationError as err:
        seen: set[tuple[int, int, str]] = set()
        for error in err.errors(include_url=False):
            finding = _finding(source, model, error)
            marker = (finding.line, finding.column, finding.code)
            if marker not in seen:
                seen.add(marker)
                findings.append(finding)
        return None, findings


def _declared_id(source: SourceFile) -> list[Finding]:
    """MK008 when an `id:` key differs from the id the file name gives."""
    declared = source.data.get("id") if source.data is not None and source.kind != "org" else None
    if not isinstance(declared, str) or unicodedata.normalize("NFC", declared) == source.id:
        return []
    line, column = source.locate(["id"])
    message = f"id '{declared}' differs from the file name '{source.id}'"
    return [Finding("MK008", source.path, line, column, message, f"remove the id: key or write id: {source.id}")]


def _data_path(source: SourceFile, loc: tuple[int | str, ...]) -> list[PathPart]:
    """The parts of a pydantic `loc` that exist in the data (drops union tags)."""
    path: list[PathPart] = []
    for part in loc:
        if source.has([*path, part]):
            path.append(part)
    return path


def _dotted(path: list[PathPart]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def _finding(source: SourceFile, model: type[BaseModel], error: Any) -> Finding:
    loc = tuple(error["loc"])
    kind = error["type"]
    if kind == "missing":
        path = _data_path(source, loc[:-1])
        where = _dotted(path)
        line, column = source.locate(path)
        name = str(loc[-1])
        message = f"missing required key '{name}'" + (f" in {where}" if where else "")
        return Finding("MK007", source.path, line, column, message, f"add '{name}:' here")
    if kind == "extra_forbidden":
        path = _data_path(source, loc)
        line, column = source.locate(path, key=True)
        name = str(path[-1]) if path else str(loc[-1])
        known = _known_keys(model, path[:-1])
        close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
        suggestion = f"did you mean '{close[0]}'?" if close else "known keys: " + ", ".join(known)
        if _HAN.search(name):
            suggestion = "a half-width ',' inside {...} starts a new entry: quote the text or write it in block style"
        return Finding("MK005", source.path, line, column, f"unknown key '{name}'", suggestion)
    path = _data_path(source, loc)
    line, column = source.locate(path)
    where = _dotted(path) or "document"
    value = error.get("input")
    if isinstance(value, float) and not math.isfinite(value):
        what = "not a number (.nan)" if math.isnan(value) else "an infinite number (.inf, or too many digits)"
        return Finding("MK006", source.path, line, column, f"{where}: {what}", "write a number")
    field = next((p for p in reversed(path) if isinstance(p, str)), "")
    if field in _FIELD_WORDS and kind in _TYPE_WORDS | {"literal_error": "", "greater_than_equal": ""}:
        return Finding("MK006", source.path, line, column, f"{where}: expected {_FIELD_WORDS[field]}")
    expected = _TYPE_WORDS.get(kind)
    message = f"{where}: expected {expected}" if expected else f"{where}: {error['msg']}"
    hint: str | None = None
    if kind == "literal_error":
        hint = str(error["msg"]).replace("Input should be ", "use ")
    elif kind == "string_pattern_mismatch":
        message = f"{where}: not a valid id or code"
        hint = "use letters, digits, '_' and '-', starting with a letter or digit"
    return Finding("MK006", source.path, line, column, message, hint)


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """The pydantic models that an annotation can hold (through Annotated, unions, lists)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    origin = typing.get_origin(annotation)
    if origin is None and not isinstance(annotation, types.UnionType):
        return []
    out: list[type[BaseModel]] = []
    for arg in typing.get_args(annotation):
        out.extend(_models_in(arg))
    return out


def _known_keys(model: type[BaseModel], path: list[PathPart]) -> list[str]:
    """The keys allowed at `path` (a mapping inside `model`)."""
    models = [model]
    for part in path:
        if isinstance(part, int):
            continue
        next_models: list[type[BaseModel]] = []
        for current in models:
            field = current.model_fields.get(part)
            if field is not None:
                next_models.extend(_models_in(field.annotation))
        models = next_models or models
    keys: list[str] = []
    for current in models:
        keys.extend(k for k in current.model_fields if k not in keys)
    return keys
