"""The repository of steps.py, built once per test session."""

import pytest

from tests.diff.gitrepo import Repo
from tests.diff.steps import STEPS
from tests.helpers import ROOT


@pytest.fixture(scope="session")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Repo:
    """The bundled organisation with one commit per kind of change, tagged with the step names."""
    built = Repo(tmp_path_factory.mktemp("git") / "repo", ROOT / "data")
    for name, edits in STEPS:
        built.edit(edits)
        built.commit(name)
    return built
