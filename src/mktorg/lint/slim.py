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
from mktorg.model.base import HeadcountRange, StrictModel, rebuilt
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
_STRINGS = {str}


class NotPlain(Exception):
    """An entity holding a value slim plain data cannot (it is then restored whole)."""


def to_plain(entity: Any) -> Any:
    """A department, role or process as slim plain data: its class name, the places of the values
    that `from_plain` turns back into models, then the value of each SLIM field (a list of such
    values, or a model as plain data in turn; the shared empty default as an empty list of its
    own); None when it holds something else (org.yaml's settings, an unlisted model)."""
    try:
        return _plain(entity)
    except NotPlain:
        return None


def from_plain(plain: Any) -> Any:
    """The slim entity that `to_plain` gave `plain` for."""
    model, names, given = _decoder(plain[0])
    values = plain[2:]
    if plain[1]:  # the places holding a model or models
        values = list(values)
        for at in plain[1]:
            value = values[at]
            if type(value) is tuple:
                values[at] = from_plain(value)
            else:
                values[at] = [from_plain(item) if type(item) is tuple else item for item in value]
    return rebuilt(model, dict(zip(names, values, strict=True)), given)


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
    values: list[Any] = []
    nested: list[int] = []
    for at, (field, textless) in enumerate(fields):
        value = kept[field]
        kind = type(value)
        if kind in _PLAIN:
            pass
        elif kind is list:
            if set(map(type, value)) == _STRINGS:  # the common case, seen at C speed
                value = [""] * len(value) if textless else value
            else:
                value = [_item(item, textless) for item in value]
                if any(type(item) is tuple for item in value):
                    nested.append(at)
        elif isinstance(value, StrictModel):
            value = _plain(value)
            nested.append(at)
        elif isinstance(value, list) and not value:
            value = []  # the shared empty default (a list marshal cannot write): a list of its own
        elif kind is dict:
            value = _text(value)
        else:
            raise NotPlain
        values.append(value)
    return (type(model).__name__, tuple(nested), *values)


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
_DECODERS: dict[str, tuple[type[StrictModel], tuple[str, ...], frozenset[str]]] = {}


def _decoder(name: str) -> tuple[type[StrictModel], tuple[str, ...], frozenset[str]]:
    """The model of a class name, the names of its SLIM fields in order, and them as a set."""
    known = _DECODERS.get(name)
    if known is None:
        model = _MODELS[name]
        names = tuple(field for field, _ in _fields(model))
        known = _DECODERS[name] = (model, names, frozenset(names))
    return known


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
