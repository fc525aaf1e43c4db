"""Slim entities: what the cross-file rules run again on a whole organisation read, and no more.

A run that patches the last one (`lint/incremental.py`) reruns some cross-file rules on the
whole organisation. Restoring every whole entity from the cache took 0.2 s at 10,000 roles;
slim ones, kept as plain data that `marshal` reads (`slim-NN` shards, `load/cache.py`), take a
fifth of that. A slim entity holds the fields of SLIM only (reading another raises
AttributeError, and the run falls back to whole entities); a duty written as a string stays a
string, without its text. The contract tests run each of these rules on slim and on whole
entities of every example, fixture and rule case.
"""

from typing import Any

from mktorg.lint.cross_view import BY_DEPARTMENT, READS
from mktorg.load.cache import Slimming
from mktorg.model.base import EMPTY, HeadcountRange, StrictModel, rebuilt
from mktorg.model.department import Department, Function
from mktorg.model.process import Process, Step
from mktorg.model.role import Duty, Relation, Relations, Role

SLIM = frozenset(field for code, fields in READS.items() if code not in BY_DEPARTMENT for field in fields)
"""What the cross-file rules run on the whole organisation read ("Model.field")."""

_MODELS: dict[str, type[StrictModel]] = {
    model.__name__: model
    for model in (Department, Function, Process, Step, Role, Duty, HeadcountRange, Relation, Relations)
}
"""The models SLIM lists fields of (a test checks that none is missing)."""
_PLAIN = frozenset({str, int, float, bool, type(None)})


class NotPlain(Exception):
    """An entity holding a value slim plain data cannot (it is then restored whole)."""


def to_plain(entity: Any) -> Any:
    """A department, role or process as slim plain data: its class name, then the value of each
    SLIM field (a list of such values, or a model as plain data in turn; an empty list as `...`);
    None when it holds something else (org.yaml's settings, an unlisted model)."""
    try:
        return _plain(entity)
    except NotPlain:
        return None


def from_plain(plain: Any) -> Any:
    """The slim entity that `to_plain` gave `plain` for."""
    model = _MODELS[plain[0]]
    fields = _fields(model)
    state: dict[str, Any] = {}
    for (field, _), value in zip(fields, plain[1:], strict=True):
        if type(value) is list:
            value = [from_plain(item) if type(item) is tuple else item for item in value]
        elif type(value) is tuple:
            value = from_plain(value)
        elif value is ...:
            value = EMPTY
        state[field] = value
    return rebuilt(model, state)


def slim(entity: Any) -> Any:
    """A slim entity: what the cache gives a patched run (`from_plain(to_plain(entity))`)."""
    plain = to_plain(entity)
    return entity if plain is None else from_plain(plain)


SLIMMING = Slimming(to_plain, from_plain)


def _plain(model: Any) -> tuple[Any, ...]:
    fields = _fields(type(model))
    if not fields:
        raise NotPlain
    kept = model.__dict__
    out: list[Any] = [type(model).__name__]
    for field, textless in fields:
        value = kept[field]
        kind = type(value)
        if kind in _PLAIN:
            pass
        elif kind is list:
            value = [_item(item, textless) for item in value]
        elif isinstance(value, StrictModel):
            value = _plain(value)
        elif isinstance(value, list) and not value:
            value = ...  # the shared empty default (a list marshal cannot write)
        elif kind is dict:
            value = _text(value)
        else:
            raise NotPlain
        out.append(value)
    return tuple(out)


def _item(item: Any, textless: bool) -> Any:
    kind = type(item)
    if kind is str:
        return "" if textless else item
    if isinstance(item, StrictModel):
        return _plain(item)
    if kind is dict:
        return _text(item)
    if kind in _PLAIN:
        return item
    raise NotPlain


def _text(value: dict[Any, Any]) -> dict[Any, Any]:
    """A text in several languages (locale to string)."""
    if all(type(key) is str and type(text) is str for key, text in value.items()):
        return value
    raise NotPlain


_FIELDS: dict[type, tuple[tuple[str, bool], ...]] = {}


def _fields(model: type) -> tuple[tuple[str, bool], ...]:
    """The fields of a model that SLIM lists, each with whether the strings it lists are duty texts
    (none for anything but the models above)."""
    known = _FIELDS.get(model)
    if known is None:
        name = model.__name__
        listed = _MODELS.get(name) is model
        known = _FIELDS[model] = tuple(
            (field, name == "Role" and field == "duties")
            for field in (model.model_fields if listed else ())  # type: ignore[attr-defined]
            if f"{name}.{field}" in SLIM
        )
    return known
