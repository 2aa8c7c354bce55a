"""Smaller breaks: XInclude 2003, UTF-16 transcripts, ATTLIST defaults."""

from __future__ import annotations

from pathlib import Path

import pytest

from teikit.convert.encode import encode
from teikit.convert.read import read_transcript
from teikit.core.errors import XMLInputError
from teikit.core.xmlsafe import parse_document

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "records" / "wilson-111240.md"


@pytest.mark.parametrize("year", ["2001", "2003"])
def test_xinclude_of_either_namespace_is_refused(year: str) -> None:
    # Before the fix the 2003 namespace went through and was reported later as 'element <>'.
    data = f'<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:xi="http://www.w3.org/{year}/XInclude"><xi:include href="/etc/passwd"/></TEI>'
    with pytest.raises(XMLInputError) as raised:
        parse_document(data.encode(), "x.xml")
    assert raised.value.code == "xml-xinclude"


def test_a_utf16_transcript_converts_like_its_utf8_twin(tmp_path: Path) -> None:
    # Before the fix UTF-16 was called "binary" (its NUL bytes).
    utf16 = tmp_path / "record.md"
    utf16.write_bytes(SEED.read_text(encoding="utf-8").encode("utf-16"))
    encoded = encode(read_transcript(utf16))
    twin = encode(read_transcript(SEED))
    assert [str(w).split(":", 1)[1] for w in encoded.warnings] == [str(w).split(":", 1)[1] for w in twin.warnings]
    assert "".join(encoded.tree.getroot().itertext()) == "".join(twin.tree.getroot().itertext())


def test_an_attlist_default_is_reported() -> None:
    # Before the fix the default was ignored without a word.
    data = b'<!DOCTYPE TEI [<!ATTLIST TEI rend CDATA "hidden">]><TEI xmlns="http://www.tei-c.org/ns/1.0"/>'
    document = parse_document(data, "x.xml")
    [diagnostic] = document.diagnostics
    assert diagnostic.code == "xml-dtd-defaults" and "TEI/@rend" in diagnostic.message
