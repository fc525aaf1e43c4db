"""The kinds of file an organisation folder holds: the one list every layer reads.

The models are named, not imported: the atomic writer and `mktorg --help` read this list
without paying for pydantic (~90 ms); a kind's model is imported when it is first asked for.
"""

from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pydantic import BaseModel


@dataclass(frozen=True)
class FileKind:
    """A kind of file: its name, its folder (None for org.yaml) and its model."""

    name: str
    folder: str | None
    model_at: str
    """The model's module and class in `mktorg.model`: 'role:Role'."""

    @property
    def model(self) -> "type[BaseModel]":
        """The pydantic model of this kind's files."""
        module, _, name = self.model_at.partition(":")
        model: type[BaseModel] = getattr(import_module(f"mktorg.model.{module}"), name)
        return model


ORG = FileKind("org", None, "org_file:OrgFile")
DEPARTMENT = FileKind("department", "departments", "department:Department")
ROLE = FileKind("role", "roles", "role:Role")
PROCESS = FileKind("process", "processes", "process:Process")

FILE_KINDS: tuple[FileKind, ...] = (ORG, DEPARTMENT, ROLE, PROCESS)
FOLDER_KINDS: dict[str, FileKind] = {k.folder: k for k in FILE_KINDS if k.folder}
"""The kinds kept one file per entity in a folder, by folder name."""
ORG_FILE_NAMES = ("org.yaml", "org.yml")
