"""Find the files of an organisation folder and the id of each (MK008 bad name, MK009 taken id,
MK011 a folder linked outside the organisation)."""

import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

from mktorg.diagnostics import Finding
from mktorg.model.kinds import FOLDER_KINDS, ORG_FILE_NAMES

_ID = re.compile(r"[^\W_][\w-]*\Z")

Found = tuple[str, str, str]
"""(relative posix path, folder, id) of a file to load."""


def org_file(root: Path) -> str | None:
    """The organisation file the folder uses: org.yaml, else org.yml, else none."""
    return next((name for name in ORG_FILE_NAMES if (root / name).is_file()), None)


def discover(root: Path) -> tuple[list[Found], list[Finding]]:
    """Every YAML file of the kind folders, in a stable order, with its id; files without a
    valid, unique id, and folders that cannot be walked, become findings instead."""
    paths: list[tuple[str, str]] = []
    problems: list[Finding] = []
    for rel, folder, problem in _walk(root):
        if problem is None:
            paths.append((rel, folder))
        else:
            problems.append(problem)
    found, findings = assign_ids(paths)
    return found, problems + findings


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


def yaml_files(root: Path) -> list[Path]:
    """Every YAML file the organisation folder holds in its kind folders (valid ids or not)."""
    return [root / rel for rel, _ in yaml_paths(root)]


def yaml_paths(root: Path) -> list[tuple[str, str]]:
    """(relative posix path, folder kind) of every YAML file, in a stable order (valid ids or not)."""
    return [(rel, folder) for rel, folder, problem in _walk(root) if problem is None]


def _walk(root: Path) -> Iterator[tuple[str, str, Finding | None]]:
    """(relative posix path, folder kind, problem) of every YAML file, in a stable order.

    Links to folders inside the organisation are followed (each real folder once); a folder
    linked outside it is a finding, as is a name that is not UTF-8.
    """
    real_root = root.resolve()
    walked: set[tuple[str, Path]] = set()
    for folder in FOLDER_KINDS:
        stack = [folder]
        while stack:
            rel_dir = stack.pop()
            try:
                real = (root / rel_dir).resolve()
            except (OSError, RuntimeError) as err:  # a loop of links
                yield rel_dir, folder, _unreadable_folder(rel_dir, err)
                continue
            if not real.is_dir() or (folder, real) in walked:
                continue
            if not real.is_relative_to(real_root):
                yield rel_dir, folder, _linked_outside(rel_dir)
                continue
            walked.add((folder, real))
            try:
                entries = sorted(os.scandir(root / rel_dir), key=lambda entry: entry.name)
            except OSError as err:
                yield rel_dir, folder, _unreadable_folder(rel_dir, err)
                continue
            folders = []
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                rel = f"{rel_dir}/{entry.name}"
                if _is_dir(entry):
                    folders.append(rel)
                elif entry.name.endswith((".yaml", ".yml")):
                    yield rel, folder, _bad_name(rel)
            stack.extend(reversed(folders))


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()  # follows a link to a folder
    except OSError:
        return False


def printable_path(rel: str) -> str:
    """A path as text that any output can hold: bytes that are not UTF-8 shown as \\xNN."""
    return rel.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _bad_name(rel: str) -> Finding | None:
    shown = printable_path(rel)
    if shown == rel:
        return None
    hint = "rename the file or folder with a UTF-8 name"
    return Finding("MK008", shown, 1, 1, "the file name is not UTF-8 text", hint)


def _linked_outside(rel_dir: str) -> Finding:
    hint = "copy the files into the organisation folder, or link them one by one from inside it"
    return Finding("MK011", printable_path(rel_dir), 1, 1, "the folder is a link to outside the organisation", hint)


def _unreadable_folder(rel_dir: str, err: OSError | RuntimeError) -> Finding:
    why = getattr(err, "strerror", None) or str(err)
    return Finding("MK011", printable_path(rel_dir), 1, 1, f"the folder cannot be read ({why})", "fix or remove it")
