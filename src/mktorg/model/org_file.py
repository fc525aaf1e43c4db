"""org.yaml: organisation name, locales, levels and lint settings."""

from typing import Annotated, Literal

from pydantic import Field, model_validator

from mktorg.model.base import Locale, StrictModel, Text

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


class OrgFile(StrictModel):
    """The organisation: name, languages, level ladder and lint settings."""

    name: Text
    locales: Annotated[list[Locale], Field(min_length=1)] = ["zh"]
    archetype: Archetype | None = None
    levels: list[str] | None = Field(default=None, description="Level ladder, most senior first.")
    lint: LintSettings = LintSettings()
