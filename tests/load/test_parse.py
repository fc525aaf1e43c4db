"""load.parse: the one way into YAML; string values keep the span and style they were written in."""

from mktorg.load.parse import parse, parse_fast


def test_strings_carry_their_source_spans_and_styles() -> None:
    text = "title: '平 面'\nduties:\n  - &d \"调研\"\n  - *d\n  - plain text\nnote: |\n  block\n"
    document = parse(text)
    spans = [(s.text, text[s.start : s.end], s.style) for s in document.strings]
    assert spans == [
        ("平 面", "'平 面'", "'"),
        ("调研", '"调研"', '"'),
        ("调研", '"调研"', '"'),  # the alias lists the same scalar again, with the same span
        ("plain text", "plain text", ""),
        ("block\n", "|\n  block\n", "|"),
    ]


def test_fast_and_full_parse_list_the_same_strings() -> None:
    text = "title: 专员\nheadcount: 2\nduties: [调研, {text: 报告, details: [a, b]}]\nlevel: null\n"
    data, strings = parse_fast(text)  # type: ignore[misc]
    assert strings == [s.text for s in parse(text).strings]
    assert data == parse(text)
