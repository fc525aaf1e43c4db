"""Control and invisible characters are reported by lint (MK513) and never reach a document or chart."""

import json
import shutil
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from mktorg.model.invisible import INVISIBLE
from tests.helpers import make_org, run_cli

ODD = "\x00\x07\u202e\ufeff\ufffe\u200b\u2028\x1b"


@pytest.fixture
def odd_org(tmp_path: Path) -> Path:
    title = json.dumps("市场" + ODD + "专员", ensure_ascii=True)
    staff = f"title: {title}\ndepartment: dept\nreports_to: boss\nheadcount: 2\nduties: [{title}]\n"
    name = json.dumps("市场部" + ODD, ensure_ascii=True)
    dept = f"name: {name}\nhead: boss\nfunctions:\n  - {{id: research, name: 市场调研}}\n"
    return make_org(tmp_path, {"roles/staff.yaml": staff, "departments/dept.yaml": dept})


def test_lint_reports_each_text(odd_org: Path) -> None:
    out, _ = run_cli("lint", str(odd_org), "--format", "json")
    found = {(d["file"], d["line"]) for d in json.loads(out)["diagnostics"] if d["code"] == "MK513"}
    assert found == {("roles/staff.yaml", 1), ("roles/staff.yaml", 5), ("departments/dept.yaml", 1)}


def test_no_document_or_chart_holds_them(tmp_path: Path, odd_org: Path) -> None:
    out = tmp_path / "out"
    for fmt in ("md", "html", "docx"):
        run_cli("export", str(odd_org), "--format", fmt, "-o", str(out))
        run_cli("export", str(odd_org), "--format", fmt, "--book", "-o", str(out))
    for path in out.iterdir():
        if path.suffix == ".docx":
            with zipfile.ZipFile(path) as archive:
                text = archive.read("word/document.xml").decode("utf-8")
        else:
            text = path.read_text(encoding="utf-8")
        assert "市场专员" in text or path.suffix == ".svg", path.name
        assert not INVISIBLE.search(text.replace("\r", "")), path.name
    dot, _ = run_cli("chart", str(odd_org), "--format", "dot")
    assert "市场专员" in dot and not INVISIBLE.search(dot)
    if shutil.which("dot"):
        run_cli("chart", str(odd_org), "-o", str(tmp_path / "chart.svg"))
        ET.parse(tmp_path / "chart.svg")
