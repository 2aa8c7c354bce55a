"""The disk fallback's search index: folded words, and the texts' words for every record or none."""

from __future__ import annotations

from pathlib import Path

import pytest

import teikit.publish.site as site_module
from teikit.publish.catalog import CatalogEntry
from teikit.publish.site import fold, search_index


def test_fold_reads_letters_as_plain_latin() -> None:
    assert fold("Łukasiewicz  Ørsted Straße") == "lukasiewicz orsted strasse"
    assert fold("Фёдор Saint-Étienne Lǚ") == "федор saint-etienne lu"


def test_texts_words_for_every_record_or_for_none(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    entries = [CatalogEntry(key=f"r{n}", title=f"Record {n}", date=f"195{n}") for n in range(3)]
    for n in range(3):
        (tmp_path / f"r{n}.txt").write_text(f"wolfram Łódź word{n} " * 3, encoding="utf-8")
        (tmp_path / f"r{n}.diplomatic.txt").write_text("comr[ade]", encoding="utf-8")
    index = search_index(entries, tmp_path)
    assert [item["text"] for item in index] == [f"record {n} 195{n} comr[ade] lodz wolfram word{n}" for n in range(3)]
    monkeypatch.setattr(site_module, "FALLBACK_TEXT_BUDGET", 60)
    assert [item["text"] for item in search_index(entries, tmp_path)] == [f"record {n} 195{n}" for n in range(3)]
