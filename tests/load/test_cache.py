"""The cache beside an organisation: identical results with and without it, and never an error."""

import os
import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mktorg.load.cache
from mktorg.lint.engine import Selection, lint
from mktorg.load.cache import FOLDER, FileCache
from mktorg.load.loader import LoadResult, load_org
from tests.hardening.test_properties import DEPARTMENT, ROLE, STEP
from tests.helpers import ROOT, make_org, run_cli


def _outcome(loaded: LoadResult, selection: Selection | None = None) -> tuple[list, list]:
    """Everything a run reports: diagnostics with their fixes, and what loaded."""
    result = lint(loaded, selection)
    org = loaded.org
    entities = [sorted(org.departments.items()), sorted(org.roles.items()), sorted(org.processes.items())]
    return [(d, d.fix) for d in result.diagnostics], entities


def _same_with_and_without_cache(org: Path, selection: Selection | None = None) -> LoadResult:
    cached = load_org(org, cache=True)
    assert _outcome(cached, selection) == _outcome(load_org(org), selection)
    return cached


def test_a_warm_run_reads_the_cache_and_reports_the_same(tmp_path: Path) -> None:
    org = tmp_path / "org"
    shutil.copytree(ROOT / "data", org, ignore=shutil.ignore_patterns(FOLDER))
    (org / "roles" / "sales" / "zz-broken.yaml").write_text("title: 专员\ndepartment: [\n", encoding="utf-8")
    (org / "roles" / "sales" / "zz-typo.yaml").write_text(
        "title: 市场专员\ndepartment: sales\nreports_to: sales-manager\nheadcount: 两人\nduties: [平 面设计]\n",
        encoding="utf-8",
    )
    first = _same_with_and_without_cache(org)
    assert len(first.fresh) == len(first.files), "a cold run parses every file"
    assert (org / FOLDER / ".gitignore").read_text(encoding="utf-8").endswith("*\n")
    second = _same_with_and_without_cache(org)
    assert second.fresh == set(), "a warm run parses nothing"
    (org / "roles" / "sales" / "zz-typo.yaml").write_text("title: 专员\ndepartment: sales\n", encoding="utf-8")
    third = _same_with_and_without_cache(org)
    assert third.fresh == {"roles/sales/zz-typo.yaml"}


def test_the_cli_reports_the_same_text_and_json_with_and_without_the_cache(tmp_path: Path) -> None:
    extra = "title: 专员\ndepartment: dept\nreports_to: boss\nheadcount: 两人\nduties: [1、调研]\n"
    org = make_org(tmp_path, {"roles/extra.yaml": extra})
    outputs = [run_cli("lint", str(org), *args, expect=1) for args in ([], [], ["--no-cache"])]
    assert outputs[0] == outputs[1] == outputs[2]
    jsons = [run_cli("lint", str(org), "-f", "json", *args, expect=1)[0] for args in ([], ["--no-cache"])]
    assert jsons[0] == jsons[1]


def test_no_cache_writes_nothing_and_clean_removes_the_cache(tmp_path: Path) -> None:
    org = make_org(tmp_path, {})
    run_cli("lint", str(org), "--no-cache")
    assert not (org / FOLDER).exists()
    run_cli("lint", str(org))
    assert (org / FOLDER).is_dir()
    _, err = run_cli("clean", str(org))
    assert not (org / FOLDER).exists() and "removed" in err
    _, err = run_cli("clean", str(org))
    assert "no cache" in err


def test_a_cache_made_with_another_key_is_never_unpickled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cache that came with a copied folder (another user's key) is ignored, then rewritten."""
    org = make_org(tmp_path, {})
    lint(load_org(org, cache=True))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "someone-else"))
    mktorg.load.cache._user_key.cache_clear()
    try:
        loaded = load_org(org, cache=True)
        assert loaded.fresh == set(loaded.files), "nothing was taken from the foreign cache"
        lint(loaded)
        assert load_org(org, cache=True).fresh == set(), "rewritten with this user's key"
    finally:
        mktorg.load.cache._user_key.cache_clear()


def test_a_damaged_or_unwritable_cache_is_no_cache(tmp_path: Path) -> None:
    org = make_org(tmp_path, {})
    lint(load_org(org, cache=True))
    for shard in (org / FOLDER).glob("files-*.bin"):
        shard.write_bytes(shard.read_bytes()[:-7] + b"garbage")
    loaded = _same_with_and_without_cache(org)
    assert loaded.fresh == set(loaded.files)
    shutil.rmtree(org / FOLDER)
    (org / FOLDER).write_text("not a folder", encoding="utf-8")
    _same_with_and_without_cache(org)
    run_cli("lint", str(org))


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True, reason="root writes anywhere")
def test_a_read_only_organisation_is_linted_without_a_cache(tmp_path: Path) -> None:
    org = make_org(tmp_path, {})
    org.chmod(0o555)
    try:
        run_cli("lint", str(org))
        assert not (org / FOLDER).exists()
    finally:
        org.chmod(0o755)


def test_another_mktorg_starts_afresh_and_removed_files_leave_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    org = make_org(tmp_path, {"roles/extra.yaml": "title: 专员\ndepartment: dept\nreports_to: boss\n"})
    lint(load_org(org, cache=True))
    (org / "roles" / "extra.yaml").unlink()
    lint(load_org(org, cache=True))
    kept = FileCache(org)
    assert all("roles/extra.yaml" not in shard for shard in kept.files + kept.rules)
    assert sum(len(shard) for shard in kept.files) == len(list(org.glob("*/*.yaml"))) + 1  # and org.yaml
    monkeypatch.setattr(mktorg.load.cache, "fingerprint", lambda: b"another version of mktorg")
    assert sum(len(shard) for shard in FileCache(org).files + FileCache(org).rules) == 0


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(
    st.lists(
        st.one_of(
            st.tuples(st.just("departments"), st.sampled_from("abcde"), st.one_of(st.none(), DEPARTMENT)),
            st.tuples(st.just("roles"), st.sampled_from("abcde"), st.one_of(st.none(), ROLE)),
            st.tuples(st.just("processes"), st.just("p"), st.one_of(st.none(), st.lists(STEP, max_size=3))),
            st.tuples(st.just("org"), st.just("org"), st.sampled_from(["[zh]", "[zh, en]", "[en]"])),
        ),
        min_size=1,
        max_size=8,
    ),
    st.sampled_from([None, ("MK5",), ("MK3", "MK105")]),
)
def test_identical_results_with_and_without_the_cache_through_any_edits(edits: list, select: tuple | None) -> None:
    """Files added, changed and removed, org.yaml settings changed, rules selected: every run
    with the cache reports what a run without it reports."""
    selection = Selection(select) if select else None
    with tempfile.TemporaryDirectory() as scratch:
        org = Path(scratch) / "org"
        shutil.copytree(ROOT / "tests" / "fixtures" / "minimal", org)
        for folder, id_, content in edits:
            if folder == "org":
                (org / "org.yaml").write_text(f"name: 测试\nlocales: {content}\n", encoding="utf-8")
            else:
                path = org / folder / f"{id_}.yaml"
                if content is None:
                    path.unlink(missing_ok=True)
                    continue
                if folder == "processes":
                    content = {"name": "流程", "steps": content}
                path.parent.mkdir(exist_ok=True)
                path.write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")
            _same_with_and_without_cache(org, selection)
