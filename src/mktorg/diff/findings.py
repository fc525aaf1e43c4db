"""Lint findings introduced and resolved between two versions.

A finding is the same in both versions when its code, file and message are (lines move when a
file is edited, so they do not count). Files and ids of renamed roles, departments and processes
are followed, so that a rename alone neither resolves nor introduces anything.
"""

from collections import Counter
from collections.abc import Callable, Iterable

from mktorg.diagnostics import Diagnostic
from mktorg.load.loader import LoadResult


def findings_changes(
    old: list[Diagnostic],
    new: list[Diagnostic],
    old_loaded: LoadResult,
    new_loaded: LoadResult,
    renames: Iterable[tuple[str, str, str]],
) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """(introduced, resolved); `renames` holds (kind, old id, new id) of every entity kept in both."""
    files: dict[str, str] = {}
    ids: dict[str, str] = {}
    for kind, old_id, new_id in renames:
        old_source = old_loaded.sources.get((kind, old_id))
        new_source = new_loaded.sources.get((kind, new_id))
        if old_source is not None and new_source is not None and old_source.path != new_source.path:
            files[old_source.path] = new_source.path
        if old_id != new_id:
            ids[f"'{old_id}'"] = f"'{new_id}'"

    def old_key(d: Diagnostic) -> tuple[str, str, str]:
        message = d.message
        for before, after in ids.items():
            message = message.replace(before, after)
        return d.code, files.get(d.file, d.file), message

    def new_key(d: Diagnostic) -> tuple[str, str, str]:
        return d.code, d.file, d.message

    old_count = Counter(old_key(d) for d in old)
    new_count = Counter(new_key(d) for d in new)
    introduced = _beyond(new, new_key, old_count)
    resolved = _beyond(old, old_key, new_count)
    return introduced, resolved


def _beyond(
    diagnostics: list[Diagnostic],
    key: Callable[[Diagnostic], tuple[str, str, str]],
    other: Counter[tuple[str, str, str]],
) -> list[Diagnostic]:
    """The diagnostics not matched by one in `other` (as many times as they occur there)."""
    left = Counter(other)
    out = []
    for d in diagnostics:
        k = key(d)
        if left[k] > 0:
            left[k] -= 1
        else:
            out.append(d)
    return out
