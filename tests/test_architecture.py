"""The layers: what each package of src/mktorg may import (every import, also inside functions)."""

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).parent.parent / "src" / "mktorg"

ALLOWED: dict[str, set[str]] = {
    "model": {"model", "errors"},
    "load": {"load", "model", "diagnostics", "errors", "perf", "segment", "writing"},
    "lint": {"lint", "load", "model", "diagnostics", "errors", "perf", "writing", "segment", "colour"},
    "render": {"render", "model", "errors", "writing", "segment", "sheets", "stats", "diff", "diagnostics", "perf"},
    "stats": {"stats", "model"},
    "versions": {"versions", "load", "model", "diagnostics", "errors", "perf"},
    "diff": {"diff", "versions", "load", "lint", "model", "stats", "diagnostics", "errors"},
    "init": {"init", "load", "model", "errors", "writing"},
    "sheets": {"sheets", "model", "diagnostics", "errors", "segment"},
    "edit": {"edit", "sheets", "load", "lint", "model", "diagnostics", "errors", "writing"},
    "diagnostics": set(),
    "errors": set(),
    "perf": set(),
    "segment": set(),
    "colour": set(),
    "writing": {"errors", "model"},
}
"""Each layer and the parts of mktorg it may use; cli/ and devtools/ may use everything. stats/ (the
numbers of a design) and diff/ (what changed between versions, read by versions/) are analyses a
renderer may draw; a renderer never imports lint/ itself. sheets/ (spreadsheet layout and reading)
is below render/ (the xlsx export writes its layout) and edit/ (import, mv and rename, which check
the result with lint before writing). load/'s cache keeps the segmenter's answers and writes with
the signals held as `writing` does."""


def _imports(path: Path) -> set[str]:
    """The first part below `mktorg.` of every module `path` imports."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = [node.module or ""] if isinstance(node, ast.ImportFrom) else []
        if isinstance(node, ast.ImportFrom) and node.module == "mktorg":  # from mktorg import segment
            names = [f"mktorg.{alias.name}" for alias in node.names if _is_module(alias.name)]
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] == "mktorg" and len(parts) > 1:
                found.add(parts[1])
    return found


def _is_module(name: str) -> bool:
    return (SRC / f"{name}.py").is_file() or (SRC / name).is_dir()


def _layer(path: Path) -> str:
    rel = path.relative_to(SRC)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


@pytest.mark.parametrize("path", sorted(SRC.rglob("*.py")), ids=lambda p: p.relative_to(SRC).as_posix())
def test_layers(path: Path) -> None:
    layer = _layer(path)
    if layer not in ALLOWED:
        assert layer in {"cli", "devtools", "__init__", "__main__"}, f"{layer}: a new layer needs a rule here"
        return
    outside = _imports(path) - ALLOWED[layer] - {layer}
    assert not outside, f"{path.relative_to(SRC)} ({layer}) imports {sorted(outside)}"


def test_the_rule_catches_a_violation(tmp_path: Path) -> None:
    bad = tmp_path / "x.py"
    bad.write_text("def f():\n    from mktorg.lint.engine import lint\n", encoding="utf-8")
    assert _imports(bad) == {"lint"}
    bad.write_text("from mktorg import __version__, lint\n", encoding="utf-8")
    assert _imports(bad) == {"lint"}
