"""The archetype templates of `mktorg init`: data files in templates/, read and validated here.

Each `templates/<name>.yaml` holds `about` (a one-line description), `org` (the org.yaml
keys), `departments` and `roles` (one entry per file, keyed by id), written in the mktorg
format with every text as `{zh: ..., en: ...}`.
"""

import typing
from dataclasses import dataclass
from importlib import resources
from typing import Any

from pydantic import ValidationError

from mktorg.errors import MktorgError
from mktorg.load.parse import YamlProblem, parse
from mktorg.model import Department, OrgFile, Role
from mktorg.model.org_file import Archetype


@dataclass(frozen=True)
class Template:
    """One template: the organisation it writes."""

    name: str
    about: str
    org: OrgFile
    departments: dict[str, Department]
    roles: dict[str, Role]


def _folder() -> Any:
    return resources.files("mktorg.init").joinpath("templates")


def template_names() -> list[str]:
    """The templates: the five archetypes in the format's order, then any others by name."""
    found = {entry.name[: -len(".yaml")] for entry in _folder().iterdir() if entry.name.endswith(".yaml")}
    archetypes = [name for name in typing.get_args(Archetype) if name in found]
    return archetypes + sorted(found - set(archetypes))


def load_template(name: str) -> Template:
    """Read and validate `templates/<name>.yaml`; a broken file is a bug in mktorg, said plainly."""
    if name not in template_names():
        raise MktorgError(f"unknown template '{name}' (choose from {', '.join(template_names())})")
    where = f"template {name}.yaml"
    try:
        data = parse(_folder().joinpath(f"{name}.yaml").read_text(encoding="utf-8"))
        return Template(
            name=name,
            about=str(data["about"]),
            org=OrgFile.model_validate(data["org"]),
            departments={k: Department.model_validate(v) for k, v in data["departments"].items()},
            roles={k: Role.model_validate(v) for k, v in data["roles"].items()},
        )
    except (YamlProblem, ValidationError, KeyError, AttributeError) as err:
        raise RuntimeError(f"{where} is broken: {err}") from err
