"""Shared building blocks: the strict base model, Text, ids and headcount."""

import unicodedata
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    GetCoreSchemaHandler,
    Tag,
    model_validator,
)
from pydantic_core import CoreSchema, PydanticCustomError

from mktorg.model.invisible import without_invisible
from mktorg.model.pydantic_plugins import skip_lookup_when_off

skip_lookup_when_off()  # before the first validator is built

LOCALE_PATTERN = r"^[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$"
ID_PATTERN = r"^[^\W_][\w-]*$"


class _Empty(list[Any]):
    """An empty list that cannot change and can be hashed: the one shared default of every list field.

    pydantic deep-copies an unhashable default (`= []`) for every instance it builds (2.6 s of
    a 100,000-role load) and each copy stays in memory; a hashable default is used as it is.
    """

    __slots__ = ()

    def __hash__(self) -> int:  # type: ignore[override]
        return 0

    def _refuse(self, *_args: Any, **_kwargs: Any) -> Any:
        raise TypeError("the shared empty default of a model field cannot change")

    append = extend = insert = remove = pop = clear = sort = reverse = _refuse
    __setitem__ = __delitem__ = __iadd__ = __imul__ = _refuse

    @classmethod
    def __get_pydantic_core_schema__(cls, _source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        """A list to pydantic (so JSON Schemas show `"default": []`)."""
        return handler(list[Any])


EMPTY: list[Any] = _Empty()
"""The default of list fields (`duties: list[...] = EMPTY`): models are frozen, their defaults shared."""


class StrictModel(BaseModel):
    """No unknown keys, no type coercion."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, defer_build=True)
    """Validators are built on first use: a run whose files all come from the cache builds none."""

    @model_validator(mode="after")
    def _share_fields_set(self) -> "StrictModel":
        """One frozen set per combination of keys given, shared by every model with it: a set per
        model was the largest single part of a loaded organisation (140 MB at 100,000 roles)."""
        _set(self, "__pydantic_fields_set__", _shared(self.__pydantic_fields_set__))
        return self

    def __copy__(self) -> "StrictModel":
        """A copy with a set of its own (`model_copy(update=...)` adds to it)."""
        copied = super().__copy__()
        _set(copied, "__pydantic_fields_set__", set(copied.__pydantic_fields_set__))
        return copied

    def __deepcopy__(self, memo: dict[int, Any] | None = None) -> "StrictModel":
        """A deep copy with a set of its own."""
        copied = super().__deepcopy__(memo)
        _set(copied, "__pydantic_fields_set__", set(copied.__pydantic_fields_set__))
        return copied

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled (the cache, the forked helper's results) as its fields only: values a
        `cached_property` keeps on the instance stay out, and loading is one call per model."""
        state = self.__dict__
        cached = state.keys() - type(self).__pydantic_fields__.keys()
        if cached:
            state = {name: value for name, value in state.items() if name not in cached}
        return (_rebuild, (type(self), state, self.__pydantic_fields_set__))


_set = object.__setattr__
_FIELD_SETS: dict[frozenset[str], frozenset[str]] = {}


def _shared(keys: "set[str] | frozenset[str]") -> frozenset[str]:
    given = frozenset(keys)
    return _FIELD_SETS.setdefault(given, given)


def _rebuild(cls: type[StrictModel], state: dict[str, Any], fields_set: "set[str] | frozenset[str]") -> StrictModel:
    """A model from its pickled fields (validated when it was first built)."""
    model = cls.__new__(cls)
    _set(model, "__dict__", state)
    _set(model, "__pydantic_fields_set__", _shared(fields_set))
    _set(model, "__pydantic_extra__", None)
    _set(model, "__pydantic_private__", None)
    return model


def rebuilt(cls: type[StrictModel], state: dict[str, Any], fields: frozenset[str]) -> StrictModel:
    """A model holding only the fields in `state` (`fields`: its keys), unvalidated (reading
    another field raises AttributeError): what a few rules read of a large organisation, restored fast."""
    return _rebuild(cls, state, fields)


def _text_kind(value: Any) -> str:
    return "map" if isinstance(value, dict) else "str"


Locale = Annotated[str, Field(pattern=LOCALE_PATTERN)]
Text = Annotated[
    Annotated[str, Tag("str")] | Annotated[dict[Locale, str], Tag("map")],
    Discriminator(_text_kind),
    Field(
        description="A string in the default language, or a mapping from locale to string.",
        json_schema_extra={"examples": ["市场部经理", {"zh": "市场部经理", "en": "Marketing Manager"}]},
    ),
]


def _nfc(value: str) -> str:
    """One spelling of an id: file names are compared in NFC, so references are too (`café`)."""
    return value if unicodedata.is_normalized("NFC", value) else unicodedata.normalize("NFC", value)


IdText = Annotated[str, AfterValidator(_nfc)]
"""A string naming ids, compared in NFC."""
Ref = Annotated[IdText, Field(min_length=1, description="The id (file stem) of another file.")]


def without_controls(text: str) -> str:
    """Text without control and invisible characters (invalid or discouraged in XML, HTML and DOT,
    or able to reorder what a reader sees); tabs and line ends stay. See `model.invisible`."""
    return without_invisible(text)


def text_of(text: "str | dict[str, str] | None", lang: str | None, default: str) -> str:
    """The text in `lang`, falling back to the default language, then to any language."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    for key in (lang, default):
        if key and key in text:
            return text[key]
    return next(iter(text.values()), "")


def check_range(low: float, high: float) -> None:
    """Refuse a range whose `min` is above its `max`, naming both (reported as MK006)."""
    if high < low:
        raise PydanticCustomError(
            "range_order",
            "min ({min}) is greater than max ({max}); swap them or correct one",
            {"min": f"{low:g}", "max": f"{high:g}"},
        )


class HeadcountRange(StrictModel):
    """A headcount between `min` and `max` people."""

    min: int = Field(ge=0)
    max: int = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> "HeadcountRange":
        check_range(self.min, self.max)
        return self


def _headcount_kind(value: Any) -> str:
    if isinstance(value, dict):
        return "range"
    return "variable" if isinstance(value, str) else "count"


Headcount = Annotated[
    Annotated[Annotated[int, Field(ge=0)], Tag("count")]
    | Annotated[HeadcountRange, Tag("range")]
    | Annotated[Literal["N"], Tag("variable")],
    Discriminator(_headcount_kind),
    Field(description="人数: an integer >= 0, {min, max}, or N for a variable number."),
]


def headcount_bounds(headcount: "int | HeadcountRange | str") -> tuple[int, int, bool]:
    """(fewest, most, variable) people for a headcount; `N` counts as 0 to 0 and variable."""
    if isinstance(headcount, int):
        return headcount, headcount, False
    if isinstance(headcount, HeadcountRange):
        return headcount.min, headcount.max, False
    return 0, 0, True


def headcount_label(headcount: "int | HeadcountRange | str") -> str:
    """A short label: `2`, `0–3` or `N`."""
    if isinstance(headcount, HeadcountRange):
        return f"{headcount.min}–{headcount.max}"
    return str(headcount)
