"""pydantic's plugin lookup is skipped only when no plugin is installed."""

import subprocess
import sys
from pathlib import Path

from mktorg.model.pydantic_plugins import none_declared


def _distribution(site: Path, name: str, entry_points: str | None) -> None:
    folder = site / f"{name}-1.0.dist-info"
    folder.mkdir(parents=True)
    (folder / "METADATA").write_text(f"Name: {name}\nVersion: 1.0\n", "utf-8")
    if entry_points is not None:
        (folder / "entry_points.txt").write_text(entry_points, "utf-8")


def test_a_distribution_declaring_a_pydantic_plugin_is_seen(tmp_path: Path) -> None:
    site = tmp_path / "site"
    _distribution(site, "tool", "[console_scripts]\ntool = tool:main\n")
    _distribution(site, "plain", None)
    assert none_declared([str(site), str(tmp_path / "missing")])
    _distribution(site, "observer", "[console_scripts]\nx = y:z\n\n[ pydantic ]\nobserver = observer.plugin:plugin\n")
    assert not none_declared([str(site)])


def test_a_zip_on_the_path_cannot_be_told(tmp_path: Path) -> None:
    archive = tmp_path / "packages.zip"
    archive.write_bytes(b"PK\x05\x06" + b"\0" * 18)
    assert not none_declared([str(archive)])


def test_without_plugins_the_stand_in_finds_what_pydantic_finds() -> None:
    """In this environment: no plugin, importlib.metadata not imported, and pydantic's own lookup
    (run in a process of its own) finds none either."""
    code = (
        "import sys\n"
        "from mktorg.model import Role\n"
        "Role.model_validate({'title': 'x', 'department': 'd'})\n"
        "from pydantic.plugin._loader import get_plugins\n"
        "print(list(get_plugins()), 'importlib.metadata' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["[]", "False"]
    real = "from importlib.metadata import entry_points; print(len(entry_points(group='pydantic')))"
    found = subprocess.run([sys.executable, "-c", real], capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "0"


def test_with_a_plugin_installed_pydantic_loads_it(tmp_path: Path) -> None:
    site = tmp_path / "site"
    _distribution(site, "observer", "[pydantic]\nobserver = observer_plugin:plugin\n")
    (site / "observer_plugin.py").write_text(
        "class Plugin:\n"
        "    def new_schema_validator(self, *args, **kwargs):\n"
        "        print('seen'); return None, None, None\n"
        "plugin = Plugin()\n",
        "utf-8",
    )
    code = (
        f"import sys; sys.path.insert(0, {str(site)!r})\n"
        "from mktorg.model import Role\n"
        "Role.model_validate({'title': 'x', 'department': 'd'})\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "seen" in done.stdout
