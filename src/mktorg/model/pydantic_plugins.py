"""pydantic's plugin lookup, not imported when plugins are turned off.

The CLI turns pydantic plugins off (`PYDANTIC_DISABLE_PLUGINS=__all__`, `cli/app.py`): mktorg's
models are its own business, and pydantic would otherwise read the metadata of every installed
package. But the first time pydantic builds a validator it still imports
`pydantic.plugin._loader`, which imports importlib.metadata (with email, csv and zipfile: 12 ms
of every command that reads a file) before it looks at that setting. When plugins are off, a
stand-in for that module, whose `get_plugins` finds none as pydantic's own would, takes its place.
"""

import os
import sys
import types

_LOADER = "pydantic.plugin._loader"
_OFF = ("__all__", "1", "true")
"""The values of PYDANTIC_DISABLE_PLUGINS with which pydantic's `get_plugins` returns none."""


def skip_lookup_when_off() -> None:
    """Put the stand-in loader in place when plugins are off (before the first validator is built)."""
    if os.environ.get("PYDANTIC_DISABLE_PLUGINS") not in _OFF or _LOADER in sys.modules:
        return
    stand_in = types.ModuleType(_LOADER, "pydantic plugins are off (mktorg.model.pydantic_plugins).")
    stand_in.get_plugins = lambda: ()  # type: ignore[attr-defined]
    sys.modules[_LOADER] = stand_in
