"""Property-based tests: whatever the input, a report and never an exception."""

import contextlib
import random
import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import given
from hypothesis import strategies as st

from mktorg.errors import MktorgError
from mktorg.lint.engine import lint
from mktorg.load.loader import load_org
from mktorg.load.parse import YamlProblem, parse
from mktorg.render.chart.dot import ChartOptions, build_dot
from mktorg.render.content import selected_roles
from mktorg.render.html import render_html
from mktorg.render.layout import book_document, job_description_document
from mktorg.render.markdown import render_markdown
from tests.hardening.organisations import DEPARTMENT, IDS, RELAXED, ROLE, STEP, write_org
from tests.helpers import ROOT

DATA_FILES = sorted(p.relative_to(ROOT / "data").as_posix() for p in (ROOT / "data").rglob("*.yaml"))
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=30))
DOCS = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=5),
    max_leaves=20,
)


def exercise(org_dir: Path) -> None:
    """Every reader of an organisation: lint, both charts, every document of what loaded."""
    loaded = load_org(org_dir)
    lint(loaded)
    org = loaded.org
    build_dot(org, ChartOptions())
    build_dot(org, ChartOptions(view="departments"))
    for role_id in org.roles:
        document = job_description_document(org, role_id)
        render_markdown(document)
        render_html(document)
    book = book_document(org, selected_roles(org, [], []), None, [])
    render_markdown(book)
    render_html(book)


@RELAXED
@given(st.text(max_size=300))
def test_parser_never_raises_anything_but_a_problem(text: str) -> None:
    with contextlib.suppress(YamlProblem):
        parse(text)


@RELAXED
@given(DOCS, st.sampled_from(["roles/x.yaml", "departments/x.yaml", "processes/x.yaml", "org.yaml"]))
def test_random_documents(document: object, rel: str) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        org = Path(scratch) / "org"
        shutil.copytree(ROOT / "tests" / "fixtures" / "minimal", org)
        (org / rel).parent.mkdir(parents=True, exist_ok=True)
        (org / rel).write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
        exercise(org)


MUTATIONS = ["delete-key", "wrong-type", "swap-ids", "truncate", "random-bytes", "random-text"]


@RELAXED
@given(
    st.sampled_from(DATA_FILES),
    st.sampled_from(MUTATIONS),
    st.randoms(use_true_random=False),
    st.binary(max_size=40),
    SCALARS,
    st.text(max_size=40),
)
def test_mutated_bundled_organisation(
    rel: str, mutation: str, rng: random.Random, noise: bytes, scalar: object, text: str
) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        org = Path(scratch) / "org"
        shutil.copytree(ROOT / "data", org)
        path = org / rel
        raw = path.read_bytes()
        data = yaml.safe_load(raw)
        if mutation == "delete-key" and data:
            data.pop(rng.choice(sorted(data)))
            raw = yaml.safe_dump(data, allow_unicode=True).encode()
        elif mutation == "wrong-type" and data:
            data[rng.choice(sorted(data))] = scalar
            raw = yaml.safe_dump(data, allow_unicode=True).encode()
        elif mutation == "swap-ids":
            others = [p for p in DATA_FILES if p.startswith("roles/")]
            target = rng.choice(others).rsplit("/", 1)[-1][:-5]
            raw = raw.replace(b"reports_to: ", b"reports_to: " + target.encode() + b"\n#", 1)
        elif mutation == "truncate":
            raw = raw[: rng.randrange(len(raw) + 1)]
        elif mutation == "random-bytes":
            at = rng.randrange(len(raw) + 1)
            raw = raw[:at] + noise + raw[at:]
        elif mutation == "random-text":
            quoted = yaml.safe_dump(text, allow_unicode=True).strip().split("\n")[0].encode()
            raw = raw.replace(b"title: ", b"title: " + quoted + b" #", 1)
        path.write_bytes(raw)
        exercise(org)


@RELAXED
@given(st.text(min_size=1, max_size=60), st.text(max_size=60))
def test_random_unicode_in_text_fields(title: str, duty: str) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        org = Path(scratch) / "org"
        shutil.copytree(ROOT / "tests" / "fixtures" / "minimal", org)
        document = {
            "title": title,
            "department": "dept",
            "reports_to": "boss",
            "duties": [duty, {"text": title}],
            "kpis": [{"name": duty or "k", "weight": 100, "target": title}],
        }
        (org / "roles" / "staff.yaml").write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
        exercise(org)
        from mktorg.render.style import Style
        from mktorg.render.word import WordWriter

        loaded = load_org(org).org
        if "staff" in loaded.roles:
            writer = WordWriter(style=Style())
            writer.draw(job_description_document(loaded, "staff"))
            writer.to_bytes()


@RELAXED
@given(st.dictionaries(IDS, DEPARTMENT, max_size=5), st.dictionaries(IDS, ROLE, max_size=5), st.lists(STEP, max_size=3))
def test_random_small_organisations(departments: dict, roles: dict, steps: list) -> None:
    """Random reporting graphs (cycles, dangling lines, empty parts) through every command."""
    from mktorg.lint.fix import plan_fixes
    from mktorg.render.content import selected_roles
    from mktorg.render.export import ExportOptions, export_book, export_roles
    from mktorg.render.style import Style

    with tempfile.TemporaryDirectory() as scratch:
        org = write_org(Path(scratch) / "org", departments, roles, settings_text=None)
        (org / "processes").mkdir()
        (org / "processes" / "p.yaml").write_text(
            yaml.safe_dump({"name": "流程", "steps": steps}, allow_unicode=True), encoding="utf-8"
        )
        exercise(org)
        loaded = load_org(org)
        plan_fixes(lint(loaded).diagnostics, loaded.files)
        with contextlib.suppress(MktorgError):  # a usage error when there is no 'a'
            build_dot(loaded.org, ChartOptions(root="a", depth=2))
        ids = selected_roles(loaded.org, [], [])
        for fmt in ("md", "html", "docx"):
            out = Path(scratch) / fmt
            export_roles(loaded.org, ids, ExportOptions(fmt, out, Style()))
            export_book(loaded.org, ids, None, ExportOptions(fmt, out, Style()), [])
