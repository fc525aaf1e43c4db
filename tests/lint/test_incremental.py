"""A run that patches the last one (lint/incremental.py): what it relies on, and that it reports
exactly what a run without the cache reports."""

import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel
from typer.testing import CliRunner

import mktorg.lint.incremental
import mktorg.lint.slim
import mktorg.perf
from mktorg.cli.app import app
from mktorg.lint.cross_view import BY_DEPARTMENT, READS, view
from mktorg.lint.engine import run_checks
from mktorg.lint.per_file import subset
from mktorg.lint.rules import RULES, Context
from mktorg.lint.slim import SLIMMING, slim
from mktorg.load.loader import load_org
from mktorg.model.base import StrictModel
from tests.hardening.organisations import ORG, RELAXED, ROLE, write_org
from tests.helpers import FIXTURES, ROOT, make_org
from tests.lint.rules.test_rule_cases import CASES

CROSS_FILE = sorted(code for code, rule in RULES.items() if rule.check is not None and not rule.per_file)
ORGS = [ROOT / "data", *sorted(p for p in (ROOT / "examples").iterdir() if p.is_dir())]
ORGS += [FIXTURES / "minimal", *sorted(p for p in (FIXTURES / "seeds").iterdir() if p.is_dir())]


# --- the contract: cross-file rules read only what cross_file_view keeps --------------------------


def _models_in(value: Any, out: set[int]) -> None:
    if isinstance(value, BaseModel):
        out.add(id(value))
        for name in type(value).model_fields:
            _models_in(getattr(value, name), out)
    elif isinstance(value, list | tuple):
        for item in value:
            _models_in(item, out)


def _fields_read(org_dir: Path, monkeypatch: pytest.MonkeyPatch) -> set[tuple[str, str, str]]:
    """(rule, model, field) of every entity field a cross-file rule reads, each rule on a fresh
    load (nothing derived from the entities kept from an earlier rule)."""
    read: set[tuple[str, str, str]] = set()
    watched: set[int] = set()
    plain = object.__getattribute__
    reading = [""]

    def traced(self: Any, name: str) -> Any:
        if plain(self, "__class__").__pydantic_fields__.get(name) is not None and id(self) in watched:
            read.add((reading[0], type(self).__name__, name))
        return plain(self, name)

    for code in CROSS_FILE:
        loaded = load_org(org_dir)
        watched.clear()
        for kind in ("department", "role", "process"):
            _models_in(list(loaded.org.table(kind).values()), watched)
        reading[0] = code
        with monkeypatch.context() as patched:
            patched.setattr(StrictModel, "__getattribute__", traced, raising=False)
            check = RULES[code].check
            assert check is not None
            check(loaded.org, Context(loaded, code))
    return read


def _unlisted(read: set[tuple[str, str, str]]) -> list[str]:
    return sorted(f"{code}: {model}.{name}" for code, model, name in read if f"{model}.{name}" not in READS[code])


def test_every_cross_file_rule_says_what_it_reads() -> None:
    assert sorted(READS) == CROSS_FILE
    assert set(CROSS_FILE) >= BY_DEPARTMENT


def test_the_tracer_sees_what_a_rule_reads(monkeypatch: pytest.MonkeyPatch) -> None:
    read = _fields_read(ROOT / "data", monkeypatch)
    assert {("MK201", "Role", "reports_to"), ("MK302", "Role", "department"), ("MK302", "Duty", "text")} <= read
    assert not {field for _, model, field in read if model == "Role"} & {"kpis", "qualifications", "summary"}


@pytest.mark.parametrize("org", ORGS, ids=lambda p: p.name)
def test_cross_file_rules_read_only_the_view_on_every_example(org: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _unlisted(_fields_read(org, monkeypatch)) == []


def test_cross_file_rules_read_only_the_view_in_every_rule_case(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    read: set[tuple[str, str, str]] = set()
    for index, case in enumerate(CASES):
        read |= _fields_read(make_org(tmp_path / str(index), case["files"]), monkeypatch)
    assert _unlisted(read) == []


@RELAXED
@given(ORG)
def test_cross_file_rules_read_only_the_view_on_random_organisations(org: tuple) -> None:
    departments, roles = org
    with tempfile.TemporaryDirectory() as scratch, pytest.MonkeyPatch.context() as monkeypatch:
        root = write_org(Path(scratch) / "org", departments, roles)
        assert _unlisted(_fields_read(root, monkeypatch)) == []


def test_the_view_leaves_out_what_a_rule_does_not_read(tmp_path: Path) -> None:
    role = "title: 专员\ndepartment: dept\nreports_to: boss\nduties: [负责市场调研]\n"
    org = make_org(tmp_path, {"roles/a.yaml": role})

    def views() -> dict[str, Any]:
        entity = load_org(org).org.roles["a"]
        return {code: view(code, entity) for code in CROSS_FILE}

    before = views()
    (org / "roles" / "a.yaml").write_text(role + "kpis: [{name: 调研报告及时率}]\nsummary: 调研\n", "utf-8")
    assert views() == before
    (org / "roles" / "a.yaml").write_text(role.replace("[负责市场调研]", "[{text: 负责市场调研}]"), "utf-8")
    assert views() == before, "a duty written as a string or as a mapping"
    (org / "roles" / "a.yaml").write_text(role.replace("市场调研", "品牌宣传"), "utf-8")
    assert [code for code in CROSS_FILE if views()[code] != before[code]] == ["MK302", "MK511"]
    (org / "roles" / "a.yaml").write_text(role.replace("boss", "staff"), "utf-8")
    assert {"MK201", "MK208", "MK210"} <= {code for code in CROSS_FILE if views()[code] != before[code]}


@pytest.mark.parametrize("org", ORGS, ids=lambda p: p.name)
def test_department_rules_find_in_each_department_alone_what_they_find_in_all(org: Path) -> None:
    loaded = load_org(org)
    by_department: dict[str, set[str]] = {}
    for (kind, id_), source in loaded.sources.items():
        if kind == "role":
            by_department.setdefault(loaded.org.roles[id_].department, set()).add(source.path)
    for code in sorted(BY_DEPARTMENT):
        whole = run_checks(loaded, [code], None)
        alone = [f for paths in by_department.values() for f in run_checks(subset(loaded, paths), [code], None)]
        assert sorted(map(_key, alone)) == sorted(map(_key, whole)), code


def _slim_findings(org_dir: Path) -> tuple[list[tuple], list[tuple]]:
    """What the cross-file rules run on the whole organisation find with whole entities, and with
    slim ones (`cross_view.slim`), each rule on a fresh load."""
    whole: list[tuple] = []
    slimmed: list[tuple] = []
    for code in sorted(set(CROSS_FILE) - BY_DEPARTMENT):
        whole += [(code, *_key(f)) for f in run_checks(load_org(org_dir), [code], None)]
        loaded = load_org(org_dir)
        for kind in ("department", "role", "process"):
            table = loaded.org.table(kind)
            table.update({id_: slim(entity) for id_, entity in table.items()})
        slimmed += [(code, *_key(f)) for f in run_checks(loaded, [code], None)]
    return whole, slimmed


@pytest.mark.parametrize("org", ORGS, ids=lambda p: p.name)
def test_slim_entities_give_the_whole_organisation_rules_what_whole_ones_give(org: Path) -> None:
    whole, slimmed = _slim_findings(org)
    assert slimmed == whole


def test_slim_entities_give_what_whole_ones_give_in_every_rule_case(tmp_path: Path) -> None:
    for index, case in enumerate(CASES):
        whole, slimmed = _slim_findings(make_org(tmp_path / str(index), case["files"]))
        assert slimmed == whole, case.get("id", index)


@RELAXED
@given(ORG)
def test_slim_entities_give_what_whole_ones_give_on_random_organisations(org: tuple) -> None:
    departments, roles = org
    with tempfile.TemporaryDirectory() as scratch:
        whole, slimmed = _slim_findings(write_org(Path(scratch) / "org", departments, roles))
        assert slimmed == whole


def test_slim_entities_are_plain_data_of_every_model_the_rules_read(tmp_path: Path) -> None:
    import marshal

    assert {field.split(".")[0] for field in mktorg.lint.slim.SLIM} <= set(mktorg.lint.slim._MODELS)
    for org in ORGS:
        loaded = load_org(org)
        for kind in ("department", "role", "process"):
            for entity in loaded.org.table(kind).values():
                plain = SLIMMING.to_plain(entity)
                assert plain is not None and marshal.loads(marshal.dumps(plain)) == plain
                assert SLIMMING.to_plain(SLIMMING.from_plain(plain)) == plain
        assert SLIMMING.to_plain(loaded.org.settings) is None, "org.yaml's settings are kept whole"


def test_a_slim_entity_holds_only_what_the_rules_read(tmp_path: Path) -> None:
    duties = "duties: [负责市场调研, {text: 协助调研, type: supporting}]\n"
    role = "title: 专员\ndepartment: dept\nreports_to: boss\n" + duties
    org = make_org(tmp_path, {"roles/a.yaml": role + "kpis: [{name: 调研报告及时率}]\nsummary: 调研\n"})
    entity = slim(load_org(org).org.roles["a"])
    assert (entity.title, entity.reports_to, entity.duties[0]) == ("专员", "boss", "")
    assert entity.duties[1].type == "supporting"
    for model, name in ((entity, "kpis"), (entity, "summary"), (entity, "vacant"), (entity.duties[1], "text")):
        with pytest.raises(AttributeError):
            getattr(model, name)


def _key(finding: Any) -> tuple:
    return (finding.file, finding.line, finding.column, finding.message, finding.hint or "", repr(finding.fix))


# --- behaviour: the same report as a run without the cache ----------------------------------------


def _lint(org: Path, *more: str) -> str:
    result = CliRunner().invoke(app, ["lint", str(org), "-f", "json", *more], catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    return result.stdout


def _example(tmp_path: Path) -> Path:
    org = tmp_path / "org"
    shutil.copytree(ROOT / "data", org)
    return org


def test_a_kpi_reworded_patches_the_last_run(tmp_path: Path, patches: list[bool]) -> None:
    org = _example(tmp_path)
    _lint(org)
    role = next((org / "roles").rglob("*.yaml"))
    text = role.read_text(encoding="utf-8")
    role.write_text(text + "# 待定\nenvironment: 办公室\n", encoding="utf-8")
    assert _lint(org) == _lint(org, "--no-cache")
    assert patches == [True]
    role.write_text(text + "summary: 市场部的  工作\n", encoding="utf-8")  # a per-file finding (MK503)
    patched = _lint(org)
    assert patched == _lint(org, "--no-cache") and "MK503" in patched
    assert patches == [True, True]


def _reports_to(text: str, boss: str) -> str:
    return re.sub(r"^reports_to: .*$", f"reports_to: {boss}", text, count=1, flags=re.MULTILINE)


@pytest.mark.parametrize(
    ("edit", "patched"),
    [
        (lambda text: _reports_to(text, "nobody"), True),  # MK102 and every rule reading reporting lines again
        (lambda text: _reports_to(text, "market-manager") + "headcount: 3\n", True),
        (lambda text: re.sub(r"^title: .*$", "title: 新岗位", text, count=1, flags=re.MULTILINE), True),  # MK403
        (lambda text: "title: [\n", False),  # a file that does not load
        (lambda text: text + "x_reports_to: boss\n", False),
    ],
    ids=["unknown-boss", "other-boss", "title", "broken", "unknown-key"],
)
def test_an_edit_that_cross_file_rules_read(tmp_path: Path, patches: list[bool], edit: Any, patched: bool) -> None:
    org = _example(tmp_path)
    _lint(org)
    role = next(p for p in sorted((org / "roles").rglob("*.yaml")) if "reports_to:" in p.read_text("utf-8"))
    role.write_text(edit(role.read_text(encoding="utf-8")), encoding="utf-8")
    assert _lint(org) == _lint(org, "--no-cache")
    assert patches == [patched]


def _whole_entries_given(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """Per whole organisation restored for a patched run: the files whose whole entries the cache
    gave because it held no slim ones."""
    given: list[list[str]] = []
    original = mktorg.lint.incremental.load_files

    def spy(*args: Any) -> Any:
        loaded = original(*args)
        if len(args) == 6 and args[5] is not None:  # slim entities were asked for
            given.append(sorted(args[2].unslim))
        return loaded

    monkeypatch.setattr(mktorg.lint.incremental, "load_files", spy)
    return given


@pytest.mark.parametrize("helper", [True, False])
def test_a_reporting_line_changed_twice_reads_slim_entities_kept_the_first_time(
    tmp_path: Path, patches: list[bool], monkeypatch: pytest.MonkeyPatch, helper: bool
) -> None:
    """The first time, the cache lacks them: a helper makes them while the rules run (with one
    process they are not made, and whole entities are read again)."""
    org = _example(tmp_path)
    _lint(org)  # no helper at this size: the cold run makes none
    monkeypatch.setattr(mktorg.perf, "can_fork", lambda: helper)
    monkeypatch.setattr(mktorg.lint.incremental, "RULES_ON_HELPER_FROM", 2)
    given = _whole_entries_given(monkeypatch)
    role = next(p for p in sorted((org / "roles").rglob("*.yaml")) if "reports_to:" in p.read_text("utf-8"))
    text = role.read_text("utf-8")
    for boss in ("nobody", "market-manager"):
        role.write_text(_reports_to(text, boss), encoding="utf-8")
        assert _lint(org) == _lint(org, "--no-cache")
    assert patches == [True, True]
    files = sorted(str(p.relative_to(org)) for p in org.rglob("*.yaml") if p.parent != org)
    edited = str(role.relative_to(org))
    assert given == ([files, [edited]] if helper else [files, files])
    assert bool(list((org / ".mktorg_cache").glob("slim-*.bin"))) == helper


def test_a_rule_reading_what_slim_entities_leave_out_runs_on_whole_ones(
    tmp_path: Path, patches: list[bool], monkeypatch: pytest.MonkeyPatch
) -> None:
    org = _example(tmp_path)
    _lint(org)
    monkeypatch.setattr(mktorg.lint.slim, "SLIM", mktorg.lint.slim.SLIM - {"Role.reports_to"})
    monkeypatch.setattr(mktorg.lint.slim, "_FIELDS", {})
    monkeypatch.setattr(mktorg.lint.slim, "_DECODERS", {})
    monkeypatch.setattr(mktorg.perf, "can_fork", lambda: True)
    monkeypatch.setattr(mktorg.lint.incremental, "RULES_ON_HELPER_FROM", 2)
    runs: list[bool] = []
    original = mktorg.lint.incremental._run_whole

    def spy(*args: Any) -> Any:
        runs.append(args[-1] is not None)
        return original(*args)

    monkeypatch.setattr(mktorg.lint.incremental, "_run_whole", spy)
    role = next(p for p in sorted((org / "roles").rglob("*.yaml")) if "reports_to:" in p.read_text("utf-8"))
    text = role.read_text("utf-8")
    for boss in ("nobody", "market-manager"):  # the first run makes the slim entities, the second reads them
        role.write_text(_reports_to(text, boss), encoding="utf-8")
        assert _lint(org) == _lint(org, "--no-cache")
    assert patches == [True, True]
    assert runs == [True, True, False], "slim entities, then whole ones when a rule reads more"


MASKED_KEYS = ("kpis", "summary", "environment", "vacant", "grade", "qualifications")
MASKED = st.fixed_dictionaries(
    {},
    optional={
        "kpis": st.lists(
            st.fixed_dictionaries({"name": st.sampled_from(["完成率", "满意度 ", "回款率（%"])}), max_size=2
        ),
        "summary": st.sampled_from(["负责市场调研", "市场  调研", "待定", "1.调研"]),
        "environment": st.sampled_from(["办公室", "出差较多\u200b"]),
        "vacant": st.booleans(),
        "grade": st.sampled_from(["g1", "nope"]),
        "qualifications": st.fixed_dictionaries({}, optional={"education": st.sampled_from(["本科", "大专以上学历"])}),
    },
)


@RELAXED
@given(
    ORG,
    st.lists(
        st.tuples(
            st.sampled_from("abcde"),
            st.one_of(MASKED.map(lambda m: ("masked", m)), ROLE.map(lambda r: ("role", r)), st.just(("comment", None))),
        ),
        min_size=1,
        max_size=5,
    ),
)
def test_patched_runs_report_what_runs_without_the_cache_report(org: tuple, edits: list) -> None:
    departments, roles = org
    with tempfile.TemporaryDirectory() as scratch:
        root = write_org(Path(scratch) / "org", departments, roles)
        _lint(root)
        for id_, (how, content) in edits:
            path = root / "roles" / f"{id_}.yaml"
            if how == "role":
                path.write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")
            elif how == "comment":
                path.write_text((path.read_text("utf-8") if path.exists() else "") + "# 改\n", encoding="utf-8")
            elif path.exists():
                kept = yaml.safe_load(path.read_text("utf-8"))
                if isinstance(kept, dict):
                    kept = {k: v for k, v in kept.items() if k not in MASKED_KEYS} | content
                    path.write_text(yaml.safe_dump(kept, allow_unicode=True), encoding="utf-8")
            assert _lint(root) == _lint(root, "--no-cache")


def test_a_cross_file_finding_in_the_edited_file_is_found_where_it_moved(tmp_path: Path, patches: list[bool]) -> None:
    boss = "title: 经理\ndepartment: dept\n"
    one = "title: 专员\ndepartment: dept\nreports_to: lead\n"
    org = make_org(tmp_path, {"roles/lead.yaml": boss + "reports_to: boss\n", "roles/one.yaml": one})
    first = _lint(org)
    assert '"MK209"' in first and "roles/lead.yaml" in first  # lead manages one role only
    lead = org / "roles" / "lead.yaml"
    lead.write_text("# 市场部经理\n# 直接上级: boss\n" + lead.read_text("utf-8") + "kpis: [{name: 完成率}]\n", "utf-8")
    again = _lint(org)
    assert again == _lint(org, "--no-cache") and again != first
    assert patches == [True]


def test_a_duty_reworded_runs_the_department_rules_on_its_department(tmp_path: Path, patches: list[bool]) -> None:
    role = "title: 专员{}\ndepartment: dept\nreports_to: boss\nduties: [{}]\n"
    files = {"roles/a.yaml": role.format("一", "负责市场调研"), "roles/b.yaml": role.format("二", "负责品牌宣传")}
    files["roles/c.yaml"] = "title: 专员\ndepartment: other\nreports_to: boss\nduties: [负责市场调研]\n"
    org = make_org(tmp_path, {**files, "departments/other.yaml": "name: 其他部\n"})
    _lint(org)
    b = org / "roles" / "b.yaml"
    for duty in ("负责市场调研工作", "负责市场调研", "负责品牌宣传"):  # MK511, then MK302, then neither
        b.write_text(role.format("二", duty), encoding="utf-8")
        assert _lint(org) == _lint(org, "--no-cache")
    assert patches == [True, True, True]


def test_a_patched_run_takes_the_segmenter_answers_from_the_cache(tmp_path: Path) -> None:
    """MK510 asks the dictionary about the end of a duty: the answer is kept, so a run that checks
    only an edited file with the same words never loads the dictionary (~0.15 s)."""
    import subprocess
    import sys

    role = "title: 专员\ndepartment: dept\nreports_to: boss\nduties: [负责应收账款回收, 负责客户{}]\n"
    org = make_org(tmp_path, {"roles/a.yaml": role.format("回访")})
    command = [sys.executable, "-X", "importtime", "-m", "mktorg", "lint", str(org)]
    first = subprocess.run(command, capture_output=True, text=True, check=False)
    assert "rjieba" in first.stderr, "the first run segments"
    (org / "roles" / "a.yaml").write_text(role.format("拜访"), encoding="utf-8")
    again = subprocess.run(command, capture_output=True, text=True, check=False)
    assert "rjieba" not in again.stderr
    assert (
        again.stdout
        == subprocess.run([*command[:1], *command[3:], "--no-cache"], capture_output=True, text=True).stdout
    )


def test_a_file_added_or_removed_is_linted_whole_without_reading_the_unchanged_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import mktorg.lint.replay
    import mktorg.load.prefetch

    monkeypatch.setattr(mktorg.lint.replay, "RACY_SECONDS", 0.0)  # trust the stat of files written before the run
    org = _example(tmp_path)
    _lint(org)
    read: list[str] = []
    original = mktorg.load.prefetch.read_file

    def counting(root: Path, rel: str, stats: Any = None) -> Any:
        read.append(rel)
        return original(root, rel, stats)

    monkeypatch.setattr(mktorg.load.prefetch, "read_file", counting)
    added = org / "roles" / "market" / "new-role.yaml"
    added.write_text("title: 新岗位\ndepartment: market\nreports_to: market-manager\n", encoding="utf-8")
    cached = _lint(org)
    assert "roles/market/new-role.yaml" in read and len(set(read)) < 5, read
    assert cached == _lint(org, "--no-cache")
    added.unlink()
    read.clear()
    assert _lint(org) == _lint(org, "--no-cache")


def test_a_file_that_changes_after_its_stat_was_compared_is_never_kept(tmp_path: Path) -> None:
    """A file restored from the cache unread reads its text on first use: if that text is not what
    was cached, the run is not kept (its positions may be off), and the next run sees the change."""
    from mktorg.lint.engine import lint
    from mktorg.lint.replay import RECORD, keep
    from mktorg.load.cache import FOLDER, FileCache, digest

    org = make_org(tmp_path, {"roles/a.yaml": "title: 专员\ndepartment: dept\nreports_to: nobody\n"})
    loaded = load_org(org, cache=True)
    lint(loaded)
    path = org / "roles" / "a.yaml"
    known = {"roles/a.yaml": digest(path.read_bytes())}
    loaded = load_org(org, cache=True, known=known)
    path.write_text("title: 专员\ndepartment: dept\nreports_to: boss\n", encoding="utf-8")
    result = lint(loaded)
    assert loaded.files["roles/a.yaml"].text.endswith("boss\n") and loaded.files["roles/a.yaml"].drifted
    (org / FOLDER / RECORD).unlink(missing_ok=True)
    keep(org, ("--select", "--ignore"), result, loaded)
    assert not (org / FOLDER / RECORD).exists()
    assert FileCache(org).get("roles/a.yaml", known["roles/a.yaml"]) is not None
