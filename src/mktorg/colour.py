"""Whether to colour what is written to a stream, as rich decides, without importing rich when
the answer cannot be yes (rich costs ~15 ms of a 100 ms `mktorg lint`)."""

import os
from typing import TextIO

SGR = {
    "bold underline": "1;4",
    "bold": "1",
    "bold red": "1;31",
    "yellow": "33",
    "cyan": "36",
    "dim": "2",
    "green": "32",
}
"""The ANSI codes of the styles mktorg uses."""


def colour_wanted(out: TextIO) -> bool:
    """Whether rich would colour `out`: never for a stream that is not a terminal unless
    FORCE_COLOR or TTY_COMPATIBLE=1 say so; otherwise rich decides (NO_COLOR, TERM, ...)."""
    forced = os.environ.get("TTY_COMPATIBLE") == "1" or os.environ.get("FORCE_COLOR") is not None
    try:
        terminal = out.isatty()
    except (AttributeError, ValueError):
        terminal = False
    if not terminal and not forced:
        return False
    from rich.console import Console

    return Console(file=out).color_system is not None


def paint(text: str, style: str, colour: bool) -> str:
    """`text` in `style` when colouring, as it is otherwise."""
    return f"\x1b[{SGR[style]}m{text}\x1b[0m" if colour and text else text
