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


def test_commentary_in_an_expansion_is_a_note() -> None:
    # The KChZhD: "which traverses Manchuria" is the translator's comment, not the expansion.
    assert_encodes(
        "with KChZhD [Chinese Changchun Railroad, which traverses Manchuria], that",
        'with <choice><abbr>KChZhD</abbr><expan resp="#tr">Chinese Changchun Railroad'
        '<note type="commentary" place="inline" resp="#tr">, which traverses Manchuria</note></expan></choice>, that',
        "abbreviation-expanded",
    )


def test_abbreviation_span_is_the_abbreviation_only() -> None:
    # The expansion stands for VKP/b/; "CC" (Central Committee) stays in the text, outside the abbreviation.
    assert_encodes(
        "someone from CC VKP/b/ [All-Union Communist Party of bolsheviks].",
        'someone from CC <choice><abbr>VKP<choice><orig>/b/</orig><reg type="slash-parentheses">(b)</reg></choice></abbr>'
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
    # The translator's form stays in the text; the bracket's form stands beside it, never instead of it.
    produced, context = encode_inline(text)
    ident = next(iter(context.entities))
    expected = (
        f'<{kind} ref="#{ident}">{name}</{kind}> <note type="variant" place="inline" resp="#tr">'
        f'<{kind} ref="#{ident}">{variant}</{kind}></note>'
    )
    assert expected in produced
    assert "<choice>" not in produced
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


def test_doubtful_identification_is_certainty_not_unclear() -> None:
    # [?] after a name doubts who or what is meant; <unclear> would say the word is hard to read.
    assert_encodes(
        "(the Kailan [?] mines",
        '(the <rs xml:id="doubt">Kailan</rs> <certainty cert="low" locus="value" target="#doubt" resp="#tr"/> mines',
        "uncertain",
    )
    assert_encodes(
        "from western Lanzhou to Chengdu [?], and",
        'from western Lanzhou to <rs xml:id="doubt">Chengdu</rs> <certainty cert="low" locus="value" target="#doubt" resp="#tr"/>, and',
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
    # The paired "[bracket and a close]" is not clearly words an editor supplied: that is warned about too.
    codes = [warning.code for warning in context.warnings]
    assert [code for code in codes if code != "bracket-kind-uncertain"] == ["unmatched-bracket", "unmatched-bracket"]


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


# --- patterns of other real records: hand-made cases ------------------------------------


def test_code_name_with_the_real_name_is_an_identification() -> None:
    assert_encodes(
        "a report from GORKY [Ivan Petrov] arrived",
        'a report from <rs type="code-name">GORKY</rs> <note type="identification" place="inline" resp="#tr">Ivan Petrov</note> arrived',
        "code-name",
    )


def test_name_in_capitals_with_an_older_romanisation_is_a_variant() -> None:
    produced, context = encode_inline("the cable says MAO ZEDONG [Mao Tse-tung] will come")
    assert [record.rule for record in context.brackets] == ["variant-name"]
    assert '>MAO ZEDONG</persName> <note type="variant"' in produced
    assert "<abbr>" not in produced


@pytest.mark.parametrize(
    ("text", "supplied"),
    [("he told [us] that it was over", "us"), ("they agreed [to] the plan", "to"), ("and [then] left", "then")],
)
def test_supplied_function_words_are_supplied_not_glosses(text: str, supplied: str) -> None:
    produced, context = encode_inline(text)
    assert f'<supplied reason="clarification" resp="#tr">{supplied}</supplied>' in produced
    assert [record.rule for record in context.brackets] == ["supplied-words"]


def test_transliterated_original_wording() -> None:
    context = EncodingContext("case.md", resp="#tr", languages=["en", "ru"])
    encoder = InlineEncoder(context)
    p = etree.Element(tei("p"), nsmap={None: "http://www.tei-c.org/ns/1.0"})
    encoder.fill(p, SourceText.at("the great leader [vozhd'] spoke", "case.md", 1, 1))
    produced = NS_RE.sub("", etree.tostring(p, encoding="unicode"))
    assert '<note type="original" place="inline" resp="#tr" xml:lang="ru-Latn">vozhd\'</note> spoke' in produced
    assert [record.rule for record in context.brackets] == ["original-wording"]


@pytest.mark.parametrize("word", ["outside", "most", "shoes", "its"])
def test_an_english_gloss_is_not_taken_for_transliterated_wording(word: str) -> None:
    _produced, context = encode_inline(f"the mining [{word}] stopped")
    assert [record.rule for record in context.brackets] != ["original-wording"]


@pytest.mark.parametrize(
    "text",
    ["when [President] Nixon arrived", "the [President] Nixon said", "as [Chairman] Mao wrote", "[Premier] Zhou"],
)
def test_a_title_before_a_name_is_always_an_identification(text: str) -> None:
    _produced, context = encode_inline("Yes. " + text)
    assert [record.rule for record in context.brackets] == ["identification-before"]


@pytest.mark.parametrize(
    ("text", "rule", "tei"),
    [
        ("He said [Laughter] that it was", "reaction", '<vocal resp="#tr"><desc>Laughter</desc></vocal>'),
        ("Our UN mission will unify Africa. [Laughter]", "reaction", "<vocal"),
        (
            "[Reads:] They are distributing leaflets",
            "stage-direction",
            '<stage type="delivery" resp="#tr">Reads:</stage>',
        ),
        ("That's a point. [To Rodman:] We should", "stage-direction", "<stage"),
        ("Let me see. [Looks at folder and checklists.]", "action", '<kinesic resp="#tr"><desc>Looks at'),
        ("[The meeting ended.]", "incident", '<incident resp="#tr"><desc>The meeting ended.</desc></incident>'),
        ("only [1½ lines not declassified] left", "declassified", '<gap reason="declassification" extent="1½ lines"'),
        ("a [dollar amount not declassified] grant", "declassified", 'extent="dollar amount"'),
        ("[name not declassified] said", "declassified", 'extent="name"'),
        (
            "[Omitted here is discussion on SALT.]",
            "omitted",
            '<gap reason="omitted" resp="#tr"><desc>Omitted here is discussion on SALT.</desc></gap>',
        ),
        ("Senator John O. Pastore [D-Rhode Island]", "affiliation", '<note type="identification"'),
        (
            "Brandt's rapid [vapid?] sentimentality",
            "conjecture",
            '<sic>rapid</sic><corr cert="low" resp="#tr">vapid</corr>',
        ),
        ("In Germany [June 23–24] I had", "supplied-date", "<supplied"),
        ("Bill [Colby], spend", "identification-after", '<note type="identification"'),
    ],
)
def test_frus_families(text: str, rule: str, tei: str) -> None:
    produced, context = encode_inline(text)
    assert [record.rule for record in context.brackets] == [rule]
    assert tei in produced


def test_the_same_bracket_text_gets_the_same_kind_wherever_it_stands() -> None:
    places = ["[Laughter] Yes.", "He said [Laughter] that", "It is. [Laughter]", "all [Laughter], then"]
    kinds = {encode_inline(text)[1].brackets[0].rule for text in places}
    assert kinds == {"reaction"}


def test_a_bracket_never_pairs_across_paragraphs(tmp_path: Path) -> None:
    source = tmp_path / "turns.txt"
    source.write_text(
        "Title: Turns\nDate: 1949-12-16\n\n"
        "Comrade Stalin: we talked [about the\nComrade Mao Zedong: yes] it is.\nComrade Stalin: good.\n",
        encoding="utf-8",
    )
    encoded, root = convert(source)
    assert [xpath(turn, "string(t:speaker)") for turn in xpath(root, "//t:sp")] == [
        "Comrade Stalin:",
        "Comrade Mao Zedong:",
        "Comrade Stalin:",
    ]
    assert len(xpath(root, "//t:pc[@type='unmatched-bracket']")) == 2
    assert [warning.code for warning in encoded.warnings].count("unmatched-bracket") == 2
    assert not xpath(root, "//t:note[@type='editorial']")


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
        "//t:text//t:expan[not(following-sibling::t:abbr)] | //t:text//t:supplied | //t:text//t:certainty | //t:text//t:gloss"
        " | //t:text//t:note[@type] | //t:text//t:reg[not(@type)] | //t:text//t:abbr[preceding-sibling::t:expan]"
        " | //t:text//t:gap[not(ancestor::t:closer)]",
    )
    # 17 of the 18 brackets (the closing signature's @resp is on its closer), the commentary split
    # out of the KChZhD expansion and the archive's description of the handwritten note in the original.
    assert len(editorial) == 19
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
    # Each mention in the translator's words, and the variant beside the first.
    assert len(xpath(root, "//t:text//t:placeName[@ref='#formosa'][not(ancestor::t:note)]")) == 3
    assert len(xpath(root, "//t:text//t:orgName[@ref='#guomindang'][not(ancestor::t:note)]")) == 2
    assert xpath(root, "string(//t:note[@type='variant']/t:placeName[@ref='#formosa'])") == "Taiwan"
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


# --- shapes the out-of-sample records (tests/data/unseen) showed ------------------------------


def _rules(text: str) -> list[str]:
    return [record.rule for record in encode_inline(text)[1].brackets]


def _warnings(text: str) -> list[str]:
    return [warning.code for warning in encode_inline(text)[1].warnings]


@pytest.mark.parametrize(
    "text",
    [
        "fell by fifty [word illegible] million",
        "the [two lines illegible] report",
        "hat dies [unleserlich] wiederholt",
        "des lettres [illisible] depuis",
        "un [mot illisible] ici",
        "the [unclear] answer",
        "Das ist ernst. [mehrere Wörter unleserlich] müssen wir beraten.",
        "des Allemands [deux mots illisibles].",
    ],
)
def test_illegible_in_other_words_and_languages(text: str) -> None:
    assert _rules(text) == ["illegible"]


@pytest.mark.parametrize(
    "text",
    [
        "Wir verlassen uns darauf. [Heiterkeit]",
        "Il a dit cela. [rires]",
        "Да. [смех]",
        "Agreed. [Mao laughs.]",
        "bedroht. [Beifall der polnischen Delegation] Wir dürfen",
        "Yes. [Laughter from the Soviet side] Now",
    ],
)
def test_reactions_in_other_languages_and_of_one_person(text: str) -> None:
    assert _rules(text) == ["reaction"]


def test_addressed_without_a_colon_is_a_stage_direction_where_a_sentence_opens() -> None:
    produced, context = encode_inline("[to Genscher] Make a note of that.")
    assert [record.rule for record in context.brackets] == ["stage-direction"]
    assert produced.startswith("<stage") and "to Genscher</stage>" in produced


def test_incident_with_a_clock_time() -> None:
    assert _rules("[The meeting ended at 12:15 p.m.]") == ["incident"]


@pytest.mark.parametrize(
    "text",
    [
        '[Translator\'s note: the word rendered as "frankly" is "po-tovarishcheski".]',
        "[Editor's note: the page is torn.]",
        "[Anm. d. Übers.: wörtlich «kameradschaftlich».]",
        "[N.d.T. : littéralement « en camarade ».]",
    ],
)
def test_a_signed_note_is_a_commentary_note(text: str) -> None:
    produced, context = encode_inline(text)
    assert [record.rule for record in context.brackets] == ["translator-note"]
    assert produced.startswith('<note type="commentary" place="inline" resp="#tr">')
    assert not context.warnings


def test_the_name_in_full_is_an_identification_not_a_variant() -> None:
    assert _rules("hat Bahr [Egon Bahr] erklärt") == ["identification-after"]


def test_a_name_after_a_lower_case_title_is_an_identification() -> None:
    assert _rules("Le général [Khanh] nous dit") == ["identification-after"]
    assert _rules("der Kanzler [Schmidt] sagte") == ["identification-after"]


def test_an_office_after_a_name_is_an_identification() -> None:
    text = "instructions to Sir Pierson Dixon [United Kingdom Permanent Representative at the United Nations]."
    assert _rules(text) == ["identification-after"]


def test_a_month_alone_is_a_supplied_date() -> None:
    assert _rules("a draft by [August] 3.") == ["supplied-date"]
    assert _rules("we [may] agree") == ["supplied-words"]


def test_one_name_after_one_name_is_warned_about() -> None:
    """``Jinmen [Quemoy]`` (another name) and ``Bill [Colby]`` (the name completed) have one shape."""
    assert _rules("On Jinmen [Quemoy] we will act") == ["identification-after"]
    assert _warnings("On Jinmen [Quemoy] we will act") == ["bracket-kind-uncertain"]
    assert _warnings("Senator Pastore [D-Rhode Island] said") == []


def test_supplied_content_words_are_warned_about_function_words_are_not() -> None:
    described = "the Anshan combine [metallurgical combine in Liaoning province] arrives"
    assert _rules(described) == ["supplied-words"]
    assert _warnings(described) == ["bracket-kind-uncertain"]
    assert _warnings("the comrades in the Politburo [of the CCP CC] were unhappy") == []
    assert _warnings("the Four-Year [Economic Development] Plan") == []


def test_a_unit_after_a_number_word_is_supplied_not_a_gloss() -> None:
    text = "we lost a hundred million [pounds] yesterday"
    assert _rules(text) == ["supplied-words"]
    assert _warnings(text) == []


def test_an_acronym_with_full_stops_is_expanded() -> None:
    produced, context = encode_inline("without consulting the T.U.C. [Trades Union Congress]. I would")
    assert [record.rule for record in context.brackets] == ["abbreviation-expanded"]
    assert "<abbr>T.U.C.</abbr>" in produced
