"""Unicode: characters kept exactly as transcribed; words in another script carry their xml:lang."""

from __future__ import annotations

from pathlib import Path

from helpers import convert, xpath
from teikit.check.validate import Validator
from teikit.convert.encode import encode
from teikit.convert.read import parse_transcript
from teikit.core.serialize import to_bytes
from teikit.core.xmlsafe import parse_document

MIXED = (
    "Title: A meeting\n"
    'Original Language: ["Chinese"]\n\n'
    "Mao Zedong (毛泽东) met Сталин in Moscow; the note said שלום and 東京 (とうきょう).\n"
)


def _root(source: str):  # type: ignore[no-untyped-def]
    data = to_bytes(encode(parse_transcript(source, "mixed.txt")).tree)
    document = parse_document(data, "mixed.xml")
    assert Validator().check_document(document) == []
    return document.tree.getroot()


def test_runs_of_other_scripts_get_xml_lang() -> None:
    root = _root(MIXED)
    found = {
        element.text: element.get("{http://www.w3.org/XML/1998/namespace}lang")
        for element in xpath(root, "//t:text//t:foreign")
    }
    assert found == {
        "毛泽东": "zh",  # the record's original language is written in Han characters
        "Сталин": "und-Cyrl",  # Cyrillic, language not stated by the record
        "שלום": "und-Hebr",  # right to left, kept in logical order
        "東京": "zh",
        "とうきょう": "zh",
    }
    assert xpath(root, "string(//t:text/@xml:lang)") == "en"


def test_the_original_is_not_marked_foreign_in_its_own_script(seed: Path) -> None:
    _encoded, root = convert(seed)
    assert xpath(root, "//t:text[@xml:lang='ru']//t:foreign") == []
    assert xpath(root, "//t:text[@xml:lang='en']//t:foreign") == []


def test_combining_marks_and_precomposed_letters_are_both_kept() -> None:
    source = "Title: T\n\nCafe\u0301 and Caf\u00e9, Ё and Е\u0308.\n"
    root = _root(source)
    assert "".join(xpath(root, "//t:body//t:p")[0].itertext()) == "Cafe\u0301 and Caf\u00e9, Ё and Е\u0308."
