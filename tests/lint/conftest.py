"""Fixtures shared by the lint tests."""

from typing import Any

import pytest

import mktorg.lint.incremental


@pytest.fixture
def patches(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each run patched the kept run (True) or linted the whole organisation (False)."""
    seen: list[bool] = []
    original = mktorg.lint.incremental.patch

    def spy(*args: Any) -> Any:
        result = original(*args)
        seen.append(result is not None)
        return result

    monkeypatch.setattr(mktorg.lint.incremental, "patch", spy)
    return seen
