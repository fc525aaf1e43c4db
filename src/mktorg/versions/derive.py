"""Load a second version of an organisation from a loaded one and the files that differ.

Two revisions of a large design usually differ in a few files. Loading the second from scratch
would read, parse and validate every file again; here the unchanged files keep the outcome of
the first load (source, entity, findings) and only the changed ones are read, from a small
scratch folder, by the loader's own steps. The result is the LoadResult that `load_org` would
give for the second version (tests compare the two).
"""

import os
import shutil
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from mktorg.diagnostics import Finding
from mktorg.load.discover import assign_ids, yaml_paths
from mktorg.load.loader import LoadResult, _Loader
from mktorg.load.prefetch import Read
from mktorg.load.read import read_file
from mktorg.model.kinds import FOLDER_KINDS, ORG_FILE_NAMES
from mktorg.model.organization import Organization


@dataclass(frozen=True)
class Blob:
    """A file's content in the other version; `link`: a symbolic link whose target is `data`."""

    data: bytes
    link: bool = False


def write_blob(path: Path, blob: Blob) -> None:
    """Write a file (or a symbolic link) of a version below a scratch folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if blob.link:
        path.symlink_to(os.fsdecode(blob.data))
    else:
        path.write_bytes(blob.data)


def discoverable(rel: str) -> str | None:
    """The folder kind of a path that `discover` would list, else None."""
    parts = rel.split("/")
    if len(parts) < 2 or parts[0] not in FOLDER_KINDS or any(p.startswith(".") for p in parts[1:]):
        return None
    return parts[0] if parts[-1].endswith((".yaml", ".yml")) else None


def discover_key(rel: str) -> tuple[int, tuple[tuple[int, str], ...]]:
    """Sort key giving `discover`'s order: kinds in order, then a folder's files before its sub-folders."""
    parts = rel.split("/")
    kinds = list(FOLDER_KINDS)
    steps = tuple((1, p) for p in parts[1:-1]) + ((0, parts[-1]),)
    return kinds.index(parts[0]), steps


def derive(base: LoadResult, base_root: Path, changes: dict[str, Blob | None], scratch: Path) -> LoadResult:
    """The organisation as it is with `changes` (path -> content, None: absent) applied to `base`.

    `scratch` is an empty folder named like the organisation folder; changed files are written there.
    """
    for rel, blob in changes.items():
        if blob is not None and (rel in ORG_FILE_NAMES or discoverable(rel)):
            write_blob(scratch / rel, blob)
    base_paths = yaml_paths(base_root)
    paths = [(rel, folder) for rel, folder in base_paths if rel not in changes]
    paths += [(rel, folder) for rel, blob in changes.items() if blob is not None and (folder := discoverable(rel))]
    paths.sort(key=lambda item: discover_key(item[0]))
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for finding in base.findings:
        by_file[finding.file].append(finding)
    loader = _Loader(scratch, None)  # a derived revision is never cached
    settings, org_source, org_valid = base.org.settings, base.org_source, base.org_valid
    if any(name in changes for name in ORG_FILE_NAMES):
        for name in ORG_FILE_NAMES:
            if name not in changes and (base_root / name).is_file():
                shutil.copyfile(base_root / name, scratch / name)
        settings, org_source, org_valid = loader._org_file()
    else:
        loader.findings += [f for name in ORG_FILE_NAMES for f in by_file.get(name, [])]
        loader.files.update({name: base.files[name] for name in ORG_FILE_NAMES if name in base.files})
    org = Organization(base.org.root_name, settings)
    passed_in_base = {rel: stem for rel, _, stem in assign_ids(base_paths)[0]}
    found, id_findings = assign_ids(paths)
    loader.findings.extend(id_findings)
    for rel, folder, stem in found:
        kind = FOLDER_KINDS[folder]
        if rel not in changes and passed_in_base.get(rel) == stem:
            _reuse(base, rel, kind.name, stem, org, loader, by_file[rel])
            continue
        raw, text, problem = read_file(scratch if rel in changes else base_root, rel)
        found_file = (rel, folder, stem)
        loader._take(
            org, Read(found_file, text if raw is not None else None, b"", None, [problem] if problem else []), None
        )
    return LoadResult(org, loader.findings, loader.files, loader.sources, org_source, org_valid)


def _reuse(
    base: LoadResult, rel: str, kind: str, stem: str, org: Organization, loader: _Loader, findings: list[Finding]
) -> None:
    """Take an unchanged file's outcome from the base load: its source, its entity or breakage, its findings."""
    loader.findings.extend(findings)
    source = base.files.get(rel)
    if source is not None:
        loader.files[rel] = source
    if source is not None and base.sources.get((kind, stem)) is source:
        loader.sources[(kind, stem)] = source
        org.table(kind)[stem] = base.org.table(kind)[stem]
    else:
        org.broken[kind].add(stem)
