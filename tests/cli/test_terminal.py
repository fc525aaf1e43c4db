"""Nothing a value or a file name holds can drive the terminal: control and invisible characters
are shown as escapes in text and GitHub output and escaped in JSON and SARIF."""

import json
from pathlib import Path

import pytest

from mktorg.model.invisible import INVISIBLE
from tests.helpers import make_org, run_cli

EVIL = "\x1b[2J\x1b]8;;http://evil.example/\x1b\\click\u202e\x9b31m\x07"


@pytest.fixture
def evil_org(tmp_path: Path) -> Path:
    staff = f"title: 市场专员\ndepartment: dept\nreports_to: {json.dumps(EVIL)}\nheadcount: 2\nduties: [执行调研]\n"
    org = make_org(tmp_path, {"roles/staff.yaml": staff})
    (org / "roles" / "\x1b[31mred.yaml").write_text("title: x\n", encoding="utf-8")
    return org


@pytest.mark.parametrize("fmt", ["text", "github", "json", "sarif"])
def test_no_control_character_reaches_the_terminal(evil_org: Path, fmt: str) -> None:
    out, err = run_cli("lint", str(evil_org), "--format", fmt, expect=1)
    assert not INVISIBLE.search(out.replace("\r", "")) and not INVISIBLE.search(err)
    if fmt in ("text", "github"):
        assert "\\x1b[2J\\x1b]8;;http://evil.example/\\x1b\\click\\u202e\\x9b31m\\x07" in out
        assert "roles/\\x1b[31mred.yaml" in out
    else:
        data = json.loads(out)
        messages = (
            [d["message"] for d in data["diagnostics"]]
            if fmt == "json"
            else [r["message"]["text"] for r in data["runs"][0]["results"]]
        )
        assert any(EVIL in message for message in messages), "the data itself is unchanged"


def test_refusals_and_errors_on_stderr_show_escapes(evil_org: Path) -> None:
    _, err = run_cli("chart", str(evil_org), "--format", "dot", expect=1)
    assert "\\x1b[2J" in err and not INVISIBLE.search(err)
    _, err = run_cli("lint", str(evil_org / "\x1b[2Jmissing"), expect=2)
    assert "\\x1b[2Jmissing" in err and not INVISIBLE.search(err)


def test_sarif_uris_are_percent_encoded(tmp_path: Path) -> None:
    org = make_org(tmp_path, {"roles/市场 专员.yaml": "title: 专员\n"})
    out, _ = run_cli("lint", str(org), "--format", "sarif", expect=1)
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in json.loads(out)["runs"][0]["results"]
    }
    assert "roles/%E5%B8%82%E5%9C%BA%20%E4%B8%93%E5%91%98.yaml" in uris
