"""`lint --fix` on random files with anchors, aliases, comments, suppressions, CRLF and a BOM:
every byte outside the fixed values is kept, and the values change exactly as the fixes of the
findings that lint reports say (each scalar once, however many aliases reach it)."""

import json
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mktorg.lint.engine import lint
from mktorg.lint.fix import apply_edits, plan_fixes, write_fix
from mktorg.load.loader import load_org
from mktorg.load.parse import StringAt, parse
from tests.helpers import FIXTURES

TEXTS = [
    "1、执行 调研",
    "(2)编制调研报告",
    "收集竞争队手信息",
    "平 面设计",
    "三、整理 资料",
    "审查旅费报销",
    "3、4月份促销",
    "市场专员",
    "组织调查,建立档案",
    "负责人,财,物",
    "执行\u200b调研",
    "Plan, run (monthly)",
]
PLAIN_IN_FLOW = [t for t in TEXTS if not any(c in t for c in ",[]{}")]
COMMENTS = ["", "   # 备注", "  # mktorg: ignore", "  # mktorg: ignore[MK501]", "  # mktorg: ignore[MK503, MK504]"]
RELAXED = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@st.composite
def scalars(draw: st.DrawFn, flow: bool) -> str:
    text = draw(st.sampled_from(PLAIN_IN_FLOW if flow else TEXTS))
    style = draw(st.sampled_from(["plain", "single", "double"]))
    if "\u200b" in text:
        style = "double"
    if style == "single":
        return "'" + text.replace("'", "''") + "'"
    if style == "double":
        return json.dumps(text, ensure_ascii=False).replace("\u200b", "\\u200b")
    return text


@st.composite
def role_files(draw: st.DrawFn) -> bytes:
    anchors: list[str] = []
    lines = [f"# {draw(st.sampled_from(['岗位说明', 'role', '']))}"] if draw(st.booleans()) else []
    lines += [f"title: {draw(scalars(False))}{draw(st.sampled_from(COMMENTS))}", "department: dept"]
    lines += ["reports_to: boss", "headcount: 2", "duties:"]
    indent = draw(st.sampled_from(["  ", "    "]))
    for i in range(draw(st.integers(1, 5))):
        anchor = ""
        if draw(st.booleans()):
            anchor = f"&d{i} "
            anchors.append(f"d{i}")
        lines.append(f"{indent}- {anchor}{draw(scalars(False))}{draw(st.sampled_from(COMMENTS))}")
        if draw(st.booleans()):
            lines.append(f"{indent}# 审核人 {i}")
    items = [draw(scalars(True)) for _ in range(draw(st.integers(0, 3)))]
    items += [f"*{name}" for name in draw(st.lists(st.sampled_from(anchors), max_size=3))] if anchors else []
    lines.append(f"authorities: [{', '.join(items)}]{draw(st.sampled_from(COMMENTS))}")
    if draw(st.booleans()):
        lines += ["qualifications:", "  other: &others"]
        lines += [
            f"    - {draw(scalars(False))}{draw(st.sampled_from(COMMENTS))}" for _ in range(draw(st.integers(1, 3)))
        ]
        lines.append(f"  skills: {draw(st.sampled_from(['*others', '[' + draw(scalars(True)) + ']']))}")
    lines.append(f"summary: {draw(scalars(False))}")
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    text = newline.join(lines) + draw(st.sampled_from([newline, ""]))
    return (b"\xef\xbb\xbf" if draw(st.booleans()) else b"") + text.encode("utf-8")


def _gaps(text: str, strings: list[StringAt]) -> list[str]:
    """The text between the values (each span once, aliases share one)."""
    spans = sorted({(s.start, s.end) for s in strings})
    gaps, done = [], 0
    for start, end in spans:
        gaps.append(text[done:start])
        done = end
    return [*gaps, text[done:]]


@RELAXED
@given(role_files())
def test_fix_keeps_every_byte_outside_the_fixed_values(raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        org = Path(scratch) / "org"
        shutil.copytree(FIXTURES / "minimal", org)
        path = org / "roles" / "staff.yaml"
        path.write_bytes(raw)
        loaded = load_org(org)
        assert not [f for f in loaded.findings if f.file == "roles/staff.yaml"], raw.decode("utf-8")
        source = loaded.files["roles/staff.yaml"]
        before = source.positioned
        assert before is not None
        reported = [d for d in lint(loaded).diagnostics if d.file == "roles/staff.yaml"]
        for fix in plan_fixes(reported, loaded.files):
            assert write_fix(fix, org)
        new_raw = path.read_bytes()
        bom = b"\xef\xbb\xbf" if raw.startswith(b"\xef\xbb\xbf") else b""
        assert new_raw.startswith(bom)
        old_text, new_text = raw[len(bom) :].decode("utf-8"), new_raw[len(bom) :].decode("utf-8")
        after = parse(new_text)
        assert _gaps(new_text, after.strings) == _gaps(old_text, before.strings), "bytes outside the values"
        by_span: dict[int, list] = {}
        for diagnostic in reported:
            for edit in diagnostic.fix:
                by_span.setdefault(before.strings[edit.string].start, []).append(edit)
        expected = [apply_edits(s.text, by_span.get(s.start, [])) for s in before.strings]
        assert [s.text for s in after.strings] == expected, "exactly the reported fixes"
        ignored = {n for n, line in enumerate(old_text.splitlines(), 1) if line.endswith("# mktorg: ignore")}
        for old, new in zip(before.strings, after.strings, strict=True):
            if old.position[0] in ignored:
                assert old.text == new.text, "a line with '# mktorg: ignore' is never changed"
