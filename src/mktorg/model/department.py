"""departments/<id>.yaml: a department and its functions (部门职能)."""

from typing import Annotated, Any

from pydantic import Discriminator, Field, Tag

from mktorg.model.base import EMPTY, ID_PATTERN, Ref, StrictModel, Text
from mktorg.model.org_file import Archetype
from mktorg.model.role import KPI


def _detail_kind(value: Any) -> str:
    return "node" if isinstance(value, dict) and "text" in value else "text"


class DetailNode3(StrictModel):
    """A work-content item at the third level (no further nesting)."""

    text: Text


class DetailNode2(StrictModel):
    """A work-content item at the second level."""

    text: Text
    details: list[
        Annotated[Annotated[Text, Tag("text")] | Annotated[DetailNode3, Tag("node")], Discriminator(_detail_kind)]
    ] = EMPTY


class DetailNode(StrictModel):
    """A work-content item (☆) with its sub-items (–), nested at most three levels."""

    text: Text
    details: list[
        Annotated[Annotated[Text, Tag("text")] | Annotated[DetailNode2, Tag("node")], Discriminator(_detail_kind)]
    ] = EMPTY


Detail = Annotated[Annotated[Text, Tag("text")] | Annotated[DetailNode, Tag("node")], Discriminator(_detail_kind)]


class Function(StrictModel):
    """A department function (职能)."""

    id: Annotated[str, Field(pattern=ID_PATTERN)]
    name: Text
    description: Text | None = None
    details: list[Detail] = EMPTY
    deliverables: list[Text] = EMPTY


class Department(StrictModel):
    """A department (部门)."""

    id: str | None = None
    name: Text
    parent: Ref | None = None
    head: Ref | None = None
    archetype: Archetype | None = None
    headcount_budget: Annotated[int, Field(ge=0)] | None = None
    mission: Text | None = None
    external: bool = False
    functions: list[Function] = EMPTY
    aliases: list[Text] = EMPTY
    duties: list[Text] = Field(default=EMPTY, description="部门职责, separate from the function breakdown.")
    authorities: list[Text] = Field(default=EMPTY, description="部门权限.")
    kpis: list[KPI] = Field(default=EMPTY, description="部门考核指标.")
    order: int | None = Field(default=None, description="Siblings sort by order, then level, then id.")
