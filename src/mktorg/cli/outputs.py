"""Where commands may write: checks made before any work, each a one-line error (exit 2)."""

from pathlib import Path

from mktorg.errors import OutputError
from mktorg.writing import SourceGuard


def source_guard(org: Path) -> SourceGuard:
    """The guard over every file the organisation at `org` loads."""
    from mktorg.load.discover import yaml_files

    return SourceGuard(org, yaml_files(org) if org.is_dir() else [])


def output_file(org: Path, output: Path) -> None:
    """Refuse an output file that is a source of the organisation, a folder, or in a missing place."""
    source_guard(org).refuse_file(output)
    if output.is_dir():
        raise OutputError(f"{output} is a folder; give the name of the file to write")
    _folder_usable(output.parent)


def output_files(org: Path, outputs: list[Path]) -> None:
    """Refuse the whole set when one of the output files (the pages of a chart, say) is a source."""
    guard = source_guard(org)
    for output in outputs:
        guard.refuse_file(output)


def output_folder(output: Path, org: Path | None = None) -> None:
    """Refuse an output folder that is a file, or (with `org`) a source folder of the organisation."""
    if org is not None:
        source_guard(org).refuse_folder(output)
    if output.exists() and not output.is_dir():
        raise OutputError(f"{output} is a file; give the name of a folder to write into")
    _folder_usable(output)


def _folder_usable(folder: Path) -> None:
    """The folder, or its nearest existing ancestor, is a folder (mkdir would fail otherwise)."""
    for existing in (folder, *folder.parents):
        if existing.exists():
            if not existing.is_dir():
                raise OutputError(f"cannot write into {folder}: {existing} is a file, not a folder")
            return
