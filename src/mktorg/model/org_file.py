"""org.yaml: organisation name, locales, levels and lint settings."""

import datetime
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from mktorg.model.base import Locale, StrictModel, Text, check_range, text_of

Archetype = Literal["functional", "geographic", "product", "market", "matrix"]
SeverityName = Literal["error", "warning", "info", "off"]


class SpanOfControl(StrictModel):
    """管理跨度: how many direct reports a manager should have."""

    min: int = Field(default=2, ge=0)
    max: int = Field(default=10, ge=1)

    @model_validator(mode="after")
    def _ordered(self) -> "SpanOfControl":
        check_range(self.min, self.max)
        return self


def _filled(text: str) -> str:
    if not text.strip():
        raise PydanticCustomError("empty_typo", "an empty word: write the word, or remove the entry")
    return text


TypoWord = Annotated[str, AfterValidator(_filled)]


class LintSettings(StrictModel):
    """The `lint:` section of org.yaml."""

    span_of_control: SpanOfControl = SpanOfControl()
    max_layers: int = Field(default=6, ge=1)
    rules: dict[str, SeverityName] = Field(
        default_factory=dict,
        description="Rule code, prefix or name -> error | warning | info | off.",
    )
    typos: dict[TypoWord, TypoWord] = Field(
        default_factory=dict,
        description="Extra known wrong words for MK506: wrong -> right.",
    )
    near_duplicate: int = Field(
        default=85,
        ge=50,
        le=99,
        description="MK511: how similar (percent, rapidfuzz ratio) two duties must be to count as near duplicates.",
    )

    @field_validator("typos")
    @classmethod
    def _fix_ends(cls, typos: dict[str, str]) -> dict[str, str]:
        """A correction that still contains the wrong word would be reported (and fixed) forever."""
        for wrong, right in typos.items():
            if wrong in right:
                raise PydanticCustomError(
                    "typo_loop",
                    "the correction '{right}' contains the wrong word '{wrong}', so a fix would leave it in the text",
                    {"wrong": wrong, "right": right},
                )
        return typos


_COLOR = re.compile(r"#[0-9a-fA-F]{6}\Z")


def _color(value: str) -> str:
    if not _COLOR.match(value):
        raise PydanticCustomError(
            "color", "expected a colour as #rrggbb (six hex digits, e.g. #1f4e79), not '{value}'", {"value": value}
        )
    return value


Color = Annotated[
    str,
    AfterValidator(_color),
    Field(description="A colour as #rrggbb.", json_schema_extra={"pattern": "^#[0-9a-fA-F]{6}$"}),
]


def _logo(value: str) -> str:
    if not value.lower().endswith((".png", ".svg")):
        raise PydanticCustomError("logo", "expected a .png or .svg file, not '{value}'", {"value": value})
    return value


_CURRENCY = re.compile(r"[A-Z]{3}\Z")


def _currency(value: str) -> str:
    if not _CURRENCY.match(value):
        raise PydanticCustomError(
            "currency", "expected an ISO 4217 currency code such as CNY or USD, not '{value}'", {"value": value}
        )
    return value


class DocumentInfo(StrictModel):
    """Metadata of a client deliverable (cover, properties, running header)."""

    client: Text | None = None
    author: Text | None = Field(default=None, description="The consultant or firm.")
    version: str | None = None
    date: str | None = Field(default=None, description="An ISO date: 2026-11-27.")
    confidentiality: Text | None = Field(default=None, description="内部资料, 机密, ...")
    logo: Annotated[str, AfterValidator(_logo)] | None = Field(
        default=None, description="A PNG or SVG file, relative to the organisation folder."
    )

    @field_validator("date")
    @classmethod
    def _iso_date(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                datetime.date.fromisoformat(value)
            except ValueError:
                raise PydanticCustomError(
                    "iso_date", "expected an ISO date such as 2026-11-27, not '{value}'", {"value": value}
                ) from None
        return value


class ThemeColors(StrictModel):
    """Colours of charts and documents."""

    primary: Color | None = None
    accent: Color | None = None
    department: Color | None = None
    vacant: Color | None = None
    external: Color | None = None


class Theme(StrictModel):
    """The look of charts and documents."""

    font: str | None = Field(default=None, description="Font family for Chinese and Latin text.")
    colors: ThemeColors = ThemeColors()


class Grade(StrictModel):
    """A pay grade (薪酬等级): monthly amounts in the organisation's currency."""

    name: Text
    min: Annotated[float, Field(ge=0)]
    max: Annotated[float, Field(ge=0)]

    @model_validator(mode="after")
    def _ordered(self) -> "Grade":
        check_range(self.min, self.max)
        return self


class OrgFile(StrictModel):
    """The organisation: name, languages, level ladder, deliverable metadata, theme, grades and lint settings."""

    name: Text
    locales: Annotated[list[Locale], Field(min_length=1)] = ["zh"]
    archetype: Archetype | None = None
    levels: list[Text] | None = Field(
        default=None,
        description="Level ladder, most senior first; a role's level names one by its default-language text.",
    )
    document: DocumentInfo | None = None
    theme: Theme | None = None
    grades: dict[str, Grade] = Field(default_factory=dict, description="Pay grades by id.")
    currency: Annotated[str, AfterValidator(_currency)] = Field(
        default="CNY", description="Currency of the grade amounts (ISO 4217)."
    )
    lint: LintSettings = LintSettings()

    def level_names(self) -> list[str] | None:
        """The level ladder in the default language (the names a role's `level` uses)."""
        if self.levels is None:
            return None
        return [text_of(level, self.locales[0], self.locales[0]) for level in self.levels]
