"""Registers across records: every mention listed, entries merged by authority id, then by name."""

from __future__ import annotations

from pathlib import Path

from lxml import etree, html

from teikit.publish.build import build_site
from teikit.publish.registers import authority_url, register_items

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tei" / "wilson-111240.xml"
TEI = {"t": "http://www.tei-c.org/ns/1.0"}


def test_every_mention_of_the_seed_is_listed_with_its_turn() -> None:
    root = etree.parse(str(SEED)).getroot()
    items = {item.ident: item for item in register_items(root)}
    for element in root.xpath("//t:text//t:persName[@ref] | //t:text//t:placeName[@ref]", namespaces=TEI):
        ident = element.get("ref")[1:]
        anchor = element.xpath("ancestor::*[@xml:id][1]/@xml:id")[0]
        assert anchor in items[ident].mentions, (ident, anchor)
    assert {"stalin", "mao-zedong"} <= set(items)
    assert ("Сталин", "ru") in items["stalin"].names


def test_authority_urls() -> None:
    assert authority_url("wikidata", "Q855") == "https://www.wikidata.org/wiki/Q855"
    assert authority_url("gnd", "https://d-nb.info/gnd/118609807/") == "https://d-nb.info/gnd/118609807"
    assert authority_url("viaf", "javascript:alert(1)") == ""
    assert authority_url("", "javascript:alert(1)") == ""


def test_records_merge_by_authority_then_by_name(tmp_path: Path) -> None:
    # Built as a project builds it: each record validated against teikit's schema, which admits the
    # authority ids the merge reads (idno of wikidata, viaf, gnd, geonames, pmb; @sameAs).
    seed = SEED.read_text(encoding="utf-8")
    with_id = seed.replace(
        '<persName xml:lang="ru">Сталин</persName>',
        '<persName xml:lang="ru">Сталин</persName><idno type="wikidata">Q855</idno>',
        1,
    ).replace(
        '<placeName type="variant">Taiwan</placeName>',
        '<placeName type="variant">Taiwan</placeName><idno type="geonames">1668284</idno>',
        1,
    )
    renamed = with_id.replace(
        '<persName xml:lang="en">Stalin</persName>', '<persName xml:lang="en">I. V. Stalin</persName>', 1
    ).replace('<idno type="geonames">1668284</idno>', "", 1)
    renamed = renamed.replace(
        '<person xml:id="molotov"', '<person xml:id="molotov" sameAs="https://www.wikidata.org/wiki/Q124862"', 1
    )
    assert with_id.count("Q855") == 1 and "Q124862" in renamed and "1668284" in with_id
    tei = tmp_path / "tei"
    tei.mkdir()
    (tei / "a.xml").write_text(with_id, encoding="utf-8")
    (tei / "b.xml").write_text(renamed, encoding="utf-8")
    site = tmp_path / "site"
    report = build_site(tei, site, jobs=1)
    assert [(o.key, o.status) for o in report.outcomes] == [("a", "built"), ("b", "built")], [
        str(d) for o in report.outcomes for d in o.diagnostics
    ]
    files = {
        name: (site / name).read_text(encoding="utf-8")
        for name in ("persons.html", "places.html", "registers-review.txt")
    }
    page = html.fromstring(files["persons.html"])
    stalin = [
        li for li in page.xpath("//ul[contains(@class, 'tk-register')]/li") if "Stalin" in li.xpath("string(strong)")
    ]
    assert len(stalin) == 1
    names = [" ".join(node.text_content().split()) for node in stalin[0].xpath("strong | span[not(@class)]")]
    assert names[:2] == ["Stalin", "Сталин"] and "I. V. Stalin" in names
    assert stalin[0].xpath(".//ul[@class='tk-authorities']//a/@href") == ["https://www.wikidata.org/wiki/Q855"]
    assert [a.split("#")[0] for a in stalin[0].xpath("ul[@class='mentions']/li/a[1]/@href")] == ["a.html", "b.html"]
    # Molotov has an authority id in one record only: joined by his name, and the id is shown.
    molotov = [
        li for li in page.xpath("//ul[contains(@class, 'tk-register')]/li") if li.xpath("string(strong)") == "Molotov"
    ]
    assert len(molotov) == 1 and len(molotov[0].xpath("ul[@class='mentions']/li")) == 2
    assert molotov[0].xpath(".//ul[@class='tk-authorities']//a/@href") == ["https://www.wikidata.org/wiki/Q124862"]
    places = html.fromstring(files["places.html"])
    formosa = [li for li in places.xpath("//ul[contains(@class, 'tk-register')]/li") if "Formosa" in li.text_content()]
    assert formosa and formosa[0].xpath(".//ul[@class='tk-authorities']//a/@href") == [
        "https://www.geonames.org/1668284"
    ]
    review = files["registers-review.txt"]
    assert "b#stalin: same auth https://www.wikidata.org/wiki/Q855" in review
    assert "b#molotov: same name person molotov" in review
