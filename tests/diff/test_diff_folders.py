"""`mktorg diff` between two folders: renames, translations, settings, and reports that stay readable."""

import json
import shutil
from pathlib import Path
from typing import Any

from tests.helpers import ROOT, run_cli

ROLE = "title: {title}\ndepartment: {dept}\nreports_to: boss\nduties:\n{duties}"
BASE = {
    "org.yaml": "name: 测试公司\n",
    "departments/d.yaml": "name: 市场部\nhead: boss\n",
    "departments/e.yaml": "name: 销售部\nhead: boss2\n",
    "roles/boss.yaml": "title: 市场部经理\ndepartment: d\nduties: [全面负责市场部工作]\n",
    "roles/boss2.yaml": "title: 销售部经理\ndepartment: e\nreports_to: boss\nduties: [全面负责销售部工作]\n",
}


def _folders(tmp_path: Path, old: dict[str, str], new: dict[str, str]) -> tuple[Path, Path]:
    roots = []
    for name, files in (("old", old), ("new", new)):
        root = tmp_path / name / "org"
        for rel, text in files.items():
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_text(text, encoding="utf-8")
        roots.append(root)
    return roots[0], roots[1]


def _duties(*texts: str) -> str:
    return "".join(f"  - {t}\n" for t in texts)


def _json(old: Path, new: Path) -> dict[str, Any]:
    out, _ = run_cli("diff", str(old), str(new), "--format", "json")
    return json.loads(out)


def _statuses(data: dict[str, Any]) -> set[tuple[str, str, str]]:
    return {(e["status"], (e["old"] or {}).get("id", ""), (e["new"] or {}).get("id", "")) for e in data["roles"]}


def test_same_title_but_other_work_is_not_a_rename(tmp_path: Path) -> None:
    old = {**BASE, "roles/a.yaml": ROLE.format(title="专员", dept="d", duties=_duties("制定广告计划", "联系媒体"))}
    new = {**BASE, "roles/b.yaml": ROLE.format(title="专员", dept="d", duties=_duties("盘点库存", "核对发票"))}
    assert _statuses(_json(*_folders(tmp_path, old, new))) == {("added", "", "b"), ("removed", "a", "")}


def test_same_work_under_a_new_title_is_a_rename(tmp_path: Path) -> None:
    duties = _duties("制定广告计划", "联系媒体并安排投放", "评估广告效果")
    old = {**BASE, "roles/a.yaml": ROLE.format(title="广告专员", dept="d", duties=duties)}
    new = {**BASE, "roles/b.yaml": ROLE.format(title="媒介主管", dept="d", duties=duties)}
    data = _json(*_folders(tmp_path, old, new))
    assert _statuses(data) == {("changed", "a", "b")}
    changes = {(c["field"], c.get("old"), c.get("new")) for c in data["roles"][0]["changes"]}
    assert changes == {("id", "a", "b"), ("title", "广告专员", "媒介主管")}


def test_a_department_renamed_with_its_roles_is_one_department(tmp_path: Path) -> None:
    role = ROLE.format(title="专员", dept="{dept}", duties=_duties("开发客户"))
    old = {
        **BASE,
        "roles/r1.yaml": role.format(dept="e"),
        "roles/r2.yaml": role.format(dept="e").replace("专员", "助理"),
    }
    new = {k: v.replace("department: e", "department: sales") for k, v in old.items() if k != "departments/e.yaml"}
    new["departments/sales.yaml"] = "name: 销售中心\nhead: boss2\n"
    data = _json(*_folders(tmp_path, old, new))
    assert [(d["status"], d["old"]["id"], d["new"]["id"]) for d in data["departments"]] == [("changed", "e", "sales")]
    assert data["roles"] == []  # their department field changed with the rename: not a move


def test_duties_move_between_departments_but_the_catch_all_stays(tmp_path: Path) -> None:
    catch_all = "完成上级交办的其他工作"
    old = {
        **BASE,
        "roles/a.yaml": ROLE.format(title="市场专员", dept="d", duties=_duties("客户回访", "市场调研", catch_all)),
        "roles/b.yaml": ROLE.format(title="销售专员", dept="e", duties=_duties("开发客户", catch_all)),
    }
    new = {
        **BASE,
        "roles/a.yaml": ROLE.format(title="市场专员", dept="d", duties=_duties("市场调研")),
        "roles/b.yaml": ROLE.format(title="销售专员", dept="e", duties=_duties("开发客户", "客户回访", catch_all)),
    }
    data = _json(*_folders(tmp_path, old, new))
    changes = {(e["new"]["id"], c["action"], c.get("old") or c.get("new")) for e in data["roles"] for c in e["changes"]}
    assert changes == {("a", "moved-out", "客户回访"), ("b", "moved-in", "客户回访"), ("a", "removed", catch_all)}


def test_a_translation_alone_is_shown_by_language(tmp_path: Path) -> None:
    role = "title: {zh: 专员, en: %s}\ndepartment: d\nreports_to: boss\nduties: [{text: {zh: 开发客户, en: %s}}]\n"
    old = {**BASE, "roles/a.yaml": role % ("Clerk", "Find customers")}
    new = {**BASE, "roles/a.yaml": role % ("Officer", "Win customers")}
    data = _json(*_folders(tmp_path, old, new))
    changes = [
        (c["field"], c["action"], c.get("item"), c.get("old"), c.get("new")) for c in data["roles"][0]["changes"]
    ]
    assert changes == [
        ("title", "changed", "en", "Clerk", "Officer"),
        ("duties", "reworded", "en", "Find customers", "Win customers"),
    ]
    out, _ = run_cli("diff", *map(str, _folders(tmp_path / "again", old, new)))
    assert "岗位名称（en）：Clerk → Officer" in out


def test_settings_and_every_role_field(tmp_path: Path) -> None:
    role = ROLE.format(title="专员", dept="d", duties=_duties("开发客户"))
    old = {**BASE, "roles/a.yaml": role + "kpis: [{name: 销售额, weight: 100}]\n"}
    new = {
        **BASE,
        "org.yaml": "name: 测试公司\nlint: {max_layers: 4, rules: {MK209: off}}\ndocument: {client: 甲方}\n",
        "roles/a.yaml": role
        + "kpis: [{name: 销售额, weight: 100, target: 100万}]\ncode: S-01\nassistant: true\nconcurrent: [boss2]\n"
        + "dotted_to: boss2\nenvironment: 办公室\nrelations: {external: [客户]}\nqualifications: {skills: [谈判]}\n",
    }
    data = _json(*_folders(tmp_path, old, new))
    assert [(c["field"], c.get("old"), c.get("new")) for c in data["organization"]] == [
        ("document.client", None, "甲方"),
        ("lint.max_layers", 6, 4),
        ("lint.rules.MK209", None, "off"),
    ]
    fields = {(c["field"], c["action"]) for c in data["roles"][0]["changes"]}
    assert fields == {
        ("kpi.target", "changed"),
        ("code", "changed"),
        ("assistant", "changed"),
        ("concurrent", "added"),
        ("dotted_to", "added"),
        ("environment", "changed"),
        ("relations.external", "added"),
        ("qualifications.skills", "added"),
    }
    out, _ = run_cli("diff", *map(str, _folders(tmp_path / "again", old, new)))
    for line in (
        "检查设置（max_layers）：6 → 4",
        "目标值（销售额）：（无） → 100万",
        "新增兼任：销售部经理",
        "新增技能：谈判",
    ):
        assert line in out


def test_long_reports_stay_readable(tmp_path: Path) -> None:
    """Hundreds of findings are counted past the first fifty; Markdown stays under GitHub's comment limit."""
    from mktorg.devtools.bench import generate

    old, new = tmp_path / "old" / "org", tmp_path / "new" / "org"
    generate(old, 300)
    shutil.copytree(old, new)
    (new / "org.yaml").write_text("name: 全国销售网络\nlocales: [zh, en]\n", encoding="utf-8")
    for path in (new / "roles").rglob("*.yaml"):
        text = path.read_text("utf-8").replace("title: 销售岗位", "title: 营销岗位").replace("  - 负责", "  - 主要负责")
        path.write_text(text, "utf-8")
    text, _ = run_cli("diff", str(old), str(new))
    assert "另有" in text and "MK507 ×" in text
    assert sum(1 for line in text.splitlines() if line.startswith("  + MK")) == 50
    markdown, _ = run_cli("diff", str(old), str(new), "--format", "markdown")
    assert len(markdown) < 65_536 and "篇幅所限" in markdown


def test_identical_folders(tmp_path: Path) -> None:
    out, _ = run_cli("diff", str(ROOT / "data"), str(ROOT / "data"), "--exit-code")
    assert out.endswith("没有变化。\n")
    out, _ = run_cli("diff", str(ROOT / "data"), str(ROOT / "data"), "--format", "markdown")
    assert out.endswith("没有变化。\n")


def test_hostile_titles_stay_inside_their_line(tmp_path: Path) -> None:
    hostile = '"**粗体** | 列 \\e[31m红\\n换行 <b>x</b> ~~删~~"'
    old = {**BASE, "roles/a.yaml": ROLE.format(title="专员", dept="d", duties=_duties("开发客户"))}
    new = {**BASE, "roles/a.yaml": ROLE.format(title=hostile, dept="d", duties=_duties("开发客户"))}
    folders = _folders(tmp_path, old, new)
    text, _ = run_cli("diff", *map(str, folders))
    assert "\x1b" not in text and "换行" in text
    assert all("换行" not in line or "列" in line for line in text.splitlines())  # the newline did not break the line
    markdown, _ = run_cli("diff", *map(str, folders), "--format", "markdown")
    line = next(line for line in markdown.splitlines() if "换行" in line)
    assert "\\*\\*粗体\\*\\*" in line and "\\|" in line and "\\<b\\>" in line and "\\~\\~删\\~\\~" in line
