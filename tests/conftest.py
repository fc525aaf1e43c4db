"""Shared fixtures and the --update-golden option."""

import os
import tempfile
from pathlib import Path

import pytest

os.environ["NO_COLOR"] = "1"
os.environ["COLUMNS"] = "120"
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="mktorg-tests-")  # the cache key, not in $HOME


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files")


@pytest.fixture
def golden(request: pytest.FixtureRequest):
    """Compare text with tests/golden/<name>, or rewrite it with --update-golden."""
    update = request.config.getoption("--update-golden")

    def check(name: str, actual: str) -> None:
        path = Path(__file__).parent / "golden" / name
        if update or not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8")
            if not update:
                pytest.fail(f"golden file {name} was missing and has been written; run again")
        expected = path.read_text(encoding="utf-8")
        assert actual == expected, f"{name} differs from the golden file (make golden to accept)"

    return check


from hypothesis import settings as _hypothesis_settings  # noqa: E402

_hypothesis_settings.register_profile("default", max_examples=40)
_hypothesis_settings.register_profile("fuzz", max_examples=3000)
_hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
