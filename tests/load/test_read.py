"""Reading files: encodings named with a hint that is safe to paste, numbers of any length, NFC ids."""

import json
import subprocess
import unicodedata
from pathlib import Path

import pytest

from tests.helpers import make_org, run_cli

STAFF = "title: 市场专员\ndepartment: dept\nreports_to: boss\nheadcount: 2\nduties: [执行调研]\n"


def _diagnostics(org: Path, expect: int = 1) -> list[dict]:
    out, _ = run_cli("lint", str(org), "--format", "json", expect=expect)
    return json.loads(out)["diagnostics"]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-16"])
def test_utf16_is_named_with_a_conversion(tmp_path: Path, encoding: str) -> None:
    org = make_org(tmp_path, {"roles/staff.yaml": STAFF.encode(encoding)})
    found = [d for d in _diagnostics(org) if d["file"] == "roles/staff.yaml"]
    assert [d["code"] for d in found] == ["MK003"]
    assert "UTF-16" in found[0]["message"] and "iconv -f UTF-16" in found[0]["hint"]


def test_the_conversion_hint_is_a_safe_command_that_works(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = "-x'; touch PWNED; echo '"
    gbk = "title: 市场专员\ndepartment: dept\nreports_to: boss\nduties: [执行调研]\n".encode("gb18030")
    org = make_org(tmp_path, {f"roles/{folder}/gbk.yaml": gbk})
    for cwd in (tmp_path, org / "roles"):
        monkeypatch.chdir(cwd)
        (hint,) = [d["hint"] for d in _diagnostics(org) if d["code"] == "MK003"]
        command = hint.split("convert it: ", 1)[1]
        assert str(tmp_path) not in command, "the path is relative to the current folder"
        if cwd != tmp_path:
            assert command.startswith("iconv -f GB18030 -t UTF-8 './-x"), "a name starting with - is no option"
        subprocess.run(["sh", "-c", command], check=True, cwd=cwd)
        assert not (cwd / "PWNED").exists()
        path = org / "roles" / folder / "gbk.yaml"
        assert path.read_text(encoding="utf-8").startswith("title: 市场专员")
        path.write_bytes(gbk)


def test_integers_of_any_length(tmp_path: Path) -> None:
    long = "7" * 5000
    org = make_org(
        tmp_path,
        {
            "roles/staff.yaml": STAFF + f"order: {long}\nkpis: [{{name: 增长, weight: {long}}}]\n",
            "departments/dept.yaml": f"name: 市场部\nhead: boss\nheadcount_budget: 0x{'f' * 3000}\n",
            "roles/boss.yaml": "title: 经理\ndepartment: dept\nduties: [负责]\nauthorities: [分配权]\n"
            + f"order: {'9' * 1000}\n",
        },
    )
    found = {(d["file"], d["code"], d["message"].split(":")[0]) for d in _diagnostics(org)}
    assert found == {
        ("roles/staff.yaml", "MK006", "order"),
        ("roles/staff.yaml", "MK006", "kpis[0].weight"),
        ("departments/dept.yaml", "MK006", "headcount_budget"),
    }
    for command in (["chart", str(org), "--format", "dot", "--force"], ["export", str(org), "-o", str(tmp_path / "o")]):
        run_cli(*command, expect=1 if command[0] == "export" else 0)


def test_nan_and_infinity_say_what_they_are(tmp_path: Path) -> None:
    org = make_org(tmp_path, {"roles/staff.yaml": STAFF + "kpis: [{name: a, weight: .nan}, {name: b, weight: .inf}]\n"})
    messages = sorted(d["message"] for d in _diagnostics(org) if d["code"] == "MK006")
    assert messages == [
        "kpis[0].weight: not a number (.nan)",
        "kpis[1].weight: an infinite number (.inf, or too many digits)",
    ]


def test_an_nfd_reference_finds_the_nfc_file(tmp_path: Path) -> None:
    nfc, nfd = "café", unicodedata.normalize("NFD", "café")
    assert nfc != nfd
    org = make_org(
        tmp_path,
        {
            "roles/boss.yaml": None,
            f"roles/{nfc}.yaml": "title: 经理\ndepartment: dept\nduties: [负责调研]\nauthorities: [分配权]\n",
            "departments/dept.yaml": f"name: 市场部\nhead: {nfd}\n",
            "roles/staff.yaml": STAFF.replace("reports_to: boss", f"reports_to: {nfd}\ndotted_to: [{nfd}x]"),
        },
    )
    assert [(d["code"], d["message"]) for d in _diagnostics(org)] == [("MK102", f"unknown role '{nfc}x'")]
