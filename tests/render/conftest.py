"""Documents print a date: pin it (as reproducible builds do) so golden files do not follow the git log."""

import pytest


@pytest.fixture(autouse=True)
def _fixed_source_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
