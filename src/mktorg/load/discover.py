"""Find the files of an organisation folder and the id of each (MK008 bad name, MK009 taken id)."""

import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

from mktorg.diagnostics import Finding
from mktorg.model.kinds import FOLDER_KINDS

_ID = re.compile(r"[^\W_][\w-]*\Z")

Found = tuple[str, str, str]
"""(relative posix path, folder, id) of a file to load."""


def discover(root: Path) -> tuple[list[Found], list[Finding]]:
    """Every YAML file of the kind folders, in a stable order, with its id; files without a
    valid, unique id become findings instead."""
    return assign_ids(yaml_files(root))


def assign_ids(paths: Iterable[tuple[str, str]]) -> tuple[list[Found], list[Finding]]:
    """The id of each (path, folder), in order; a file without a valid, unique id is a finding instead."""
    found: list[Found] = []
    findings: list[Finding] = []
    seen: dict[tuple[str, str], str] = {}
    for rel, folder in paths:
        stem = unicodedata.normalize("NFC", rel.rsplit("/", 1)[-1].rsplit(".", 1)[0])
        kind = FOLDER_KINDS[folder].name
        if not _ID.match(stem):
            hint = "rename the file: letters, digits, '_' and '-', starting with a letter or digit"
            findings.append(Finding("MK008", rel, 1, 1, f"file name '{stem}' is not a valid id", hint))
            continue
        first = seen.setdefault((kind, stem.casefold()), rel)
        if first != rel:
            hint = "rename one of the files: ids must be unique, ignoring letter case"
            findings.append(Finding("MK009", rel, 1, 1, f"{kind} id '{stem}' is also used by {first}", hint))
            continue
        found.append((rel, folder, stem))
    return found, findings


def yaml_files(root: Path) -> Iterator[tuple[str, str]]:
    """Yield (relative posix path, folder kind) of every YAML file, in a stable order."""
    for folder in FOLDER_KINDS:
        base = root / folder
        if not base.is_dir():
            continue
        for dirpath, dirnames, filenames in os.walk(base):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            rel_dir = Path(dirpath).relative_to(root).as_posix()
            for name in sorted(filenames):
                if name.endswith((".yaml", ".yml")) and not name.startswith("."):
                    yield f"{rel_dir}/{name}", folder
