"""Options shared by several commands, spelled the same everywhere."""

from pathlib import Path
from typing import Annotated

import typer

OrgDir = Annotated[
    Path,
    typer.Argument(
        help="Organisation folder (org.yaml, departments/, roles/); default: the current folder.",
        metavar="ORG",
        show_default=False,
    ),
]
"""The organisation folder; commands default it to the current folder (`Path()`)."""
LangOpt = Annotated[str | None, typer.Option("--lang", metavar="LANG", help="Language of the output (zh, en, ...).")]
ForceOpt = Annotated[bool, typer.Option("--force", help="Render even when the organisation has lint errors.")]
DryRunOpt = Annotated[bool, typer.Option("--dry-run", help="Print the change as a unified diff; write nothing.")]
ForceEditOpt = Annotated[
    bool, typer.Option("--force", help="Write even when the organisation would lint worse than before.")
]
EditOrgOpt = Annotated[
    Path,
    typer.Option("--org", metavar="ORG", help="Organisation folder (default: the current folder).", show_default=False),
]
NoCacheOpt = Annotated[
    bool, typer.Option("--no-cache", help="Read every file again; neither use nor write the cache (.mktorg_cache).")
]


def choices(values: tuple[str, ...]) -> str:
    """The metavar of an option with a fixed set of values: `[a|b|c]`."""
    return "[" + "|".join(values) + "]"
