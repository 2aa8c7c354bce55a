"""An edition too large for one index page, in a real browser: moving between its pages, searching across
them from the disk (the fallback's shards loaded as the query needs them), its registers' pages, axe."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from teikit.publish import paging
from teikit.publish.build import build_site

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent.parent
SEED = (ROOT / "tei" / "wilson-111240.xml").read_text(encoding="utf-8")
DATES = ["1949-12-16", "1949-12-20", "1949-12-24", "1950-01-02", "1950-02-14"]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Five records, two to an index page: 1949 on two pages, 1950 on one; registers of a few lines a page."""
    tei = tmp_path_factory.mktemp("tei")
    for index, date in enumerate(DATES):
        text = SEED.replace('<idno type="record">111240</idno>', f'<idno type="record">{index}</idno>')
        text = text.replace('when="1949-12-16"', f'when="{date}"')
        if index == 3:
            text = text.replace("Port Arthur", "Dalny", 1)
        (tei / f"record-{index}.xml").write_text(text, encoding="utf-8")
    site = tmp_path_factory.mktemp("site")
    saved = paging.PAGE_SIZE, paging.REGISTER_BUDGET, paging.SHARD_BYTES
    paging.PAGE_SIZE, paging.REGISTER_BUDGET, paging.SHARD_BYTES = 2, 8, 20_000
    try:
        report = build_site(tei, site, jobs=1, title="Paged edition")
    finally:
        paging.PAGE_SIZE, paging.REGISTER_BUDGET, paging.SHARD_BYTES = saved
    assert len(report.of("built")) == 5
    yield site


def test_moving_between_index_pages(page, site: Path, artifacts: Path) -> None:  # type: ignore[no-untyped-def]
    page.goto((site / "index.html").as_uri())
    pager = page.locator("main .tk-pager ol a")
    assert [pager.nth(n).inner_text() for n in range(pager.count())] == ["1949, part 1", "1949, part 2", "1950"]
    assert "5 records, by year, at most 2 to a page" in page.locator("main").inner_text()
    page.click("main .tk-pager a:text-is('1949, part 1')")
    assert Path(page.url).name == "records-1949.html"
    assert page.locator("#records tbody tr").count() == 2
    assert page.locator(".tk-pager a[aria-current=page]").inner_text() == "1949, part 1"
    assert page.locator(".tk-site-nav a[aria-current]").inner_text() == "Records"
    assert page.title() == "Paged edition · 1949, part 1"
    assert page.locator("a[rel=prev]").count() == 0
    page.click("a[rel=next]")
    assert Path(page.url).name == "records-1949-2.html"
    assert page.locator("#records tbody tr").count() == 1
    page.click("a[rel=next]")
    assert Path(page.url).name == "records-1950.html"
    dates = page.locator("#records tbody td.date")
    assert [dates.nth(n).get_attribute("data-sort") for n in range(2)] == ["1950-01-02", "1950-02-14"]
    assert page.locator("a[rel=next]").count() == 0
    page.click("a[rel=prev]")
    assert Path(page.url).name == "records-1949-2.html"
    page.click(".tk-breadcrumb a:text-is('Records')")
    assert Path(page.url).name == "index.html"
    # The click starts a navigation: Chromium refuses a screenshot of a page still being replaced.
    page.wait_for_load_state("load")
    page.screenshot(path=str(artifacts / "site-pages-index.png"))
    assert page.errors == []


def test_a_search_from_the_disk_finds_records_of_every_page(page, site: Path) -> None:  # type: ignore[no-untyped-def]
    assert len(list(site.glob("search-index-*.js"))) > 1  # the fallback is in shards, none loaded up front
    page.goto((site / "records-1949.html").as_uri())
    assert page.evaluate("() => window.TEIKIT_INDEX === undefined")
    page.fill("#search", "dalny")
    page.wait_for_selector("#search-results li a")
    links = page.locator("#search-results li a")
    assert links.count() == 1 and links.first.get_attribute("href") == "record-3.html"
    assert page.locator("#search-status").inner_text() == "1 of 5 records"
    assert page.locator("#records").is_hidden()
    page.fill("#search", "stalin")
    page.wait_for_function("() => document.querySelectorAll('#search-results li a').length === 5")
    page.fill("#search", "")
    assert page.locator("#records").is_visible() and page.locator("#search-results").is_hidden()
    page.fill("#search", "zzzq")
    page.wait_for_function("() => document.getElementById('search-status').textContent.includes('zzzq')")
    assert page.locator("#search-status").inner_text() == "No record matches “zzzq”"
    links.first.wait_for(state="detached")
    page.goto((site / "records-1950.html").as_uri())
    page.fill("#search", "dalny")
    page.locator("#search-results li a").first.click()
    page.wait_for_load_state()
    assert Path(page.url).name == "record-3.html"
    assert page.errors == []


def test_register_pages_follow_one_another(page, site: Path) -> None:  # type: ignore[no-untyped-def]
    names = sorted(path.name for path in site.glob("persons*.html"))
    assert len(names) > 2
    page.goto((site / "persons.html").as_uri())
    seen = []
    started = time.monotonic()
    while time.monotonic() - started < 60:
        seen.append(Path(page.url).name)
        assert page.locator(".tk-pager a[aria-current=page]").count() == 1
        assert page.locator(".tk-site-nav a[aria-current=page]").inner_text() == "Persons"
        if page.locator("a[rel=next]").count() == 0:
            break
        page.click("a[rel=next]")
    assert sorted(seen) == names
    assert page.errors == []


def test_axe_finds_no_serious_violation_on_the_paged_pages(page, site: Path) -> None:  # type: ignore[no-untyped-def]
    axe_module = pytest.importorskip("axe_playwright_python.sync_playwright", reason="the test extra installs it")
    axe = axe_module.Axe()
    for width in (320, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        for name in ("index.html", "records-1949.html", "records-1949-2.html", "persons.html", "persons-2.html"):
            page.goto((site / name).as_uri())
            results = axe.run(page)
            serious = [
                (violation["id"], [node["target"] for node in violation["nodes"]][:3])
                for violation in results.response["violations"]
                if violation["impact"] in ("serious", "critical")
            ]
            assert serious == [], (name, width, serious)
