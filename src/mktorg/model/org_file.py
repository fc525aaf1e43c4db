"""org.yaml: organisation name, locales, levels and lint settings."""

import datetime
from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator

from mktorg.model.base import Locale, StrictModel, Text, text_of

Archetype = Literal["functional", "geographic", "product", "market", "matrix"]
SeverityName = Literal["error", "warning", "info", "off"]


class SpanOfControl(StrictModel):
    """管理跨度: how many direct reports a manager should have."""

    min: int = Field(default=2, ge=0)
    max: int = Field(default=10, ge=1)

    @model_validator(mode="after")
    def _ordered(self) -> "SpanOfControl":
        if self.max < self.min:
            raise ValueError("max must not be smaller than min")
        return self


class LintSettings(StrictModel):
    """The `lint:` section of org.yaml."""

    span_of_control: SpanOfControl = SpanOfControl()
    max_layers: int = Field(default=6, ge=1)
    rules: dict[str, SeverityName] = Field(
        default_factory=dict,
        description="Rule code, prefix or name -> error | warning | info | off.",
    )
    typos: dict[str, str] = Field(
        default_factory=dict,
        description="Extra known wrong words for MK506: wrong -> right.",
    )


Color = Annotated[str, Field(pattern=r"^#[0-9a-fA-F]{6}$", description="A colour as #rrggbb.")]


class DocumentInfo(StrictModel):
    """Metadata of a client deliverable (cover, properties, running header)."""

    client: Text | None = None
    author: Text | None = Field(default=None, description="The consultant or firm.")
    version: str | None = None
    date: str | None = Field(default=None, description="An ISO date: 2026-11-27.")
    confidentiality: Text | None = Field(default=None, description="内部资料, 机密, ...")
    logo: str | None = Field(default=None, description="A PNG or SVG file, relative to the organisation folder.")

    @field_validator("date")
    @classmethod
    def _iso_date(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                datetime.date.fromisoformat(value)
            except ValueError:
                raise ValueError("expected an ISO date such as 2026-11-27") from None
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
        if self.max < self.min:
            raise ValueError("max must not be smaller than min")
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
    currency: str = Field(default="CNY", description="Currency of the grade amounts (ISO 4217).")
    lint: LintSettings = LintSettings()

    def level_names(self) -> list[str] | None:
        """The level ladder in the default language (the names a role's `level` uses)."""
        if self.levels is None:
            return None
        return [text_of(level, self.locales[0], self.locales[0]) for level in self.levels]
