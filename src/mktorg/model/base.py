"""Shared building blocks: the strict base model, Text, ids and headcount."""

import unicodedata
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Discriminator, Field, Tag, model_validator
from pydantic_core import PydanticCustomError

from mktorg.model.invisible import without_invisible

LOCALE_PATTERN = r"^[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$"
ID_PATTERN = r"^[^\W_][\w-]*$"


class StrictModel(BaseModel):
    """No unknown keys, no type coercion."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


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
