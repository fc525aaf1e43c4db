"""pydantic's plugin loader is stood in for only when plugins are off, as the CLI has them."""

import os
import subprocess
import sys

from tests.helpers import ROOT

CODE = (
    "import sys\n"
    "from mktorg.model import Role\n"
    "Role.model_validate({'title': 'x', 'department': 'd'})\n"
    "from pydantic.plugin import _loader\n"
    "print(list(_loader.get_plugins()), 'importlib.metadata' in sys.modules, hasattr(_loader, 'entry_points'))"
)


def _run(setting: str | None) -> list[str]:
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    if setting is not None:
        env["PYDANTIC_DISABLE_PLUGINS"] = setting
    return subprocess.run(
        [sys.executable, "-c", CODE], capture_output=True, text=True, check=True, env=env
    ).stdout.split()


def test_plugins_off_no_metadata_is_read() -> None:
    for setting in ("__all__", "1", "true"):
        assert _run(setting) == ["[]", "False", "False"], setting


def test_plugins_on_or_some_off_pydantic_looks_them_up() -> None:
    assert _run(None) == ["[]", "True", "True"]
    assert _run("logfire") == ["[]", "True", "True"], "naming the plugins to leave out: pydantic's own loader"


def test_a_lint_reads_no_package_metadata() -> None:
    """The CLI turns plugins off, so a lint that validates every file imports no importlib.metadata."""
    example = ROOT / "examples" / "marketing-director"
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "mktorg", "lint", str(example), "--no-cache"],
        capture_output=True,
        text=True,
    )
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")}
    assert "mktorg.model.role" in imported and "pydantic.plugin._schema_validator" in imported
    assert "importlib.metadata" not in imported
