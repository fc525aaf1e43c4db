"""derive() gives the LoadResult that load_org gives for the second version, whatever the changes."""

import dataclasses
import shutil
from pathlib import Path

import pytest

from mktorg.diagnostics import Finding
from mktorg.load.loader import LoadResult, load_org
from mktorg.versions.derive import Blob, derive, discover_key
from tests.helpers import ROOT

CASES: dict[str, dict[str, str | None]] = {
    "edit": {"roles/sales/sales-rep.yaml": "title: 销售代表\ndepartment: sales\nreports_to: sales-manager\n"},
    "add-and-remove": {
        "roles/sales/telesales.yaml": "title: 电话销售\ndepartment: sales\nreports_to: sales-manager\n",
        "roles/market/pricing-specialist.yaml": None,
        "departments/channel.yaml": None,
    },
    "org-yaml": {"org.yaml": "name: 新名称\nlevels: [总经理, 总监, 经理]\nlint: {max_layers: 2}\n"},
    "org-yaml-removed": {"org.yaml": None},
    "broken-files": {
        "roles/sales/sales-rep.yaml": "title: [\n",
        "roles/sales/sales-admin.yaml": "title: 销售内勤\ndepartment: sales\nunknown_key: 1\n",
        "departments/sales.yaml": "- a list\n",
        "roles/sales/gbk.yaml": "title: 销售\n".encode("gb18030").decode("latin-1"),
    },
    "duplicate-id": {"roles/a/sales-rep.yaml": "title: 重复\ndepartment: sales\n"},
    "duplicate-partner-removed": {"roles/sales/sales-rep.yaml": None},
    "bad-stem-and-hidden": {
        "roles/bad name.yaml": "title: x\ndepartment: sales\n",
        "roles/.hidden.yaml": "title: x\ndepartment: sales\n",
        "roles/notes.txt": "not yaml",
    },
    "moved-file": {
        "roles/sales/sales-rep.yaml": None,
        "roles/field/sales-rep.yaml": (ROOT / "data/roles/sales/sales-rep.yaml").read_text(encoding="utf-8"),
    },
}


def _write(root: Path, changes: dict[str, str | None]) -> None:
    for rel, text in changes.items():
        path = root / rel
        if text is None:
            if path.exists():
                path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("latin-1") if rel.endswith("gbk.yaml") else text.encode("utf-8"))


def _where_read(finding: Finding) -> Finding:
    """The finding without the MK003 hint, whose conversion command names the path the file was read at
    (a changed file of a derived version is read from a scratch folder)."""
    return dataclasses.replace(finding, hint=None) if finding.code == "MK003" else finding


def assert_same(derived: LoadResult, loaded: LoadResult) -> None:
    assert derived.org.root_name == loaded.org.root_name
    assert derived.org.settings == loaded.org.settings
    for kind in ("department", "role", "process"):
        assert derived.org.table(kind) == loaded.org.table(kind), kind
        assert derived.org.broken[kind] == loaded.org.broken[kind], kind
    assert sorted(map(_where_read, derived.findings), key=repr) == sorted(map(_where_read, loaded.findings), key=repr)
    assert derived.files.keys() == loaded.files.keys()
    assert {k: s.path for k, s in derived.sources.items()} == {k: s.path for k, s in loaded.sources.items()}
    assert (derived.org_source and derived.org_source.path) == (loaded.org_source and loaded.org_source.path)
    for rel, source in loaded.files.items():
        assert derived.files[rel].text == source.text


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("direction", ["forward", "backward"])
def test_derive_equals_a_fresh_load(tmp_path: Path, case: str, direction: str) -> None:
    first, second = tmp_path / "a" / "org", tmp_path / "b" / "org"
    shutil.copytree(ROOT / "data", first)
    if case == "duplicate-partner-removed":
        _write(first, CASES["duplicate-id"])
    shutil.copytree(first, second)
    _write(second, CASES[case])
    if direction == "backward":
        first, second = second, first
    base = load_org(first)
    changes: dict[str, Blob | None] = {}
    names = {p.relative_to(root).as_posix() for root in (first, second) for p in root.rglob("*") if p.is_file()}
    for rel in sorted(names):
        a, b = first / rel, second / rel
        if not b.exists():
            changes[rel] = None
        elif not a.exists() or a.read_bytes() != b.read_bytes():
            changes[rel] = Blob(b.read_bytes())
    scratch = tmp_path / "scratch" / "org"
    scratch.mkdir(parents=True)
    assert_same(derive(base, first, changes, scratch), load_org(second))


def test_discover_key_orders_files_before_sub_folders() -> None:
    paths = [
        "roles/b/x.yaml",
        "roles/a.yaml",
        "departments/z.yaml",
        "roles/z.yaml",
        "roles/a/b.yaml",
        "processes/p.yaml",
    ]
    assert sorted(paths, key=discover_key) == [
        "departments/z.yaml",
        "roles/a.yaml",
        "roles/z.yaml",
        "roles/a/b.yaml",
        "roles/b/x.yaml",
        "processes/p.yaml",
    ]
