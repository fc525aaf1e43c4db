"""The kinds of file an organisation folder holds: the one list every layer reads."""

from dataclasses import dataclass

from pydantic import BaseModel

from mktorg.model.department import Department
from mktorg.model.org_file import OrgFile
from mktorg.model.process import Process
from mktorg.model.role import Role


@dataclass(frozen=True)
class FileKind:
    """A kind of file: its name, its folder (None for org.yaml) and its model."""

    name: str
    folder: str | None
    model: type[BaseModel]


ORG = FileKind("org", None, OrgFile)
DEPARTMENT = FileKind("department", "departments", Department)
ROLE = FileKind("role", "roles", Role)
PROCESS = FileKind("process", "processes", Process)

FILE_KINDS: tuple[FileKind, ...] = (ORG, DEPARTMENT, ROLE, PROCESS)
FOLDER_KINDS: dict[str, FileKind] = {k.folder: k for k in FILE_KINDS if k.folder}
"""The kinds kept one file per entity in a folder, by folder name."""
ORG_FILE_NAMES = ("org.yaml", "org.yml")
