"""`mktorg init`: start an organisation from an archetype template."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from mktorg.cli.boundary import cli_command
from mktorg.errors import MktorgError


@cli_command
def init(
    directory: Annotated[Path, typer.Argument(metavar="DIR", help="Folder to create the organisation in.")],
    template: Annotated[
        str,
        typer.Option(
            "--template",
            "-t",
            metavar="[functional|geographic|product|market|matrix]",
            help="The archetype (职能型, 地理型, 产品型, 市场型, 产品/市场型).",
        ),
    ] = "functional",
    lang: Annotated[str, typer.Option("--lang", metavar="[zh|en]", help="Language of the titles and texts.")] = "zh",
) -> None:
    """Create a working organisation (org.yaml, departments, roles) from an archetype."""
    from mktorg.cli.outputs import output_folder
    from mktorg.init.template import load_template
    from mktorg.init.writer import ignore_cache, write_template
    from mktorg.model.schema import schema_texts
    from mktorg.writing import write_text

    if lang not in ("zh", "en"):
        raise MktorgError("--lang must be zh or en")
    output_folder(directory)
    written = write_template(load_template(template), directory, lang)
    for name, text in schema_texts().items():
        if not (directory / "schemas" / name).exists():
            write_text(directory / "schemas" / name, text)
    ignore_cache(directory)
    print(f"created {len(written)} files in {directory} ({template}); next: mktorg lint {directory}", file=sys.stderr)
