"""The seed record (Stalin and Mao, 16 December 1949) encoded as TEI: structure, header, alignment."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers import convert, source_body_words, tei_text_words, xpath

SPEAKERS = {
    "Comrade Mao Zedong": "#mao-zedong",
    "Comrade Stalin": "#stalin",
    "Товарищ Мао Цзэ-дун": "#mao-zedong",
    "Товарищ Сталин": "#stalin",
}
LABEL_RE = re.compile(r"^(?:✓ )?(Comrade Mao Zedong|Comrade Stalin|Товарищ Мао Цзэ-дун|Товарищ Сталин):")


@pytest.fixture(scope="module")
def seed_tei(seed: Path):
    return convert(seed)


def _source_turns(seed: Path, cyrillic: bool) -> list[str]:
    """Speaker labels in order, read straight off the transcript lines."""
    labels = []
    for line in seed.read_text(encoding="utf-8").splitlines():
        match = LABEL_RE.match(line)
        if match and (match.group(1).startswith("Товарищ") == cyrillic):
            labels.append(SPEAKERS[match.group(1)])
    return labels


@pytest.mark.parametrize(("lang", "cyrillic"), [("en", False), ("ru", True)])
def test_every_turn_has_its_speaker(seed_tei, seed: Path, lang: str, cyrillic: bool) -> None:
    _encoded, root = seed_tei
    turns = xpath(root, f"//t:text[@xml:lang='{lang}']//t:sp")
    assert len(turns) == 52
    assert [turn.get("who") for turn in turns] == _source_turns(seed, cyrillic)
    for turn in turns:
        speaker = xpath(turn, "t:speaker")
        assert len(speaker) == 1 and speaker[0].text.endswith(":")


def test_continuation_paragraphs_stay_in_their_turn(seed_tei) -> None:
    _encoded, root = seed_tei
    turn = xpath(root, "//t:sp[t:p[starts-with(., 'Peace will depend on our efforts')]]")[0]
    assert xpath(turn, "string(t:p[1])").startswith("In China a war for peace")
    assert turn.get("who") == "#stalin"
    # Stalin's long answer on the treaty: four paragraphs in one turn.
    treaty = xpath(root, "//t:sp[t:p[starts-with(., 'As you know, this treaty')]]")[0]
    assert len(xpath(treaty, "t:p")) == 4
    # Narrative paragraphs are not turns.
    assert xpath(root, "//t:sp//t:p[starts-with(., 'Also present')]") == []
    assert xpath(root, "//t:div/t:p[starts-with(., 'After an exchange of greetings')]")


def test_turns_correspond_both_ways(seed_tei) -> None:
    _encoded, root = seed_tei
    english = xpath(root, "//t:text[@xml:lang='en']//t:sp")
    russian = xpath(root, "//t:text[@xml:lang='ru']//t:sp")
    by_id = {element.get("{http://www.w3.org/XML/1998/namespace}id"): element for element in english + russian}
    pairs = 0
    for index, (en, ru) in enumerate(zip(english, russian, strict=True)):
        assert en.get("corresp") == f"#{ru.get('{http://www.w3.org/XML/1998/namespace}id')}", index
        assert by_id[ru.get("corresp")[1:]] is en
        assert en.get("who") == ru.get("who")
        pairs += 1
    assert pairs == 52


def test_header_fields(seed_tei) -> None:
    _encoded, root = seed_tei
    header = xpath(root, "/t:TEI/t:teiHeader")[0]
    assert xpath(header, "string(//t:profileDesc/t:creation/t:date/@when)") == "1949-12-16"
    assert xpath(header, "string(//t:titleStmt/t:title/t:date/@when)") == "1949-12-16"
    assert xpath(header, "string(//t:titleStmt/t:title)").startswith("Record of Conversation between I.V. Stalin")
    identifier = xpath(header, "//t:msIdentifier")[0]
    assert xpath(identifier, "string(t:repository)") == "Archive of the President, Russian Federation (APRF)"
    assert xpath(identifier, "string(t:repository/t:abbr)") == "APRF"
    assert [(idno.get("type"), idno.text) for idno in xpath(identifier, "t:idno")] == [
        ("fond", "45"),
        ("opis", "1"),
        ("delo", "329"),
    ]
    locus = xpath(header, "//t:msContents/t:msItem/t:locus")[0]
    assert (locus.get("from"), locus.get("to")) == ("9", "17")
    assert xpath(header, "string(//t:titleStmt/t:respStmt[t:resp='Translated by']/t:persName)") == "Danny Rozas"
    url = "http://digitalarchive.wilsoncenter.org/document/111240"
    assert xpath(header, "string(//t:sourceDesc/t:bibl/t:ref/@target)") == url
    assert [(lang.get("ident"), lang.text) for lang in xpath(header, "//t:langUsage/t:language")] == [
        ("en", "English (translation)"),
        ("ru", "Russian (original)"),
    ]
    assert xpath(header, "normalize-space(//t:abstract)").startswith("First meeting between Mao and Stalin.")


def test_participants_in_both_languages(seed_tei) -> None:
    _encoded, root = seed_tei
    persons = xpath(root, "//t:particDesc/t:listPerson/t:person")
    found = {
        person.get("{http://www.w3.org/XML/1998/namespace}id"): (
            {
                name.get("{http://www.w3.org/XML/1998/namespace}lang"): name.text
                for name in xpath(person, "t:persName[not(@type)]")
            },
            set(person.get("role").split()),
        )
        for person in persons
    }
    assert len(persons) == 8
    assert found["stalin"] == ({"en": "Stalin", "ru": "Сталин"}, {"speaker"})
    assert found["mao-zedong"] == ({"en": "Mao Zedong", "ru": "Мао Цзэ-дун"}, {"speaker"})
    assert found["fedorenko"] == ({"en": "Fedorenko", "ru": "Федоренко"}, {"present", "interpreter", "recorder"})
    assert found["shi-zhe"] == ({"en": "Shi Zhe", "ru": "Шя Чжа"}, {"present", "interpreter"})
    for ident in ("molotov", "malenkov", "bulganin", "vyshinskii"):
        assert found[ident][1] == {"present"}
        assert set(found[ident][0]) == {"en", "ru"}
    aliases = xpath(root, "//t:person[@xml:id='shi-zhe']/t:persName[@type='alias']/text()")
    assert aliases == ["Karskii", "Карский"]


def test_page_breaks_repaired(seed_tei) -> None:
    encoded, root = seed_tei
    breaks = xpath(root, "//t:text//t:pb")
    assert encoded.page_breaks == 3 and len(breaks) == 3
    in_word = xpath(root, "//t:pb[@break='no']")
    assert len(in_word) == 1
    paragraph = in_word[0].getparent()
    assert "помо-щи Советского Союза" in "".join(paragraph.itertext())
    assert in_word[0].getprevious().tag.endswith("pc") and in_word[0].getprevious().text == "-"
    english = xpath(root, "//t:p[t:pb][contains(., 'effectively fight')]")[0]
    assert "effectively fight\nagainst imperialist aggression" in "".join(english.itertext())
    russian = xpath(root, "//t:p[t:pb[not(@break)]][contains(., 'торговых операций')]")
    assert russian and "в этом районе." in "".join(russian[0].itertext())
    # A paragraph that only lacks its final full stop is not joined to the next.
    separate = xpath(root, "//t:p[contains(., 'должны считаться')]")[0]
    assert "Договор" not in "".join(separate.itertext())


def test_physical_features(seed_tei) -> None:
    _encoded, root = seed_tei
    russian = xpath(root, "//t:text[@xml:lang='ru']")[0]
    assert xpath(russian, "string(.//t:opener/t:stamp[@type='classification'])") == "НЕСЕКРЕТНО"
    head = xpath(russian, ".//t:head[@rend='letter-spaced']")[0]
    assert head.text == "ЗАПИСЬ"
    metamark = xpath(russian, ".//t:metamark")[0]
    assert metamark.text == "✓" and metamark.getparent().get("who") == "#stalin"
    closer = xpath(russian, ".//t:closer[t:signed/@hand]")[0]
    assert xpath(closer, "string(t:signed/t:date)") == "31/11"
    assert xpath(closer, "t:signed/t:gap")
    assert xpath(root, "//t:handNote[@xml:id='hand-annotation']")
    english = xpath(root, "//t:text[@xml:lang='en']//t:closer[@rend='brackets']")[0]
    assert xpath(english, "string(t:signed/t:gap[@reason='illegible']/t:desc)") == "signature illegible"
    assert xpath(english, "string(t:signed/t:date)") == "31/XII"


def test_no_word_is_lost(seed_tei, seed: Path) -> None:
    _encoded, root = seed_tei
    first_body_line = 28  # "[Classification level blacked out:" opens the document
    source = source_body_words(seed, first_body_line)
    produced = tei_text_words(root)
    assert produced == source, (source - produced, produced - source)
