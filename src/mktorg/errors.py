"""Exit codes and the errors that end a command with a one-line message."""

from enum import IntEnum


class ExitCode(IntEnum):
    """Process exit codes, as in the format spec."""

    OK = 0
    FINDINGS = 1
    USAGE = 2
    INTERNAL = 3
    INTERRUPTED = 130
    TERMINATED = 143


class MktorgError(Exception):
    """A problem the user can fix; its message is the whole story."""

    exit_code: ExitCode = ExitCode.USAGE


class OrgNotFoundError(MktorgError):
    """The organisation folder does not exist or is not a folder."""


class ToolMissingError(MktorgError):
    """A system program (Graphviz `dot`) is not installed."""


class InvalidOrgError(MktorgError):
    """The organisation has lint errors, so it is not rendered."""

    exit_code = ExitCode.FINDINGS


class OutputError(MktorgError):
    """The output path cannot be written or would overwrite sources."""


class Terminated(BaseException):
    """SIGTERM: raised in the main thread so that cleanups run, as for Ctrl-C."""
