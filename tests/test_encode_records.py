"""The other sample records: prose, numbered paragraphs, a footnote, no speaker labels."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from helpers import convert, source_body_words, tei_text_words, xpath

EXPECTED = {
    "wilson-300242.txt": {
        "date": "1997-10-31",
        "title": "The Chancellor's",
        "translator": "Stephan Kieninger",
        "repository": "German Federal Archives (BArch)",
        "langs": ["en", "de"],
        "record": "300242",
    },
    "wilson-300641.txt": {
        "date": "1967-11-24",
        "title": "Economic Cooperation Division",
        "translator": "Stephen Mercado",
        "repository": "Diplomatic Archives of the Ministry of Foreign Affairs of Japan",
        "langs": ["en", "ja"],
        "record": "300641",
    },
    "wilson-300653.txt": {
        "date": "1949-04-01",
        "title": "Letter, Jawaharlal Nehru to All Provincial Premiers",
        "translator": "",
        "repository": "Nehru Memorial Museum and Library (NMML)",
        "langs": ["en"],
        "record": "300653",
    },
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_record_header(corpus: Path, name: str) -> None:
    expected = EXPECTED[name]
    _encoded, root = convert(corpus / "records" / name)
    header = xpath(root, "/t:TEI/t:teiHeader")[0]
    assert xpath(header, "string(//t:creation/t:date/@when)") == expected["date"]
    assert xpath(header, "normalize-space(//t:titleStmt/t:title)").startswith(expected["title"])
    assert xpath(header, "string(//t:respStmt[t:resp='Translated by']/t:persName)") == expected["translator"]
    assert xpath(header, "normalize-space(//t:msIdentifier/t:repository)") == expected["repository"]
    assert [lang.get("ident") for lang in xpath(header, "//t:langUsage/t:language")] == expected["langs"]
    assert xpath(header, "string(//t:bibl/t:idno[@type='record'])") == expected["record"]
    assert xpath(root, "//t:sp") == []
    assert xpath(header, "string(//t:sourceDesc/t:bibl/t:ref/@target)").startswith(
        "https://digitalarchive.wilsoncenter.org/document/"
    )


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_record_keeps_every_word(corpus: Path, name: str) -> None:
    _encoded, root = convert(corpus / "records" / name)
    first_body_line = 21
    assert tei_text_words(root) == source_body_words(corpus / "records" / name, first_body_line)


def test_numbered_paragraphs_keep_their_numbers(corpus: Path) -> None:
    _encoded, root = convert(corpus / "records" / "wilson-300653.txt")
    numbers = [p.get("n") for p in xpath(root, "//t:body//t:p[@n]")]
    assert [n for n in numbers if n.isdigit()] == [str(n) for n in range(2, 35)]
    assert xpath(root, "string(//t:opener/t:salute)") == "My dear premier,"
    assert xpath(root, "string(//t:closer/t:salute)") == "Yours sincerely, (Sd)."
    assert xpath(root, "string(//t:closer/t:signed)") == "Jawaharlal .Nehru"


def test_footnote_stands_at_its_marker(corpus: Path) -> None:
    encoded, root = convert(corpus / "records" / "wilson-300242.txt")
    note = xpath(root, "//t:note[@place='foot']")[0]
    assert note.get("n") == "1"
    assert note.text == "BArch, B 136/59748, 403-410."
    paragraph = note.getparent()
    assert etree.QName(paragraph).localname == "p"
    assert "".join(paragraph.itertext()).startswith("Subject: The Chancellor's Meeting")
    # The footnote text is not repeated as a paragraph at the end.
    assert not xpath(root, "//t:body//t:p[starts-with(., '[1]')]")
    assert [row.rule for row in encoded.brackets if row.text == "[1]"] == ["footnote"]
