"""departments/<id>.yaml: a department and its functions (部门职能)."""

from typing import Annotated

from pydantic import Field

from mktorg.model.base import ID_PATTERN, Ref, StrictModel, Text
from mktorg.model.org_file import Archetype


class Function(StrictModel):
    """A department function (职能)."""

    id: Annotated[str, Field(pattern=ID_PATTERN)]
    name: Text
    description: Text | None = None
    details: list[Text] = []
    deliverables: list[Text] = []


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
    functions: list[Function] = []
