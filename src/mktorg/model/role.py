"""roles/<id>.yaml: a position (岗位) with duties, qualifications and KPIs."""

from typing import Annotated, Any, Literal, NamedTuple

from pydantic import Discriminator, Field, Tag

from mktorg.model.base import EMPTY, Headcount, IdText, Ref, StrictModel, Text


class Duty(StrictModel):
    """A duty (岗位职责) written as a mapping."""

    text: Text
    type: Literal["primary", "supporting"] = "primary"
    supports: Ref | None = None
    function: IdText | None = Field(
        default=None, description="<function-id> of the role's department, or <department-id>/<function-id>."
    )
    details: list[Text] = EMPTY


def function_ref(department: str, function: str) -> tuple[str, str]:
    """(department id, function id) of a duty's `function` written in a role of `department`."""
    owner, _, function_id = function.rpartition("/")
    return owner or department, function_id


class PlainDuty(NamedTuple):
    """A duty written as a plain string: a primary duty with no function or details."""

    text: str
    type: str = "primary"
    supports: str | None = None
    function: str | None = None
    details: tuple[str, ...] = ()


def _duty_kind(value: Any) -> str:
    return "map" if isinstance(value, dict) else "str"


DutyEntry = Annotated[
    Annotated[str, Tag("str")] | Annotated[Duty, Tag("map")],
    Discriminator(_duty_kind),
]


class Qualifications(StrictModel):
    """任职资格."""

    education: Text | None = None
    majors: list[Text] = EMPTY
    experience: Text | None = None
    experience_years: Annotated[int, Field(ge=0)] | None = None
    knowledge: list[Text] = EMPTY
    skills: list[Text] = EMPTY
    scope: Text | None = None
    other: list[Text] = EMPTY


class KPI(StrictModel):
    """考核指标."""

    name: Text
    weight: Annotated[float, Field(ge=0, le=100)] | None = None
    target: Text | None = None
    cycle: Literal["monthly", "quarterly", "yearly", "per-project"] | None = None


class Relation(StrictModel):
    """A working relation with a named role or department."""

    with_: Ref = Field(alias="with", description="A role or department id.")
    about: Text | None = None


def _relation_kind(value: Any) -> str:
    return "map" if isinstance(value, dict) and "with" in value else "text"


RelationEntry = Annotated[
    Annotated[Text, Tag("text")] | Annotated[Relation, Tag("map")],
    Discriminator(_relation_kind),
]


class Relations(StrictModel):
    """工作关系: inside and outside the company."""

    internal: list[RelationEntry] = EMPTY
    external: list[RelationEntry] = EMPTY


class Role(StrictModel):
    """A role (岗位)."""

    id: str | None = None
    title: Text
    department: Ref
    reports_to: Ref | None = None
    dotted_to: Ref | list[Ref] = EMPTY
    headcount: Headcount = 1
    employment: Literal["full_time", "part_time", "intern", "outsourced"] = "full_time"
    level: str | None = None
    vacant: bool = False
    optional: bool = False
    external: bool = False
    aliases: list[Text] = EMPTY
    summary: Text | None = None
    duties: list[DutyEntry] = EMPTY
    authorities: list[Text] = EMPTY
    qualifications: Qualifications | None = None
    kpis: list[KPI] = EMPTY
    concurrent: list[Ref] = EMPTY
    code: str | None = Field(default=None, description="岗位编号, unique in the organisation.")
    grade: str | None = Field(default=None, description="A pay grade id of org.yaml grades.")
    assistant: bool = Field(default=False, description="A staff position drawn beside its superior.")
    relations: Relations | None = None
    environment: Text | None = Field(default=None, description="工作环境.")
    order: int | None = Field(default=None, description="Siblings sort by order, then level, then id.")

    def dotted(self) -> list[str]:
        """The dotted-line superiors as a list."""
        return [self.dotted_to] if isinstance(self.dotted_to, str) else list(self.dotted_to)

    def duty_list(self) -> "list[Duty | PlainDuty]":
        """Every duty with the same attributes (plain strings become primary duties).

        Made on each call, not kept: kept on every role they were 70 MB of a 100,000-role lint."""
        new = tuple.__new__  # a PlainDuty without its Python-level __new__: 70,000 duties in a 10,000-role lint
        return [new(PlainDuty, (d, "primary", None, None, ())) if isinstance(d, str) else d for d in self.duties]
