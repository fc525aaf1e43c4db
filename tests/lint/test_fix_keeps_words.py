"""Fixes never change words they were not about: on every example, template and the bundled data,
each word the segmenter finds in a fixed text is still there, unless an edit touched it."""

import re
from pathlib import Path

import pytest

from mktorg.init.template import load_template, template_names
from mktorg.init.writer import write_template
from mktorg.lint.engine import lint
from mktorg.lint.fix import apply_edits
from mktorg.lint.text.words import tokens
from mktorg.load.loader import load_org
from tests.helpers import ROOT

_HAN_WORD = re.compile("[\u3400-\u9fff]{2,}")
ORGS = [ROOT / "data", *sorted(p for p in (ROOT / "examples").iterdir() if p.is_dir())]


def _words_with_offsets(text: str) -> list[tuple[int, int, str]]:
    out, at = [], 0
    for token in tokens(text):
        if _HAN_WORD.fullmatch(token):
            out.append((at, at + len(token), token))
        at += len(token)
    return out


def _check(org: Path) -> int:
    loaded = load_org(org)
    edits: dict[tuple[str, int], list] = {}
    for diagnostic in lint(loaded).diagnostics:
        for edit in diagnostic.fix:
            edits.setdefault((diagnostic.file, edit.string), []).append(edit)
    for (path, number), group in edits.items():
        positioned = loaded.files[path].positioned
        assert positioned is not None
        old = positioned.strings[number].text
        new = apply_edits(old, group)
        for start, end, word in _words_with_offsets(old):
            touched = any((e.start < end and start < e.end) or e.start == e.end == start for e in group)
            assert touched or word in new, f"{path}: fixing {old!r} lost the word {word!r}: {new!r}"
    return len(edits)


@pytest.mark.parametrize("org", ORGS, ids=lambda p: p.name)
def test_fixes_keep_every_word_they_are_not_about(org: Path) -> None:
    _check(org)


@pytest.mark.parametrize("name", template_names())
def test_fixes_keep_words_in_templates(tmp_path: Path, name: str) -> None:
    write_template(load_template(name), tmp_path / name, "zh")
    _check(tmp_path / name)


def test_the_check_sees_fixes(tmp_path: Path) -> None:
    from tests.helpers import make_org

    staff = "title: 专员\ndepartment: dept\nreports_to: boss\nduties: [1、收集竞争队手信息, 平 面设计]\n"
    org = make_org(tmp_path, {"roles/staff.yaml": staff})
    assert _check(org) == 2


def test_fixes_keep_words_in_the_seed_sentences(tmp_path: Path) -> None:
    from tests.lint.test_seed_sentences import _write_org

    assert _check(_write_org(tmp_path / "seed")) > 100  # half-width punctuation, numbering, spaces, typos
