"""The segmenter's answers: the same whether computed or recalled from a cache."""

import pytest

from mktorg import segment


def test_answers_are_learned_once_and_recalled_as_given(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(segment, "_ANSWERS", {})  # this test's answers stay in this test
    monkeypatch.setattr(segment, "_LEARNED", {})
    words = segment.tokens("负责市场调研与分析")
    assert "".join(words) == "负责市场调研与分析" and len(words) > 1
    assert segment.is_word("市场") and not segment.is_word("场调")
    learned = segment.learned()
    assert learned[("cut", "负责市场调研与分析")] == words and learned[("word", "场调")] is False
    segment.recall({("word", "从未见过的词"): True})  # a recalled answer is used as it is
    assert segment.is_word("从未见过的词")
    assert ("word", "从未见过的词") not in segment.learned(), "recalled answers are not learned again"
