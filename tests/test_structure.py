"""Structure rules on hand-made bodies: page breaks, speaker labels, closers, parts."""

from __future__ import annotations

from teikit.convert.read import Block
from teikit.convert.source import PAGE_BREAK, PAGE_BREAK_IN_WORD, SourceText
from teikit.convert.structure import Kind, build_parts, classify, is_cut_by_page_break, join_page_breaks


def blocks(*texts: str) -> list[Block]:
    return [Block(SourceText.at(text, "t.md", number, 1)) for number, text in enumerate(texts, start=1)]


def test_page_break_joins_a_sentence_cut_in_two() -> None:
    joined, count = join_page_breaks(
        blocks("as forces are inadequate to effectively fight", "against imperialist aggression.")
    )
    assert count == 1
    assert (
        joined[0].text.text
        == f"as forces are inadequate to effectively fight{PAGE_BREAK}against imperialist aggression."
    )


def test_page_break_inside_a_word() -> None:
    joined, _count = join_page_breaks(blocks("прибегнуть к помо-", "щи Советского Союза."))
    assert joined[0].text.text == f"прибегнуть к помо-{PAGE_BREAK_IN_WORD}щи Советского Союза."


def test_missing_full_stop_before_a_capital_is_not_a_page_break() -> None:
    joined, count = join_page_breaks(
        blocks("китайские коммунисты должны считаться", "Договор обеспечивает за СССР право.")
    )
    assert count == 0 and len(joined) == 2
    assert not is_cut_by_page_break("ends here.", "then lower")
    assert not is_cut_by_page_break("a heading", "12 numbers")


def test_turns_continuations_and_closers() -> None:
    units = classify(
        blocks(
            "Comrade A: Hello.",
            "A second paragraph of A.",
            "Comrade B: Hi.",
            "Also present: comrs. C and D.",
            "Recorded by comr. C.",
        )
    )
    assert [unit.kind for unit in units] == [Kind.TURN, Kind.TURN, Kind.PARTICIPANTS, Kind.RECORDER]
    assert len(units[0].blocks) == 2 and units[0].person == "A"


def test_bracket_over_a_blank_line_is_one_block() -> None:
    parts, _ = build_parts(blocks("[Classification level blacked out:", '"NOT SECRET" Stamped]', "Text."), "en", None)
    assert parts[0].units[0].kind is Kind.DESCRIPTION
    assert parts[0].units[0].text.text == '[Classification level blacked out:\n"NOT SECRET" Stamped]'


def test_original_is_split_off_where_the_script_changes() -> None:
    parts, _ = build_parts(blocks("Comrade A: Hello there.", "НЕСЕКРЕТНО", "Товарищ А: Здравствуйте."), "en", "ru")
    assert [(part.lang, part.role) for part in parts] == [("en", "translation"), ("ru", "original")]
    assert parts[1].units[0].kind is Kind.STAMP


def test_same_script_original_is_not_split() -> None:
    parts, _ = build_parts(blocks("Dear friend,", "Text."), "en", "de")
    assert [(part.lang, part.role) for part in parts] == [("en", "translation")]
