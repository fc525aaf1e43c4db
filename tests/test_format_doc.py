"""docs/format.md documents every key the models accept, and its example files lint clean."""

import re
import types
import typing
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import BaseModel

from mktorg.lint.engine import lint
from mktorg.load.loader import load_org
from mktorg.model.kinds import FILE_KINDS, FileKind
from tests.helpers import ROOT

DOC = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
SECTIONS = {"org": "## org.yaml", "department": "## departments/", "role": "## roles/", "process": "## processes/"}
MAPPINGS_OF_IDS = {"grades"}
"""Keys whose mapping is keyed by ids the user chooses (written `<id>` in the docs)."""
FREE_MAPPINGS = {"lint.rules", "lint.typos"}


def _models_in(annotation: Any) -> list[tuple[str, type[BaseModel]]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [("", annotation)]
    origin = typing.get_origin(annotation)
    if origin is dict:
        return [(".<id>" + extra, model) for extra, model in _models_in(typing.get_args(annotation)[1])]
    if origin is None and not isinstance(annotation, types.UnionType):
        return []
    return [found for arg in typing.get_args(annotation) for found in _models_in(arg)]


def model_keys(model: type[BaseModel], prefix: str = "") -> set[str]:
    """Every key path a model accepts (`qualifications.education`); nested details count once."""
    keys: set[str] = set()
    for name, field in model.model_fields.items():
        path = prefix + (field.alias or name)
        keys.add(path)
        for extra, sub in _models_in(field.annotation):
            if not (path.endswith("details") and prefix.endswith("details.")):
                keys |= model_keys(sub, f"{path}{extra}.")
    return keys


def _section(kind: str) -> str:
    start = DOC.index(SECTIONS[kind])
    end = DOC.find("\n## ", start + 1)
    return DOC[start : end if end > 0 else len(DOC)]


def documented_keys(kind: str) -> set[str]:
    """The keys in the first column of the section's table, `[]` dropped."""
    return {m.replace("[]", "") for m in re.findall(r"^\| `([^`]+)` \|", _section(kind), re.M)}


def example_files() -> dict[str, str]:
    """The YAML blocks that start with a `# <path>` comment: one organisation."""
    files = {}
    for block in re.findall(r"```yaml\n(.*?)```", DOC, re.S):
        first = block.splitlines()[0]
        match = re.fullmatch(r"# ((?:departments|roles|processes)/[\w-]+\.yaml|org\.yaml)", first)
        if match:
            files[match.group(1)] = block
    return files


def _data_keys(data: Any, prefix: str = "") -> set[str]:
    keys: set[str] = set()
    if isinstance(data, list):
        for item in data:
            keys |= _data_keys(item, prefix)
    elif isinstance(data, dict):
        for key, value in data.items():
            path = f"{prefix}{key}"
            keys.add(path)
            if path in FREE_MAPPINGS:
                continue
            if path in MAPPINGS_OF_IDS:
                for item in value.values():
                    keys |= _data_keys(item, f"{path}.<id>.")
            else:
                keys |= _data_keys(value, f"{path}.")
    return keys


def _kind(path: str) -> FileKind:
    folder = path.split("/")[0] if "/" in path else None
    return next(k for k in FILE_KINDS if k.folder == folder)


@pytest.mark.parametrize("kind", FILE_KINDS, ids=lambda k: k.name)
def test_every_key_is_documented_and_every_documented_key_exists(kind: FileKind) -> None:
    accepted = model_keys(kind.model)
    documented = documented_keys(kind.name)
    assert sorted(accepted - documented) == [], "keys the models accept but docs/format.md does not list"
    assert sorted(documented - accepted) == [], "keys docs/format.md lists but the models do not accept"


@pytest.mark.parametrize("kind", FILE_KINDS, ids=lambda k: k.name)
def test_the_examples_show_every_key(kind: FileKind) -> None:
    shown: set[str] = set()
    for path, text in example_files().items():
        if _kind(path) == kind:
            shown |= _data_keys(yaml.safe_load(text))
    assert sorted(model_keys(kind.model) - shown - {"id"}) == []


def test_the_examples_are_one_organisation_that_lints_clean(tmp_path: Path) -> None:
    files = example_files()
    assert {"org.yaml", "departments/market.yaml", "roles/research-specialist.yaml"} <= set(files)
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    result = lint(load_org(tmp_path))
    assert [f"{d.file}:{d.line} {d.code} {d.message}" for d in result.diagnostics] == []
    assert result.counts["roles"] == 5 and result.counts["processes"] == 1
