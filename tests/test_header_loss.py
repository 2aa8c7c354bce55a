"""Header facts are never dropped silently: an impossible date, a classification, an unknown label."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import NS
from teikit.convert.encode import encode
from teikit.convert.read import read_transcript
from teikit.core.serialize import to_bytes


@pytest.fixture
def labelled(corpus: Path) -> str:
    return (corpus / "records" / "wilson-300242.txt").read_text(encoding="utf-8")


def _encode(tmp_path: Path, text: str):  # type: ignore[no-untyped-def]
    path = tmp_path / "record.txt"
    path.write_text(text, encoding="utf-8")
    return encode(read_transcript(path))


def test_an_impossible_date_warns(tmp_path: Path, labelled: str) -> None:
    # Before the fix 'February 30, 1950' vanished without a word.
    encoded = _encode(tmp_path, labelled.replace("Date: October 31, 1997", "Date: February 30, 1950"))
    [warning] = [w for w in encoded.warnings if w.code == "bad-date"]
    assert "February 30, 1950" in warning.message and warning.location is not None
    assert (warning.location.line, warning.location.col) == (1, 7)


def test_the_classification_is_kept_without_an_archive_reference(tmp_path: Path, labelled: str) -> None:
    # Before the fix it was written only inside msDesc, which a record without an archive reference lacks.
    text = labelled.replace("Source: BArch, B 136/59748, 403-410. ", "Source: ")
    text = text.replace('Original Archive: ["German Federal Archives (BArch)"]', "Original Archive: ")
    text = text.replace("Original Classification: ", "Original Classification: Top Secret")
    encoded = _encode(tmp_path, text)
    root = encoded.tree.getroot()
    assert not root.xpath("//t:msDesc", namespaces=NS)
    assert root.xpath("string(//t:sourceDesc//t:note[@type='classification'])", namespaces=NS) == "Top Secret"
    from teikit.check.validate import Validator
    from teikit.core.xmlsafe import parse_document

    document = parse_document(to_bytes(encoded.tree), "record.xml")
    assert [d for d in Validator().check_document(document) if d.level == "error"] == []


def test_an_unknown_label_warns_where_it_is(tmp_path: Path, labelled: str) -> None:
    # Before the fix 'Document Number: 12' was glued onto the record number without a word.
    encoded = _encode(tmp_path, labelled.replace("Record ID: 300242\n", "Record ID: 300242\nDocument Number: 12\n"))
    [warning] = [w for w in encoded.warnings if w.code == "unknown-label"]
    assert "'Document Number'" in warning.message and "Record ID" in warning.message
    assert warning.location is not None and warning.location.line == 5
