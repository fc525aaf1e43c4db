"""pydantic's plugin lookup, without importing importlib.metadata when no plugin is installed.

The first time pydantic builds a validator it calls `pydantic.plugin._loader.get_plugins()`,
whose module imports importlib.metadata (with email, csv and zipfile: 12 ms, then 3 ms to read
the entry points of every installed distribution). Every mktorg command that reads a file
builds one. When no distribution on `sys.path` declares an entry point of the `pydantic` group
(read from their `entry_points.txt` directly: under a millisecond), a stand-in for that module,
which finds no plugins, takes its place; otherwise, or when that cannot be told (a zip on
`sys.path`, another finder of distributions), pydantic's own loader runs as usual.
"""

import os
import sys
import types

_LOADER = "pydantic.plugin._loader"
_GROUP = "pydantic"


def skip_lookup_without_plugins() -> None:
    """Put the stand-in loader in place when no plugin can be installed (`none_declared`)."""
    if _LOADER in sys.modules or not none_declared():
        return
    stand_in = types.ModuleType(_LOADER, "No pydantic plugin is installed (mktorg.model.pydantic_plugins).")
    stand_in.get_plugins = lambda: ()  # type: ignore[attr-defined]
    sys.modules[_LOADER] = stand_in


def none_declared(path: list[str] | None = None) -> bool:
    """Whether it is known that no distribution on `path` (`sys.path`) declares a pydantic plugin."""
    from importlib.machinery import PathFinder

    if any(finder is not PathFinder and hasattr(finder, "find_distributions") for finder in sys.meta_path):
        return False  # distributions found another way (an import hook): ask importlib.metadata
    for folder in sys.path if path is None else path:
        try:
            entries = list(os.scandir(folder or "."))
        except FileNotFoundError:
            continue
        except OSError:  # a zip file, or a folder that cannot be read
            return False
        for entry in entries:
            if entry.name.endswith((".dist-info", ".egg-info")) and _declares(entry.path):
                return False
    return True


def _declares(folder: str) -> bool:
    try:
        with open(f"{folder}/entry_points.txt", encoding="utf-8", errors="replace") as handle:
            return any(_is_group(line.strip()) for line in handle)
    except OSError:  # none (most distributions), or an .egg-info file
        return False


def _is_group(line: str) -> bool:
    return line.startswith("[") and line.endswith("]") and line[1:-1].strip() == _GROUP
