"""Site-wide files stay bounded: the index by year in pages, registers in pages, the search fallback in shards."""

from __future__ import annotations

import os
import time
from pathlib import Path

import html5lib
import pytest
from lxml import html

from teikit.publish import paging
from teikit.publish.build import build_site
from teikit.publish.catalog import CatalogEntry
from teikit.publish.manifest import Manifest
from teikit.publish.paging import chunks, labelled_pages, record_pages, shards
from teikit.publish.registers import RegisterEntry, RegisterItem
from teikit.publish.site import register_documents

ROOT = Path(__file__).resolve().parent.parent
SEED = (ROOT / "tei" / "wilson-111240.xml").read_text(encoding="utf-8")
AN_HOUR_AGO = time.time_ns() - 3600 * 10**9


@pytest.mark.parametrize(("count", "pages"), [(0, 1), (1, 1), (4, 1), (5, 3)])
def test_index_pages_at_the_boundaries(count: int, pages: int) -> None:
    # 0, 1 and the page size: one index.html with every record; one more: a page listing the pages, and one per
    # year, a year over the page size continued on its second page.
    items = [f"1949-0{1 + n % 9}-01" for n in range(count)]
    made = record_pages(items, lambda date: date, size=4)
    if pages == 1:
        assert [(page.name, page.items) for page in made] == [("index.html", items)]
    else:
        assert [(page.name, page.label, page.part, len(page.items)) for page in made] == [
            ("records-1949.html", "1949", 1, 4),
            ("records-1949-2.html", "1949", 2, 1),
        ]


def test_years_have_their_own_pages_and_undated_records_theirs() -> None:
    items = ["1949-12-16", "1950-01-02", "1950-02-14", "", "c. 1951"]
    made = record_pages(items, lambda date: date, size=2)
    assert [(page.name, page.items) for page in made] == [
        ("records-1949.html", ["1949-12-16"]),
        ("records-1950.html", ["1950-01-02", "1950-02-14"]),
        ("records-undated.html", ["", "c. 1951"]),
    ]
    assert all(paging.SITE_FILE_RE.fullmatch(page.name) for page in made)


def test_chunks_keep_each_run_within_its_budget() -> None:
    assert list(chunks([], len, 3)) == []
    assert list(chunks(["a", "bb", "c", "dddd", "e"], len, 3)) == [["a", "bb"], ["c"], ["dddd"], ["e"]]
    assert shards([]) == [[]] and shards(["x" * 10, "y" * 10], budget=15) == [["x" * 10], ["y" * 10]]


def test_a_register_is_labelled_by_initials_and_an_entry_too_long_for_a_page_is_continued() -> None:
    entries = [CatalogEntry(key=f"r{n}", title=f"Record {n}", date="1949-12-16") for n in range(7)]
    many = RegisterEntry(
        "person", [("Stalin", "en")], records=[(f"r{n}", RegisterItem("person", "stalin")) for n in range(7)]
    )
    few = RegisterEntry("person", [("Mao Zedong", "en")], records=[("r0", RegisterItem("person", "mao"))])
    made = [(name, document) for name, kind, document in register_documents(entries, [few, many], "E", budget=4)]
    # Mao (1 line + 1 mention) fills page 1 as far as Stalin's first part (1 + 3) allows; Stalin continues.
    assert [name for name, _ in made][:3] == ["persons.html", "persons-2.html", "persons-3.html"]
    first = html.fromstring(made[0][1].encode())
    assert first.xpath("//page/@label") == ["M", "S", "S", "S"] and first.xpath("//page/@part") == ["0", "1", "2", "3"]
    mentions = [
        html.fromstring(document.encode()).xpath("count(//entry[name='Stalin']/mention)") for _, document in made
    ]
    assert mentions[:4] == [0, 3, 3, 1]
    assert [html.fromstring(document.encode()).xpath("//entry/@continued") for _, document in made][1:4] == [
        [],
        ["true"],
        ["true"],
    ]
    assert labelled_pages("places", [], lambda item: 1, lambda item: "", 4)[0].name == "places.html"


def make_records(tei: Path, dates: list[str]) -> list[Path]:
    tei.mkdir(parents=True, exist_ok=True)
    paths = []
    for index, date in enumerate(dates):
        path = tei / f"record-{index}.xml"
        text = SEED.replace('<idno type="record">111240</idno>', f'<idno type="record">{index}</idno>')
        text = text.replace('when="1949-12-16"', f'when="{date}"')  # the title's date and the creation date
        path.write_text(text, encoding="utf-8")
        os.utime(path, ns=(AN_HOUR_AGO, AN_HOUR_AGO))
        paths.append(path)
    return paths


def rows(site: Path, page: str) -> list[str]:
    return html.parse(str(site / page)).xpath("//table[@id='records']/tbody/tr/@data-key")


def test_a_record_that_moves_to_another_year_moves_page_and_a_removed_one_leaves_its_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(paging, "PAGE_SIZE", 2)
    tei, site = tmp_path / "tei", tmp_path / "site"
    paths = make_records(tei, ["1949-12-16", "1949-12-17", "1950-01-02"])
    build_site(tei, site, jobs=1)
    assert rows(site, "records-1949.html") == ["record-0", "record-1"] and rows(site, "records-1950.html") == [
        "record-2"
    ]
    landing = html.parse(str(site / "index.html"))
    assert landing.xpath("//nav[@class='tk-pager']//a/@href") == ["records-1949.html", "records-1950.html"]
    assert not landing.xpath("//table")
    # record-1 is redated to 1950: only it is rebuilt, and it moves from the 1949 page to the 1950 one.
    paths[1].write_text(paths[1].read_text(encoding="utf-8").replace('"1949-12-17"', '"1950-03-01"'), encoding="utf-8")
    report = build_site(tei, site, jobs=1)
    assert [outcome.key for outcome in report.of("built")] == ["record-1"]
    assert rows(site, "records-1949.html") == ["record-0"] and rows(site, "records-1950.html") == [
        "record-2",
        "record-1",
    ]
    # record-0 removed: 1949 has no record left, its page goes; what remains fits on one page: index.html again.
    paths[0].unlink()
    build_site(tei, site, jobs=1)
    assert not (site / "records-1949.html").exists() and not (site / "records-1950.html").exists()
    assert rows(site, "index.html") == ["record-2", "record-1"]
    assert Manifest.load(site).site_files[0] == "index.html"
    assert sorted(path.name for path in site.glob("records-*")) == []


def test_no_site_file_is_over_its_budget(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paging, "PAGE_SIZE", 2)
    monkeypatch.setattr(paging, "REGISTER_BUDGET", 100)  # the seed names Stalin at 50-odd places
    monkeypatch.setattr(paging, "SHARD_BYTES", 40_000)
    tei, site = tmp_path / "tei", tmp_path / "site"
    make_records(tei, ["1949-12-16", "1949-12-17", "1949-12-18", "1950-01-02", "1950-01-03"])
    build_site(tei, site, jobs=1)
    names = Manifest.load(site).site_files
    assert {"records-1949-2.html", "persons-2.html", "search-index-2.js", "search-index-2.json"} <= set(names)
    for name in names:
        if name.startswith("search-index-"):
            assert (site / name).stat().st_size <= 40_000 + 100, name
        if name.startswith(("persons", "places", "organisations")):
            page = html.parse(str(site / name))
            # A line an entry, one a record that mentions it, one a place it is mentioned at (a link each).
            lines = page.xpath("//ul[contains(@class, 'tk-register')]/li") + page.xpath("//ul[@class='mentions']//a")
            assert len(lines) <= 100, name


def test_the_pages_of_a_paged_site_are_valid_html(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paging, "PAGE_SIZE", 1)
    monkeypatch.setattr(paging, "REGISTER_BUDGET", 60)
    tei, site = tmp_path / "tei", tmp_path / "site"
    make_records(tei, ["1949-12-16", "1950-01-02"])
    build_site(tei, site, jobs=1, ui_lang="ru")
    for name in ("index.html", "records-1949.html", "records-1950.html", "persons.html", "persons-2.html"):
        parser = html5lib.HTMLParser(strict=True)
        parser.parse((site / name).read_text(encoding="utf-8"))
        assert not parser.errors, name
    landing = (site / "index.html").read_text(encoding="utf-8")
    assert "Документов: 2, по годам, не более 1 на странице:" in landing and "Страницы списка" in landing
