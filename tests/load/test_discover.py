"""Finding the files: links to folders inside the organisation are followed, links out are refused,
names that are not UTF-8 are reported in a form every output can hold."""

import json
import os
from pathlib import Path

from tests.helpers import make_org, run_cli

STAFF = "title: 市场专员\ndepartment: dept\nreports_to: boss\nduties: [{duty}]\n"


def _diagnostics(org: Path, expect: int) -> list[dict]:
    out, _ = run_cli("lint", str(org), "--format", "json", expect=expect)
    return json.loads(out)["diagnostics"]


def test_a_linked_folder_inside_the_organisation_is_read(tmp_path: Path) -> None:
    org = make_org(tmp_path, {"shared/sales/seller.yaml": STAFF.format(duty="销售产品")})
    (org / "roles" / "sales").symlink_to(org / "shared" / "sales", target_is_directory=True)
    (org / "roles" / "loop").symlink_to(org / "roles", target_is_directory=True)
    out, _ = run_cli("lint", str(org), "--format", "json")
    assert json.loads(out)["summary"]["roles"] == 3


def test_a_folder_linked_outside_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    (outside / "sales").mkdir(parents=True)
    (outside / "sales" / "seller.yaml").write_text(STAFF.format(duty="销售产品"), encoding="utf-8")
    org = make_org(tmp_path, {})
    (org / "roles" / "sales").symlink_to(outside / "sales", target_is_directory=True)
    found = [(d["file"], d["code"]) for d in _diagnostics(org, expect=1)]
    assert found == [("roles/sales", "MK011")]


def test_a_kind_folder_linked_outside_is_refused_and_never_rewritten(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "staff.yaml").write_text(STAFF.format(duty="1、执行 调研"), encoding="utf-8")
    org = make_org(tmp_path, {"roles/staff.yaml": None, "roles/boss.yaml": None, "departments/dept.yaml": None})
    (org / "roles").rmdir()
    (org / "roles").symlink_to(outside, target_is_directory=True)
    run_cli("lint", str(org), "--fix", expect=1)
    assert (outside / "staff.yaml").read_text(encoding="utf-8") == STAFF.format(duty="1、执行 调研")
    assert ("roles", "MK011") in [(d["file"], d["code"]) for d in _diagnostics(org, expect=1)]


def test_names_that_are_not_utf8_keep_every_report_valid_utf8(tmp_path: Path) -> None:
    org = make_org(tmp_path, {})
    bad = os.fsencode(org / "roles") + b"/\xff\xfe.yaml"
    with open(bad, "w", encoding="utf-8") as handle:
        handle.write(STAFF.format(duty="另一项"))
    for fmt in ("json", "sarif", "text", "github"):
        out, _ = run_cli("lint", str(org), "--format", fmt, expect=1)
        out.encode("utf-8")  # no lone surrogates
        if fmt in ("json", "sarif"):
            json.loads(out)
        else:
            assert "roles/\\xff\\xfe.yaml" in out
    assert [(d["file"], d["code"]) for d in _diagnostics(org, expect=1)] == [("roles/\\xff\\xfe.yaml", "MK008")]
