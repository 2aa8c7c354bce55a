"""Editorial brackets: one test per kind, on the seed's own examples and hand-made cases."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from helpers import convert, xpath
from teikit.convert.brackets import RULES, BracketRule, Decision, RuleRegistry
from teikit.convert.context import EncodingContext
from teikit.convert.inline import InlineEncoder, tei
from teikit.convert.people import Person
from teikit.convert.source import SourceText

NS_RE = re.compile(r' xmlns="[^"]*"')


def encode_inline(
    text: str, *, footnotes: dict[str, str] | None = None, people: list[Person] | None = None
) -> tuple[str, EncodingContext]:
    """The TEI of one paragraph, as a string without the namespace declaration."""
    context = EncodingContext("case.md", resp="#tr", people=people or [])
    context.footnotes = {number: SourceText.at(note, "case.md", 9, 1) for number, note in (footnotes or {}).items()}
    encoder = InlineEncoder(context)
    source = SourceText.at(text, "case.md", 1, 1)
    encoder.discover(source)
    p = etree.Element(tei("p"), nsmap={None: "http://www.tei-c.org/ns/1.0"})
    encoder.fill(p, source)
    return NS_RE.sub("", etree.tostring(p, encoding="unicode"))[3:-4], context


def assert_encodes(text: str, expected: str, rule: str, **kwargs: object) -> EncodingContext:
    produced, context = encode_inline(text, **kwargs)  # type: ignore[arg-type]
    assert produced == expected
    assert [record.rule for record in context.brackets] == [rule]
    return context


# --- kinds the seed shows ------------------------------------------------------------


def test_expansion_inside_a_word() -> None:
    assert_encodes(
        "from you, comr[ade]. Stalin",
        'from you, <choice><abbr>comr<am>.</am></abbr><expan resp="#tr">comr<ex>ade</ex></expan></choice> Stalin',
        "expansion-in-word",
    )
    assert_encodes(
        "the gov[ernmen]t said", 'the <expan resp="#tr">gov<ex>ernmen</ex>t</expan> said', "expansion-in-word"
    )


def test_abbreviation_expanded() -> None:
    assert_encodes(
        "the CC CPC [Central Committee of the Communist Party of China] entrusted",
        'the <choice><abbr>CC CPC</abbr><expan resp="#tr">Central Committee of the Communist Party of China</expan></choice> entrusted',
        "abbreviation-expanded",
    )
    assert_encodes(
        "with KChZhD [Chinese Changchun Railroad, which traverses Manchuria], that",
        'with <choice><abbr>KChZhD</abbr><expan resp="#tr">Chinese Changchun Railroad, which traverses Manchuria</expan></choice>, that',
        "abbreviation-expanded",
    )


def test_abbreviation_with_slash_parentheses() -> None:
    assert_encodes(
        "someone from CC VKP/b/ [All-Union Communist Party of bolsheviks].",
        'someone from <choice><abbr>CC VKP<choice><orig>/b/</orig><reg type="slash-parentheses">(b)</reg></choice></abbr>'
        '<expan resp="#tr">All-Union Communist Party of bolsheviks</expan></choice>.',
        "abbreviation-expanded",
    )


def test_abbreviation_introduced_after_its_full_form() -> None:
    assert_encodes(
        "by the People's Liberation Army [PLA] more",
        'by the <choice><expan>People\'s Liberation Army</expan><abbr resp="#tr">PLA</abbr></choice> more',
        "abbreviation-introduced",
    )


@pytest.mark.parametrize(
    ("text", "kind", "name", "variant"),
    [
        ("Guomindang [Kuomintang] supporters", "orgName", "Guomindang", "Kuomintang"),
        ("between the USSR and Xinjiang [Sinkiang], though", "placeName", "Xinjiang", "Sinkiang"),
        ("on the island of Formosa [Taiwan]. Our", "placeName", "Formosa", "Taiwan"),
        ("what Jiang Jieshi [Chiang Kai-shek] could not", "persName", "Jiang Jieshi", "Chiang Kai-shek"),
        ("On October 25, S.Y. Dao [Tao Shengyang], secretary", "persName", "S.Y. Dao", "Tao Shengyang"),
    ],
)
def test_variant_or_modern_name(text: str, kind: str, name: str, variant: str) -> None:
    produced, context = encode_inline(text)
    ident = next(iter(context.entities))
    expected = f'<{kind} ref="#{ident}"><choice><orig>{name}</orig><reg resp="#tr">{variant}</reg></choice></{kind}>'
    assert expected in produced
    assert context.entities[ident].names == [name, variant]
    assert [record.rule for record in context.brackets] == ["variant-name"]


def test_gloss() -> None:
    assert_encodes(
        "mining wolfram [tungsten], molybdenum",
        'mining <term>wolfram</term> <gloss resp="#tr">tungsten</gloss>, molybdenum',
        "gloss",
    )


def test_identification_before_a_name() -> None:
    assert_encodes(
        "what [Nationalist Chinese leader] Jiang could",
        'what <note type="identification" place="inline" resp="#tr">Nationalist Chinese leader</note> Jiang could',
        "identification-before",
    )


def test_uncertain_reading() -> None:
    assert_encodes(
        "(the Kailan [?] mines",
        '(the <unclear cert="low" reason="uncertain-reading" resp="#tr">Kailan</unclear> mines',
        "uncertain",
    )
    assert_encodes(
        "from western Lanzhou to Chengdu [?], and",
        'from western Lanzhou to <unclear cert="low" reason="uncertain-reading" resp="#tr">Chengdu</unclear>, and',
        "uncertain",
    )


def test_description_of_the_physical_document_over_a_blank_line() -> None:
    assert_encodes(
        '[Classification level blacked out:\n"NOT SECRET" Stamped]',
        '<note type="physical" place="inline" resp="#tr">Classification level blacked out:\n<lb/>"<stamp type="classification">NOT SECRET</stamp>" Stamped</note>',
        "physical-description",
    )


# --- kinds the seed lacks: hand-made cases -----------------------------------------------


def test_illegible() -> None:
    assert_encodes(
        "the [illegible] district",
        'the <gap reason="illegible" resp="#tr"><desc>illegible</desc></gap> district',
        "illegible",
    )
    assert_encodes(
        "a [two words illegible] end",
        'a <gap reason="illegible" resp="#tr"><desc>two words illegible</desc></gap> end',
        "illegible",
    )


def test_omitted() -> None:
    assert_encodes("He said [...] and left.", 'He said <gap reason="omitted" resp="#tr"/> and left.', "omitted")


def test_sic() -> None:
    assert_encodes("the Ghina [sic] policy", 'the <sic resp="#tr">Ghina</sic> policy', "sic")


def test_supplied_date() -> None:
    assert_encodes(
        "by spring [1950] we",
        'by spring <supplied reason="clarification" resp="#tr">1950</supplied> we',
        "supplied-date",
    )


def test_words_supplied_mid_sentence() -> None:
    assert_encodes(
        "the 5th Four-Year [Economic Development] Plan.",
        'the 5th Four-Year <supplied reason="clarification" resp="#tr">Economic Development</supplied> Plan.',
        "supplied-words",
    )
    assert_encodes(
        "we [will] go", 'we <supplied reason="clarification" resp="#tr">will</supplied> go', "supplied-words"
    )


def test_identification_after_a_reference() -> None:
    assert_encodes(
        "The Chancellor's [Helmut Kohl's] Meeting",
        'The Chancellor\'s <note type="identification" place="inline" resp="#tr">Helmut Kohl\'s</note> Meeting',
        "identification-after",
    )


def test_footnote_marker_takes_its_text() -> None:
    assert_encodes(
        "in Chequers[1] here",
        'in Chequers<note place="foot" n="1" xml:id="fn1">BArch, B 136.</note> here',
        "footnote",
        footnotes={"1": "BArch, B 136."},
    )


def test_second_marker_of_a_footnote_points_to_it() -> None:
    produced, _ = encode_inline("in Chequers[1] and Bonn[1] here", footnotes={"1": "BArch."})
    assert produced == (
        'in Chequers<note place="foot" n="1" xml:id="fn1">BArch.</note>'
        ' and Bonn<ref type="note" target="#fn1">1</ref> here'
    )


def test_footnote_citing_itself_ends() -> None:
    produced, _ = encode_inline("in Chequers[2] here", footnotes={"2": "See also [2], as above."})
    assert produced == (
        'in Chequers<note place="foot" n="2" xml:id="fn2">See also <ref type="note" target="#fn2">2</ref>'
        ", as above.</note> here"
    )


def test_slash_alias() -> None:
    produced, context = encode_inline("Shi Zhe /Karskii/.")
    assert produced == 'Shi Zhe <choice><orig>/Karskii/</orig><reg type="slash-parentheses">(Karskii)</reg></choice>.'
    assert context.brackets == []


def test_unclassified_bracket_is_kept_with_a_warning() -> None:
    produced, context = encode_inline("Text [12 34 ?? 56] more.")
    assert produced == 'Text <note type="editorial" place="inline" resp="#tr">12 34 ?? 56</note> more.'
    assert [warning.code for warning in context.warnings] == ["unclassified-bracket"]
    assert str(context.warnings[0].location) == "case.md:1:6"


def test_unmatched_brackets_are_marked_and_warned() -> None:
    produced, context = encode_inline("An open [bracket and a close] bracket] here [")
    assert produced.count('<pc type="unmatched-bracket">') == 2
    assert [warning.code for warning in context.warnings] == ["unmatched-bracket", "unmatched-bracket"]


def test_nested_brackets_are_encoded_inside_out() -> None:
    produced, context = encode_inline("the CC [Central Committee [of the] Party] met")
    assert (
        '<expan resp="#tr">Central Committee <supplied reason="clarification" resp="#tr">of the</supplied> Party</expan>'
        in produced
    )
    assert [record.rule for record in context.brackets] == ["supplied-words", "abbreviation-expanded"]


def test_rules_can_be_added_replaced_and_removed_by_name() -> None:
    registry = RuleRegistry()
    assert registry.names() == [rule.name for rule in RULES]
    rule = BracketRule(
        "ellipsis", "ellipsis", "gap", lambda site: Decision() if site.content == "…" else None, RULES[2].build
    )
    registry.register(rule, before="omitted")
    assert registry.names().index("ellipsis") == registry.names().index("omitted") - 1
    registry.deregister("gloss")
    assert "gloss" not in registry.names()


# --- the seed as a whole ---------------------------------------------------------------------

SEED_KINDS = {
    (28, 1): "physical-description",
    (38, 383): "abbreviation-expanded",
    (38, 475): "expansion-in-word",
    (50, 35): "abbreviation-expanded",
    (60, 359): "identification-before",
    (60, 401): "variant-name",
    (74, 185): "variant-name",
    (84, 113): "abbreviation-expanded",
    (90, 32): "variant-name",
    (90, 113): "variant-name",
    (90, 228): "abbreviation-introduced",
    (130, 127): "uncertain",
    (134, 41): "gloss",
    (138, 161): "uncertain",
    (161, 127): "abbreviation-expanded",
    (165, 78): "identification-before",
    (165, 117): "identification-before",
    (169, 1): "physical-description",
}


def test_all_18_brackets_of_the_seed_at_their_place(seed: Path) -> None:
    encoded, _root = convert(seed)
    found = {(record.location.line, record.location.col): record.rule for record in encoded.brackets}
    assert found == SEED_KINDS
    lines = seed.read_text(encoding="utf-8").splitlines()
    for record in encoded.brackets:
        assert lines[record.location.line - 1][record.location.col - 1] == "["
        assert record.text.startswith("[") and record.text.endswith("]")


def test_every_editorial_element_names_who_is_responsible(seed: Path) -> None:
    _encoded, root = convert(seed)
    declared = {f"#{ident}" for ident in xpath(root, "//t:teiHeader//@xml:id")}
    editorial = xpath(
        root,
        "//t:text//t:expan[not(following-sibling::t:abbr)] | //t:text//t:supplied | //t:text//t:unclear | //t:text//t:gloss | //t:text//t:note[@type]"
        " | //t:text//t:reg[not(@type)] | //t:text//t:abbr[preceding-sibling::t:expan] | //t:text//t:gap[not(ancestor::t:closer)]",
    )
    # 17 of the 18 brackets (the closing signature's @resp is on its closer) and the
    # archive's description of the handwritten note in the original.
    assert len(editorial) == 18
    for element in editorial:
        assert element.get("resp") in declared, etree.tostring(element)
    assert all(resp in declared for resp in xpath(root, "//t:text//@resp"))
    assert set(xpath(root, "//t:text[@type='translation']//@resp")) == {"#danny-rozas"}
    assert xpath(root, "string(//t:closer[@rend='brackets']/@resp)") == "#danny-rozas"


def test_names_are_linked_to_header_entries(seed: Path) -> None:
    _encoded, root = convert(seed)
    ids = set(xpath(root, "//t:teiHeader//@xml:id"))
    refs = xpath(root, "//t:text//*[@ref]/@ref")
    assert refs and all(ref[1:] in ids for ref in refs)
    assert len(xpath(root, "//t:text//t:placeName[@ref='#formosa']")) == 3
    assert len(xpath(root, "//t:text//t:orgName[@ref='#guomindang']")) == 2
    assert xpath(root, "//t:text[@xml:lang='ru']//t:persName[@ref='#stalin'][.='Сталина']")


def test_no_raw_bracket_is_left_in_any_record(records: list[Path]) -> None:
    for path in records:
        encoded, root = convert(path)
        for text_node in xpath(root, "//t:text//text()[not(parent::t:pc[@type='unmatched-bracket'])]"):
            assert "[" not in text_node and "]" not in text_node, (path.name, text_node)
        assert not [warning for warning in encoded.warnings if warning.code == "unclassified-bracket"], path.name


def test_brackets_of_the_other_records(corpus: Path) -> None:
    expected = {
        "wilson-300242.txt": ["identification-after", "footnote"],
        "wilson-300641.txt": ["identification-after", "supplied-words", "variant-name"],
        "wilson-300653.txt": [],
    }
    for name, rules in expected.items():
        encoded, _root = convert(corpus / "records" / name)
        assert [
            record.rule for record in sorted(encoded.brackets, key=lambda r: (r.location.line, r.location.col))
        ] == rules, name
