"""The corpus tells Texts from ids only for the strings a rule keeps: files are not parsed again for
strings a rule rejects (a cold lint of 10,000 roles spent 0.85 s re-parsing every file for MK510)."""

import re
from pathlib import Path

from mktorg.lint.rules import RULES, Context
from mktorg.lint.text.corpus import corpus
from mktorg.load.loader import load_org
from tests.helpers import make_org

_ROLE = "title: 专员{n}\ndepartment: dept\nreports_to: boss\nduties: [负责销售回款与货款回收, 负责市场调研及]\n"


def test_mk510_parses_again_only_the_files_it_reports(tmp_path: Path) -> None:
    org = make_org(tmp_path, {f"roles/s{n}.yaml": _ROLE.format(n=n) for n in range(5)})
    org.joinpath("roles/s0.yaml").write_text(_ROLE.format(n=0).replace("负责市场调研及", "负责市场调研"), "utf-8")
    loaded = load_org(org)
    context = Context(loaded, "MK510")
    check = RULES["MK510"].check
    assert check is not None
    check(loaded.org, context)
    assert sorted(f.file for f in context.findings) == [f"roles/s{n}.yaml" for n in range(1, 5)]
    assert sorted(corpus(loaded)._masks) == [f"roles/s{n}.yaml" for n in range(1, 5)]


def test_matches_asks_keep_before_telling_texts_from_ids(tmp_path: Path) -> None:
    loaded = load_org(make_org(tmp_path, {}))
    texts = corpus(loaded)
    asked: list[int] = []
    found = list(texts.matches(re.compile("市场"), lambda index, _: bool(asked.append(index))))
    assert found == [] and asked and texts._masks == {}
    assert [texts.texts[i] for i, _ in texts.matches(re.compile("市场部经理"))] == ["市场部经理"]
