"""`mktorg clean`: remove an organisation's cache folder."""

import sys
from pathlib import Path

from mktorg.cli.boundary import cli_command
from mktorg.cli.options import OrgDir


@cli_command
def clean(org: OrgDir = Path()) -> None:
    """Remove the cache (.mktorg_cache) of an organisation folder; the next run reads every file."""
    from mktorg.load.cache import FOLDER
    from mktorg.load.cache import clean as remove

    try:
        removed = remove(org)
    except OSError as err:
        from mktorg.errors import OutputError

        raise OutputError(f"cannot remove {org / FOLDER}: {err.strerror or err}") from None
    print(f"removed {org / FOLDER}" if removed else f"no cache in {org}", file=sys.stderr)
