"""Guards for output paths: never write into an organisation's YAML source folders."""

from pathlib import Path

from mktorg.errors import OutputError

SOURCE_FOLDERS = ("departments", "roles", "processes")


def refuse_source_folder(org: Path, output: Path) -> None:
    """Refuse an output path inside departments/, roles/ or processes/, or the org folder itself."""
    target = output.resolve()
    root = org.resolve()
    if target == root:
        raise OutputError(f"refusing to write into the organisation folder {org}; choose another output")
    for folder in SOURCE_FOLDERS:
        if target.is_relative_to(root / folder):
            raise OutputError(f"refusing to write into {org / folder}: it holds YAML sources")
