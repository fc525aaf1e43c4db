"""`mktorg schema`: write the JSON Schemas of the four file kinds."""

from pathlib import Path
from typing import Annotated

import typer

from mktorg.cli.boundary import cli_command


@cli_command
def schema(
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder for the .json files.")] = Path("schemas"),
) -> None:
    """Write org, department, role and process JSON Schemas (for editor completion)."""
    from mktorg.cli.outputs import output_folder
    from mktorg.model.schema import schema_texts
    from mktorg.writing import write_text

    output_folder(output)
    output.mkdir(parents=True, exist_ok=True)
    for name, text in schema_texts().items():
        write_text(output / name, text)
        print(output / name)
