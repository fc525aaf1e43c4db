"""`mktorg init` templates and the docs gallery."""

import tempfile
from pathlib import Path

import pytest

from mktorg.devtools.gallery import build
from mktorg.init.template import load_template, template_names
from mktorg.lint.engine import lint
from mktorg.lint.text.fields import department_texts, role_texts
from mktorg.load.loader import load_org
from tests.helpers import ROOT, run_cli


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("template", template_names())
def test_template_lints_clean(tmp_path: Path, template: str, lang: str) -> None:
    target = tmp_path / "org"
    run_cli("init", str(target), "--template", template, "--lang", lang)
    result = lint(load_org(target))
    assert result.diagnostics == []
    org = result.counts
    assert org["roles"] >= 5
    for path in target.rglob("*.yaml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        schema = first.split("$schema=")[1]
        assert (path.parent / schema).resolve().is_file(), path
    assert "# Text, required" in (target / "org.yaml").read_text(encoding="utf-8")


def test_english_titles(tmp_path: Path) -> None:
    run_cli("init", str(tmp_path / "en"), "--template", "product", "--lang", "en")
    text = (tmp_path / "en" / "roles" / "product-marketing-manager.yaml").read_text(encoding="utf-8")
    assert "title: Product Marketing Manager" in text and "Set the product plan" in text and "产品" not in text
    run_cli("init", str(tmp_path / "zh"), "--template", "product")
    zh = (tmp_path / "zh" / "roles" / "product-manager-a1.yaml").read_text(encoding="utf-8")
    assert "发展产品的长期经营和竞争战略" in zh and "倡导新产品开发" in zh


@pytest.mark.parametrize("template", template_names())
def test_template_data_is_translated(template: str) -> None:
    """Every text of a template file is written in Chinese and English, so --lang en never falls back."""
    data = load_template(template)
    texts = [data.org.name, *(data.org.levels or [])]
    texts += [value for dept in data.departments.values() for _, value in department_texts(dept)]
    texts += [value for role in data.roles.values() for _, value in role_texts(role)]
    assert texts
    assert [t for t in texts if not (isinstance(t, dict) and set(t) == {"zh", "en"} and all(t.values()))] == []


def test_templates_are_package_data() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"init/templates/*.yaml"' in pyproject
    assert template_names() == ["functional", "geographic", "product", "market", "matrix"]


def test_a_broken_template_file_is_reported_as_a_bug(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import mktorg.init.template as module

    (tmp_path / "functional.yaml").write_text("about: x\norg: {name: 甲}\ndepartments: {}\nroles:\n  a: {title: 乙}\n")
    monkeypatch.setattr(module, "_folder", lambda: tmp_path)
    assert module.template_names() == ["functional"]
    with pytest.raises(RuntimeError, match=r"(?s)template functional.yaml is broken: .*department"):
        module.load_template("functional")
    _, err = run_cli("init", str(tmp_path / "out"), expect=3)
    assert "internal error" in err and "template functional.yaml is broken" in err


def test_a_template_key_that_init_cannot_write_is_refused() -> None:
    from dataclasses import replace

    from mktorg.init.writer import render

    template = load_template("market")
    role = template.roles["market-head"].model_copy(update={"summary": "负责市场开发"})
    role.model_fields_set.add("summary")
    broken = replace(template, roles={**template.roles, "market-head": role})
    with pytest.raises(RuntimeError, match="roles/market-head: summary"):
        render(broken, "zh")


def test_init_never_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "org"
    (target / "roles").mkdir(parents=True)
    (target / "roles" / "marketing-director.yaml").write_text("mine\n", encoding="utf-8")
    _, err = run_cli("init", str(target), "--template", "functional", expect=2)
    assert "never overwrites" in err
    assert (target / "roles" / "marketing-director.yaml").read_text(encoding="utf-8") == "mine\n"
    assert not (target / "org.yaml").exists()
    run_cli("init", str(tmp_path / "x"), "--template", "nope", expect=2)


def test_gallery_is_current() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        text, dots = build(ROOT, Path(scratch))
    assert (ROOT / "docs" / "gallery.md").read_text(encoding="utf-8") == text, "run: make gallery"
    for name, dot in dots.items():
        assert (ROOT / "docs" / "gallery" / name).read_text(encoding="utf-8") == dot, f"run: make gallery ({name})"
        png = ROOT / "docs" / "gallery" / name.replace(".dot", ".png")
        assert png.read_bytes().startswith(b"\x89PNG")


def test_init_keeps_the_cache_out_of_git(tmp_path: Path) -> None:
    target = tmp_path / "org"
    run_cli("init", str(target))
    assert (target / ".gitignore").read_text(encoding="utf-8") == ".mktorg_cache/\n"
    run_cli("lint", str(target))
    assert (target / ".mktorg_cache").is_dir()
    existing = tmp_path / "repo"
    existing.mkdir()
    (existing / ".gitignore").write_text("out/", encoding="utf-8")
    run_cli("init", str(existing / "org2"))
    from mktorg.init.writer import ignore_cache

    ignore_cache(existing)
    ignore_cache(existing)
    assert (existing / ".gitignore").read_text(encoding="utf-8") == "out/\n.mktorg_cache/\n"
