"""Hostile inputs: each ends in diagnostics or a one-line error with the documented exit code."""

import json
import os
import unicodedata
from pathlib import Path
from typing import Any

import docx
import pytest

from tests.helpers import make_org, run_cli

STAFF = "title: 市场专员\ndepartment: dept\nreports_to: boss\nduties: [执行调研]\n"


def lint_json(org: Path, expect: int = 1) -> list[dict]:
    out, _ = run_cli("lint", str(org), "--format", "json", expect=expect)
    return json.loads(out)["diagnostics"]


def codes(diagnostics: list[dict]) -> set[tuple[str, str]]:
    return {(d["file"], d["code"]) for d in diagnostics}


def test_alias_bomb(tmp_path: Path) -> None:
    lines = ["a: &a [x,x,x,x,x,x,x,x,x,x]"] + [
        f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 10)}]" for i in range(8)
    ]
    org = make_org(tmp_path, {"roles/bomb.yaml": "\n".join(lines) + "\n"})
    assert ("roles/bomb.yaml", "MK001") in codes(lint_json(org))


def test_recursive_alias(tmp_path: Path) -> None:
    org = make_org(tmp_path, {"roles/loop.yaml": "a: &a [*a]\n"})
    assert ("roles/loop.yaml", "MK001") in codes(lint_json(org))


@pytest.mark.parametrize("doc", ["a: " + "[" * 5000 + "]" * 5000, "".join(" " * i + "k:\n" for i in range(1500))])
def test_deep_nesting(tmp_path: Path, doc: str) -> None:
    org = make_org(tmp_path, {"roles/deep.yaml": doc})
    assert ("roles/deep.yaml", "MK001") in codes(lint_json(org))


def test_twenty_megabytes(tmp_path: Path) -> None:
    org = make_org(tmp_path, {"roles/big.yaml": "title: " + "长" * 7_000_000 + "\n"})
    found = [d for d in lint_json(org) if d["file"] == "roles/big.yaml"]
    assert found[0]["code"] == "MK011" and "10 MB" in found[0]["message"]


def test_two_hundred_thousand_items(tmp_path: Path) -> None:
    items = "".join(f"  - 执行第{i}项调研\n" for i in range(200_000))
    org = make_org(
        tmp_path, {"roles/staff.yaml": "title: 市场专员\ndepartment: dept\nreports_to: boss\nduties:\n" + items}
    )
    lint_json(org, expect=0)


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"title: a\x00b\n", "MK001"),
        (b"\xff\xfe\x00t\x00", "MK003"),
        (b"title: \xe5\xb8\x82\n\xc3(", "MK003"),
        (b"\xef\xbb\xbf", "MK004"),
        (b"title: x\r\n\tdepartment: dept\r\n", "MK001"),
    ],
    ids=["nul", "utf16", "invalid-utf8", "lone-bom", "tab-indent"],
)
def test_bad_bytes(tmp_path: Path, content: bytes, code: str) -> None:
    org = make_org(tmp_path, {"roles/staff.yaml": content})
    assert ("roles/staff.yaml", code) in codes(lint_json(org))


def test_crlf_is_fine(tmp_path: Path) -> None:
    org = make_org(tmp_path, {"roles/staff.yaml": STAFF.replace("\n", "\r\n").encode()})
    lint_json(org, expect=0)


def test_directory_named_like_a_file(tmp_path: Path) -> None:
    org = make_org(tmp_path, {})
    (org / "roles" / "x.yaml").mkdir()
    (org / "roles" / "x.yaml" / "inner.yaml").write_text(STAFF.replace("执行调研", "另一项"), encoding="utf-8")
    lint_json(org, expect=0)


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    import mktorg.load.read

    org = make_org(tmp_path, {"roles/secret.yaml": STAFF})
    real = builtins.open

    def denied(path: str, *args: Any, **kwargs: Any) -> Any:
        if str(path).endswith("secret.yaml"):
            raise PermissionError(13, "Permission denied")
        return real(path, *args, **kwargs)

    monkeypatch.setattr(mktorg.load.read, "open", denied, raising=False)  # root may read anything
    found = [d for d in lint_json(org) if d["file"] == "roles/secret.yaml"]
    assert found[0]["code"] == "MK011" and "Permission denied" in found[0]["message"]


def test_symlink_outside_and_loop(tmp_path: Path) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text(STAFF, encoding="utf-8")
    org = make_org(tmp_path, {})
    (org / "roles" / "link.yaml").symlink_to(outside)
    (org / "roles" / "loop.yaml").symlink_to(org / "roles" / "loop.yaml")
    found = codes(lint_json(org))
    assert ("roles/link.yaml", "MK011") in found and ("roles/loop.yaml", "MK011") in found


def test_symlink_inside_is_followed(tmp_path: Path) -> None:
    org = make_org(tmp_path, {"roles/shared/real.yaml": STAFF.replace("执行调研", "另一项")})
    (org / "roles" / "alias.yaml").symlink_to(org / "roles" / "shared" / "real.yaml")
    diagnostics = lint_json(org, expect=0)
    assert not [d for d in diagnostics if d["code"].startswith("MK0")]


def test_nfd_and_nfc_names_are_one_id(tmp_path: Path) -> None:
    nfc, nfd = "café", unicodedata.normalize("NFD", "café")
    org = make_org(tmp_path, {f"roles/{nfc}.yaml": STAFF, f"roles/sub/{nfd}.yaml": STAFF})
    assert any(d["code"] == "MK009" for d in lint_json(org))


def test_ids_differing_by_case(tmp_path: Path) -> None:
    org = make_org(tmp_path, {"departments/Dept.yaml": "name: 另一个部门\nexternal: true\n"})
    assert ("departments/dept.yaml", "MK009") in codes(lint_json(org)) or ("departments/Dept.yaml", "MK009") in codes(
        lint_json(org)
    )


HOSTILE = "A<b>&\"|]]>'{x}\\ `*_#\x01\x7f=1+2-3@4"


@pytest.fixture
def hostile_org(tmp_path: Path) -> Path:
    title = json.dumps(HOSTILE)
    return make_org(
        tmp_path,
        {
            "roles/staff.yaml": f"title: {title}\ndepartment: dept\nreports_to: boss\nduties: [{title}]\n"
            f"kpis:\n  - {{name: {title}, weight: 100, target: {title}}}\n",
            "departments/dept.yaml": f"name: {title}\nhead: boss\nfunctions:\n  - {{id: research, name: {title}}}\n",
        },
    )


def test_hostile_titles_in_every_output(tmp_path: Path, hostile_org: Path) -> None:
    import xml.etree.ElementTree as ET

    run_cli("lint", str(hostile_org), "--format", "sarif")
    out = tmp_path / "out"
    for fmt in ("md", "html", "docx", "pdf"):
        run_cli("export", str(hostile_org), "--format", fmt, "--role", "staff", "-o", str(out))
    names = {p.suffix: p for p in out.iterdir()}
    assert all(p.name.startswith("staff-") and "/" not in p.name for p in names.values())
    html = names[".html"].read_text(encoding="utf-8")
    assert "<b>&" not in html and "&lt;b&gt;&amp;&quot;|]]&gt;" in html and "\x01" not in html
    md = names[".md"].read_text(encoding="utf-8")
    table_rows = [line for line in md.splitlines() if line.startswith("| 岗位名称")]
    assert table_rows and table_rows[0].count("|") - table_rows[0].count("\\|") == 3
    document = docx.Document(str(names[".docx"]))
    title = HOSTILE.replace("\x01", "").replace("\x7f", "")
    assert document.paragraphs[0].text == f"{title}岗位说明书"
    from pypdf import PdfReader

    assert f"{title}岗位说明书" in PdfReader(str(names[".pdf"])).metadata.title
    dot, _ = run_cli("chart", str(hostile_org), "--format", "dot")
    assert "<b>&" not in dot
    if os.environ.get("PATH") and __import__("shutil").which("dot"):
        svg = tmp_path / "o.svg"
        run_cli("chart", str(hostile_org), "-o", str(svg))
        ET.parse(svg)


def test_ctrl_c_is_one_line_and_130(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import mktorg.load.loader

    def interrupt(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(mktorg.load.loader, "load_org", interrupt)
    _, err = run_cli("lint", str(make_org(tmp_path, {})), expect=130)
    assert err == "mktorg: interrupted\n"


@pytest.mark.parametrize("key", ["title", "kpis", "qualifications", "unknown"])
def test_deep_but_legal_nesting(tmp_path: Path, key: str) -> None:
    deep = "[" * 900 + "x" + "]" * 900
    org = make_org(
        tmp_path,
        {
            "roles/staff.yaml": STAFF + f"{key}: {deep}\n"
            if key != "title"
            else f"title: {deep}\ndepartment: dept\nreports_to: boss\nduties: [x]\n"
        },
    )
    found = codes(lint_json(org))
    assert any(file == "roles/staff.yaml" and code in ("MK005", "MK006", "MK002") for file, code in found)
