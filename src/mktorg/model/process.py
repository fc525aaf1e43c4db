"""processes/<id>.yaml: a workflow with who does, approves, is consulted and informed."""

from typing import Annotated

from pydantic import Field

from mktorg.model.base import EMPTY, ID_PATTERN, Ref, StrictModel, Text

RoleRefs = Ref | list[Ref]


def as_list(value: RoleRefs | None) -> list[str]:
    """A role reference or list of them, as a list."""
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


class Step(StrictModel):
    """One step of a process, with R/A/C/I roles."""

    id: Annotated[str, Field(pattern=ID_PATTERN)]
    name: Text
    phase: Text | None = None
    responsible: RoleRefs = Field(default=EMPTY, description="R: who does it (at least one).")
    accountable: RoleRefs | None = Field(default=None, description="A: exactly one role, who approves (审批).")
    consulted: RoleRefs = EMPTY
    informed: RoleRefs = EMPTY
    key_points: Text | None = None

    def roles(self, field: str) -> list[str]:
        """The role ids in `responsible`, `accountable`, `consulted` or `informed`."""
        return as_list(getattr(self, field))


class Process(StrictModel):
    """A process (流程)."""

    id: str | None = None
    name: Text
    owner: Ref | None = None
    steps: list[Step] = EMPTY
