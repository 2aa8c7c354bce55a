"""The FRUS corpus measured as benchmarks/bench_convert_quality.py measures it, held to the issue's thresholds."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from lxml import etree

from helpers import convert
from teikit.check.validate import Validator
from teikit.core.serialize import to_bytes
from teikit.core.xmlsafe import parse_document

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from bench_convert_quality import measure_corpus, totals


def test_frus_turns_words_and_page_breaks(corpus: Path) -> None:
    results = measure_corpus(corpus)
    frus = [result for result in results if result.kind != "-"]
    assert len(frus) == 24
    recall, precision = totals(results)
    assert recall >= 0.99 and precision >= 0.99, (recall, precision)
    assert sum(result.gold for result in frus) >= 569
    assert [result.name for result in results if result.words_lost] == []
    assert sum(result.page_breaks for result in frus) == 0
    assert [result.found for result in frus if result.kind in ("reported", "control")] == [0] * 14


@pytest.fixture(scope="module")
def validator() -> Validator:
    return Validator()


def test_every_frus_record_is_valid(corpus: Path, tei_all: etree.RelaxNG, validator: Validator) -> None:
    """teikit.rng, teikit.sch and tei_all on the TEI of every FRUS record."""
    for path in sorted((corpus / "frus" / "records").glob("*.txt")):
        encoded, root = convert(path)
        document = parse_document(to_bytes(encoded.tree), str(path))
        errors = [str(d) for d in validator.check_document(document) if d.level == "error"]
        assert not errors, (path.name, errors[:5])
        assert tei_all.validate(etree.ElementTree(root)), (path.name, str(tei_all.error_log)[:500])
