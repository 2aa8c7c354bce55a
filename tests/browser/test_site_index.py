"""The site's index page in a real browser: the table, the search, the links."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import convert
from teikit.core.serialize import to_bytes
from teikit.publish.build import build_site

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, corpus: Path) -> Path:
    tei = tmp_path_factory.mktemp("tei")
    (tei / "wilson-111240.xml").write_bytes((ROOT / "tei" / "wilson-111240.xml").read_bytes())
    for record in sorted((corpus / "records").glob("*.txt")):
        (tei / (record.stem + ".xml")).write_bytes(to_bytes(convert(record)[0].tree))
    site = tmp_path_factory.mktemp("site")
    report = build_site(tei, site, jobs=1, title="Test edition")
    assert len(report.of("built")) == 4
    return site


def test_table_search_and_links(page, site: Path, artifacts: Path) -> None:  # type: ignore[no-untyped-def]
    page.goto((site / "index.html").as_uri())
    rows = page.locator("#records tbody tr")
    assert rows.count() == 4
    dates = [rows.nth(index).locator("td.date").get_attribute("data-sort") for index in range(4)]
    assert dates == sorted(dates)
    page.fill("#search", "Port Arthur")
    visible = page.locator("#records tbody tr:visible")
    assert visible.count() == 1
    assert "Record of Conversation between I.V. Stalin" in visible.inner_text()
    assert page.locator("#search-status").inner_text() == "1 of 4 records"
    page.screenshot(path=str(artifacts / "site-index-search.png"))
    page.fill("#search", "")
    assert page.locator("#records tbody tr:visible").count() == 4
    page.click("th:nth-child(2) button")
    assert page.locator("th:nth-child(2)").get_attribute("aria-sort") == "ascending"
    page.fill("#search", "port arthur")
    page.locator("#records tbody tr:visible td.title a").click()
    page.wait_for_load_state()
    assert page.url.endswith("wilson-111240.html")
    assert page.locator("h1").inner_text().startswith("Record of Conversation between I.V. Stalin")
    page.go_back()
    for link in ("text", "TEI"):
        href = page.locator(f"#records tbody tr[data-key='wilson-111240'] td.files a:text-is('{link}')").get_attribute(
            "href"
        )
        assert (site / href).is_file()
    page.click("nav a:text-is('Persons')")
    assert "Fedorenko" in page.locator("main").inner_text()
    assert page.errors == []
