"""Test helpers: organisations built from inline files, and the CLI runner."""

import shutil
from pathlib import Path

from typer.testing import CliRunner

from mktorg.cli.app import app

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).parent.parent


def make_org(tmp_path: Path, files: dict[str, str | bytes | None], base: str | None = "minimal") -> Path:
    """Copy a fixture organisation and overlay `files` (None deletes a file)."""
    org = tmp_path / "org"
    if base:
        shutil.copytree(
            FIXTURES / base, org, ignore=shutil.ignore_patterns(".mktorg_cache")
        )  # a cache another test left
    else:
        org.mkdir(parents=True)
    for rel, content in files.items():
        path = org / rel
        if content is None:
            path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return org


def run_cli(*args: str, expect: int = 0) -> tuple[str, str]:
    """Run mktorg in-process; fail unless it exits with `expect`. Returns (stdout, stderr)."""
    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == expect, (result.exit_code, result.stdout, result.stderr)
    return result.stdout, result.stderr
