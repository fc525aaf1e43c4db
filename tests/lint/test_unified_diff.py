"""The diff made from replaced spans is a patch that GNU patch applies to give the new text."""

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mktorg.lint.unified_diff import unified_diff

LINES = st.lists(st.sampled_from(["title: 专员", "  - 调 研", "# 注释", "", "a: 'b'", "x: [1、a, b]"]), max_size=30)


@st.composite
def edited_texts(draw: st.DrawFn) -> tuple[str, list[tuple[int, int, str]]]:
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    text = newline.join(draw(LINES)) + draw(st.sampled_from(["", newline]))
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=12)))
    spans = []
    for start, end in zip(cuts[::2], cuts[1::2], strict=False):
        if spans and start <= spans[-1][1]:
            continue
        spans.append((start, end, draw(st.sampled_from(["", "X", "新值", "a\nb", "c" + newline]))))
    return text, spans


def _apply(text: str, spans: list[tuple[int, int, str]]) -> str:
    out, done = [], 0
    for start, end, new in spans:
        out += [text[done:start], new]
        done = end
    return "".join(out) + text[done:]


@pytest.mark.skipif(shutil.which("patch") is None, reason="needs GNU patch")
@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edited_texts())
def test_the_patch_gives_the_new_text(case: tuple[str, list[tuple[int, int, str]]]) -> None:
    text, spans = case
    expected = _apply(text, spans)
    patch = unified_diff(text, spans, "f.yaml")
    if expected == text:
        return
    with tempfile.TemporaryDirectory() as scratch:
        target = Path(scratch) / "f.yaml"
        target.write_bytes(text.encode("utf-8"))
        subprocess.run(
            ["patch", "-p1", "--quiet", "--force"],
            input=patch.encode("utf-8"),
            cwd=scratch,
            check=True,
            capture_output=True,
        )
        assert target.read_bytes().decode("utf-8") == expected, patch


def test_a_long_file_with_many_edits_is_quick() -> None:
    lines = [f"  - {i}、执行 调研\n" for i in range(100_000)]
    text = "".join(lines)
    spans, at = [], 0
    for i, line in enumerate(lines):
        spans.append((at + 4, at + 4 + len(str(i)) + 1, ""))
        at += len(line)
    patch = unified_diff(text, spans, "f.yaml")
    assert patch.count("\n-  - ") == 100_000 and patch.count("\n+  - 执行 调研") == 100_000
