"""Everything teikit writes is valid against the official TEI P5 tei_all schema."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from helpers import convert


def _check(tei_all: etree.RelaxNG, root: etree._Element) -> None:
    valid = tei_all.validate(etree.ElementTree(root))
    assert valid, "\n".join(f"{error.line}: {error.message}" for error in tei_all.error_log)


def test_seed_is_valid_tei_all(tei_all: etree.RelaxNG, seed: Path) -> None:
    _check(tei_all, convert(seed)[1])


@pytest.mark.parametrize("name", ["wilson-111240.md", "wilson-300242.txt", "wilson-300641.txt", "wilson-300653.txt"])
def test_sample_records_are_valid_tei_all(tei_all: etree.RelaxNG, corpus: Path, name: str) -> None:
    _check(tei_all, convert(corpus / "records" / name)[1])


def test_committed_edition_is_valid_tei_all(tei_all: etree.RelaxNG) -> None:
    edition = Path(__file__).resolve().parent.parent / "tei"
    files = sorted(edition.glob("*.xml"))
    assert files, "tei/ holds no TEI"
    for path in files:
        _check(tei_all, etree.parse(str(path)).getroot())


def test_repeated_and_self_citing_footnotes_are_valid_tei_all(tei_all: etree.RelaxNG, tmp_path: Path) -> None:
    record = tmp_path / "notes.md"
    record.write_text(
        "Title: Notes\n\nMet at Chequers[1], then at Chequers[1] again[2].\n\n"
        "[1] A country house.\n[2] As in note [2] and [1].\n"
    )
    encoded, root = convert(record)
    assert [row.rule for row in encoded.brackets].count("footnote") == 5
    _check(tei_all, root)


def test_widened_record_is_valid_tei_all(tei_all: etree.RelaxNG) -> None:
    record = Path(__file__).resolve().parent / "data" / "widened-record.xml"
    _check(tei_all, etree.parse(str(record)).getroot())
